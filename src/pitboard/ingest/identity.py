"""One name per driver across a league's sessions, however each session spells or numbers them.

A driver is matched by the source's own id (Steam id, iRacing cust_id) first, then by name
(case and spacing ignored). The season file's drivers (name, aliases, ids) give the canonical
name; a driver the season file does not list keeps the first name met. Two different ids under
the same name are two drivers: each keeps the name with its id in brackets.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from pitboard.domain.names import person_key
from pitboard.domain.timing import TimedCar, TimedDriver, TimingSession

_Identity = tuple[str, str]  # ("season", name) | ("id", source id) | ("name", name key)


class Person(Protocol):
    """A driver as the season names them: the season file's entry, or the stored Driver."""

    @property
    def name(self) -> str: ...
    @property
    def aliases(self) -> Sequence[str]: ...
    @property
    def ids(self) -> Sequence[str]: ...


def name_key(name: str) -> str:
    """Names (and class or car names) compared without case, accents or spacing."""
    return person_key(name)


class DriverIdentities:
    """Learn every session first (`learn`), then rename the drivers of each (`apply`)."""

    def __init__(self, season_drivers: Iterable[Person]) -> None:
        self.season_ids: dict[str, str] = {}
        self.season_names: dict[str, str] = {}
        for person in season_drivers:
            for source_id in person.ids:
                self.season_ids[source_id] = person.name
            for spelling in (person.name, *person.aliases):
                self.season_names[name_key(spelling)] = person.name
        self.seen: list[TimedDriver] = []
        self.ids_by_name: dict[str, set[str]] = {}
        self._names: dict[_Identity, str] | None = None

    def _identity(self, driver: TimedDriver) -> _Identity:
        key = name_key(driver.name)
        if driver.source_id and driver.source_id in self.season_ids:
            return ("season", self.season_ids[driver.source_id])
        if key in self.season_names:
            return ("season", self.season_names[key])
        if driver.source_id:
            return ("id", driver.source_id)
        ids = self.ids_by_name.get(key, set())
        if len(ids) == 1:
            return ("id", next(iter(ids)))
        return ("name", key)

    def learn(self, session: TimingSession) -> None:
        for car in session.cars:
            for driver in car.drivers:
                key = name_key(driver.name)
                if driver.source_id and driver.source_id not in self.season_ids:
                    if key in self.season_names:  # the season's driver, now known by id too
                        self.season_ids[driver.source_id] = self.season_names[key]
                    else:
                        self.ids_by_name.setdefault(key, set()).add(driver.source_id)
        self.seen.extend(d for car in session.cars for d in car.drivers)
        self._names = None

    def names(self) -> dict[_Identity, str]:
        """The display name of every identity; shared names are told apart by their ids."""
        if self._names is None:
            plain: dict[_Identity, str] = {}
            for driver in self.seen:  # the first name met, unless the season file names them
                ident = self._identity(driver)
                first = ident[1] if ident[0] == "season" else " ".join(driver.name.split())
                plain.setdefault(ident, first)
            plain.update({("season", n): n for n in self.season_names.values()})
            holders: dict[str, list[_Identity]] = {}
            for ident, name in plain.items():
                holders.setdefault(name_key(name), []).append(ident)
            self._names = {
                ident: f"{name} [{ident[1]}]"
                if ident[0] == "id" and len(holders[name_key(name)]) > 1 else name
                for ident, name in plain.items()
            }
        return self._names

    def name(self, driver: TimedDriver) -> str:
        ident = self._identity(driver)
        return self.names().get(ident, " ".join(driver.name.split()))

    def apply(self, session: TimingSession) -> TimingSession:
        """The session with every driver (and every lap's driver) under its canonical name."""
        return session.model_copy(update={"cars": tuple(self._car(c) for c in session.cars)})

    def _car(self, car: TimedCar) -> TimedCar:
        renamed = {d.name: self.name(d) for d in car.drivers}
        if all(old == new for old, new in renamed.items()):
            return car
        laps = tuple(
            lap.model_copy(update={"driver": renamed.get(lap.driver, lap.driver)})
            if lap.driver is not None else lap
            for lap in car.laps
        )
        drivers = tuple(d.model_copy(update={"name": renamed[d.name]}) for d in car.drivers)
        return car.model_copy(update={"drivers": drivers, "laps": laps})
