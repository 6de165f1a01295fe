"""Season commands: `seasons`, `results`, `standings`."""

from __future__ import annotations

import json
import os
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.markup import escape
from rich.table import Table

from pitboard.cli.app import app, console, reports_input_errors
from pitboard.cli.stored import DATABASE_ENV, ReadOption, season_of, seasons_of
from pitboard.domain import InputError, Problem, Round
from pitboard.domain.cells import CellKind, cell_kind
from pitboard.domain.standings import StandingRow, StandingTable, TableKind
from pitboard.engine.standings import award_winners, season_standings, select_tables
from pitboard.ingest import LoadedSeason
from pitboard.ingest.files import read_results_file
from pitboard.ingest.season_file import season_from_results
from pitboard.output.columns import RaceColumn, column_races, column_text, race_columns
from pitboard.output.round_report import points_text, round_document, round_markdown
from pitboard.output.schema import number, standings_document
from pitboard.output.season_list import rounds_text, season_summary
from pitboard.output.text_tables import (
    adjustment_notes,
    adjustment_text,
    standings_csv,
    standings_markdown,
)
from pitboard.rules import ManufacturerScoring, PlaceNumbering, RuleSet, TeamScoring, TieBreak


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"


class ListFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


@app.command("seasons")
@reports_input_errors
def seasons_command(
    fmt: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.TABLE,
    database: ReadOption = None,
) -> None:
    """List the seasons: the bundled record, or those stored in a database."""
    loaded = seasons_of(database)
    if fmt is ListFormat.JSON:
        data = [season_summary(ls.season, ls.rules) for ls in loaded]
        console.print_json(json.dumps(data, ensure_ascii=False))
        return
    table = Table(title="Stored seasons" if database or os.environ.get(DATABASE_ENV)
                  else "Bundled seasons", title_justify="left", box=box.SIMPLE_HEAD,
                  leading=1)
    # The id one types is never cut (the series name below it wraps), nor is a points scale.
    # The id one types is never cut, nor a class code ("GT Cup") or a points scale; how far
    # the calendar has run goes under the series' name.
    classes = [", ".join(c.code.replace(" ", NBSP) for c in ls.season.classes) for ls in loaded]
    table.add_column("Season", width=max((len(ls.season.id) for ls in loaded), default=6))
    table.add_column("Classes", ratio=1, min_width=_longest_word(classes))
    table.add_column("Points", width=_longest_word([ls.rules.describe() for ls in loaded]))
    for ls, classes_cell in zip(loaded, classes, strict=True):
        table.add_row(
            f"{ls.season.id}\n[dim]{escape(ls.season.series.name)}\n"
            f"{escape(rounds_text(ls.season))}[/dim]",
            classes_cell, escape(ls.rules.describe()),
        )
    console.print(table)


NBSP = "\u00a0"


def _longest_word(texts: list[str]) -> int:
    """The width of the longest word of any text (a non-breaking space joins two words)."""
    return max((len(word) for text in texts for word in text.split(" ")), default=6)


def _find_round(loaded: LoadedSeason, ref: str) -> Round:
    found = loaded.season.round_by_ref(ref)
    if found is not None:
        return found
    rounds = ", ".join(
        f"{r.number} ({r.short_name or r.name})" for r in loaded.season.held_rounds()
    )
    raise InputError(
        [Problem(loaded.season.id, None, "round", f"a round of the season: {rounds}", repr(ref))]
    )


@app.command("results")
@reports_input_errors
def results_command(
    season: Annotated[str, typer.Argument(metavar="SEASON",
                                          help="Season id, year or season file.")],
    round_ref: Annotated[str, typer.Argument(metavar="ROUND", help="Round number or name.")],
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.TABLE,
    database: ReadOption = None,
) -> None:
    """Show a round: its qualifying and grid, and each race's classification by class."""
    loaded = season_of(season, database)
    rnd = _find_round(loaded, round_ref)
    document = round_document(loaded.season, loaded.rules, rnd)
    if fmt is OutputFormat.JSON:
        console.print_json(json.dumps(document, ensure_ascii=False))
    elif fmt is OutputFormat.MARKDOWN:
        print(round_markdown(document))
    elif fmt is OutputFormat.CSV:
        print(_round_csv(document), end="")
    else:
        _print_round(document)


