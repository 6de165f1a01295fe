"""What the charts and coloured cells are computed from: lap positions, gaps, pace, shades."""

from __future__ import annotations

from decimal import Decimal

from pitboard.domain import FinishStatus
from pitboard.domain.standings import RaceCell, RoundCell
from pitboard.web import cells, lapdata

from .conftest import inje_race


def race_cell(position: int | None, status: FinishStatus, points: int = 0,
              pole: bool = False) -> RoundCell:
    place_points = points - 1 if pole else points if position is not None else 0
    race = RaceCell(round=1, race=1, number="7", status=status, class_position=position,
                    pole=pole, points=Decimal(points), place_points=Decimal(max(place_points, 0)))
    return RoundCell(round=1, points=Decimal(points), races=(race,),
                     took_part=status.took_part or points > 0)


def test_cells_are_shaded_as_record_books_do() -> None:
    shade = {
        "win": cells.shade(race_cell(1, FinishStatus.CLASSIFIED, 25)),
        "fourth": cells.shade(race_cell(4, FinishStatus.CLASSIFIED, 12)),
        "eleventh": cells.shade(race_cell(11, FinishStatus.CLASSIFIED)),
        "eleventh with the pole point": cells.shade(
            race_cell(11, FinishStatus.CLASSIFIED, 1, pole=True)),
        "retired with the pole point": cells.shade(race_cell(None, FinishStatus.DNF, 1)),
        "not classified": cells.shade(race_cell(None, FinishStatus.NC)),
        "disqualified": cells.shade(race_cell(None, FinishStatus.DSQ)),
        "did not start": cells.shade(race_cell(None, FinishStatus.DNS)),
        "absent": cells.shade(None),
    }
    assert {k: v.css if v else None for k, v in shade.items()} == {
        "win": "gold", "fourth": "points", "eleventh": "classified",
        "eleventh with the pole point": "classified",
        "retired with the pole point": "retired", "not classified": "retired",
        "disqualified": "dsq", "did not start": "dns", "absent": None,
    }


def test_a_pit_stop_hands_the_class_lead_over_on_the_lap_chart() -> None:
    places = {t.number: t.values for t in lapdata.positions_by_lap(inje_race(), "GTC")}
    assert [places["77"][lap] for lap in (1, 2, 3, 4)] == [1, 1, 4, 4]
    assert [places["007"][lap] for lap in (1, 2, 3, 4)] == [2, 2, 1, 1]
    assert 6 not in places["10"]  # a lap the car did not complete has no place


def test_gaps_are_measured_to_whoever_leads_each_lap() -> None:
    gaps = {t.number: t.values for t in lapdata.gaps_by_lap(inje_race(), "GTC")}
    assert gaps["77"][2] == 0.0
    assert gaps["007"][2] == 1.5  # 200.5 s against 199.0 s after two laps
    assert gaps["007"][3] == 0.0


def test_class_pace_leaves_out_pit_and_out_laps() -> None:
    pace = {p.number: p for p in lapdata.class_pace(inje_race(), "GTC")}
    assert 130.0 not in pace["77"].times  # the pit lap
    assert 99.5 not in pace["77"].times  # the lap after it
    assert pace["77"].best == 98.9
    assert next(iter(pace)) == "77"  # fastest median first


def test_cars_sharing_a_number_and_team_each_get_their_own_line() -> None:
    """The Mid-Ohio rFactor 2 race: eight cars, three #03 and five #06, all Corvette Racing."""
    from tests.conftest import read_timing_path, sim_sample

    session = read_timing_path(sim_sample("rfactor2", "rf2_2013_mid_ohio_gt2_15min_race.xml"))
    assert len({car.number for car in session.cars}) == 2
    positions = lapdata.positions_by_lap(session)
    crossings = {car.drivers[0].name: len(lapdata.crossing_times(car)) for car in session.cars}
    by_driver = {t.label.rsplit("(", 1)[1].rstrip(")"): t for t in positions}
    assert {name: len(t.values) for name, t in by_driver.items()} == crossings
    assert by_driver["Jani"].label == "#03 Corvette Racing (Jani)"
    assert len({t.label for t in positions}) == len(session.cars)
    last_lap = {name: t.values[11] for name, t in by_driver.items() if 11 in t.values}
    assert last_lap == {"tHenOrthfAce": 3, "Jani": 1, "Tig_green": 2}
    pace = lapdata.class_pace(session, session.cars[0].class_code)
    assert len({p.label for p in pace}) == len(pace) == 5
