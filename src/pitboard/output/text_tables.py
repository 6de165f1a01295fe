"""Standings as CSV and Markdown: one header of race columns, one line per row."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from pitboard.domain import Season
from pitboard.domain.standings import PointsAdjustment, StandingRow, StandingTable
from pitboard.output.columns import column_points, column_text, race_columns
from pitboard.output.schema import number


def round_headings(season: Season) -> list[tuple[int, str]]:
    """(round number, column heading) for every held round, headed as record books do (INJ)."""
    return [
        (r.number, r.short_name or str(r.number))
        for r in season.held_rounds()
        if r.number is not None
    ]


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
    """Every table's rows, a column per race (docs/exports.md); the championship comes last."""
    columns = race_columns(season)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    adjusted = any(row.adjustments for table in tables for row in table.rows)
    writer.writerow(
        ["class", "table", "position", "name", "team", "number", "nationality",
         *[c.heading for c in columns], *(["adjustments"] if adjusted else []), "total",
         "championship"]
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
                    *[_csv_points(column_points(row, c)) for c in columns],
                    *([adjustment_text(row)] if adjusted else []),
                    _fmt(row.total),
                    table.title,
                ]
            )
    return out.getvalue()


def _csv_points(value: Decimal | None) -> str:
    return "" if value is None else _fmt(value)


def standings_markdown(season: Season, tables: list[StandingTable]) -> str:
    columns = race_columns(season)
    parts: list[str] = [f"# {season.title}", ""]
    for table in tables:
        parts.append(f"## {table.title}")
        parts.append("")
        first = "Team" if table.kind.value == "drivers" else ""
        adjusted = any(row.adjustments for row in table.rows)
        headings = ["Pos", table.kind.value.rstrip("s").capitalize(),
                    *([first] if first else []), *[c.heading for c in columns],
                    *(["Pen."] if adjusted else []), "Total"]
        parts.append("| " + " | ".join(headings) + " |")
        parts.append("|" + "|".join("---" for _ in headings) + "|")
        for row in table.rows:
            cells = [
                str(row.position) if row.position is not None else "",
                _md(row.name),
                *([_md(row.team or "")] if first else []),
                *[column_text(row, c) for c in columns],
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
