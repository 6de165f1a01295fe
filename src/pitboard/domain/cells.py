"""What a standings cell says, the way record books colour it: one rule for every face.

The wikitext export, the site and the terminal each draw the kind in their own colours; which
kind a cell is gets decided here only.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from enum import StrEnum

from pitboard.domain import FinishStatus
from pitboard.domain.standings import RaceCell


class CellKind(StrEnum):
    """What a coloured result cell says, in the order the legend lists them."""

    WINNER = "winner"
    SECOND = "second"
    THIRD = "third"
    POINTS = "points"  # classified, scored points for the place (a pole point alone is not that)
    NO_POINTS = "no_points"  # classified, scored nothing for the place
    NOT_CLASSIFIED = "not_classified"  # NC or retired
    DID_NOT_START = "did_not_start"
    DISQUALIFIED = "disqualified"  # DSQ, and EX (excluded) which books colour the same


_PODIUM = (CellKind.WINNER, CellKind.SECOND, CellKind.THIRD)
_UNCLASSIFIED_ORDER = (FinishStatus.NC, FinishStatus.DNF, FinishStatus.DSQ, FinishStatus.EXC,
                       FinishStatus.DNS)


def _rank(cell: RaceCell) -> tuple[int, int]:
    """Which of several results colours a shared cell: the best finisher, else the best status."""
    if cell.class_position is not None:
        return (0, cell.class_position)
    order = _UNCLASSIFIED_ORDER
    return (1, order.index(cell.status) if cell.status in order else len(order))


def best_result(races: Sequence[RaceCell]) -> RaceCell:
    return min(races, key=_rank)


def cell_kind(races: Sequence[RaceCell]) -> CellKind | None:
    """The kind of a cell holding these race results (one race, or a round); None: empty."""
    if not races:
        return None
    best = best_result(races)
    if best.class_position is not None:
        if best.class_position <= len(_PODIUM):
            return _PODIUM[best.class_position - 1]
        place_points = sum((c.place_points for c in races), Decimal(0))
        return CellKind.POINTS if place_points > 0 else CellKind.NO_POINTS
    if best.status is FinishStatus.DNS:
        return CellKind.DID_NOT_START
    if best.status in {FinishStatus.DSQ, FinishStatus.EXC}:
        return CellKind.DISQUALIFIED
    return CellKind.NOT_CLASSIFIED
