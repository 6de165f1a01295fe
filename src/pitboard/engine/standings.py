"""Standings per class for drivers, teams and manufacturers, with the per-round breakdown.

"Did not take part" and "took part, scored 0" stay different: a row has a round cell only where
one of its cars was in that round, and a cell whose every race was a DNS counts as not taking part.
Points adjustments of the season (deductions, awarded points) are added to a row's total after
the drop rules and kept on the row; tie-breaks still count race places only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from pitboard.domain import FinishStatus, Race, Round, Season
from pitboard.domain.standings import (
    AwardWinner,
    PointsAdjustment,
    RaceCell,
    RoundCell,
    StandingRow,
    StandingTable,
    TableKind,
)
from pitboard.engine.points import ScoredLine, score_race
from pitboard.engine.ranking import Contender, rank
from pitboard.rules import ManufacturerScoring, RuleSet, TeamScoring


@dataclass(frozen=True, slots=True)
class ScoredRace:
    round: Round
    race: Race
    classes: dict[str, list[ScoredLine]]

    @property
    def round_number(self) -> int:
        assert self.round.number is not None  # only held, numbered rounds are scored
        return self.round.number


def score_season(season: Season, rules: RuleSet) -> list[ScoredRace]:
    """Score every race of every held round."""
    return [
        ScoredRace(rnd, race, score_race(race, rules, season, rnd))
        for rnd in season.held_rounds()
        if rnd.number is not None
        for race in rnd.races
    ]


@dataclass
class _RowBuilder:
    """Collects one row's race cells before the table is ranked."""

    key: str
    name: str
    cells: dict[int, list[RaceCell]] = field(default_factory=dict)
    teams: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    places: Counter[int] = field(default_factory=Counter)
    best: tuple[int, int, int] = (1_000_000, 1_000_000, 0)  # (place, round, race)

    def add(self, cell: RaceCell, team: str | None = None) -> None:
        self.cells.setdefault(cell.round, []).append(cell)
        if cell.class_position is not None:
            self.places[cell.class_position] += 1
            self.best = min(self.best, (cell.class_position, cell.round, cell.race))
        if team and team not in self.teams:
            self.teams.append(team)
        if cell.number and cell.number not in self.numbers:
            self.numbers.append(cell.number)


def _cell(scored_race: ScoredRace, line: ScoredLine, points: Decimal | None = None) -> RaceCell:
    return RaceCell(
        round=scored_race.round_number,
        race=scored_race.race.number,
        number=line.line.number,
        status=line.line.status,
        class_position=line.class_position,
        pole=line.pole,
        points=line.points if points is None else points,
        place_points=line.place_points if points is None else min(points, line.place_points),
    )


def _round_cells(builder: _RowBuilder, rules: RuleSet) -> tuple[list[RoundCell], Decimal]:
    cells = [
        RoundCell(
            round=number,
            points=sum((c.points for c in races), Decimal(0)),
            races=tuple(sorted(races, key=lambda c: (c.race, c.number or ""))),
            took_part=any(c.status.took_part for c in races) or any(c.points for c in races),
        )
        for number, races in sorted(builder.cells.items())
    ]
    counted = [c for c in cells if c.took_part]
    if rules.best_rounds is not None and len(counted) > rules.best_rounds:
        kept = sorted(counted, key=lambda c: (-c.points, c.round))[: rules.best_rounds]
        kept_rounds = {c.round for c in kept}
        cells = [
            c.model_copy(update={"dropped": c.took_part and c.round not in kept_rounds})
            for c in cells
        ]
    total = sum((c.points for c in cells if c.took_part and not c.dropped), Decimal(0))
    return cells, total


def _names_row(
    adjustment: PointsAdjustment,
    season: Season,
    kind: TableKind,
    name: str,
    teams: Iterable[str],
    numbers: Iterable[str | None],
) -> bool:
    """Whether an adjustment names this row: by the name its table gives it (a driver's other
    spellings too), or by a team the row scored for; and by a car it scored with."""
    if kind not in adjustment.tables:
        return False
    if adjustment.who:
        wanted = {adjustment.who.casefold()}
        if kind is TableKind.DRIVERS:
            wanted.add(season.canonical_driver(adjustment.who).casefold())
        if kind is not TableKind.MANUFACTURERS:
            wanted.add(season.canonical_team(adjustment.who).casefold())
        names = {name.casefold()} | {team.casefold() for team in teams}
        if not wanted & names:
            return False
    return adjustment.number is None or adjustment.number in set(numbers)


def _applied(
    adjustments: list[PointsAdjustment], season: Season, kind: TableKind, builder: _RowBuilder
) -> tuple[PointsAdjustment, ...]:
    def numbers(adjustment: PointsAdjustment) -> list[str | None]:
        if adjustment.round is None:
            return list(builder.numbers)
        return [c.number for c in builder.cells.get(adjustment.round, [])]

    teams = builder.teams if kind is not TableKind.MANUFACTURERS else []
    return tuple(
        a for a in adjustments
        if _names_row(a, season, kind, builder.name, teams, numbers(a))
    )


