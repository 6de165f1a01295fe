"""Rule commands: `rules` lists the bundled rule sets, `check` lists every line-up breach."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from pitboard.cli.app import app, console, reports_input_errors
from pitboard.cli.stored import ReadOption, season_of
from pitboard.domain import InputError, Problem, Season
from pitboard.domain.published import FigureDifference
from pitboard.engine.standings import season_standings
from pitboard.rules.presets import Preset, load_preset, preset_names

EXIT_BREACHES = 1  # a breach of the line-up rules, or a published figure computed otherwise


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


def _championships(preset: Preset) -> list[dict[str, object]]:
    """A preset's championships as data: title, class, table, classes, how they score."""
    rules = preset.rules
    return [
        {
            "title": c.title,
            "class": c.class_label,
            "table": c.table.value,
            "classes": list(c.classes),
            "order": list(c.order_classes),
            "describe": c.describe(),
            "scoring": rules.for_championship(c).describe() if c.scoring() else None,
        }
        for c in rules.championships
    ]


def _preset_row(p: Preset) -> dict[str, object]:
    return {
        "name": p.name,
        "series": p.series,
        "season": p.season,
        "scoring": p.rules.describe(),
        "championships": _championships(p),
        "lineup": _lineup_summary(p.name).splitlines(),
        "about": p.about,
        "sources": list(p.sources),
        "unverified": list(p.unverified),
    }


DEFAULT_SET = "a drivers', a teams' and a manufacturers' table for each class"


@app.command("rules")
@reports_input_errors
def rules_command(
    name: Annotated[str | None, typer.Argument(help="One rule set, shown in full.")] = None,
    fmt: Annotated[CheckFormat, typer.Option("--format", "-f")] = CheckFormat.TABLE,
) -> None:
    """List the bundled rule sets and their championships; with a name, one in full: scoring,
    championships, line-up rules, sources and what they did not settle."""
    if name is not None and name not in preset_names():
        raise InputError([Problem("rules", None, "name",
                                  "a bundled rule set: " + ", ".join(preset_names()), repr(name))])
    presets = [load_preset(n) for n in ([name] if name else preset_names())]
    if fmt is CheckFormat.JSON:
        rows = [_preset_row(p) for p in presets]
        print(json.dumps(rows[0] if name else rows, ensure_ascii=False, indent=2))
        return
    if name is not None:
        _print_preset(presets[0])
        return
    table = Table(title="Bundled rule sets")
    for heading in ("Name", "Series", "Season", "Championships"):
        table.add_column(heading)
    for p in presets:
        count = len(p.rules.championships)
        table.add_row(p.name, p.series, p.season, str(count) if count else "3 per class")
    console.print(table)
    console.print("`pitboard rules NAME` shows one in full: its scoring, championships by title, "
                  "line-up rules and sources.", highlight=False, markup=False)


def _print_preset(p: Preset) -> None:
    rules = p.rules
    console.print(f"[bold]{p.name}[/bold] — {p.series} {p.season}", highlight=False)
    console.print(p.about, highlight=False)
    console.print(f"\n[bold]Scoring[/bold]: {rules.describe()}", highlight=False)
    console.print("\n[bold]Championships[/bold]")
    if not rules.championships:
        console.print(f"  {DEFAULT_SET}")
    for c in _championships(p):
        _indented(str(c["title"]), 2)
        _indented(str(c["describe"]), 4)
        if c["scoring"]:
            _indented(f"scores {c['scoring']}", 4)
    lineup = _lineup_summary(p.name)
    if lineup:
        console.print("\n[bold]Line-up rules[/bold]")
        for line in lineup.splitlines():
            _indented(line, 2)
    for heading, items in (("Sources", p.sources), ("Not settled by the sources", p.unverified)):
        if items:
            console.print(f"\n[bold]{heading}[/bold]")
            for item in items:
                _indented(f"- {item}", 2)


def _indented(text: str, by: int) -> None:
    """A paragraph whose wrapped lines keep its indent."""
    console.print(Padding(Text(text), (0, 0, 0, by)), highlight=False)


@app.command("check")
@reports_input_errors
def check_command(
    season: Annotated[str, typer.Argument(help="Season id, year or season file.")],
    fmt: Annotated[CheckFormat, typer.Option("--format", "-f")] = CheckFormat.TABLE,
    database: ReadOption = None,
) -> None:
    """List every breach of the line-up and entry rules, and every published figure (place,
    total, champion) the computed standings differ from; exit 1 when there is one.

    Checks that need a fact the record lacks (a rating, a nationality, a car's category) are
    listed apart as not made. Exit status: 0 nothing found, 1 a breach or a differing figure,
    2 bad input.
    """
    from pitboard.office import season_checks

    loaded = season_of(season, database)
    tables = season_standings(loaded.season, loaded.rules)
    report, differences = season_checks(loaded.season, loaded.rules, tables)
    breaches = report["breaches"]
    unchecked = report["unchecked"]
    if not isinstance(breaches, list) or not isinstance(unchecked, list):
        raise TypeError("the eligibility report lists its breaches and unchecked rows")
    if fmt is CheckFormat.JSON:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        _print_report(loaded.season.title, report, breaches, unchecked)
        _print_differences(loaded.season, report, differences)
    if breaches or differences:
        raise typer.Exit(EXIT_BREACHES)


def _print_differences(season: Season, report: dict[str, object],
                       differences: list[FigureDifference]) -> None:
    """The published figures the computed standings differ from, each with both values."""
    if season.published is None:
        return
    if not season.has_results:
        console.print("pitboard holds no results of this season: its published figures are "
                      "shown as published, with nothing to compare them with.",
                      highlight=False)
        return
    if not differences:
        console.print("Every published figure is the computed one.", highlight=False)
        return
    table = Table(title=f"{len(differences)} published figure(s) computed otherwise",
                  title_justify="left", show_lines=True)
    for heading in ("Table", "Figure", "Who", "Published", "Computed"):
        table.add_column(heading, overflow="fold")
    for d in differences:
        table.add_row(d.championship, d.figure.value, d.who, d.published, d.computed)
    console.print(table)


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
