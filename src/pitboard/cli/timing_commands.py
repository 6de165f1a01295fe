"""Timing commands: classify a race, order a qualifying session, export the laps table."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from pydantic import ValidationError
from rich.table import Table

from pitboard.cli.app import app, console, reports_input_errors, writing_to
from pitboard.cli.classification_table import clock, print_classification
from pitboard.domain import InputError, Problem
from pitboard.domain.classification import Classification, Penalty
from pitboard.domain.problems import show_found
from pitboard.domain.timing import SessionKind, TimingSession
from pitboard.rules import RuleSet
from pitboard.rules.presets import rules_data

if TYPE_CHECKING:
    from pitboard.formats.alkamel.lap_columns import AnalysisColumns


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    HTML = "html"  # the printable official classification
    PDF = "pdf"


class DistanceReference(StrEnum):
    OVERALL = "overall"
    CLASS = "class"


FileArg = Annotated[
    Path, typer.Argument(metavar="FILE",
                         help="A timing file (Al Kamel Analysis or Classification CSV, ...).")
]
PenaltiesOpt = Annotated[
    Path | None, typer.Option("--penalties", metavar="FILE",
                              help="Penalties CSV: number, kind, value, reason.")
]
RulesOpt = Annotated[
    Path | None,
    typer.Option("--rules", metavar="FILE",
                 help="A YAML rule set, or a season file whose `rules:` are used."),
]
SessionOpt = Annotated[str | None, typer.Option(
    "--session", help="Which session of a file holding several: its number (1 = first run), "
    "its name, or race / qualifying / practice (see --sessions).")]
FormatOpt = Annotated[OutputFormat, typer.Option(
    "--format", help="table, json, csv, or the printable sheet: html or pdf (with --output).")]


class TableFormat(StrEnum):
    """What `qualifying` prints: the printable sheet is for races."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"


TableFormatOpt = Annotated[TableFormat, typer.Option("--format", help="table, json or csv.")]

_DURATION = re.compile(r"^(\d+(?:\.\d+)?)\s*([hms])$")


def _duration_seconds(text: str) -> float:
    """`24h`, `90m`, `6:00:00` or plain seconds."""
    from pitboard.domain.durations import parse_duration

    match = _DURATION.match(text.strip())
    if match:
        return float(match.group(1)) * {"h": 3600, "m": 60, "s": 1}[match.group(2)]
    seconds = parse_duration(text)
    if seconds is None:
        raise InputError(
            [Problem("--duration", None, "duration", "24h, 90m, 6:00:00 or seconds",
                     show_found(text))]
        )
    return seconds


def load_rules(path: Path | None) -> RuleSet:
    """A rule set from a YAML file: either the rules themselves or a season file's `rules:`."""
    if path is None:
        return RuleSet()
    from pitboard.formats.yamldoc import line_of, load_yaml_with_lines
    from pitboard.ingest.files import read_text

    file = str(path)
    data, lines = load_yaml_with_lines(read_text(path), file)
    data = data or {}
    within: tuple[str, ...] = ()  # where the rules are in the document, for the line numbers
    if isinstance(data, dict) and isinstance(data.get("rules"), dict):
        data, within = data["rules"], ("rules",)
    if isinstance(data, dict):
        try:
            data = rules_data(data)
        except ValueError as err:
            raise InputError([Problem(file, line_of((*within, "preset"), lines), "preset",
                                      "a bundled rule set", str(err))]) from None
    try:
        return RuleSet.model_validate(data)
    except ValidationError as err:
        raise InputError([
            Problem(file, line_of((*within, *(p for p in e["loc"] if isinstance(p, str | int))),
                                  lines),
                    ".".join(str(p) for p in e["loc"]) or "rules", e["msg"],
                    show_found(e.get("input")))
            for e in err.errors()
        ]) from None


