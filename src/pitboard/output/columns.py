"""The result columns of a standings table, the same on every face: one per race of each held
round, so a round of two races (Okayama 2009) has two columns, "OKA 1" and "OKA 2"."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pitboard.domain import FinishStatus, Season
from pitboard.domain.standings import RaceCell, RoundCell, StandingRow


@dataclass(frozen=True, slots=True)
class RaceColumn:
    """A result column of a standings table: one race of one held round."""

    round: int
    race: int
    heading: str
    shared: bool = False  # its round has several races; the column shows one of them

    @property
    def key(self) -> str:
        """The column's key in JSON: the round ("3"), or round and race ("1.2")."""
        return f"{self.round}.{self.race}" if self.shared else str(self.round)


def race_columns(season: Season) -> list[RaceColumn]:
    """Every race of every held round, headed by the round's short name (and race number)."""
    columns: list[RaceColumn] = []
    for rnd in season.held_rounds():
        if rnd.number is None:
            continue
        base = rnd.short_name or str(rnd.number)
        several = len(rnd.races) > 1
        for race in rnd.races:
            heading = f"{base} {race.number}" if several else base
            columns.append(RaceColumn(rnd.number, race.number, heading, several))
    return columns


def column_races(row: StandingRow, column: RaceColumn) -> tuple[RoundCell | None, list[RaceCell]]:
    """The row's round cell and the race results the column shows (none: the row was absent)."""
    cell = row.round_cell(column.round)
    if cell is None:
        return None, []
    races = [c for c in cell.races if c.race == column.race] if column.shared else list(cell.races)
    return cell, races


def column_points(row: StandingRow, column: RaceColumn) -> Decimal | None:
    """The points the column shows; None where the row did not take part (not the same as 0)."""
    _, races = column_races(row, column)
    if not races or not any(c.took_part for c in races):
        return None
    return sum((c.points for c in races), Decimal(0))


def column_text(row: StandingRow, column: RaceColumn) -> str:
    """A result cell as text: points; blank if the row was not there; DNS where it did not
    start, or the status of an unclassified race that scored nothing; a dropped round in
    brackets."""
    cell, races = column_races(row, column)
    if cell is None or not races:
        return ""
    if not any(c.took_part for c in races):
        return "DNS"
    points = sum((c.points for c in races), Decimal(0))
    text = _points(points)
    only = races[0] if len(races) == 1 else None
    if points == 0 and only is not None and only.class_position is None and only.took_part:
        # A non-starter that took part is one the record shows as 0 (Asian Le Mans).
        text = "0" if only.status is FinishStatus.DNS else only.status.value
    return f"({text})" if cell.dropped else text


def _points(value: Decimal) -> str:
    return str(int(value)) if value == value.to_integral_value() else str(value.normalize())
