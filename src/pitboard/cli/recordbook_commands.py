"""`pitboard recordbook`: enter a historical season from the tables of a published record."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pitboard.cli.app import app, reports_input_errors
from pitboard.domain import InputError, Problem, ResultLine
from pitboard.formats.text import read_text_file
from pitboard.formats.wikitext.reader import RACE_HEADINGS, read_race_results, results_csv_text
from pitboard.formats.wikitext.tables import TextTable, read_tables


def is_race_table(table: TextTable) -> bool:
    """A race results table: a heading row naming at least Pos, Class, Team and Laps."""
    for row in table.rows[:3]:
        fields = {RACE_HEADINGS.get(text.strip().lower()) for text in row.texts()}
        if {"pos", "class", "team", "laps"} <= fields:
            return True
    return False


@app.command("recordbook")
@reports_input_errors
def recordbook_command(
    file: Annotated[Path, typer.Argument(help="Wikitext or flattened record-book tables.")],
    round_ref: Annotated[
        str, typer.Option("--round", "-r", help="The round the races belong to.")
    ] = "1",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the results CSV here.")
    ] = None,
) -> None:
    """Read the race tables of a record-book page into a results CSV (docs/results-csv.md).

    Every race table on the page becomes a race of the round, in page order; every cell that
    cannot be read is reported, and nothing is written unless all of them can.
    """
    tables = [t for t in read_tables(read_text_file(file), str(file)) if is_race_table(t)]
    if not tables:
        raise InputError([Problem(str(file), None, "tables",
                                  "a race table with Pos, Class, Team and Laps headings", "none")])
    problems: list[Problem] = []
    races: list[list[ResultLine]] = []
    for table in tables:
        try:
            races.append(read_race_results(table))
        except InputError as err:
            problems.extend(err.problems)
    if problems:
        raise InputError(problems)
    parts = [results_csv_text(lines, round_ref, race=n) for n, lines in enumerate(races, 1)]
    text = parts[0] + "".join(part.split("\n", 1)[1] for part in parts[1:])
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        typer.echo(f"{sum(len(r) for r in races)} result lines of {len(races)} race(s) "
                   f"written to {output}", err=True)
