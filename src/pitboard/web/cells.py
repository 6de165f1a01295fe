"""How a standings cell is coloured, the way motor-racing record books colour them."""

from __future__ import annotations

from dataclasses import dataclass

from pitboard.domain import FinishStatus
from pitboard.domain.cells import CellKind, cell_kind
from pitboard.domain.standings import RoundCell
from pitboard.output.schema import number
from pitboard.output.text_tables import cell_text


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
    kind = cell_kind(cell.races) if cell is not None else None
    return _SHADES[kind] if kind is not None else None


def race_word(position: int | None, status: FinishStatus) -> str:
    """A race result in words: '1st', 'Ret', 'NC', 'DNS' ..."""
    if position is not None:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(position if position < 20 else position % 10, "th")
        return f"{position}{suffix}"
    return {FinishStatus.DNF: "Ret"}.get(status, status.value)


def cell_title(cell: RoundCell) -> str:
    """What the cell stands for, race by race: 'Race 1: 2nd, pole, 19 pts'."""
    parts = []
    for race in cell.races:
        text = f"Race {race.race}: {race_word(race.class_position, race.status)}"
        if race.pole:
            text += ", pole"
        parts.append(f"{text}, {number(race.points)} pts")
    if cell.dropped:
        parts.append("dropped")
    return "; ".join(parts)


__all__ = ["LEGEND", "Shade", "cell_text", "cell_title", "race_word", "shade"]
