"""Properties that hold for any race and any results file, checked with generated data."""

from __future__ import annotations

import itertools
import random
from collections import Counter
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from pitboard.domain import FinishStatus, Race, ResultLine, Round, Season, Series
from pitboard.domain.standings import PointsAdjustment, StandingRow, TableKind
from pitboard.engine.points import score_race
from pitboard.engine.ranking import countback
from pitboard.engine.standings import season_standings
from pitboard.formats.results_csv.reader import parse_results
from pitboard.output.schema import standings_document
from pitboard.rules import RuleSet, TieBreak, TieBreaks

statuses = st.sampled_from(
    [FinishStatus.CLASSIFIED] * 4 + [FinishStatus.NC, FinishStatus.DNF, FinishStatus.DNS]
)
scales = st.lists(st.integers(0, 50), min_size=1, max_size=12).map(
    lambda ps: tuple(Decimal(p) for p in sorted(ps, reverse=True))
)


@st.composite
def races(draw: st.DrawFn) -> Race:
    lines = []
    number = 0
    for class_code in draw(st.lists(st.sampled_from(["P2", "GTE", "GTC"]), min_size=1,
                                    max_size=3, unique=True)):
        cars = draw(st.lists(statuses, min_size=1, max_size=15))
        pole = draw(st.integers(-1, len(cars) - 1))
        for i, status in enumerate(cars):
            number += 1
            lines.append(ResultLine(class_code=class_code, status=status, order=i + 1,
                                    number=str(number), team=f"T{number}",
                                    drivers=(f"D{number}",), manufacturer=f"M{number % 3}",
                                    pole=i == pole))
    return Race(results=tuple(lines))


@given(race=races(), scale=scales, beyond=st.sampled_from([Decimal(0), Decimal("0.5")]),
       pole_points=st.integers(0, 3))
def test_points_awarded_equal_what_the_scale_allows(
    race: Race, scale: tuple[Decimal, ...], beyond: Decimal, pole_points: int
) -> None:
    rules = RuleSet(points=scale, points_beyond_scale=beyond, pole_points=Decimal(pole_points))
    for class_code, scored in score_race(race, rules).items():
        classified = sum(1 for s in scored if s.line.status.is_classified)
        allowed = sum(scale[:classified], Decimal(0)) + beyond * max(0, classified - len(scale))
        assert sum((s.place_points for s in scored), Decimal(0)) == allowed
        poles = [s for s in scored if s.line.pole]
        assert sum((s.pole_points for s in scored), Decimal(0)) == (
            pole_points if poles else 0
        ), class_code


def _season(rounds: list[Race]) -> Season:
    return Season(
        id="t/1", series=Series(id="t", name="T"), name="1",
        rounds=tuple(Round(number=i, name=f"R{i}", races=(race,))
                     for i, race in enumerate(rounds, start=1)),
    )


@settings(max_examples=60)
@given(rounds=st.lists(races(), min_size=1, max_size=4),
       tie_break=st.sampled_from(list(TieBreak)))
def test_standings_order_agrees_with_totals_and_tie_breaks(
    rounds: list[Race], tie_break: TieBreak
) -> None:
    rules = RuleSet(tie_break=TieBreaks(drivers=tie_break, teams=tie_break,
                                        manufacturers=tie_break))
    for table in season_standings(_season(rounds), rules):
        ranked = [r for r in table.rows if r.position is not None]
        for above, below in itertools.pairwise(ranked):
            assert above.total >= below.total
            assert above.position is not None and below.position is not None
            assert above.position <= below.position
            if above.position == below.position:
                assert above.total == below.total
        assert all(r.total == 0 for r in table.rows if r.position is None)


def _places(row: StandingRow) -> Counter[int]:
    return Counter(c.class_position for cell in row.rounds for c in cell.races
                   if c.class_position is not None)