def _round_csv(document: dict[str, object]) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["race", "class", "class_position", "status", "number", "team", "drivers",
                     "laps", "pole", "points"])
    for race in document["races"]:  # type: ignore[attr-defined]
        for cls in race["classes"]:
            for row in cls["rows"]:
                writer.writerow([race["number"], cls["class"], row["class_position"] or "",
                                 row["status"], row["number"] or "", row["team"],
                                 " / ".join(row["drivers"]), row["laps"] or "",
                                 "yes" if row["pole"] else "", points_text(row["points"])])
    return out.getvalue()


def _print_round(document: dict[str, object]) -> None:
    rnd = document["round"]
    assert isinstance(rnd, dict)
    where = ", ".join(str(x) for x in (rnd["circuit"], rnd["date"]) if x)
    console.print(f"[bold]{rnd['name']}[/bold]" + (f" — {where}" if where else ""))
    if rnd["status"] == "cancelled":
        console.print(f"Cancelled. {rnd.get('note', '')}")
        return
    if rnd["status"] == "scheduled":
        console.print("Scheduled: no results yet.")
        return
    qualifying = document.get("qualifying")
    if isinstance(qualifying, list) and qualifying:
        table = Table(title="Qualifying and grid")
        for heading in ("Grid", "Class", "No", "Team", "Driver", "Time", ""):
            table.add_column(heading)
        for q in qualifying:
            table.add_row(str(q["grid"]), q["class"], q["number"] or "", q["team"],
                          ", ".join(q["drivers"]), q["time"] or "",
                          "class pole" if q["class_pole"] else q["note"])
        console.print(table)
    for race in document["races"]:  # type: ignore[attr-defined]
        for cls in race["classes"]:
            table = Table(title=f"{race['name']} — {cls['class']}")
            for heading in ("Pos", "No", "Team", "Drivers", "Laps", "Pole", "Points"):
                table.add_column(heading)
            for row in cls["rows"]:
                pos = str(row["class_position"]) if row["class_position"] else row["status"]
                table.add_row(pos, row["number"] or "", row["team"], ", ".join(row["drivers"]),
                              "" if row["laps"] is None else str(row["laps"]),
                              "●" if row["pole"] else "", points_text(row["points"]))
            console.print(table)


def _parse_points(text: str) -> tuple[Decimal, ...]:
    try:
        return tuple(Decimal(p.strip()) for p in text.split(",") if p.strip())
    except InvalidOperation:
        raise InputError(
            [Problem("--points", None, "points", "numbers separated by commas", repr(text))]
        ) from None


def _rules_with_options(rules: RuleSet, options: dict[str, object]) -> RuleSet:
    """The rule set with the command-line options that were given laid over it."""
    changes = {k: v for k, v in options.items() if v is not None}
    if not changes:
        return rules
    data = rules.model_dump()
    data.update(changes)
    try:
        return RuleSet.model_validate(data)
    except ValueError as err:
        raise InputError(
            [Problem("command line", None, "rules", "a valid rule set", str(err))]
        ) from None


