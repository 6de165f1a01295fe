"""Laps of a timed session are stored against a race and read back exactly, for lap charts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pitboard.cli import app
from pitboard.domain import FinishStatus, SourceRef
from pitboard.domain.timing import (
    Lap,
    SessionKind,
    StatedPenalty,
    TimedCar,
    TimedDriver,
    TimingSession,
)
from pitboard.formats import registry
from pitboard.formats.registry import TimingReader
from pitboard.ingest.imports import Target
from pitboard.office import import_paths, open_store
from pitboard.store.store import Store

SEASON_2013 = "asian-le-mans-series/2013"


def small_race() -> TimingSession:
    """Two cars, three laps each; one pits and one lap is invalid, every field set somewhere."""
    source = SourceRef("race.csv", 2)
    return TimingSession(
        kind=SessionKind.RACE, name="Race", source_format="test", event="3 Hours of Inje",
        track="Inje Speedium", date=dt.date(2013, 8, 4), scheduled_seconds=10800.0,
        source=SourceRef("race.csv"),
        cars=(
            TimedCar(
                number="24", class_code="LMP2", group="P", team="OAK Racing",
                vehicle="Morgan LMP2", manufacturer="Morgan",
                drivers=(TimedDriver(name="David Cheng", nationality="CHN", rating="Silver",
                                     source_id="7"),),
                laps=(
                    Lap(number=1, driver="David Cheng", time_seconds=95.5, elapsed_seconds=95.5,
                        sectors=(30.1, 32.2, 33.2), flag="GF", source=source),
                    Lap(number=2, driver="David Cheng", time_seconds=94.25,
                        elapsed_seconds=189.75, pit_in=True),
                    Lap(number=3, driver="Ho-Pin Tung", time_seconds=120.0, elapsed_seconds=309.75,
                        pit_time_seconds=31.5, valid=False, sectors=(None, 40.0, 50.0)),
                ),
                stated_status=FinishStatus.CLASSIFIED, stated_position=1, stated_laps=3,
                stated_total_seconds=309.75, stated_gap_seconds=0.0,
                stated_best_lap_seconds=94.25, penalty_seconds=5.0, status_reason="",
                stated_penalties=(StatedPenalty(kind="PostRaceTime", seconds=5.0, lap=3,
                                                served=True, in_result=True, reason="Cutting",
                                                source=source),),
                source=source,
            ),
            TimedCar(
                number="007", class_code="GTC", team="Craft Racing",
                laps=(Lap(number=1, time_seconds=110.0, elapsed_seconds=110.0),),
                stated_status=FinishStatus.DNF, status_reason="gearbox",
            ),
        ),
    )


class _TestFormat(TimingReader):
    """A timing format of the tests' own: a file that starts TEST TIMING holds `small_race`."""

    name = "test-format"
    description = "a format of the test's own"

    def sniff(self, head: bytes, name: str) -> bool:
        return head.startswith(b"TEST TIMING")

    def read(self, data: bytes, name: str) -> tuple[TimingSession, ...]:
        return (small_race(),)


@pytest.fixture
def race_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A timing file of the test format, beside every real format."""
    monkeypatch.setattr(registry, "_loaded", [_TestFormat(), *registry.readers()])
    path = tmp_path / "race.csv"
    path.write_bytes(b"TEST TIMING\n")
    return path


def test_a_timed_race_reads_back_with_every_lap(store: Store, race_file: Path) -> None:
    import_paths(store, [race_file], Target(SEASON_2013, "1", 1, replace=True))
    assert store.race_timing(SEASON_2013, 1, 1) == small_race()
    assert store.race_timing(SEASON_2013, 2, 1) is None


def test_a_timed_race_replaces_the_race_lines_with_its_classification(
    store: Store, race_file: Path
) -> None:
    before = store.view(SEASON_2013)
    assert before is not None
    (done,) = import_paths(store, [race_file], Target(SEASON_2013, "1", 1, replace=True))
    count = len(before.season.rounds[0].races[0].results)
    assert done.replaced == (f"round 1 race 1: {count} result lines",)
    view = store.view(SEASON_2013)
    assert view is not None
    (race,) = view.season.rounds[0].races
    assert race.name == before.season.rounds[0].races[0].name
    assert [(ln.number, ln.class_code, ln.status, ln.order) for ln in race.results] == [
        ("24", "LMP2", FinishStatus.CLASSIFIED, 1), ("007", "GTC", FinishStatus.DNF, 1),
    ]
    assert view.season.rounds[1] == before.season.rounds[1]  # other rounds untouched


def test_a_timing_file_that_would_replace_a_races_results_is_refused(
    store: Store, race_file: Path
) -> None:
    from pitboard.domain import InputError

    with pytest.raises(InputError) as caught:
        import_paths(store, [race_file], Target(SEASON_2013, "1", 1))
    assert [p.field for p in caught.value.problems] == ["replace"]
    assert store.race_timing(SEASON_2013, 1, 1) is None


def test_importing_a_timing_file_for_a_round_the_season_lacks_is_refused(
    store: Store, race_file: Path
) -> None:
    from pitboard.domain import InputError

    with pytest.raises(InputError) as caught:
        import_paths(store, [race_file], Target(SEASON_2013, "9", 1))
    assert [p.field for p in caught.value.problems] == ["round"]
    assert store.race_timing(SEASON_2013, 1, 1) is None


def test_a_timing_file_of_another_circuit_is_refused(store: Store, race_file: Path) -> None:
    from pitboard.domain import InputError

    with pytest.raises(InputError) as caught:
        import_paths(store, [race_file], Target(SEASON_2013, "FUJ", 1, replace=True))
    assert {p.field for p in caught.value.problems} == {"track", "date"}
    assert store.race_timing(SEASON_2013, 2, 1) is None


def test_import_command_reads_timing_files_through_the_registry(
    database_url: str, race_file: Path
) -> None:
    result = CliRunner().invoke(
        app, ["import", str(race_file), "--season", SEASON_2013, "--round", "INJ", "--replace",
              "--database", database_url],
    )
    assert result.exit_code == 0, result.output
    assert "replaced round 1 race 1" in result.output
    store = open_store(database_url)
    try:
        assert store.race_timing(SEASON_2013, 1, 1) == small_race()
    finally:
        store.close()


def test_penalties_on_a_timed_race_classify_it_again_from_its_laps(
    store: Store, tmp_path: Path, race_file: Path
) -> None:
    from pitboard.domain import InputError

    import_paths(store, [race_file], Target(SEASON_2013, "1", 1, replace=True))
    decisions = tmp_path / "penalties.csv"
    decisions.write_text("number,kind,value,reason\n24,laps,1,short cut\n99,dsq,,x\n",
                         encoding="utf-8")
    with pytest.raises(InputError) as caught:
        import_paths(store, [decisions], Target(SEASON_2013, "INJ"))
    assert [(p.line, p.field) for p in caught.value.problems] == [(3, "number")]
    view = store.view(SEASON_2013)
    assert view is not None
    assert view.season.rounds[0].races[0].results[0].laps == 3  # nothing applied
    decisions.write_text("number,kind,value,reason\n24,laps,1,short cut\n", encoding="utf-8")
    import_paths(store, [decisions], Target(SEASON_2013, "INJ"))
    view = store.view(SEASON_2013)
    assert view is not None
    first = view.season.rounds[0].races[0].results[0]
    # The source's own penalty (in its record) stays listed beside the stewards' decision.
    assert (first.number, first.laps, first.note) == ("24", 2,
                                                      "+5 s (Cutting); -1 lap (short cut)")
