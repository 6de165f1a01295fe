"""rFactor 2 results XML: what the reader gives matches what the game itself states."""

from __future__ import annotations

from pathlib import Path

import pytest

from pitboard.domain import FinishStatus, InputError
from pitboard.domain.timing import SessionKind, TimingSession
from pitboard.formats.rfactor2 import parse_rfactor2, parse_rfactor2_sessions
from tests.conftest import (
    read_timing_path,
    reader_of,
    real_file,
)

pytestmark = pytest.mark.real_data


def _read(name: str) -> TimingSession:
    return read_timing_path(real_file("rfactor2", name))


@pytest.fixture(scope="module")
def monza() -> TimingSession:
    return _read("rf2_2014_cpsa_blancpain_monza_60min_race.xml")


def _road_order(session: TimingSession) -> list[str]:
    """Finishers by laps (desc) then time to the line; the others after, by laps."""
    finished = [c for c in session.cars if c.stated_status is FinishStatus.CLASSIFIED]
    others = [c for c in session.cars if c.stated_status is not FinishStatus.CLASSIFIED]
    finished.sort(key=lambda c: (-(c.stated_laps or 0), c.laps[-1].elapsed_seconds))
    others.sort(key=lambda c: -(c.stated_laps or 0))
    return [c.drivers[0].name for c in finished + others]


def _stated_order(session: TimingSession) -> list[str]:
    return [c.drivers[0].name for c in sorted(session.cars, key=lambda c: c.stated_position or 0)]


def test_the_registry_picks_the_rfactor2_reader() -> None:
    assert reader_of(real_file("rfactor2", "rf2_2013_sebring_lolat280_qualify.xml")).name == (
        "rfactor2-xml"
    )


def test_monza_lap_order_gives_the_games_own_finishing_order(monza: TimingSession) -> None:
    assert monza.kind is SessionKind.RACE
    assert len(monza.cars) == 18
    assert sum(len(c.laps) for c in monza.cars) == 451
    assert _road_order(monza) == _stated_order(monza)
    winner = min(monza.cars, key=lambda c: c.stated_position or 99)
    assert (winner.number, winner.drivers[0].name, winner.class_code) == (
        "91",
        "Nuno Pinto",
        "MP4-12C",
    )


def test_monza_finish_time_counts_from_the_start_of_lap_one(monza: TimingSession) -> None:
    checked = 0
    for car in monza.cars:
        if car.stated_total_seconds is None:
            continue
        assert car.laps[-1].elapsed_seconds == pytest.approx(car.stated_total_seconds)
        times = [lap.time_seconds for lap in car.laps]
        if None not in times:  # lap times add up to the stated race time
            assert sum(t or 0 for t in times) == pytest.approx(car.stated_total_seconds, abs=0.01)
            checked += 1
    assert checked == 6  # the finishers whose every lap has a time (pit laps often have none)


def test_monza_retirements_keep_their_reason(monza: TimingSession) -> None:
    dnf = {
        c.drivers[0].name: c.status_reason
        for c in monza.cars
        if c.stated_status is FinishStatus.DNF
    }
    assert len(dnf) == 6
    assert dnf["Placido Coimbra"] == "Suspension"
    assert dnf["Kaj Nurmi"] == "Fuel"
    assert sorted(dnf.values()) == ["DNF", "Engine", "Engine", "Fuel", "Suspension", "Suspension"]
    assert sum(1 for c in monza.cars if c.stated_status is FinishStatus.CLASSIFIED) == 12


def test_monza_pit_laps_and_best_laps(monza: TimingSession) -> None:
    assert sum(1 for c in monza.cars for lap in c.laps if lap.pit_in) == 19
    pinto = next(c for c in monza.cars if c.number == "91")
    assert pinto.stated_best_lap_seconds == pytest.approx(107.2094)
    assert min(lap.time_seconds for lap in pinto.laps if lap.time_seconds) == pytest.approx(
        107.2094
    )
    assert pinto.laps[0].sectors == pytest.approx((38.1230, 36.6938, 35.7122))