@app.command("standings")
@reports_input_errors
def standings_command(
    season: Annotated[
        str | None,
        typer.Argument(metavar="SEASON",
                       help="Season id, year, season file, league folder "
                       "(docs/league-seasons.md) or a results CSV. Default: latest."),
    ] = None,
    class_code: Annotated[
        str | None, typer.Option("--class", "-c", metavar="CLASS", help="Only this class.")
    ] = None,
    table: Annotated[
        TableKind | None, typer.Option("--table", "-t", help="Only this table.")
    ] = None,
    championship: Annotated[
        str | None, typer.Option("--championship", help="Only the championship of this title.")
    ] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.TABLE,
    points: Annotated[
        str | None, typer.Option(metavar="LIST",
                                 help="Points by class place, e.g. 25,18,15,12,10,8,6,4,2,1.")
    ] = None,
    pole_points: Annotated[float | None, typer.Option(metavar="N",
                                                      help="Points for class pole.")] = None,
    points_beyond: Annotated[
        float | None, typer.Option(metavar="N",
                                   help="Points for each classified place below the scale.")
    ] = None,
    pole_needs_classification: Annotated[
        bool | None,
        typer.Option("--pole-needs-classification/--pole-counts-unclassified",
                     help="Whether the pole point needs the car to be classified."),
    ] = None,
    team_scoring: Annotated[TeamScoring | None, typer.Option(help="Teams per car or per team.")]
    = None,
    manufacturer_best: Annotated[
        int | None, typer.Option(metavar="N",
                                 help="Count only the best N cars of a make in each race.")
    ] = None,
    best_rounds: Annotated[int | None, typer.Option(metavar="N",
                                                    help="Count only the best N rounds.")] = None,
    tie_break: Annotated[
        TieBreak | None,
        typer.Option(help="Tie-break for every table: none, countback or countback_then_earliest."),
    ] = None,
    place_numbering: Annotated[
        PlaceNumbering | None, typer.Option(help="Shared places: dense (1,2,2,3) or standard.")
    ] = None,
    rank_zero: Annotated[
        bool | None,
        typer.Option("--rank-zero/--no-rank-zero", help="Give a place to rows with 0 points."),
    ] = None,
    database: ReadOption = None,
) -> None:
    """Championship standings: every championship of the season (by default a drivers', a
    teams' and a manufacturers' table per class)."""
    path = Path(season) if season else None
    if path is not None and path.suffix.lower() in {".csv", ".txt"}:
        loaded = season_from_results(read_results_file(path), RuleSet(),
                                     title=path.stem)
    else:
        loaded = season_of(season, database)
    options: dict[str, object] = {
        "points": _parse_points(points) if points is not None else None,
        "pole_points": Decimal(str(pole_points)) if pole_points is not None else None,
        "points_beyond_scale": Decimal(str(points_beyond)) if points_beyond is not None else None,
        "pole_points_need_classification": pole_needs_classification,
        "team_scoring": team_scoring,
        "best_rounds": best_rounds,
        "tie_break": tie_break.value if tie_break is not None else None,
        "place_numbering": place_numbering,
        "rank_zero_totals": rank_zero,
    }
    if manufacturer_best is not None:
        options["manufacturer_scoring"] = ManufacturerScoring.BEST_PER_RACE
        options["manufacturer_cars_per_race"] = manufacturer_best
    rules = _rules_with_options(loaded.rules, options)
    tables = select_tables(season_standings(loaded.season, rules), loaded.season.id,
                           class_code, table, championship)
    if fmt is OutputFormat.JSON:
        document = standings_document(
            loaded.season, rules, tables, award_winners(rules, tables)
        )
        print(json.dumps(document.to_json_dict(), ensure_ascii=False, indent=2))
    elif fmt is OutputFormat.CSV:
        print(standings_csv(loaded.season, tables), end="")
    elif fmt is OutputFormat.MARKDOWN:
        print(standings_markdown(loaded.season, tables))
    else:
        _print_standings(loaded, rules, tables)


def _print_standings(loaded: LoadedSeason, rules: RuleSet, tables: list[StandingTable]) -> None:
    columns = race_columns(loaded.season)
    console.print(f"[bold]{loaded.season.title}[/bold] — {rules.name}: {rules.describe()}")
    for t in tables:
        grid = Table(title=t.title, title_justify="left")
        grid.add_column("Pos", justify="right")
        grid.add_column(t.kind.value.rstrip("s").capitalize())
        if t.kind is TableKind.DRIVERS:
            grid.add_column("Team")
        for column in columns:
            grid.add_column(column.heading, justify="right")
        adjusted = any(row.adjustments for row in t.rows)
        if adjusted:
            grid.add_column("Pen.", justify="right")
        grid.add_column("Total", justify="right", style="bold")
        for row in t.rows:
            grid.add_row(
                str(row.position) if row.position is not None else "",
                row.name,
                *([row.team or ""] if t.kind is TableKind.DRIVERS else []),
                *[_styled(row, column) for column in columns],
                *([adjustment_text(row)] if adjusted else []),
                str(number(row.total)),
            )
        console.print(grid)
        for line in adjustment_notes(t):
            console.print(line, highlight=False, markup=False)
    for winner in award_winners(rules, tables):
        console.print(f"{winner.award}: {winner.name} ({winner.championship})")


_STYLES = {
    CellKind.WINNER: "bold yellow", CellKind.SECOND: "bold white",
    CellKind.THIRD: "bold dark_orange", CellKind.POINTS: "green", CellKind.NO_POINTS: "cyan",
    CellKind.NOT_CLASSIFIED: "magenta", CellKind.DISQUALIFIED: "reverse",
    CellKind.DID_NOT_START: "dim",
}


def _styled(row: StandingRow, column: RaceColumn) -> str:
    """A result cell coloured the way record books do: gold, silver, bronze, points, none."""
    text = column_text(row, column)
    _, races = column_races(row, column)
    kind = cell_kind(races)
    if kind is None or not text:
        return text
    style = _STYLES[kind]
    poles = "ᴾ" if any(c.pole for c in races) else ""
    return f"[{style}]{text}{poles}[/{style}]"
