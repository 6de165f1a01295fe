"""A championship season: its series, classes, calendar, entries and people."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from functools import cached_property
from typing import TypeVar

from pydantic import Field

from pitboard.domain.base import Record
from pitboard.domain.names import person_key
from pitboard.domain.published import PublishedFigures
from pitboard.domain.ratings import DriverRating
from pitboard.domain.results import QualifyingSession, Race
from pitboard.domain.standings import PointsAdjustment


class Series(Record):
    """A championship such as the Asian Le Mans Series."""

    id: str  # slug used in commands and addresses, e.g. "asian-le-mans-series"
    name: str
    short_name: str = ""
    # A person's other names across the series' seasons (a real rename, or a record's spelling
    # no season lists): any spelling -> the name shown.
    aliases: dict[str, str] = Field(default_factory=dict)


class CarClass(Record):
    """A class of cars that is classified and scored apart (LMP2, GTC ...)."""

    code: str
    name: str = ""
    scored: bool = True  # a guest class (2013's SGT at Fuji) is classified but scores nothing here
    note: str = ""


class Driver(Record):
    """A driver; aliases are the other spellings the record uses (Max / Massimiliano Wiser)."""

    name: str
    nationality: str | None = None  # ISO 3166-1 alpha-3
    aliases: tuple[str, ...] = ()
    rating: DriverRating | None = None  # FIA category for this season; None: not known
    ids: tuple[str, ...] = ()  # the driver's ids in sim results: Steam id, iRacing cust_id


class Team(Record):
    name: str
    nationality: str | None = None  # ISO 3166-1 alpha-3
    aliases: tuple[str, ...] = ()


class EntryDriver(Record):
    """A driver on an entry, and the rounds they were entered for (None: all)."""

    name: str
    rounds: tuple[int, ...] | None = None
    rating: DriverRating | None = None  # overrides the season's rating for this entry


class Entry(Record):
    """A car on the season's entry list."""

    class_code: str
    number: str | None
    team: str
    chassis: str = ""
    category: str = ""  # the car's homologation category (GT3, GT300, LMP2 ...) where known
    engine: str = ""
    manufacturer: str = ""
    tyre: str = ""
    drivers: tuple[EntryDriver, ...] = ()
    rounds: tuple[int, ...] | None = None  # the rounds the car was entered for (None: all)
    # Entered for its rounds' races, not for the championship (a Le Mans-only car in the WEC):
    # classified, scores nothing where a championship counts entered cars only.
    guest: bool = False
    note: str = ""


class RoundStatus(StrEnum):
    """Where a round of the calendar stands. A season file writes `cancelled` for a round that
    will not be run; any other round is held once it has results and scheduled until then
    (`Round.state`), so importing a round's results is all it takes to mark it run."""

    HELD = "held"
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


class Round(Record):
    """A meeting on the calendar; held rounds are numbered, cancelled ones may not be."""

    number: int | None
    name: str
    circuit: str = ""
    country: str | None = None  # ISO 3166-1 alpha-3
    date: dt.date | None = None
    status: RoundStatus = RoundStatus.HELD
    races: tuple[Race, ...] = ()
    qualifying: QualifyingSession | None = None
    short_name: str = ""  # the column heading of record books: INJ, FUJ ...
    note: str = ""

    @property
    def is_held(self) -> bool:
        """On the calendar and not cancelled: run, or still to run (see `state`)."""
        return self.status is not RoundStatus.CANCELLED

    @property
    def has_results(self) -> bool:
        return any(race.results for race in self.races)

    @property
    def state(self) -> RoundStatus:
        """Cancelled as the calendar says; otherwise held once it has results, else scheduled."""
        if self.status is RoundStatus.CANCELLED:
            return RoundStatus.CANCELLED
        return RoundStatus.HELD if self.has_results else RoundStatus.SCHEDULED


class StandingDecision(Record):
    """An organisers' decision that orders cars the rules leave level, kept visible as data."""

    class_code: str
    order: tuple[str, ...]  # car numbers, first ranked first
    reason: str
    tables: tuple[str, ...] = ()  # drivers, teams, manufacturers; empty: drivers and teams


