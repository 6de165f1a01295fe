"""Rule commands: `rules` lists the bundled rule sets, `check` lists every line-up breach."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer
from rich import box
from rich.markup import escape
from rich.table import Table

from pitboard.cli.app import app, console, reports_input_errors
from pitboard.engine.eligibility import eligibility_report
from pitboard.ingest.catalog import find_season
from pitboard.rules import RuleSet
from pitboard.rules.lineup import ClassLineup
from pitboard.rules.presets import load_preset, preset_names

EXIT_BREACHES = 1


class CheckFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


def _lineup_facts(block: ClassLineup) -> list[tuple[str, str]]:
    """What one block of line-up rules checks: (the kind of check, the rule in words)."""
    facts = []
    if block.min_drivers or block.max_drivers:
        drivers = f"{block.min_drivers or 1}-{block.max_drivers or '∞'} drivers"
        facts.append((drivers, drivers))
    facts += [("ratings", count.describe()) for count in block.ratings]
    if block.nationality:
        facts.append(("nationality", block.nationality.describe()))
    if block.eligible_cars:
        facts.append(("eligible cars", "eligible cars"))
    if block.driving_time:
        facts.append(("driving times", "driving times"))
    return facts


def _lineup_summary(rules: RuleSet) -> list[str]:
    """Each block's classes and rules: 'GTC: 2-3 drivers; at least 1 amateur (Bronze)'."""
    return [
        (", ".join(block.classes) or "all classes") + ": "
        + "; ".join(rule for _, rule in _lineup_facts(block))
        for block in rules.lineup.classes
    ]


def _lineup_checks(rules: RuleSet) -> str:
    """What the line-up rules check, in a few words: 'line-up: 2-3 drivers, ratings ...'."""
    kinds = [kind for block in rules.lineup.classes for kind, _ in _lineup_facts(block)]
    return ("line-up: " + ", ".join(dict.fromkeys(kinds))) if kinds else ""


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
                "lineup": _lineup_summary(p.rules),
                "about": p.about,
                "sources": list(p.sources),
                "unverified": list(p.unverified),
            }
            for p in presets
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return
    table = Table(title="Bundled rule sets", title_justify="left", box=box.SIMPLE_HEAD,
                  leading=1)
    table.add_column("Name", no_wrap=True)  # what a season file's `preset:` takes
    table.add_column("Series", ratio=1)
    table.add_column("Scores; line-up rules", ratio=2, overflow="fold")
    for p in presets:
        checks = _lineup_checks(p.rules)
        table.add_row(
            p.name, escape(f"{p.series} {p.season}"),
            escape(p.rules.describe()) + (f"\n[dim]{escape(checks)}[/dim]" if checks else ""),
        )
    console.print(table)
    console.print("Each rule in full: pitboard rules --format json, or docs/rules.md.",
                  highlight=False)



@app.command("check")
@reports_input_errors
def check_command(
    season: Annotated[str, typer.Argument(metavar="SEASON",
                                          help="Season id, year or season file.")],
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
