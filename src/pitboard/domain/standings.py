"""Championship standings: a table per class and kind, a row per driver, car/team or make."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pitboard.domain.base import Record
from pitboard.domain.results import FinishStatus


class TableKind(StrEnum):
    DRIVERS = "drivers"
    TEAMS = "teams"
    MANUFACTURERS = "manufacturers"


class PointsAdjustment(Record):
    """Points the stewards or organisers take from a row (or, more rarely, award it) outside any
    race result, e.g. -10 for car #7 after round 3. Added to the total after the drop rules, so a
    deduction is never dropped, and kept on the row so every face can show it with its reason."""

    class_code: str
    tables: tuple[TableKind, ...]  # the tables it applies to
    who: str = ""  # a row as its table names it: a driver, a team or "#007 Craft Racing", a make
    number: str | None = None  # or a car: the rows it scored for (in `round`, where given)
    points: Decimal  # negative: deducted
    round: int | None = None  # the round it belongs to, whose cell is marked
    reason: str


class RaceCell(Record):
    """How one car did in one race, for one row: the stuff record books colour a cell by."""

    round: int
    race: int
    number: str | None
    status: FinishStatus
    class_position: int | None  # None when not classified
    pole: bool = False
    points: Decimal = Decimal(0)
    place_points: Decimal = Decimal(0)  # of `points`, those for the finishing place
    # False for a non-starter the record leaves out of the round (not the same as 0); the
    # Asian Le Mans record shows one as 0, a race taken part in.
    took_part: bool = True


class RoundCell(Record):
    """A row's result in one round: its points and the race results behind them."""

    round: int
    points: Decimal
    races: tuple[RaceCell, ...]
    took_part: bool = True  # False when no race of the round was taken part in (all DNS)
    dropped: bool = False  # left out of the total by a best-N-rounds rule


class StandingRow(Record):
    position: int | None  # None: not ranked (e.g. no points where the rules rank only scorers)
    name: str  # driver, display name of the car/team ("#007 Craft Racing"), or make
    team: str | None = None
    teams: tuple[str, ...] = ()
    number: str | None = None
    numbers: tuple[str, ...] = ()
    nationality: str | None = None
    rounds: tuple[RoundCell, ...] = ()
    total: Decimal = Decimal(0)
    note: str = ""  # why the row sits where it does, when a decision or tie-break placed it
    adjustments: tuple[PointsAdjustment, ...] = ()  # already counted in `total`

    @property
    def adjusted_points(self) -> Decimal:
        """What the adjustments add to the total (negative for a deduction)."""
        return sum((a.points for a in self.adjustments), Decimal(0))

    def adjustments_in(self, number: int) -> tuple[PointsAdjustment, ...]:
        """The adjustments that belong to a round, to mark its cell."""
        return tuple(a for a in self.adjustments if a.round == number)

    def round_cell(self, number: int) -> RoundCell | None:
        return next((cell for cell in self.rounds if cell.round == number), None)

    def points_in(self, number: int) -> Decimal | None:
        """Points in a round; None means the row did not take part (not the same as 0)."""
        cell = self.round_cell(number)
        return cell.points if cell is not None and cell.took_part else None


class StandingTable(Record):
    """One championship's table: its rows, and what it is (title, the classes it scores)."""

    class_code: str  # the class the table is filed under (its championship's `class`)
    kind: TableKind
    rows: tuple[StandingRow, ...]
    championship: str = ""  # its championship's title
    classes: tuple[str, ...] = ()  # every class it scores

    @property
    def title(self) -> str:
        return self.championship or f"{self.class_code} {self.kind.value}"

    def scores(self, class_code: str) -> bool:
        """Whether the table scores cars of this class."""
        return class_code == self.class_code or class_code in self.classes

    def row(self, name: str) -> StandingRow:
        for row in self.rows:
            if row.name == name:
                return row
        raise KeyError(f"no row {name!r} in the {self.class_code} {self.kind.value} table")


class AwardWinner(Record):
    award: str
    class_code: str
    kind: TableKind
    position: int
    name: str
    championship: str = ""  # the title of the table it was earned in
