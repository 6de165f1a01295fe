"""Drivers and teams across every stored season and series: each championship they were in
(from the standings tables) and each race they ran (from the race results, scored as the
standings score them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from pitboard.domain import Season
from pitboard.domain.names import person_key, preferred, sort_key
from pitboard.domain.standings import StandingRow, TableKind
from pitboard.engine.points import score_race, scores_car
from pitboard.office import SeasonView
from pitboard.output.schema import Number, number


@dataclass(frozen=True)
class SeasonLine:
    """A person's (or car's) line in one season's table."""

    season_id: str
    season_title: str
    series: str
    class_code: str
    position: int | None
    total: Number
    team: str | None
    wins: int
    podiums: int
    starts: int
    car: str = ""  # for a team: its car, `#77 Ferrari 458 Italia GT3`
    final: bool = True  # False while the season has rounds to run: a leader, not a champion


@dataclass(frozen=True)
class RaceLine:
    """One race a driver or team ran: where, in what, and how it ended."""

    season_id: str
    season_title: str
    round: int | None
    round_name: str
    date: dt.date | None
    race: int
    race_name: str
    class_code: str
    number: str | None
    team: str
    car: str  # the chassis
    drivers: tuple[str, ...]
    place: int | None  # in class; None when not classified
    status: str  # classified, NC, DNF, DNS, DSQ, EXC
    pole: bool
    points: Number | None  # None where the car could score nothing (a class not scored)


@dataclass
class Person:
    name: str
    nationality: str | None = None
    spellings: tuple[str, ...] = ()  # every way the sources wrote the name
    seasons: list[SeasonLine] = field(default_factory=list)
    races: list[RaceLine] = field(default_factory=list)

    @property
    def titles(self) -> int:
        """Championships won: first place of a season whose calendar is run."""
        return sum(1 for s in self.seasons if s.position == 1 and s.final)

    @property
    def wins(self) -> int:
        return sum(s.wins for s in self.seasons)

    def races_by_season(self) -> list[tuple[str, str, list[RaceLine]]]:
        """(season title, season id, its races in calendar order), latest season first."""
        seasons: dict[str, list[RaceLine]] = {}
        for race in self.races:
            seasons.setdefault(race.season_id, []).append(race)
        ordered = sorted(seasons.values(), key=lambda races: (races[0].season_title,
                                                              races[0].date or dt.date.min),
                         reverse=True)
        return [(races[0].season_title, races[0].season_id, races) for races in ordered]


def _line(view: SeasonView, class_code: str, row: StandingRow, kind: TableKind) -> SeasonLine:
    races = [c for cell in row.rounds for c in cell.races]
    return SeasonLine(
        season_id=view.season.id,
        season_title=view.season.title,
        series=view.season.series.name,
        class_code=class_code,
        position=row.position,
        total=number(row.total),
        team=row.team,
        wins=sum(1 for c in races if c.class_position == 1),
        podiums=sum(1 for c in races if c.class_position is not None and c.class_position <= 3),
        starts=sum(1 for c in races if c.status.took_part),
        car=_cars(view.season, class_code, row) if kind is TableKind.TEAMS else "",
        final=view.season.is_complete,
    )


def _cars(season: Season, class_code: str, row: StandingRow) -> str:
    """A team row's car or cars, by number and chassis: `#007 Aston Martin V12 Vantage GT3 /
    Ford GT GT3` (every chassis it entered or raced); the chassis alone where the record
    gives no number."""
    numbers = list(row.numbers) or ([row.number] if row.number else [])
    if not numbers:
        return _chassis(season, class_code, lambda _, team: team == row.team)
    return ", ".join(f"#{n} {_chassis(season, class_code, _numbered(n))}".strip()
                     for n in numbers)


def _numbered(car_number: str) -> Callable[[str | None, str], bool]:
    return lambda number, _: number == car_number


def _chassis(season: Season, class_code: str,
             this_car: Callable[[str | None, str], bool]) -> str:
    """Every chassis the entry list and the results give the car, in that order."""
    entered = [e.chassis for e in season.entries
               if e.class_code == class_code and this_car(e.number, season.canonical_team(e.team))
               and e.chassis]
    raced = [line.chassis for rnd in season.rounds for race in rnd.races
             for line in race.results
             if line.class_code == class_code and line.chassis
             and this_car(line.number, season.canonical_team(line.team))]
    return " / ".join(dict.fromkeys(entered + raced))


