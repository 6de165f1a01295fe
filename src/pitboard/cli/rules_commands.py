"""Rule commands: `rules` lists the bundled rule sets, `check` lists every line-up breach."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer
from rich.table import Table

from pitboard.cli.app import app, console, reports_input_errors
from pitboard.engine.eligibility import eligibility_report
from pitboard.ingest.catalog import find_season
from pitboard.rules.presets import load_preset, preset_names

EXIT_BREACHES = 1


class CheckFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


def _lineup_summary(name: str) -> str:
    rules = load_preset(name).rules
    parts = []
    for block in rules.lineup.classes:
        facts = []
        if block.min_drivers or block.max_drivers:
            facts.append(f"{block.min_drivers or 1}-{block.max_drivers or '∞'} drivers")
        facts.extend(count.describe() for count in block.ratings)
        if block.nationality:
            facts.append(block.nationality.describe())
        if block.eligible_cars:
            facts.append("eligible cars")
        if block.driving_time:
            facts.append("driving times")
        where = ", ".join(block.classes) or "all classes"
        parts.append(f"{where}: " + "; ".join(facts))
    return "\n".join(parts)


@app.command("rules")
@reports_input_errors
def rules_command(
    fmt: Annotated[CheckFormat, typer.Option("--format", "-f")] = CheckFormat.TABLE,
) -> None:
    """List the bundled rule sets: series, season, how each scores and its line-up rules."""
    presets = [load_preset(name) for name in preset_names()]
    if fmt is CheckFormat.JSON:
        data = [
            {
                "name": p.name,
                "series": p.series,
                "season": p.season,
                "scoring": p.rules.describe(),
                "lineup": _lineup_summary(p.name).splitlines(),
                "about": p.about,
                "sources": list(p.sources),
                "unverified": list(p.unverified),
            }
            for p in presets
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return
    table = Table(title="Bundled rule sets")
    for heading in ("Name", "Series", "Season", "Scores", "Line-up rules"):
        table.add_column(heading)
    for p in presets:
        table.add_row(p.name, p.series, p.season, p.rules.describe(), _lineup_summary(p.name))
    console.print(table)


@app.command("check")
@reports_input_errors
def check_command(
    season: Annotated[str, typer.Argument(help="Season id, year or season file.")],
    fmt: Annotated[CheckFormat, typer.Option("--format", "-f")] = CheckFormat.TABLE,
) -> None:
    """List every breach of the line-up and entry rules; exit 1 when there is one.

    Checks that need a fact the record lacks (a rating, a nationality, a car's category) are
    listed apart as not made.
    """
    loaded = find_season(season)
    report = eligibility_report(loaded.season, loaded.rules)
    breaches = report["breaches"]
    unchecked = report["unchecked"]
    assert isinstance(breaches, list)
    assert isinstance(unchecked, list)
    if fmt is CheckFormat.JSON:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        _print_report(loaded.season.title, report, breaches, unchecked)
    if breaches:
        raise typer.Exit(EXIT_BREACHES)


def _rows_table(title: str, rows: list[dict[str, object]]) -> Table:
    table = Table(title=title, title_justify="left", show_lines=True)
    for heading in ("Rnd", "Where", "Class", "Car", "Rule", "Why"):
        table.add_column(heading, overflow="fold")
    for row in rows:
        where = "entry list" if row["race"] is None else f"race {row['race']}"
        table.add_row(str(row["round"]), where, str(row["class"]), str(row["car"]),
                      str(row["rule"]), str(row["why"]))
    return table


def _print_report(
    title: str,
    report: dict[str, object],
    breaches: list[dict[str, object]],
    unchecked: list[dict[str, object]],
) -> None:
    console.print(f"[bold]{title}[/bold] — {report['rules']}")
    if not report["has_lineup_rules"]:
        console.print("The rule set has no line-up or entry rules: nothing to check.")
        return
    if breaches:
        console.print(_rows_table(f"{len(breaches)} breach(es)", breaches))
    else:
        console.print("No breach of the line-up and entry rules.")
    if unchecked:
        console.print(_rows_table(
            f"{len(unchecked)} check(s) not made: a fact is missing from the record", unchecked
        ))