class Season(Record):
    """One season of one series: everything the engine needs to score it, except the rules."""

    id: str  # e.g. "asian-le-mans-series/2013"
    series: Series
    name: str  # e.g. "2013"
    classes: tuple[CarClass, ...] = ()
    rounds: tuple[Round, ...] = ()
    drivers: tuple[Driver, ...] = ()
    teams: tuple[Team, ...] = ()
    entries: tuple[Entry, ...] = ()
    decisions: tuple[StandingDecision, ...] = ()
    adjustments: tuple[PointsAdjustment, ...] = ()  # points deducted or awarded outside races
    notes: tuple[str, ...] = ()
    # Timing files name classes the game's way: the game's class or car name -> a season class.
    class_map: dict[str, str] = Field(default_factory=dict)
    # What was published about the season (champions, final tables), with its sources: shown
    # where pitboard holds no results, compared with what it computes where it does.
    published: PublishedFigures | None = None

    @property
    def title(self) -> str:
        return f"{self.name} {self.series.name}".strip()

    def held_rounds(self) -> list[Round]:
        """The rounds that are not cancelled, run or still to run: a standings column each."""
        return [r for r in self.rounds if r.is_held]

    @property
    def has_results(self) -> bool:
        """Whether pitboard holds any race result of the season (a season may be only what was
        published about it)."""
        return any(r.has_results for r in self.rounds)

    def rounds_in(self, state: RoundStatus) -> list[Round]:
        return [r for r in self.rounds if r.state is state]

    @property
    def is_complete(self) -> bool:
        """Whether every round of the calendar is run (or cancelled): only then are the
        standings' leaders its champions."""
        return not self.rounds_in(RoundStatus.SCHEDULED)

    def car_class(self, code: str) -> CarClass | None:
        return next((c for c in self.classes if c.code == code), None)

    def round_by_ref(self, ref: str, *, held: bool = False) -> Round | None:
        """The round a command, an address or an import names: by number (ASCII digits only:
        '²' is a digit to `str.isdigit`, not to `int`), name or short name, case aside; with
        `held`, numbered rounds only."""
        number = round_number(ref)
        folded = ref.casefold()
        for rnd in self.rounds:
            if held and rnd.number is None:
                continue
            if (number is not None and rnd.number == number) or (
                    folded and folded in {rnd.name.casefold(), rnd.short_name.casefold()}):
                return rnd
        return None

    def class_codes(self) -> list[str]:
        """Classes in the season's order, then any class met only in results, in race order."""
        codes = [c.code for c in self.classes]
        for rnd in sorted(self.rounds, key=lambda r: (r.number is None, r.number or 0)):
            for race in rnd.races:
                for code in race.classes():
                    if code not in codes:
                        codes.append(code)
        return codes

    @cached_property
    def _driver_index(self) -> dict[str, Driver]:
        return _people_index(self.drivers)

    @cached_property
    def _team_index(self) -> dict[str, Team]:
        return _people_index(self.teams)

    @cached_property
    def _series_aliases(self) -> dict[str, str]:
        return {person_key(k): v for k, v in self.series.aliases.items()}

    def _renamed(self, name: str) -> str:
        return self._series_aliases.get(person_key(name), name)

    def driver(self, name: str) -> Driver | None:
        return self._driver_index.get(person_key(self._renamed(name)))

    def team(self, name: str) -> Team | None:
        return self._team_index.get(person_key(self._renamed(name)))

    def canonical_driver(self, name: str) -> str:
        """The season's name for a driver: its drivers' list (any alias, any spelling), else
        the series' aliases, else the name as given."""
        found = self.driver(name)
        return found.name if found else self._renamed(name)

    def canonical_team(self, name: str) -> str:
        found = self.team(name)
        return found.name if found else self._renamed(name)


def round_number(ref: str) -> int | None:
    """The round number a reference gives, or None where it is a name (or no number a round
    can have: thousands of digits, superscripts, full-width digits)."""
    text = ref.strip()
    if text.isascii() and text.isdigit() and len(text) <= 9:
        return int(text)
    return None


_Person = TypeVar("_Person", Driver, Team)


def _people_index(people: tuple[_Person, ...]) -> dict[str, _Person]:
    index: dict[str, _Person] = {}
    for person in people:
        index[person_key(person.name)] = person
        for alias in person.aliases:
            index[person_key(alias)] = person
    return index