def test_monza_stop_go_penalties_come_from_the_stream(monza: TimingSession) -> None:
    served = {
        c.drivers[0].name: [(p.kind, p.served) for p in c.stated_penalties]
        for c in monza.cars
        if c.stated_penalties
    }
    assert served == {
        "Placido Coimbra": [("Stop/Go", True)],
        "Krzysztof Kaczmarkiewic": [("Stop/Go", True)],
        "Vitor Pina": [("Stop/Go", None)],
    }
    assert all(c.penalty_seconds == 0 for c in monza.cars)


def test_an_unserved_penalty_adds_35_seconds_outside_the_road_time() -> None:
    race = _read("rf2_2013_topeka_megane_20min_race_with_penalties.xml")
    car = next(c for c in race.cars if c.drivers[0].name == "mauserrifle")
    assert car.penalty_seconds == 35
    # FinishTime 1304.1459 holds the 35 s; the road time is what is left
    assert car.stated_total_seconds == pytest.approx(1304.1459 - 35)
    assert car.laps[-1].time_seconds is None  # written "--.----"
    assert car.laps[-1].elapsed_seconds == pytest.approx(1269.1459)
    assert [(p.kind, p.served) for p in car.stated_penalties] == [
        ("Stop/Go", True),
        ("Stop/Go", False),
        ("time added", None),
    ]
    assert (
        _road_order(race)
        == _stated_order(race)
        == [
            "sushi",
            "Tig_green",
            "mauserrifle",
            "Leonardo Saponti",
            "Malek1th",
        ]
    )


def test_latin1_bytes_under_a_utf8_declaration_are_read_as_latin1() -> None:
    race = _read("rf2_2013_sebring_lolat280_20min_race.xml")
    assert "Gérard larrousse" in {c.drivers[0].name for c in race.cars}
    assert race.scheduled_seconds == 20 * 60
    assert race.scheduled_laps is None
    assert _stated_order(race)[0] == "Malek1th"
    assert _road_order(race) == _stated_order(race)


def test_qualifying_laps_without_time_are_none_not_zero() -> None:
    quali = _read("rf2_2013_sebring_lolat280_qualify.xml")
    assert quali.kind is SessionKind.QUALIFYING
    assert quali.scheduled_seconds == 15 * 60
    bonnier = next(c for c in quali.cars if c.drivers[0].name == "Jo Bonnier")
    assert bonnier.laps[0].time_seconds is None
    assert bonnier.laps[0].elapsed_seconds == pytest.approx(249.9619)  # lap 2 starts there
    assert bonnier.stated_position == 1
    assert bonnier.stated_best_lap_seconds == pytest.approx(122.1243)
    # "None" is no verdict at all
    assert {c.drivers[0].name for c in quali.cars if c.stated_status is None} == {
        "Malek1th",
        "Gerard larrousse",
    }
    by_best = sorted(quali.cars, key=lambda c: c.stated_best_lap_seconds or 1e9)
    assert [c.stated_position for c in by_best] == [1, 2, 3, 4, 5]


def test_lap_limited_race_is_scheduled_in_laps() -> None:
    race = _read("rf2_2015_hungaroring_f1_35lap_race.xml")
    assert (race.scheduled_laps, race.scheduled_seconds) == (35, None)
    assert len(race.cars) == 13
    assert _road_order(race) == _stated_order(race)
    loca = next(c for c in race.cars if c.drivers[0].name == "-SRM- LoCa")
    assert [(p.kind, p.served) for p in loca.stated_penalties] == [("Drive Thru", True)]


def test_a_disqualified_driver_and_corrupted_positions_are_given_as_stated() -> None:
    race = _read("rf2_2013_mills_megane_race_MODIFIED_dq_added.xml")
    dq = next(c for c in race.cars if c.stated_status is FinishStatus.DSQ)
    assert dq.drivers[0].name == "Bad driver"
    assert (dq.stated_laps, len(dq.laps)) == (5, 4)
    # the stated positions (1, 4, 2, 7, 3) are not an order: the laps tell the real one
    assert sorted(c.stated_position or 0 for c in race.cars) == [1, 2, 3, 4, 7]
    assert _road_order(race)[:3] == ["mauserrifle", "Leonardo Saponti", "Tig_green"]
    assert _road_order(race) != _stated_order(race)


