"""Standings as CSV and Markdown: one header of round columns, one line per row."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from pitboard.domain import Season
from pitboard.domain.standings import PointsAdjustment, RoundCell, StandingRow, StandingTable
from pitboard.output.schema import number


def round_headings(season: Season) -> list[tuple[int, str]]:
    """(round number, column heading) for every held round, headed as record books do (INJ)."""
    return [
        (r.number, r.short_name or str(r.number))
        for r in season.held_rounds()
        if r.number is not None
    ]


def cell_text(cell: RoundCell | None) -> str:
    """A round cell as text: points; blank if the row was not there; DNS, or the status of a
    single unclassified race that scored nothing; dropped rounds in brackets."""
    if cell is None:
        return ""
    if not cell.took_part:
        return "DNS"
    text = _fmt(cell.points)
    only = cell.races[0] if len(cell.races) == 1 else None
    if cell.points == 0 and only is not None and only.class_position is None:
        text = only.status.value
    return f"({text})" if cell.dropped else text


def signed(points: Decimal) -> str:
    """Points adjusted, signed: -10 deducted, +5 awarded."""
    return f"{number(points):+}"


def adjustment_text(row: StandingRow) -> str:
    """A row's "Pen." cell: what its adjustments add to the total; blank without any."""
    return signed(row.adjusted_points) if row.adjustments else ""


def describe_adjustment(adjustment: PointsAdjustment) -> str:
    """'-10 (round 3, technical infringement)'."""
    where = f"round {adjustment.round}, " if adjustment.round is not None else ""
    return f"{signed(adjustment.points)} ({where}{adjustment.reason})"


def adjustment_notes(table: StandingTable) -> list[str]:
    """A line per adjusted row, printed under a table: '#007 Craft Racing: -40 (round 3, ...)'."""
    return [
        f"{row.name}: " + "; ".join(describe_adjustment(a) for a in row.adjustments)
        for row in table.rows
        if row.adjustments
    ]


def _fmt(value: Decimal) -> str:
    return str(number(value))


def standings_csv(season: Season, tables: list[StandingTable]) -> str:
    heads = round_headings(season)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    adjusted = any(row.adjustments for table in tables for row in table.rows)
    writer.writerow(
        ["class", "table", "position", "name", "team", "number", "nationality",
         *[h for _, h in heads], *(["adjustments"] if adjusted else []), "total"]
    )
    for table in tables:
        for row in table.rows:
            writer.writerow(
                [
                    table.class_code,
                    table.kind.value,
                    row.position if row.position is not None else "",
                    row.name,
                    row.team or "",
                    row.number or "",
                    row.nationality or "",
                    *[_csv_points(row.points_in(n)) for n, _ in heads],
                    *([adjustment_text(row)] if adjusted else []),
                    _fmt(row.total),
                ]
            )
    return out.getvalue()


def _csv_points(value: Decimal | None) -> str:
    return "" if value is None else _fmt(value)


def standings_markdown(season: Season, tables: list[StandingTable]) -> str:
    heads = round_headings(season)
    parts: list[str] = [f"# {season.title}", ""]
    for table in tables:
        parts.append(f"## {table.class_code} {table.kind.value}")
        parts.append("")
        first = "Team" if table.kind.value == "drivers" else ""
        adjusted = any(row.adjustments for row in table.rows)
        columns = ["Pos", table.kind.value.rstrip("s").capitalize(),
                   *([first] if first else []), *[h for _, h in heads],
                   *(["Pen."] if adjusted else []), "Total"]
        parts.append("| " + " | ".join(columns) + " |")
        parts.append("|" + "|".join("---" for _ in columns) + "|")
        for row in table.rows:
            cells = [
                str(row.position) if row.position is not None else "",
                _md(row.name),
                *([_md(row.team or "")] if first else []),
                *[cell_text(row.round_cell(n)) for n, _ in heads],
                *([adjustment_text(row)] if adjusted else []),
                _fmt(row.total),
            ]
            parts.append("| " + " | ".join(cells) + " |")
        parts.append("")
        notes = adjustment_notes(table)
        if notes:
            parts += [f"- {_md(note)}" for note in notes] + [""]
    return "\n".join(parts)


def _md(text: str) -> str:
    return text.replace("|", "\\|")