@settings(max_examples=60)
@given(rounds=st.lists(races(), min_size=1, max_size=4),
       tie_break=st.sampled_from([TieBreak.NONE, TieBreak.COUNTBACK]),
       kind=st.sampled_from(list(TableKind)), pick=st.integers(0, 1000),
       deducted=st.integers(1, 60), rank_zero=st.booleans())
def test_a_deduction_lowers_exactly_its_row_by_its_points(
    rounds: list[Race], tie_break: TieBreak, kind: TableKind, pick: int, deducted: int,
    rank_zero: bool,
) -> None:
    rules = RuleSet(tie_break=TieBreaks(drivers=tie_break, teams=tie_break,
                                        manufacturers=tie_break), rank_zero_totals=rank_zero)
    season = _season(rounds)
    before = {(t.class_code, t.kind): t for t in season_standings(season, rules)}
    table = next(t for t in before.values() if t.kind is kind)
    row = table.rows[pick % len(table.rows)]
    adjustment = PointsAdjustment(class_code=table.class_code, tables=(kind,), who=row.name,
                                  points=Decimal(-deducted), reason="penalty")
    after = season_standings(season.model_copy(update={"adjustments": (adjustment,)}), rules)
    for changed in after:
        old = {r.name: r for r in before[(changed.class_code, changed.kind)].rows}
        for r in changed.rows:
            assert r.rounds == old[r.name].rounds  # the race points stay as scored
            if (changed.class_code, changed.kind, r.name) == (table.class_code, kind, row.name):
                assert r.total == old[r.name].total - deducted
                assert r.adjustments == (adjustment,)
            else:  # other rows keep everything but perhaps their place
                assert r.model_copy(update={"position": None}) == old[r.name].model_copy(
                    update={"position": None})
        # The order still follows totals, then countback on race places, never the deduction.
        depth = max((max(_places(r), default=0) for r in changed.rows), default=0)
        for above, below in itertools.pairwise(changed.rows):
            assert above.total >= below.total
            if above.total == below.total and tie_break is TieBreak.COUNTBACK:
                assert countback(_places(above), depth) <= countback(_places(below), depth)
        ranked = [r for r in changed.rows if r.position is not None]
        for above, below in itertools.pairwise(ranked):
            assert above.position is not None and below.position is not None
            assert above.position <= below.position
            if above.position == below.position:
                assert above.total == below.total
        if not rank_zero:
            assert all(r.total <= 0 for r in changed.rows if r.position is None)


@settings(max_examples=40)
@given(race_rows=st.lists(st.tuples(st.integers(1, 3), st.sampled_from(["A", "B"]),
                                    st.sampled_from(["1", "2", "3", "4", "DNF", "NC"]),
                                    st.booleans()),
                          min_size=1, max_size=20),
       seed=st.integers(0, 2**32))
def test_input_row_order_changes_nothing(
    race_rows: list[tuple[int, str, str, bool]], seed: int
) -> None:
    rows = []
    seen: set[tuple[int, str, str]] = set()
    for n, (rnd, cls, pos, pole) in enumerate(race_rows):
        if pos.isdigit() and (rnd, cls, pos) in seen:
            continue
        seen.add((rnd, cls, pos))
        rows.append(f"{rnd},{cls},{pos},{n},Team {n % 4},Driver {n % 5} / Driver {n % 7},"
                    f"Make{n % 2} X,{'yes' if pole else ''}")
    header = "round,class,pos,number,team,drivers,chassis,pole"
    shuffled = rows[:]
    random.Random(seed).shuffle(shuffled)

    def document(lines: list[str]) -> dict[str, object]:
        from pitboard.ingest.season_file import season_from_results

        loaded = season_from_results(
            parse_results("\n".join([header, *lines]) + "\n", "x.csv"), RuleSet(), "x"
        )
        tables = season_standings(loaded.season, loaded.rules)
        return standings_document(loaded.season, loaded.rules, tables).to_json_dict()

    assert document(rows) == document(shuffled)
