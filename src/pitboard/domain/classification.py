"""A session's classification as the stewards sign it: order, statuses, gaps, penalties, drivers.

The engine builds these records from a TimingSession; the CLI, exports and season loader read them.
"""

from __future__ import annotations

from enum import StrEnum

from pitboard.domain.base import Record
from pitboard.domain.problems import SourceRef
from pitboard.domain.results import FinishStatus


class PenaltyKind(StrEnum):
    """What a post-session decision does to a car."""

    TIME = "time"  # seconds added to the race time
    LAPS = "laps"  # laps deducted from the distance
    DROP = "drop"  # places lost in the car's class, among its classified class rivals
    DSQ = "dsq"  # disqualified from the session
    EXCLUDE = "exclude"  # stays in the session's order but is excluded from the championship
    DELETE_LAP = "delete_lap"  # one lap time deleted (track limits); value is the lap number
    DISALLOW = "disallow"  # every time of the session disallowed: starts from the back


class Penalty(Record):
    """One decision from a penalties file, with the reason printed beside the car."""

    number: str
    kind: PenaltyKind
    value: float = 0.0
    reason: str = ""
    source: SourceRef | None = None

    def describe(self) -> str:
        """How an official sheet prints it: '+30 s', '-2 laps', 'DSQ' ..."""
        if self.kind is PenaltyKind.TIME:
            return f"+{self.value:g} s"
        if self.kind is PenaltyKind.LAPS:
            return f"-{self.value:g} lap{'s' if self.value != 1 else ''}"
        if self.kind is PenaltyKind.DROP:
            return f"-{self.value:g} place{'s' if self.value != 1 else ''}"
        if self.kind is PenaltyKind.DELETE_LAP:
            return f"lap {self.value:g} deleted"
        return self.kind.value.upper()

    def note(self) -> str:
        """As the classification prints a decision beside a car: 'DSQ (ride height)'."""
        return f"{self.describe()} ({self.reason})" if self.reason else self.describe()


class Gap(Record):
    """Distance behind another car: laps when a lap or more down, otherwise time on the same lap."""

    laps: int = 0
    seconds: float | None = None  # None when a lap down, or when a time is missing

    def as_json(self) -> float | str | None:
        if self.laps:
            return f"{self.laps} Lap{'s' if self.laps != 1 else ''}"
        return None if self.seconds is None else round(self.seconds, 3)

    def text(self) -> str:
        """As official sheets print it: `+8.849`, `+2:42.169`, `1 Lap`."""
        value = self.as_json()
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        minutes, seconds = divmod(round(value * 1000), 60_000)
        if minutes:
            return f"+{minutes}:{seconds / 1000:06.3f}"
        return f"+{value:.3f}"


class DriverTime(Record):
    """How long one driver drove a car, in how many stints, and whether that is enough to score."""

    name: str
    seconds: float = 0.0
    laps: int = 0
    stints: int = 0
    scores: bool = True  # False: below the rule set's minimum driving time


class Stint(Record):
    """A run of laps by one driver, from the start or a pit stop to the next stop or change."""

    number: int  # the car's first stint is 1
    driver: str
    first_lap: int
    last_lap: int
    laps: int
    seconds: float  # the sum of its lap times (in- and out-laps included, as the ACO counts)
    best_lap_seconds: float | None = None
    started_seconds: float | None = None  # session clock when its first lap began
    ended_seconds: float | None = None  # session clock at the end of its last lap
    pit_in: bool = False  # it ended in the pit lane (a stop, or retiring into the garage)
    pit_seconds: float | None = None  # pit lane time of the stop that ended it, where stated


