"""Who collects a championship's points: each driver, each car, each team or each make.

A row gathers race cells before its table is ranked. A team scored per team and a make add up
their cars, or only their best N in each race; the pole point comes with a counted car, or from
whichever of their cars took it (`PoleFrom`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from pitboard.domain import Race, Round, Season
from pitboard.domain.standings import RaceCell
from pitboard.engine.points import ScoredLine
from pitboard.rules import PoleFrom, TeamScoring


@dataclass(frozen=True, slots=True)
class ScoredRace:
    """One race of a held round with the lines one championship scored in it."""

    round: Round
    race: Race
    lines: list[ScoredLine]

    @property
    def round_number(self) -> int:
        assert self.round.number is not None  # only held, numbered rounds are scored
        return self.round.number


Scored = tuple[ScoredRace, ScoredLine]


@dataclass
class RowBuilder:
    """Collects one row's race cells before the table is ranked."""

    key: str
    name: str
    cells: dict[int, list[RaceCell]] = field(default_factory=dict)
    teams: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    places: Counter[int] = field(default_factory=Counter)
    best: tuple[int, int, int] = (1_000_000, 1_000_000, 0)  # (place, round, race)
    team: str | None = None
    number: str | None = None
    nationality: str | None = None

    def add(self, cell: RaceCell, team: str | None = None, counted: bool = True) -> None:
        """Add a race cell; only a counted car's place counts for the tie-breaks."""
        self.cells.setdefault(cell.round, []).append(cell)
        if counted and cell.class_position is not None:
            self.places[cell.class_position] += 1
            self.best = min(self.best, (cell.class_position, cell.round, cell.race))
        if team and team not in self.teams:
            self.teams.append(team)
        if cell.number and cell.number not in self.numbers:
            self.numbers.append(cell.number)


def race_cell(
    scored_race: ScoredRace, line: ScoredLine, points: Decimal | None = None,
    place_points: Decimal | None = None,
) -> RaceCell:
    return RaceCell(
        round=scored_race.round_number,
        race=scored_race.race.number,
        number=line.line.number,
        status=line.line.status,
        class_position=line.class_position,
        pole=line.pole,
        points=line.points if points is None else points,
        place_points=line.place_points if place_points is None else place_points,
    )


def driver_rows(season: Season, lines: Iterable[Scored]) -> list[RowBuilder]:
    """Each driver, with whichever car they drove; the better car if they drove two in a race."""
    best: dict[tuple[str, int, int], Scored] = {}
    for sr, sl in lines:
        for raw in sl.line.drivers:
            slot = (season.canonical_driver(raw), sr.round_number, sr.race.number)
            if slot not in best or sl.points > best[slot][1].points:
                best[slot] = (sr, sl)
    drivers: dict[str, RowBuilder] = {}
    for (name, _, _), (sr, sl) in sorted(best.items()):
        builder = drivers.setdefault(name, RowBuilder(key=name, name=name))
        builder.add(race_cell(sr, sl), season.canonical_team(sl.line.team))
    for name, builder in drivers.items():
        person = season.driver(name)
        builder.team = ", ".join(builder.teams)
        builder.number = builder.numbers[0] if len(builder.numbers) == 1 else None
        builder.nationality = person.nationality if person else None
    return list(drivers.values())


def car_rows(season: Season, lines: list[Scored], season_lines: list[Scored]) -> list[RowBuilder]:
    """Each car apart, named by its team ("#007 Craft Racing" where the team ran several cars
    in the season's `season_lines`, so a row keeps its name in the standings after any round)."""
    numbers_by_team: dict[str, set[str | None]] = {}
    for _, sl in season_lines:
        numbers_by_team.setdefault(season.canonical_team(sl.line.team), set()).add(sl.line.number)
    cars: dict[str, RowBuilder] = {}
    for sr, sl in lines:
        team, number = season.canonical_team(sl.line.team), sl.line.number
        several = len(numbers_by_team[team]) > 1
        name = f"#{number} {team}" if several and number else team
        key = f"{team}\x00{number or ''}"
        builder = cars.setdefault(key, RowBuilder(key=key, name=name))
        builder.add(race_cell(sr, sl), team)
        team_record = season.team(team)
        builder.team, builder.number = team, number
        builder.nationality = team_record.nationality if team_record else None
    return list(cars.values())


def grouped_rows(
    lines: list[Scored],
    group_of: Callable[[ScoredLine], str],
    best_cars: int | None,
    pole_from: PoleFrom,
    team_of: Callable[[ScoredLine], str | None] = lambda _: None,
) -> list[RowBuilder]:
    """Cars added up by group (a team, a make): all of them, or the best N in each race.

    A car whose group is blank (a make the source does not give) is left out rather than ranked
    as a group of its own.
    """
    per_race: dict[tuple[str, int, int], list[Scored]] = {}
    for sr, sl in lines:
        group = group_of(sl).strip()
        if group:
            per_race.setdefault((group, sr.round_number, sr.race.number), []).append((sr, sl))
    rows: dict[str, RowBuilder] = {}
    for (group, _, _), cars in sorted(per_race.items()):
        builder = rows.setdefault(group, RowBuilder(key=group, name=group))

        def worth(car: Scored) -> tuple[Decimal, int, str]:
            line = car[1]
            points = line.points
            if pole_from is PoleFrom.ANY:
                points -= line.pole_points
            return (-points, line.class_position or 1_000_000, line.line.number or "")

        for i, (sr, sl) in enumerate(sorted(cars, key=worth)):
            counts = best_cars is None or i < best_cars
            pole = sl.pole_points if pole_from is PoleFrom.ANY or counts else Decimal(0)
            points = (sl.points - sl.pole_points if counts else Decimal(0)) + pole
            place = sl.place_points if counts else Decimal(0)
            builder.add(race_cell(sr, sl, points, place), team_of(sl), counted=counts)
    return list(rows.values())


def team_rows(season: Season, lines: list[Scored], season_lines: list[Scored],
              team_scoring: TeamScoring, best_cars: int | None,
              pole_from: PoleFrom) -> list[RowBuilder]:
    """Each car apart, or each team adding up its cars (or its best N in each race)."""
    if team_scoring is TeamScoring.PER_CAR:
        return car_rows(season, lines, season_lines)

    def team_of(line: ScoredLine) -> str:
        return season.canonical_team(line.line.team)

    rows = grouped_rows(lines, team_of, best_cars, pole_from, team_of)
    for builder in rows:
        team_record = season.team(builder.key)
        builder.team = builder.key
        builder.nationality = team_record.nationality if team_record else None
    return rows


def make_rows(lines: list[Scored], best_cars: int | None, pole_from: PoleFrom) -> list[RowBuilder]:
    """Each make, by the manufacturer its cars give."""
    return grouped_rows(lines, lambda line: line.line.manufacturer, best_cars, pole_from)