def _rules(
    rules_file: Path | None,
    *,
    min_distance: float | None,
    distance_reference: DistanceReference | None,
    flag_required: bool | None,
    min_driver_time: float | None,
    drivers_averaged: int | None = None,
) -> RuleSet:
    rules = load_rules(rules_file)
    changes: dict[str, object] = {}
    if min_distance is not None:
        changes["min_distance_share"] = Decimal(str(min_distance))
    if distance_reference is not None:
        changes["distance_reference"] = distance_reference.value
    if flag_required is not None:
        changes["chequered_flag_required"] = flag_required
    if min_driver_time is not None:
        changes["min_driver_seconds"] = min_driver_time
    if drivers_averaged is not None:
        changes["qualifying_drivers_averaged"] = drivers_averaged
    return rules.model_copy(update=changes)


def _read(path: Path, prefer: SessionKind = SessionKind.RACE, choice: str | None = None,
          duration: str | None = None, laps: int | None = None) -> TimingSession:
    """The session of a timing file a command is about (see `pick_session`), scheduled as the
    command line says."""
    from pitboard.domain.timing import pick_session
    from pitboard.ingest.files import read_timing_sessions

    session = pick_session(read_timing_sessions(path), choice, prefer, str(path))
    return _scheduled(session, duration, laps)


def _scheduled(session: TimingSession, duration: str | None, laps: int | None) -> TimingSession:
    """The session with the race length given on the command line."""
    changes: dict[str, object] = {}
    if duration is not None:
        changes["scheduled_seconds"] = _duration_seconds(duration)
    if laps is not None:
        changes["scheduled_laps"] = laps
    return session.model_copy(update=changes) if changes else session


def _penalties(path: Path | None) -> tuple[Penalty, ...]:
    if path is None:
        return ()
    from pitboard.ingest.files import read_penalties

    return read_penalties(path)




def _show(result: Classification, rules: RuleSet, output: OutputFormat, title: str, *,
          race: bool = True) -> None:
    if output is OutputFormat.JSON:
        extra: dict[str, object] = {
            "rules": {
                "min_distance_share": float(rules.min_distance_share),
                "distance_reference": rules.distance_reference,
                "chequered_flag_required": rules.chequered_flag_required,
                "min_driver_seconds": rules.min_driver_seconds,
                "qualifying_drivers_averaged": rules.qualifying_drivers_averaged,
            }
        }
        typer.echo(json.dumps(result.as_json(extra), ensure_ascii=False, indent=2))
        return
    if output is OutputFormat.CSV:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["position", "class", "class_position", "number", "team", "drivers",
                         "laps", "status", "race_time", "gap", "class_gap", "best_lap",
                         "best_lap_number", "laps_led", "pit_stops", "notes"])
        for car in result.cars:
            writer.writerow([
                car.position, car.class_code, car.class_position, car.number, car.team,
                " / ".join(car.drivers), car.laps, car.status.value, clock(car.race_seconds),
                car.gap.text() if car.gap else "", car.class_gap.text() if car.class_gap else "",
                clock(car.best_lap_seconds), car.best_lap_number or "", car.laps_led,
                car.pit_stops, car.notes(),
            ])
        typer.echo(buffer.getvalue(), nl=False)
        return
    print_classification(console, result, title, race=race)


