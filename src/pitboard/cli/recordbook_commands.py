"""`pitboard recordbook`: enter a historical season from the tables of a published record: its
race tables as a results CSV, or its standings tables as the season file's `published:` section."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pitboard.cli.app import app, reports_input_errors, writing_to
from pitboard.ingest.files import read_record_book, read_record_book_standings
from pitboard.output.published_yaml import published_yaml
from pitboard.output.results_csv import results_csv_text


@app.command("recordbook")
@reports_input_errors
def recordbook_command(
    file: Annotated[Path, typer.Argument(metavar="FILE",
                                         help="Wikitext or flattened record-book tables.")],
    round_ref: Annotated[
        str, typer.Option("--round", "-r", metavar="ROUND", help="The round the races belong to.")
    ] = "1",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE",
                                  help="Write the results CSV (or the YAML) here.")
    ] = None,
    standings: Annotated[
        bool, typer.Option("--standings",
                           help="Read the standings tables instead, into the `published:` "
                           "section of a season file (docs/season-file.md).")
    ] = False,
    table: Annotated[
        list[str] | None, typer.Option("--table", metavar="TEXT",
                                       help="With --standings: only the tables whose heading "
                                       "holds TEXT (any case); may be given again.")
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", metavar="TEXT",
                                 help="With --standings: the source to cite (default: FILE).")
    ] = None,
) -> None:
    """Read the race tables of a record-book page into a results CSV (docs/results-csv.md),
    or with --standings its standings tables into published figures (YAML).

    Every race table on the page becomes a race of the round, in page order; every standings
    table a published table of the class its section heading names. Every cell that cannot
    be read is reported, and nothing is written unless all of them can.
    """
    if standings:
        tables = read_record_book_standings(file, tuple(table or ()))
        text = published_yaml(tables, [source or file.name])
        if output is None:
            typer.echo(text, nl=False)
        else:
            with writing_to(output):
                output.write_text(text, encoding="utf-8")
            typer.echo(f"{len(tables)} standings table(s) written to {output}", err=True)
        return
    races = read_record_book(file)
    parts = [results_csv_text(lines, round_ref, race=n) for n, lines in enumerate(races, 1)]
    text = parts[0] + "".join(part.split("\n", 1)[1] for part in parts[1:])
    if output is None:
        typer.echo(text, nl=False)
    else:
        with writing_to(output):
            output.write_text(text, encoding="utf-8")
        typer.echo(f"{sum(len(r) for r in races)} result lines of {len(races)} race(s) "
                   f"written to {output}", err=True)
