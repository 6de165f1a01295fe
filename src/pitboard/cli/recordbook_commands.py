"""`pitboard recordbook`: enter a historical season from the tables of a published record."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pitboard.cli.app import app, reports_input_errors, writing_to
from pitboard.ingest.files import read_record_book
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
                                  help="Write the results CSV here.")
    ] = None,
) -> None:
    """Read the race tables of a record-book page into a results CSV (docs/results-csv.md).

    Every race table on the page becomes a race of the round, in page order; every cell that
    cannot be read is reported, and nothing is written unless all of them can.
    """
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