@app.command()
@reports_input_errors
def classify(
    file: FileArg,
    penalties: PenaltiesOpt = None,
    rules: RulesOpt = None,
    min_distance: Annotated[
        float | None,
        typer.Option("--min-distance", min=0, max=1, metavar="SHARE",
                     help="Share of the winner's laps needed to be classified (default 0.7)."),
    ] = None,
    distance_reference: Annotated[
        DistanceReference | None,
        typer.Option("--distance-reference", help="Whose distance the share is of."),
    ] = None,
    flag_required: Annotated[
        bool | None,
        typer.Option("--flag-required/--no-flag-required",
                     help="Whether a car must take the chequered flag to be classified."),
    ] = None,
    min_driver_time: Annotated[
        float | None,
        typer.Option("--min-driver-time", min=0, metavar="SECONDS",
                     help="Seconds a driver must drive to score (default: no minimum)."),
    ] = None,
    duration: Annotated[
        str | None, typer.Option("--duration", metavar="TIME",
                                 help="Scheduled race time (24h, 6:00:00).")
    ] = None,
    laps: Annotated[
        int | None, typer.Option("--laps", min=1, metavar="N",
                                 help="Scheduled race distance in laps.")
    ] = None,
    output: FormatOpt = OutputFormat.TABLE,
    class_code: Annotated[
        str | None, typer.Option("--class", "-c", metavar="CLASS",
                                 help="Only this class (html and pdf).")
    ] = None,
    output_file: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE",
                                  help="Write the html or pdf here.")
    ] = None,
    event: Annotated[
        str | None, typer.Option(metavar="NAME",
                                 help="Event name on the printable sheet (html and pdf).")
    ] = None,
    session_choice: SessionOpt = None,
    list_sessions: Annotated[
        bool, typer.Option("--sessions", help="List the sessions the file holds, and stop.")
    ] = False,
) -> None:
    """Classify a race from a timing file, penalties applied, as the stewards sign it.

    A file holding several sessions (iRacing, RaceRoom, rFactor 2, Automobilista 2) gives its
    race unless --session picks another; a qualifying or practice session is ordered by best lap.
    """
    from pitboard.engine.classification import classify as run

    if list_sessions:
        _list_sessions(file, output)
        return
    if output is OutputFormat.PDF and output_file is None:
        raise InputError([Problem("command line", None, "--output",
                                  "a file for the PDF (--output FILE.pdf)", "none")])

    rule_set = _rules(
        rules, min_distance=min_distance, distance_reference=distance_reference,
        flag_required=flag_required, min_driver_time=min_driver_time,
    )
    columns = race_columns(file)
    if columns is not None:  # Al Kamel Analysis race: classified from lap columns
        from dataclasses import replace

        from pitboard.domain.timing import pick_session
        from pitboard.engine.lap_columns import classify_lap_columns

        pick_session((columns.session,), session_choice, SessionKind.RACE, str(file))
        session = _scheduled(columns.session, duration, laps)
        result = classify_lap_columns(replace(columns, session=session), rule_set,
                                      _penalties(penalties))
    else:
        session = _read(file, SessionKind.RACE, session_choice, duration, laps)
        result = run(session, rule_set, _penalties(penalties))
    if output in {OutputFormat.HTML, OutputFormat.PDF}:
        if event:
            session = session.model_copy(update={"event": event})
        _print_sheet(session, result, output, class_code, output_file)
        return
    _show(result, rule_set, output, f"Classification: {session.name}")


def _list_sessions(path: Path, output: OutputFormat) -> None:
    """Every session of the file, numbered as --session takes them."""
    from pitboard.ingest.files import read_timing_sessions

    sessions = read_timing_sessions(path)
    rows = [
        {"number": i, "name": s.name, "kind": s.kind.value, "cars": len(s.cars),
         "laps": max((len(car.laps) or car.stated_laps or 0 for car in s.cars), default=0),
         "source_format": s.source_format}
        for i, s in enumerate(sessions, start=1)
    ]
    if output is OutputFormat.JSON:
        typer.echo(json.dumps({"schema": 1, "file": str(path), "sessions": rows},
                              ensure_ascii=False, indent=2))
        return
    console.print(f"Sessions of {path.name}", markup=False, highlight=False)
    table = Table()
    for name, right in (("No", True), ("Name", False), ("Kind", False), ("Cars", True),
                        ("Most laps", True)):
        table.add_column(name, justify="right" if right else "left")
    for row in rows:
        table.add_row(str(row["number"]), str(row["name"]), str(row["kind"]), str(row["cars"]),
                      str(row["laps"]))
    console.print(table)