def _table(
    season: Season,
    rules: RuleSet,
    class_code: str,
    kind: TableKind,
    builders: Iterable[_RowBuilder],
    describe: dict[str, dict[str, object]],
    decision_ranks: dict[str, int],
    decision_reason: dict[str, str],
) -> StandingTable:
    adjustments = [a for a in season.adjustments if a.class_code == class_code]
    contenders: list[Contender] = []
    built: dict[
        str, tuple[_RowBuilder, list[RoundCell], Decimal, tuple[PointsAdjustment, ...]]
    ] = {}
    for builder in builders:
        cells, total = _round_cells(builder, rules)
        applied = _applied(adjustments, season, kind, builder)
        total += sum((a.points for a in applied), Decimal(0))
        built[builder.key] = (builder, cells, total, applied)
        contenders.append(
            Contender(
                name=builder.key,
                total=total,
                places=builder.places,
                first_best=builder.best[1:],
                decision_rank=decision_ranks.get(builder.key),
            )
        )
    rows = []
    for ranked in rank(contenders, rules, rules.tie_break.for_table(kind.value)):
        builder, cells, total, applied = built[ranked.contender.name]
        extra = describe.get(builder.key, {})
        rows.append(
            StandingRow(
                position=ranked.position,
                name=builder.name,
                team=str(extra["team"]) if extra.get("team") else None,
                teams=tuple(builder.teams),
                number=str(extra["number"]) if extra.get("number") else None,
                numbers=tuple(builder.numbers),
                nationality=str(extra["nationality"]) if extra.get("nationality") else None,
                rounds=tuple(cells),
                total=total,
                note=decision_reason.get(builder.key, "") if ranked.decided else "",
                adjustments=applied,
            )
        )
    return StandingTable(class_code=class_code, kind=kind, rows=tuple(rows))


def _manufacturer_rows(
    lines: list[tuple[ScoredRace, ScoredLine]], rules: RuleSet
) -> list[_RowBuilder]:
    """Every car of a make, or its best N in each race. A car whose make the source does not
    give is left out of this table rather than ranked as a make of its own."""
    makes: dict[str, _RowBuilder] = {}
    per_race: dict[tuple[str, int, int], list[tuple[ScoredRace, ScoredLine]]] = {}
    for sr, sl in lines:
        make = sl.line.manufacturer.strip()
        if make:
            per_race.setdefault((make, sr.round_number, sr.race.number), []).append((sr, sl))
    for (make, _, _), cars in sorted(per_race.items()):
        builder = makes.setdefault(make, _RowBuilder(key=make, name=make))
        ranked_cars = sorted(cars, key=lambda c: -c[1].points)
        for i, (sr, sl) in enumerate(ranked_cars):
            counts = (
                rules.manufacturer_scoring is ManufacturerScoring.ALL_CARS
                or i < rules.manufacturer_cars_per_race
            )
            builder.add(_cell(sr, sl, None if counts else Decimal(0)))
    return list(makes.values())