class ClassifiedCar(Record):
    """One car's line in a classification."""

    position: int
    class_code: str
    class_position: int
    number: str
    team: str = ""
    group: str = ""
    vehicle: str = ""
    manufacturer: str = ""
    drivers: tuple[str, ...] = ()
    laps: int = 0
    status: FinishStatus = FinishStatus.CLASSIFIED
    excluded: bool = False  # excluded from the championship: shown, never scores
    race_seconds: float | None = None  # time at the line at the end of the last lap, with penalties
    gap: Gap | None = None  # to the overall leader; None for the leader
    interval: Gap | None = None  # to the car ahead overall
    class_gap: Gap | None = None  # to the class leader
    class_interval: Gap | None = None  # to the car ahead in the class
    best_lap_seconds: float | None = None
    best_lap_number: int | None = None
    laps_led: int = 0
    pit_stops: int = 0
    pit_seconds: float | None = 0.0  # time in the pit lane as the source states it; None: untimed
    driver_times: tuple[DriverTime, ...] = ()
    penalties: tuple[Penalty, ...] = ()
    took_flag: bool | None = None  # crossed the line after the finish; None when unknown
    source: SourceRef | None = None

    def notes(self) -> str:
        """Decisions printed beside the car, as official sheets do: '+30 s (reason); DSQ (...)'."""
        parts = [f"{p.describe()} ({p.reason})" if p.reason else p.describe()
                 for p in self.penalties]
        return "; ".join(parts)

    def as_row(self) -> dict[str, object]:
        """The car's row in `--format json` and the API: see docs/timing.md."""
        return {
            "position": self.position,
            "class": self.class_code,
            "class_position": self.class_position,
            "number": self.number,
            "team": self.team,
            "drivers": list(self.drivers),
            "laps": self.laps,
            "status": self.status.value,
            "excluded": self.excluded,
            "race_time": self.race_seconds,
            "gap": self.gap.as_json() if self.gap else None,
            "interval": self.interval.as_json() if self.interval else None,
            "class_gap": self.class_gap.as_json() if self.class_gap else None,
            "class_interval": self.class_interval.as_json() if self.class_interval else None,
            "best_lap": self.best_lap_seconds,
            "best_lap_number": self.best_lap_number,
            "laps_led": self.laps_led,
            "pit_stops": self.pit_stops,
            "pit_time": self.pit_seconds,
            "took_flag": self.took_flag,
            "group": self.group,
            "vehicle": self.vehicle,
            "manufacturer": self.manufacturer,
            "driving": [d.model_dump() for d in self.driver_times],
            "penalties": [
                {"kind": p.kind.value, "value": p.value, "reason": p.reason,
                 "text": p.describe()}
                for p in self.penalties
            ],
            "source": str(self.source) if self.source else None,
        }


class ClassBest(Record):
    """The fastest lap of a class."""

    class_code: str
    number: str
    seconds: float
    lap: int | None = None
    driver: str | None = None


class Classification(Record):
    """The whole classification of one session, overall order first."""

    session_name: str = ""
    event: str = ""
    track: str = ""
    source_format: str = ""
    finish_seconds: float | None = None  # race clock when the leader took the chequered flag
    cars: tuple[ClassifiedCar, ...] = ()
    class_bests: tuple[ClassBest, ...] = ()
    source: SourceRef | None = None

    def as_json(self, extra_session: dict[str, object] | None = None) -> dict[str, object]:
        """`{"schema": 1, "session": {...}, "classification": [rows]}`, as docs/timing.md shows."""
        session: dict[str, object] = {
            "name": self.session_name,
            "event": self.event,
            "track": self.track,
            "source_format": self.source_format,
            "finish_time": self.finish_seconds,
            "classes": self.classes(),
            "class_best_laps": [
                {"class": b.class_code, "number": b.number, "best_lap": b.seconds,
                 "lap": b.lap, "driver": b.driver}
                for b in self.class_bests
            ],
            **(extra_session or {}),
        }
        return {
            "schema": 1,
            "session": session,
            "classification": [car.as_row() for car in self.cars],
        }

    def classes(self) -> list[str]:
        """Class codes in the order their best car stands overall."""
        return list(dict.fromkeys(car.class_code for car in self.cars))

    def in_class(self, class_code: str) -> list[ClassifiedCar]:
        return [car for car in self.cars if car.class_code == class_code]

    def car(self, number: str) -> ClassifiedCar:
        for car in self.cars:
            if car.number == number:
                return car
        raise KeyError(number)
