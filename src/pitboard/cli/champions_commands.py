"""`pitboard champions SERIES`: every season's champions, class by class, and the classes that
ran when."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich import box
from rich.markup import escape
from rich.table import Table

from pitboard.cli.app import app, console, reports_input_errors
from pitboard.cli.season_commands import ListFormat
from pitboard.cli.stored import ReadOption, seasons_of
from pitboard.domain import InputError, Problem, Season
from pitboard.domain.published import ClassTitle
from pitboard.domain.standings import TableKind
from pitboard.engine.standings import season_standings
from pitboard.output.champions import SeasonTables, champions_document, class_history, roll

TRANSCRIBED = "†"


@app.command("champions")
@reports_input_errors
def champions_command(
    series: Annotated[str, typer.Argument(metavar="SERIES",
                                          help="A series id, e.g. asian-le-mans-series.")],
    fmt: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.TABLE,
    database: ReadOption = None,
) -> None:
    """Every season's drivers' and teams' champions, class by class, oldest season first:
    computed from the results pitboard holds, or transcribed from the published record (marked
    †); then which classes ran in which season."""
    loaded = seasons_of(database)
    ids = sorted({ls.season.series.id for ls in loaded})
    seasons: list[SeasonTables] = [
        (ls.season, season_standings(ls.season, ls.rules))
        for ls in loaded if ls.season.series.id == series
    ]
    if not seasons:
        raise InputError([Problem(series, None, "series",
                                  "a series of the record (" + ", ".join(ids) + ")",
                                  repr(series))])
    if fmt is ListFormat.JSON:
        document = champions_document(series, seasons)
        print(json.dumps(document.to_json_dict(), ensure_ascii=False, indent=2))
        return
    name = seasons[0][0].series.name
    console.print(f"[bold]{escape(name)}[/bold]: champions by season "
                  f"({TRANSCRIBED} transcribed from the published record, the others computed "
                  "from the results)", highlight=False)
    for season, titles in roll(seasons):
        console.print(_season_table(season, titles))
    console.print(_history_table([s for s, _ in seasons]))


def _names(titles: list[ClassTitle], code: str, kind: TableKind) -> str:
    """A class's champions in one table, one per line (a name is never split)."""
    found = next((t for t in titles if t.class_code == code and t.table is kind), None)
    if found is None:
        return ""
    if found.computed:
        return "\n".join(escape(n) for n in found.names)
    return "\n".join(f"{TRANSCRIBED if i == 0 else ' '} {escape(n)}"
                     for i, n in enumerate(found.names))


def _widest(titles: list[ClassTitle], kind: TableKind) -> int:
    """The width of the longest name of a table with its mark: the column never splits one."""
    return max((len(n) + 2 for t in titles if t.table is kind for n in t.names), default=5)


def _season_table(season: Season, titles: list[ClassTitle]) -> Table:
    table = Table(title=season.title, title_justify="left", box=box.SIMPLE_HEAD,
                  show_lines=False, leading=1, expand=True)
    codes = [c for c in season.class_codes() if any(t.class_code == c for t in titles)]
    table.add_column("Class", no_wrap=True, width=max([len("Class"), *(len(c) for c in codes)]))
    table.add_column("Drivers", min_width=_widest(titles, TableKind.DRIVERS),
                     no_wrap=True)
    table.add_column("Teams", min_width=_widest(titles, TableKind.TEAMS),
                     no_wrap=True)
    for code in codes:
        table.add_row(code, _names(titles, code, TableKind.DRIVERS),
                      _names(titles, code, TableKind.TEAMS))
    if not codes:
        table.add_row("", "no champions known", "")
    return table


def _history_table(seasons: list[Season]) -> Table:
    names, classes = class_history(seasons)
    table = Table(title="Classes by season", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("Class", no_wrap=True)
    for name in names:
        table.add_column(name, justify="center", no_wrap=True)
    for code, ran in classes:
        table.add_row(code, *("●" if name in ran else "" for name in names))
    return table