RACE_HEAD = b"""<?xml version="1.0" encoding="utf-8"?>
<rFactorXML version="1.0"><RaceResults><TrackVenue>T</TrackVenue><RaceLaps>0</RaceLaps>
<RaceTime>20</RaceTime><Race><Stream></Stream>
"""


def _driver(extra: bytes = b"") -> bytes:
    return (
        b"<Driver><Name>A</Name><CarClass>GT3</CarClass><CarNumber>7</CarNumber>"
        b"<Position>1</Position><Laps>1</Laps><FinishStatus>Finished Normally</FinishStatus>"
        b'<Lap num="1" p="1" et="10.0" s1="1.0">90.5</Lap>' + extra + b"</Driver>"
    )


def test_truncated_xml_is_a_located_input_error() -> None:
    data = RACE_HEAD + _driver()[:60]
    with pytest.raises(InputError) as caught:
        parse_rfactor2(data, "cut.xml")
    problem = caught.value.problems[0]
    assert (problem.file, problem.field, problem.expected) == ("cut.xml", "xml", "well-formed XML")
    assert problem.line == 4


def test_missing_class_and_unknown_status_are_each_reported() -> None:
    data = (
        RACE_HEAD
        + _driver()
        .replace(b"<CarClass>GT3</CarClass>", b"")
        .replace(b"Finished Normally", b"Retired Early")
        + b"</Race></RaceResults></rFactorXML>"
    )
    with pytest.raises(InputError) as caught:
        parse_rfactor2(data, "bad.xml")
    messages = [str(p) for p in caught.value.problems]
    assert "bad.xml:4: CarClass: expected the car's class, found nothing" in messages
    assert any("FinishStatus" in m and "'Retired Early'" in m for m in messages)


def test_an_external_entity_is_refused_not_fetched(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("x")
    data = (
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "{secret.as_uri()}">]>'
        "<rFactorXML><RaceResults>&e;</RaceResults></rFactorXML>"
    ).encode()
    with pytest.raises(InputError, match="entity e"):
        parse_rfactor2(data, "evil.xml")


def test_driver_swaps_give_each_lap_its_driver() -> None:
    swaps = (
        b'<Swap et="0" startLap="0" endLap="1">A</Swap>'
        b'<Swap et="99" startLap="2" endLap="2">B</Swap>'
        b'<Lap num="2" p="1" et="100.5" s1="1.0">91.0</Lap>'
    )
    data = RACE_HEAD + _driver(swaps) + b"</Race></RaceResults></rFactorXML>"
    (session,) = parse_rfactor2_sessions(data, "swap.xml")
    car = session.cars[0]
    assert [d.name for d in car.drivers] == ["A", "B"]
    assert [lap.driver for lap in car.laps] == ["A", "B"]
    assert car.laps[0].elapsed_seconds == pytest.approx(90.5)  # lap 2 starts 90.5 s after lap 1
    assert car.source is not None
    assert car.source.line == 4


@pytest.mark.parametrize("value", [b"NaN", b"inf", b"1e400"])
def test_nan_or_inf_times_are_located_problems(value: bytes) -> None:
    """`float` reads them; a results file never holds them, so each is a problem of its line."""
    driver = (_driver(b"<FinishTime>" + value + b"</FinishTime>")
              .replace(b'et="10.0"', b'et="' + value + b'"'))
    with pytest.raises(InputError) as caught:
        parse_rfactor2(RACE_HEAD + driver + b"</Race></RaceResults></rFactorXML>", "nan.xml")
    assert {p.field for p in caught.value.problems} == {"FinishTime", "Lap et"}
    assert all(p.line == 4 for p in caught.value.problems)


def test_a_swap_naming_nobody_is_ignored_and_the_cars_driver_keeps_its_laps() -> None:
    """As servers write for a car whose driver left: no driver named "" takes the laps."""
    data = (RACE_HEAD + _driver(b'<Swap startLap="1" endLap="1"></Swap>')
            + b"</Race></RaceResults></rFactorXML>")
    (session,) = parse_rfactor2_sessions(data, "empty_swap.xml")
    car = session.cars[0]
    assert [d.name for d in car.drivers] == ["A"]
    assert [lap.driver for lap in car.laps] == ["A"]
