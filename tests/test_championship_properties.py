"""Properties of championships as data, for any race: the combined order of several classes,
and a team or make collecting only its best cars.

The WEC examples that motivate them are checked on the bundled wec-2019-20 preset: #7 wins
and #8 is second from pole, the LMP1 teams' table gives Toyota 26; an LMP1 car fifth on the
road behind three LMP2 cars scores 10 in the drivers' world championship, not 18.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pitboard.domain import Entry, FinishStatus, InputError, Race, ResultLine, Round, Season, Series
from pitboard.domain.standings import TableKind
from pitboard.engine.points import score_in_order
from pitboard.engine.standings import championship_table, season_standings
from pitboard.rules import Championship, PoleFrom, RuleSet, TeamScoring
from pitboard.rules.presets import load_preset

SCALE = tuple(Decimal(p) for p in (25, 18, 15, 12, 10, 8, 6, 4, 2, 1))
RULES = RuleSet(points=SCALE, pole_points=Decimal(1))


def line(class_code: str, place: int | str, number: str, overall: int | None = None,
         team: str | None = None, pole: bool = False, laps: int | None = None) -> ResultLine:
    classified = isinstance(place, int)
    return ResultLine(
        class_code=class_code,
        status=FinishStatus.CLASSIFIED if classified else FinishStatus(place),
        order=place if isinstance(place, int) else None,
        position=overall, number=number, team=team or f"Team {number}",
        drivers=(f"Driver {number}",), manufacturer=f"Make {number}", pole=pole, laps=laps,
    )


def season_of(*races: Race, entries: tuple[Entry, ...] = ()) -> Season:
    return Season(
        id="t/1", series=Series(id="t", name="T"), name="1", entries=entries,
        rounds=tuple(Round(number=i, name=f"R{i}", races=(race,))
                     for i, race in enumerate(races, start=1)),
    )


def entered(race: Race) -> tuple[Entry, ...]:
    return tuple(Entry(class_code=ln.class_code, number=ln.number, team=ln.team)
                 for ln in race.results)


# --- the WEC examples -------------------------------------------------------------------------


def test_wec_lmp1_teams_score_the_winner_and_the_pole_of_the_other_car() -> None:
    race = Race(results=(
        line("LMP1", 1, "7", overall=1, team="Toyota Gazoo Racing"),
        line("LMP1", 2, "8", overall=2, team="Toyota Gazoo Racing", pole=True),
        line("LMP1", 3, "1", overall=3, team="Rebellion Racing"),
    ))
    rules = load_preset("wec-2019-20").rules
    teams = next(c for c in rules.championships if c.title.endswith("LMP1 Teams"))
    table = championship_table(season_of(race, entries=entered(race)), rules, teams)
    assert table.row("Toyota Gazoo Racing").total == 25 + 1
    assert table.row("Rebellion Racing").total == 15


def test_wec_an_lmp1_car_behind_three_lmp2_cars_scores_fifth_place_points() -> None:
    race = Race(results=(
        line("LMP1", 1, "7", overall=1),
        line("LMP2", 1, "22", overall=2), line("LMP2", 2, "38", overall=3),
        line("LMP2", 3, "37", overall=4),
        line("LMP1", 2, "1", overall=5),
    ))
    rules = load_preset("wec-2019-20").rules
    tables = {t.title: t for t in season_standings(season_of(race, entries=entered(race)), rules)}
    drivers = tables["FIA World Endurance Drivers' Championship"]
    assert drivers.row("Driver 1").total == 10  # fifth of the prototypes, not second in LMP1
    assert drivers.row("Driver 22").total == 18
    assert tables["FIA Endurance Trophy for LMP2 Drivers"].row("Driver 22").total == 25


# --- the combined order -----------------------------------------------------------------------


@st.composite
def two_class_races(draw: st.DrawFn) -> Race:
    """Cars of classes A and B finishing in a random overall order; each class's places follow
    it; some cars retire; some are guests."""
    count = draw(st.integers(2, 14))
    classes = draw(st.lists(st.sampled_from("AB"), min_size=count, max_size=count))
    finished = draw(st.lists(st.booleans(), min_size=count, max_size=count))
    lines = []
    seen: dict[str, int] = {}
    overall = 0
    for i, (code, done) in enumerate(zip(classes, finished, strict=True)):
        if done:
            overall += 1
            seen[code] = seen.get(code, 0) + 1
            lines.append(line(code, seen[code], str(i), overall=overall))
        else:
            lines.append(line(code, "DNF", str(i)))
    shuffled = draw(st.permutations(lines))
    return Race(results=tuple(shuffled))


def _expected(race: Race, scored: set[str], guests: set[str]) -> dict[str, Decimal]:
    """Place points by the rank among the classified cars of A and B, guests passing places."""
    finishers = sorted((ln for ln in race.results if ln.status.is_classified),
                       key=lambda ln: ln.position or 0)
    points: dict[str, Decimal] = {}
    place = 0
    for ln in finishers:
        if ln.number in guests:
            continue
        place += 1
        if ln.class_code in scored:
            points[ln.number or ""] = SCALE[place - 1] if place <= len(SCALE) else Decimal(0)
    return points


@settings(max_examples=80)
@given(race=two_class_races(), only_a=st.booleans(), guests=st.sets(st.sampled_from(
    [str(i) for i in range(14)]), max_size=3))
def test_the_combined_order_places_cars_by_their_overall_finish(
    race: Race, only_a: bool, guests: set[str]
) -> None:
    scored = {"A"} if only_a else {"A", "B"}
    championship = Championship(title="T", table=TableKind.DRIVERS, classes=tuple(sorted(scored)),
                                order=("A", "B"), guests=tuple(sorted(guests)))
    lines = score_in_order(race, RULES, championship)
    got = {sl.line.number or "": sl.place_points for sl in lines if sl.line.status.is_classified}
    assert got == _expected(race, scored, guests)
    assert {sl.line.class_code for sl in lines} <= scored
    assert not {sl.line.number for sl in lines} & guests  # outside the championship: no row


@settings(max_examples=60)
@given(race=two_class_races())
def test_laps_order_the_classes_where_no_overall_place_is_given(race: Race) -> None:
    finishers = sorted((ln for ln in race.results if ln.status.is_classified),
                       key=lambda ln: ln.position or 0)
    laps = {id(ln): 500 - rank for rank, ln in enumerate(finishers)}
    by_laps = Race(results=tuple(
        ln.model_copy(update={"position": None, "laps": laps.get(id(ln))})
        for ln in race.results
    ))
    championship = Championship(title="T", table=TableKind.DRIVERS, classes=("A", "B"))
    placed = {sl.line.number: sl.class_position for sl in score_in_order(race, RULES, championship)}
    assert {sl.line.number: sl.class_position
            for sl in score_in_order(by_laps, RULES, championship)} == placed


def test_a_combined_order_without_overall_places_or_laps_names_each_line() -> None:
    race = Race(results=(line("A", 1, "1"), line("A", 2, "2"), line("B", 1, "3"),
                         line("B", 2, "4", overall=9)))
    championship = Championship(title="T", table=TableKind.DRIVERS, classes=("A", "B"))
    with pytest.raises(InputError) as caught:
        score_in_order(race, RULES, championship)
    named = {p.expected.split("'")[0] for p in caught.value.problems}
    assert named == {"#1 Team 1", "#2 Team 2", "#3 Team 3"}  # #4 has its overall place
    assert {p.field for p in caught.value.problems} == {"overall"}


def test_one_class_needs_no_overall_places() -> None:
    race = Race(results=(line("A", 2, "2"), line("A", 1, "1"), line("B", 1, "3")))
    championship = Championship(title="T", table=TableKind.DRIVERS, classes=("A",))
    assert [sl.line.number for sl in score_in_order(race, RULES, championship)] == ["1", "2"]


# --- a team's or a make's best cars -----------------------------------------------------------


@st.composite
def team_races(draw: st.DrawFn) -> Race:
    """One class; cars of three teams in a random finishing order, one pole, some retirements."""
    count = draw(st.integers(1, 9))
    teams = draw(st.lists(st.sampled_from(["X", "Y", "Z"]), min_size=count, max_size=count))
    finished = draw(st.lists(st.booleans(), min_size=count, max_size=count))
    pole = draw(st.integers(0, count - 1))
    lines, place = [], 0
    for i, (team, done) in enumerate(zip(teams, finished, strict=True)):
        place += done
        lines.append(line("A", place if done else "DNF", str(i), team=team, pole=i == pole))
    return Race(results=tuple(lines))


@settings(max_examples=80)
@given(races=st.lists(team_races(), min_size=1, max_size=3), best=st.integers(1, 3),
       pole_from=st.sampled_from(list(PoleFrom)))
def test_a_team_collects_its_best_cars_each_race_and_the_pole_as_the_rule_says(
    races: list[Race], best: int, pole_from: PoleFrom
) -> None:
    championship = Championship(title="T", table=TableKind.TEAMS, classes=("A",),
                                team_scoring=TeamScoring.PER_TEAM, best_cars=best,
                                pole_from=pole_from)
    season = season_of(*races)
    table = championship_table(season, RULES, championship)
    for team in {ln.team for race in races for ln in race.results}:
        expected = Decimal(0)
        for race in races:
            cars = [sl for sl in score_in_order(race, RULES, championship) if sl.line.team == team]
            if pole_from is PoleFrom.ANY:
                best_places = sorted((sl.place_points for sl in cars), reverse=True)[:best]
                expected += sum(best_places, Decimal(0)) + sum(
                    (sl.pole_points for sl in cars), Decimal(0))
            else:
                expected += sum(sorted((sl.points for sl in cars), reverse=True)[:best],
                                Decimal(0))
        assert table.row(team).total == expected


@settings(max_examples=40)
@given(races=st.lists(team_races(), min_size=1, max_size=3))
def test_makes_ranked_among_makes_score_their_best_car_by_its_rank(races: list[Race]) -> None:
    races = [Race(results=tuple(ln.model_copy(update={"manufacturer": ln.team})
                                for ln in race.results)) for race in races]
    championship = Championship(title="T", table=TableKind.MANUFACTURERS, classes=("A",),
                                best_cars=1, places="makes")
    table = championship_table(season_of(*races), RULES.model_copy(
        update={"pole_points": Decimal(0)}), championship)
    for make in {ln.manufacturer for race in races for ln in race.results}:
        expected = Decimal(0)
        for race in races:
            classified = sorted((ln for ln in race.results if ln.status.is_classified),
                                key=lambda ln: ln.order or 0)
            ranks = list(dict.fromkeys(ln.manufacturer for ln in classified))
            if make in ranks:
                expected += SCALE[ranks.index(make)]
        assert table.row(make).total == expected