def _print_sheet(
    session: TimingSession,
    result: Classification,
    output: OutputFormat,
    class_code: str | None,
    output_file: Path | None,
) -> None:
    """The printable official classification of a timed race, as HTML or PDF."""
    from pitboard.output.printable.classification import SheetHeader, sheet_from_classification
    from pitboard.output.printable.render import (
        PdfUnavailableError,
        classification_html,
        html_to_pdf,
    )

    if class_code is not None and not any(
        car.class_code.casefold() == class_code.casefold() for car in result.cars
    ):
        known = ", ".join(dict.fromkeys(car.class_code for car in result.cars))
        raise InputError([Problem(str(session.source or "session"), None, "--class",
                                  f"one of {known}", repr(class_code))])
    header = SheetHeader(
        series="",
        season=str(session.date.year) if session.date else "",
        event=session.event or session.name,
        circuit=session.track,
        date=session.date,
        session=session.kind.value.capitalize(),
    )
    html = classification_html([sheet_from_classification(result, header, class_code)],
                               title=f"{session.name} — official classification")
    if output is OutputFormat.HTML:
        if output_file is None:
            typer.echo(html, nl=False)
        else:
            with writing_to(output_file):
                output_file.write_text(html, encoding="utf-8")
        return
    try:
        pdf = html_to_pdf(html)
    except PdfUnavailableError as err:
        typer.echo(f"pitboard classify: {err}", err=True)
        raise typer.Exit(1) from None
    assert output_file is not None
    with writing_to(output_file):
        output_file.write_bytes(pdf)


def race_columns(path: Path) -> AnalysisColumns | None:
    """The columns of an Al Kamel Analysis race file a classification uses; None for any other
    file."""
    from pitboard.formats.alkamel import ANALYSIS_READER
    from pitboard.formats.alkamel.analysis import analysis_columns, session_kind_from_name
    from pitboard.formats.registry import HEAD_BYTES, InputKind, detect
    from pitboard.ingest.files import checked, read_bytes

    data = read_bytes(path)
    if detect(data[:HEAD_BYTES], str(path), (InputKind.TIMING,)) is not ANALYSIS_READER:
        return None
    columns = analysis_columns(data, str(path), session_kind_from_name(path.name),
                               classification_only=True)
    checked((columns.session, columns.drivers), str(path))
    return columns if columns.session.kind is SessionKind.RACE else None


@app.command()
@reports_input_errors
def qualifying(
    file: FileArg,
    penalties: PenaltiesOpt = None,
    rules: RulesOpt = None,
    drivers_averaged: Annotated[
        int | None,
        typer.Option("--drivers-averaged", min=1, metavar="N",
                     help="Order by the average of the best laps of N drivers (WEC: 2)."),
    ] = None,
    output: TableFormatOpt = TableFormat.TABLE,
    session_choice: SessionOpt = None,
) -> None:
    """Qualifying order and grid from lap data, with deleted laps and disallowed times.

    A file holding several sessions gives its qualifying unless --session picks another; any
    session picked is ordered by best lap.
    """
    from pitboard.engine.qualifying_laps import classify_by_best_lap

    rule_set = _rules(
        rules, min_distance=None, distance_reference=None, flag_required=None,
        min_driver_time=None, drivers_averaged=drivers_averaged,
    )
    session = _read(file, SessionKind.QUALIFYING, session_choice)
    result = classify_by_best_lap(session, rule_set, _penalties(penalties))
    _show(result, rule_set, OutputFormat(output.value), _session_title(session), race=False)




def _session_title(session: TimingSession) -> str:
    """`Qualifying`, `Qualifying: Q2`; a session of another kind is said to be ordered by its
    best laps (`Race, by best lap`), never called qualifying."""
    name = session.name.strip()
    if session.kind is SessionKind.QUALIFYING:
        return "Qualifying" if not name or name.casefold().startswith("qualif") \
            else f"Qualifying: {name}"
    return f"{name or session.kind.value.capitalize()}, by best lap"


@app.command("laps")
@reports_input_errors
def laps_command(
    file: FileArg,
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="FILE",
                           help="Where to write: x.csv or x.parquet.")
    ],
    session_choice: SessionOpt = None,
) -> None:
    """Export every lap of a timing file as one table (CSV or Parquet)."""
    from pitboard.output.laps import laps_frame, write_laps

    session = _read(file, choice=session_choice)
    frame = laps_frame(session)
    if frame.height == 0:
        raise InputError([Problem(
            str(session.source.file if session.source else file), None, "laps",
            "a timing file with lap times (an Analysis, or a sim results file)",
            f"no lap in this {session.source_format or 'timing'} file")])
    with writing_to(output):
        write_laps(frame, output)
    console.print(f"{frame.height} laps written to {output}")
