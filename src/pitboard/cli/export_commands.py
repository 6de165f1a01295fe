"""`pitboard export`: a season's tables in the forms record books and journalists publish.

Season exports: wikitext, markdown, csv, json (the standings), html and pdf (every race's
official classification). With --round (and --race), the printable classification of a race.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from pitboard.cli.app import app, reports_input_errors, writing_to
from pitboard.cli.season_commands import _find_round
from pitboard.cli.stored import ReadOption, season_of
from pitboard.domain import InputError, Problem
from pitboard.domain.standings import StandingTable
from pitboard.engine.standings import award_winners, season_standings
from pitboard.ingest import LoadedSeason
from pitboard.output.printable.classification import (
    ClassificationSheet,
    sheets_from_round_document,
)
from pitboard.output.printable.render import PdfUnavailableError, classification_html, html_to_pdf
from pitboard.output.round_report import round_document
from pitboard.output.schema import standings_document
from pitboard.output.text_tables import standings_csv, standings_markdown
from pitboard.output.wikitext import season_wikitext

EXIT_NO_PDF = 1


class ExportFormat(StrEnum):
    WIKITEXT = "wikitext"
    MARKDOWN = "markdown"
    CSV = "csv"
    JSON = "json"
    HTML = "html"
    PDF = "pdf"


PRINTABLE = {ExportFormat.HTML, ExportFormat.PDF}


def _class_filter(loaded: LoadedSeason, class_code: str | None) -> str | None:
    """The season's spelling of the class asked for; a problem if the season has no such class."""
    if class_code is None:
        return None
    known = loaded.season.class_codes()
    match = [c for c in known if c.casefold() == class_code.casefold()]
    if not match:
        raise InputError([Problem(loaded.season.id, None, "--class",
                                  "one of " + ", ".join(known), repr(class_code))])
    return match[0]


def _sheets(loaded: LoadedSeason, round_ref: str | None, race: int | None,
            class_code: str | None) -> list[ClassificationSheet]:
    rounds = [_find_round(loaded, round_ref)] if round_ref else loaded.season.held_rounds()
    sheets: list[ClassificationSheet] = []
    for rnd in rounds:
        if race is not None and all(r.number != race for r in rnd.races):
            races = ", ".join(str(r.number) for r in rnd.races) or "none"
            raise InputError([Problem(loaded.season.id, None, "--race",
                                      f"a race of {rnd.name} ({races})", str(race))])
        document = round_document(loaded.season, loaded.rules, rnd)
        sheets += [s for s in sheets_from_round_document(document, race, class_code) if s.rows]
    if not sheets:
        raise InputError([Problem(loaded.season.id, None, "classification",
                                  "at least one race with results", "none")])
    return sheets


def _standings(loaded: LoadedSeason, class_code: str | None) -> list[StandingTable]:
    tables = season_standings(loaded.season, loaded.rules)
    return [t for t in tables if class_code is None or t.scores(class_code)]


def _season_text(loaded: LoadedSeason, fmt: ExportFormat, class_code: str | None) -> str:
    tables = _standings(loaded, class_code)
    if fmt is ExportFormat.WIKITEXT:
        classes = [class_code] if class_code else None
        return season_wikitext(loaded.season, loaded.rules, tables, classes)
    if fmt is ExportFormat.MARKDOWN:
        return standings_markdown(loaded.season, tables)
    if fmt is ExportFormat.CSV:
        return standings_csv(loaded.season, tables)
    document = standings_document(loaded.season, loaded.rules, tables,
                                  award_winners(loaded.rules, tables))
    return json.dumps(document.to_json_dict(), ensure_ascii=False, indent=2) + "\n"


def _write(text_or_bytes: str | bytes, output: Path | None) -> None:
    if output is None:
        assert isinstance(text_or_bytes, str)  # PDF always has an --output, checked before
        print(text_or_bytes, end="" if text_or_bytes.endswith("\n") else "\n")
        return
    with writing_to(output):
        if isinstance(text_or_bytes, bytes):
            output.write_bytes(text_or_bytes)
        else:
            output.write_text(text_or_bytes, encoding="utf-8")


@app.command("export")
@reports_input_errors
def export_command(
    season: Annotated[str, typer.Argument(metavar="SEASON",
                                          help="Season id, year or season file.")],
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.WIKITEXT,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE",
                                  help="Write here instead of stdout.")
    ] = None,
    class_code: Annotated[str | None, typer.Option("--class", "-c", metavar="CLASS",
                                                   help="Only this class.")]
    = None,
    round_ref: Annotated[
        str | None,
        typer.Option("--round", "-r", metavar="ROUND",
                     help="Round number or name: its printable classification."),
    ] = None,
    race: Annotated[
        int | None, typer.Option("--race", metavar="N",
                                 help="Race of the round (default: every race).")
    ] = None,
    database: ReadOption = None,
) -> None:
    """Export standings and results (wikitext, markdown, csv, json) or classifications."""
    problems = []
    if race is not None and round_ref is None:
        problems.append(Problem("command line", None, "--race", "--round with it", "no --round"))
    if round_ref is not None and fmt not in PRINTABLE:
        problems.append(Problem("command line", None, "--format",
                                "html or pdf with --round", fmt.value))
    if fmt is ExportFormat.PDF and output is None:
        problems.append(Problem("command line", None, "--output",
                                "a file for the PDF (--output FILE.pdf)", "none"))
    if problems:
        raise InputError(problems)
    loaded = season_of(season, database)
    wanted = _class_filter(loaded, class_code)
    if fmt not in PRINTABLE:
        _write(_season_text(loaded, fmt, wanted), output)
        return
    sheets = _sheets(loaded, round_ref, race, wanted)
    html = classification_html(sheets, title=f"{loaded.season.title} — official classification")
    if fmt is ExportFormat.HTML:
        _write(html, output)
        return
    try:
        pdf = html_to_pdf(html)
    except PdfUnavailableError as err:
        print(f"pitboard export: {err}", file=sys.stderr)  # one line, never wrapped
        raise typer.Exit(EXIT_NO_PDF) from None
    _write(pdf, output)
