"""How a standings cell is coloured, the way motor-racing record books colour them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pitboard.domain import FinishStatus
from pitboard.domain.cells import CellKind, cell_kind
from pitboard.domain.standings import RaceCell, RoundCell
from pitboard.output.columns import column_text
from pitboard.output.schema import number


@dataclass(frozen=True)
class Shade:
    css: str  # class name in site.css
    meaning: str


GOLD = Shade("gold", "Winner")
SILVER = Shade("silver", "Second")
BRONZE = Shade("bronze", "Third")
POINTS = Shade("points", "Points finish")
CLASSIFIED = Shade("classified", "Classified, no points")
RETIRED = Shade("retired", "Not classified or retired")
DISQUALIFIED = Shade("dsq", "Disqualified or excluded")
DNS = Shade("dns", "Did not start")
LEGEND = (GOLD, SILVER, BRONZE, POINTS, CLASSIFIED, RETIRED, DISQUALIFIED, DNS)

_SHADES = {
    CellKind.WINNER: GOLD, CellKind.SECOND: SILVER, CellKind.THIRD: BRONZE,
    CellKind.POINTS: POINTS, CellKind.NO_POINTS: CLASSIFIED, CellKind.NOT_CLASSIFIED: RETIRED,
    CellKind.DISQUALIFIED: DISQUALIFIED, CellKind.DID_NOT_START: DNS,
}


def shade(cell: RoundCell | None) -> Shade | None:
    """The colour of a round cell (output.cells decides its kind); None when the row was absent."""
    return races_shade(cell.races) if cell is not None else None


def races_shade(races: Sequence[RaceCell]) -> Shade | None:
    """The colour of a result cell holding these races (a round, or one race of it)."""
    kind = cell_kind(races)
    return _SHADES[kind] if kind is not None else None


def race_word(position: int | None, status: FinishStatus) -> str:
    """A race result in words: '1st', 'Ret', 'NC', 'DNS' ..."""
    if position is not None:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(position if position < 20 else position % 10, "th")
        return f"{position}{suffix}"
    return {FinishStatus.DNF: "Ret"}.get(status, status.value)


def cell_title(cell: RoundCell) -> str:
    """What a round cell stands for, race by race: 'Race 1: 2nd, pole, 19 pts'."""
    return races_title(cell.races, cell.dropped)


def races_title(races: Sequence[RaceCell], dropped: bool = False) -> str:
    """What a result cell stands for, race by race: 'Race 1: 2nd, pole, 19 pts'."""
    parts = []
    for race in races:
        text = f"Race {race.race}: {race_word(race.class_position, race.status)}"
        if race.pole:
            text += ", pole"
        parts.append(f"{text}, {number(race.points)} pts")
    if dropped:
        parts.append("dropped")
    return "; ".join(parts)


__all__ = ["LEGEND", "Shade", "cell_title", "column_text", "race_word", "races_shade",
           "races_title", "shade"]
