"""What happened in a session: result lines of a race, lap times of a qualifying session."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from pitboard.domain.base import Record
from pitboard.domain.problems import SourceRef


class FinishStatus(StrEnum):
    """How a car ended a race, as official classifications write it."""

    CLASSIFIED = "classified"
    NC = "NC"  # ran at the finish but covered too little distance, or missed the flag
    DNF = "DNF"  # retired
    DNS = "DNS"  # entered, did not start
    DSQ = "DSQ"  # disqualified from the race
    EXC = "EXC"  # excluded from the championship: shown, never scores, passes its places on

    @property
    def is_classified(self) -> bool:
        return self is FinishStatus.CLASSIFIED

    @property
    def took_part(self) -> bool:
        """Whether the car counts as having taken part (a DNS did not)."""
        return self is not FinishStatus.DNS


class DriverSeconds(Record):
    """A driver's time at the wheel in one race, from lap data."""

    name: str
    seconds: float


class ResultLine(Record):
    """One car's line in a race result, in the order the source gave it."""

    class_code: str
    status: FinishStatus
    # The place as given (overall or in class; only its order inside a class matters), or None
    # for an unclassified car the source lists without a place.
    order: int | None
    position: int | None = None  # overall place, where the source gives one beside the class one
    number: str | None  # car number as text ("007" is not "7"); None where the record does not say
    team: str
    drivers: tuple[str, ...] = ()
    chassis: str = ""
    engine: str = ""
    manufacturer: str = ""
    tyre: str = ""
    laps: int | None = None
    time: str | None = None  # race time or gap exactly as the source wrote it
    pole: bool = False
    note: str = ""
    # Every driver's time at the wheel, where the race came from lap data (drivers below a
    # minimum stay here, for the line-up check, though they are left out of `drivers`).
    driving: tuple[DriverSeconds, ...] = ()
    source: SourceRef | None = None

    @property
    def car_label(self) -> str:
        return f"#{self.number} {self.team}" if self.number else (self.team or "an unnamed car")

    @property
    def unnamed(self) -> bool:
        """A car a partial record places but does not name (no number, team or drivers; the
        results CSV writes its team as `?`): it takes its place and is shown in no table."""
        return self.number is None and not self.team and not self.drivers


class RaceCheckpoint(Record):
    """The running order at a set point of a race (IMSA Endurance Cup: 6 and 12 hours)."""

    name: str  # e.g. "6 hours"
    order: tuple[str, ...]  # car numbers in running order, leader first (all classes mixed)


class Race(Record):
    """One race of a round (a round can hold two, like Okayama 2009)."""

    number: int = 1
    name: str = "Race"
    results: tuple[ResultLine, ...] = ()
    multiplier: Decimal = Decimal(1)  # e.g. 2 for a double-points race
    scale: str | None = None  # a named points scale of the rule set (WEC: "8h", "le-mans")
    scheduled_seconds: float | None = None  # the race's scheduled length, for time-certain races
    leader_seconds: float | None = None  # racing time the leader completed, if the race stopped
    leader_laps: int | None = None  # laps the leader completed, if the race stopped
    checkpoints: tuple[RaceCheckpoint, ...] = ()
    source: SourceRef | None = None

    def has_overall_order(self) -> bool:
        """Whether the lines give an overall order: overall places beside the class ones, or
        places that never repeat between classes (a record that numbers each class from 1
        has only class places)."""
        if any(line.position is not None for line in self.results):
            return True
        places = [line.order for line in self.results
                  if line.status.is_classified and line.order is not None]
        return len(self.classes()) > 1 and len(places) == len(set(places))

    def classes(self) -> list[str]:
        """Class codes present, fastest class first: by the best place any of its cars took
        (so the order never depends on the order of the input rows)."""
        best: dict[str, tuple[int, int]] = {}
        for line in self.results:
            place = line.position if line.position is not None else line.order
            rank = (0, place or 0) if line.status.is_classified else (1, 0)
            best[line.class_code] = min(best.get(line.class_code, rank), rank)
        return sorted(best, key=lambda code: (best[code], code))


class QualifyingLine(Record):
    """One car's qualifying result; a disallowed time keeps the car in the list but not its lap."""

    order: int
    class_code: str
    number: str | None
    team: str
    drivers: tuple[str, ...] = ()
    time_seconds: float | None = None
    time: str | None = None  # as written in the source
    disallowed: bool = False
    note: str = ""
    source: SourceRef | None = None


class QualifyingSession(Record):
    """A qualifying session whose order sets the grid of the round's races."""

    name: str = "Qualifying"
    lines: tuple[QualifyingLine, ...] = ()
    source: SourceRef | None = None


@dataclass(frozen=True, slots=True, order=True)
class RoundKey:
    """A round as the CSV names it: a number, or a name numbered by first appearance."""

    number: int
    name: str


@dataclass
class ResultsFile:
    """Result lines of a CSV, by round and race number."""

    file: str
    rounds: dict[RoundKey, dict[int, list[ResultLine]]] = field(default_factory=dict)

    def lines(self) -> list[ResultLine]:
        return [ln for races in self.rounds.values() for lines in races.values() for ln in lines]