def _race_lines(view: SeasonView) -> list[RaceLine]:
    """Every result line of the season, scored, in calendar order."""
    season, rules = view.season, view.rules
    out = []
    for rnd in season.rounds:
        for race in rnd.races:
            for lines in score_race(race, rules, season, rnd).values():
                for s in lines:
                    out.append(RaceLine(
                        season_id=season.id, season_title=season.title, round=rnd.number,
                        round_name=rnd.name, date=rnd.date, race=race.number,
                        race_name=race.name, class_code=s.line.class_code,
                        number=s.line.number, team=season.canonical_team(s.line.team),
                        car=s.line.chassis,
                        drivers=tuple(season.canonical_driver(d) for d in s.line.drivers),
                        place=s.class_position, status=s.line.status.value, pole=s.pole,
                        points=number(s.points) if scores_car(s.line, season, rules) else None,
                    ))
    return out


class _Identities:
    """Which spellings are one person: the same `person_key`, or aliases of each other in any
    season's list of drivers or teams, or in a series' aliases (a real rename)."""

    def __init__(self, views: list[SeasonView], kind: TableKind) -> None:
        self.parent: dict[str, str] = {}
        for view in views:
            season = view.season
            people = season.drivers if kind is TableKind.DRIVERS else season.teams
            for person in people:
                for alias in person.aliases:
                    self.join(person.name, alias)
            for spelling, name in season.series.aliases.items():
                self.join(name, spelling)

    def root(self, key: str) -> str:
        while self.parent.get(key, key) != key:
            key = self.parent[key]
        return key

    def join(self, a: str, b: str) -> None:
        ra, rb = self.root(person_key(a)), self.root(person_key(b))
        if ra != rb:
            self.parent[rb] = ra

    def of(self, name: str) -> str:
        return self.root(person_key(name))


def people(views: list[SeasonView], kind: TableKind) -> dict[str, Person]:
    """Everyone in the tables of this kind, one entry per person however the sources spell
    them (see `_Identities`), under their best spelling (`domain.names.preferred`), drivers
    in order of family name; for teams, a team's cars count together.

    Each person's races come from the results, so a driver of a class that is not scored
    (a guest) has their races though no table lists them."""
    identities = _Identities(views, kind)
    found: dict[str, Person] = {}
    spellings: dict[str, list[str]] = {}

    def person(name: str) -> Person:
        key = identities.of(name)
        spellings.setdefault(key, []).append(name)
        return found.setdefault(key, Person(name))

    for view in views:
        for table in view.tables:
            if table.kind is not kind:
                continue
            for row in table.rows:
                name = row.team if kind is TableKind.TEAMS and row.team else row.name
                someone = person(name)
                someone.nationality = someone.nationality or row.nationality
                someone.seasons.append(_line(view, table.class_code, row, kind))
        nationality = {d.name: d.nationality for d in view.season.drivers} \
            if kind is TableKind.DRIVERS else {t.name: t.nationality for t in view.season.teams}
        for race in _race_lines(view):
            for name in race.drivers if kind is TableKind.DRIVERS else (race.team,):
                someone = person(name)
                someone.nationality = someone.nationality or nationality.get(name)
                someone.races.append(race)
    for key, someone in found.items():
        someone.name = preferred(spellings[key])
        someone.spellings = tuple(dict.fromkeys(" ".join(s.split()) for s in spellings[key]))
    order = sort_key if kind is TableKind.DRIVERS else (lambda name: (person_key(name), ""))
    return {p.name: p for p in sorted(found.values(), key=lambda p: order(p.name))}


def person_named(found: dict[str, Person], name: str) -> Person | None:
    """A person by the name shown, or by any other spelling of theirs."""
    if name in found:
        return found[name]
    key = person_key(name)
    return next((p for p in found.values()
                 if key in {person_key(s) for s in (p.name, *p.spellings)}), None)