def class_standings(
    season: Season,
    rules: RuleSet,
    class_code: str,
    scored: list[ScoredRace] | None = None,
) -> list[StandingTable]:
    """The drivers', teams' and manufacturers' tables of one class."""
    races = scored if scored is not None else score_season(season, rules)
    lines = [
        (sr, sl) for sr in races for sl in sr.classes.get(class_code, [])
    ]
    decisions = [d for d in season.decisions if d.class_code == class_code]

    def decided_for(table: str) -> tuple[dict[str, int], str]:
        chosen = [d for d in decisions if not d.tables or table in d.tables]
        ranks = {num: i for d in chosen for i, num in enumerate(d.order)}
        return ranks, " ".join(d.reason for d in chosen)

    # Teams: per car, or all cars of a team together.
    teams: dict[str, _RowBuilder] = {}
    team_describe: dict[str, dict[str, object]] = {}
    numbers_by_team: dict[str, set[str | None]] = {}
    for _, sl in lines:
        team = season.canonical_team(sl.line.team)
        numbers_by_team.setdefault(team, set()).add(sl.line.number)
    for sr, sl in lines:
        team = season.canonical_team(sl.line.team)
        number = sl.line.number
        if rules.team_scoring is TeamScoring.PER_CAR:
            key = f"{team}\x00{number or ''}"
            several = len(numbers_by_team[team]) > 1
            name = f"#{number} {team}" if several and number else team
        else:
            key, name = team, team
        builder = teams.setdefault(key, _RowBuilder(key=key, name=name))
        builder.add(_cell(sr, sl), team)
        team_obj = season.team(team)
        team_describe[key] = {
            "team": team,
            "number": number if rules.team_scoring is TeamScoring.PER_CAR else None,
            "nationality": team_obj.nationality if team_obj else None,
        }

    # Drivers: with whichever car they drove; the better car if they drove two in one race.
    drivers: dict[str, _RowBuilder] = {}
    driver_describe: dict[str, dict[str, object]] = {}
    best: dict[tuple[str, int, int], tuple[ScoredRace, ScoredLine]] = {}
    for sr, sl in lines:
        for raw in sl.line.drivers:
            name = season.canonical_driver(raw)
            slot = (name, sr.round_number, sr.race.number)
            if slot not in best or sl.points > best[slot][1].points:
                best[slot] = (sr, sl)
    for (name, _, _), (sr, sl) in sorted(best.items()):
        builder = drivers.setdefault(name, _RowBuilder(key=name, name=name))
        builder.add(_cell(sr, sl), season.canonical_team(sl.line.team))
    driver_order, driver_reason = decided_for("drivers")
    driver_ranks: dict[str, int] = {}
    for name, builder in drivers.items():
        person = season.driver(name)
        driver_describe[name] = {
            "team": ", ".join(builder.teams),
            "number": builder.numbers[0] if len(builder.numbers) == 1 else None,
            "nationality": person.nationality if person else None,
        }
        ranks = [driver_order[n] for n in builder.numbers if n in driver_order]
        if ranks:
            driver_ranks[name] = min(ranks)

    makes = _manufacturer_rows(lines, rules)
    team_order, team_reason = decided_for("teams")
    team_ranks = {
        key: team_order[str(info["number"])]
        for key, info in team_describe.items()
        if info.get("number") is not None and str(info["number"]) in team_order
    }
    return [
        _table(season, rules, class_code, TableKind.DRIVERS, drivers.values(),
               driver_describe, driver_ranks, dict.fromkeys(driver_ranks, driver_reason)),
        _table(season, rules, class_code, TableKind.TEAMS, teams.values(),
               team_describe, team_ranks, dict.fromkeys(team_ranks, team_reason)),
        _table(season, rules, class_code, TableKind.MANUFACTURERS, makes,
               {}, {}, {}),
    ]


def season_standings(season: Season, rules: RuleSet) -> list[StandingTable]:
    """Every table of every scored class, classes in the season's order."""
    scored = score_season(season, rules)
    tables: list[StandingTable] = []
    for code in season.class_codes():
        car_class = season.car_class(code)
        if car_class is not None and not car_class.scored:
            continue
        if not any(code in sr.classes for sr in scored):
            continue
        tables.extend(class_standings(season, rules, code, scored))
    return tables


@dataclass(frozen=True, slots=True)
class AdjustmentMiss:
    """An adjustment of the season that does not name exactly the rows it should in a table."""

    index: int  # in Season.adjustments
    adjustment: PointsAdjustment
    kind: TableKind
    named: tuple[str, ...]  # the rows it names: none, or several for a bare name
    rows: tuple[str, ...]  # every row of the table, to suggest the one meant


def adjustment_misses(season: Season, tables: list[StandingTable]) -> list[AdjustmentMiss]:
    """Adjustments that name no row of a table they are for (they would change nothing without a
    word), or whose bare name fits several rows (a team's two cars would each lose the points)."""
    misses = []
    for index, adjustment in enumerate(season.adjustments):
        for kind in adjustment.tables:
            table = next((t for t in tables
                          if t.class_code == adjustment.class_code and t.kind is kind), None)
            rows = table.rows if table is not None else ()
            named = tuple(r.name for r in rows if adjustment in r.adjustments)
            if not named or (len(named) > 1 and adjustment.number is None):
                misses.append(AdjustmentMiss(index, adjustment, kind, named,
                                             tuple(r.name for r in rows)))
    return misses


def award_winners(rules: RuleSet, tables: list[StandingTable]) -> list[AwardWinner]:
    """Who earns each award of the rule set (e.g. Le Mans invitations), derived from the tables."""
    winners: list[AwardWinner] = []
    for award in rules.awards:
        for table in tables:
            if award.table != table.kind.value:
                continue
            if award.classes and table.class_code not in award.classes:
                continue
            for row in table.rows:
                if row.position is not None and row.position <= award.top:
                    winners.append(
                        AwardWinner(
                            award=award.name,
                            class_code=table.class_code,
                            kind=table.kind,
                            position=row.position,
                            name=row.name,
                        )
                    )
    return winners


def champions(tables: list[StandingTable]) -> list[tuple[StandingTable, StandingRow]]:
    """The rows in first place of every table (several where first place is shared)."""
    return [(t, row) for t in tables for row in t.rows if row.position == 1]


__all__ = [
    "AdjustmentMiss",
    "FinishStatus",
    "ScoredRace",
    "adjustment_misses",
    "award_winners",
    "champions",
    "class_standings",
    "score_season",
    "season_standings",
]
