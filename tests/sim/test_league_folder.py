"""League folders: a season.yaml beside sim result files, scored into standings.

The folders are built in a temporary directory and point at the real files in place (absolute
paths, or symbolic links for the default one-round-per-file layout); nothing is copied.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pitboard.cli import app
from pitboard.domain import InputError
from pitboard.domain.standings import StandingTable, TableKind
from pitboard.domain.timing import SessionKind, TimedCar, TimedDriver, TimingSession
from pitboard.engine.standings import season_standings
from pitboard.ingest import load_league_folder
from pitboard.ingest.identity import DriverIdentities
from pitboard.ingest.season_schema import PersonSpec
from tests.conftest import real_file

runner = CliRunner()


def _drivers_table(tables: list[StandingTable], class_code: str) -> dict[str, Decimal]:
    table = next(t for t in tables if t.class_code == class_code and t.kind is TableKind.DRIVERS)
    return {row.name: row.total for row in table.rows}


@pytest.fixture(scope="module")
def rf2_league(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two rounds, Sebring (with its qualifying for the pole) and Topeka, one season class."""
    sebring = real_file("rfactor2", "rf2_2013_sebring_lolat280_20min_race.xml")
    sebring_q = real_file("rfactor2", "rf2_2013_sebring_lolat280_qualify.xml")
    topeka = real_file("rfactor2", "rf2_2013_topeka_megane_20min_race_with_penalties.xml")
    folder = tmp_path_factory.mktemp("club-cup")
    (folder / "season.yaml").write_text(
        f"""series: {{id: club-cup, name: Club Cup}}
season: "2013"
classes: [{{code: Club}}]
class_map: {{LolaT280: Club, Megane Trophy: Club}}
drivers:
  - {{name: Gérard Larrousse, aliases: [Gerard larrousse]}}
calendar:
  - {{round: 1, name: Sebring, timing: "{sebring}", qualifying_timing: "{sebring_q}"}}
  - {{round: 2, name: Topeka, timing: "{topeka}"}}
""",
        encoding="utf-8",
    )
    return folder


@pytest.mark.real_data
def test_two_round_rfactor2_league_standings_by_hand(rf2_league: Path) -> None:
    """Sebring: Malek1th, Jo Bonnier (pole in qualifying), Gérard Larrousse, Tig_green,
    mauserrifle. Topeka: sushi, Tig_green, mauserrifle (+35 s), Leonardo Saponti, Malek1th.
    25-18-15-12-10 and 1 for the pole."""
    loaded = load_league_folder(rf2_league)
    totals = _drivers_table(season_standings(loaded.season, loaded.rules), "Club")
    assert totals == {
        "Malek1th": 35, "Tig_green": 30, "mauserrifle": 25, "sushi": 25,
        "Jo Bonnier": 19, "Gérard Larrousse": 15, "Leonardo Saponti": 12,
    }


@pytest.mark.real_data
def test_standings_command_takes_the_league_folder(rf2_league: Path) -> None:
    result = runner.invoke(app, ["standings", str(rf2_league), "--table", "drivers",
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "Malek1th" in result.output and "Gérard Larrousse" in result.output
    assert "Gerard larrousse" not in result.output
    json.loads(result.output)


@pytest.fixture(scope="module")
def acc_league(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """No calendar: race files in name order are the rounds; the qualifying joins by track."""
    folder = tmp_path_factory.mktemp("acc-league")
    links = {
        "r1_brands_hatch_race.json": "acc_2019_brands_hatch_race_3cars.json",
        "r1_brands_hatch_qualifying.json": "acc_2019_brands_hatch_qualify.json",
        "r2_silverstone_race.json": "acc_silverstone_race_40cars.json",
    }
    for name, target in links.items():
        (folder / name).symlink_to(real_file("acc", target))
    (folder / "season.yaml").write_text(
        'series: {id: acc-league, name: ACC League}\nseason: "2019"\n'
        "rules: {points: [10, 6, 4, 3, 2, 1]}\nclass_map: {GT3: Pro}\n",
        encoding="utf-8",
    )
    return folder


@pytest.mark.real_data
def test_default_layout_makes_one_round_per_race_file_in_name_order(acc_league: Path) -> None:
    loaded = load_league_folder(acc_league)
    rounds = loaded.season.rounds
    assert [(r.number, r.name) for r in rounds] == [(1, "brands_hatch"), (2, "silverstone_2019")]
    totals = _drivers_table(season_standings(loaded.season, loaded.rules), "Pro")
    # Brands Hatch: Andrea Mel, Alberto For, Federico Siv (pole in qualifying: 4 + 1).
    # Silverstone: Andre, Marcus, Mike, Krzysztof, Thomas, Kevin.
    assert {n: t for n, t in totals.items() if t} == {
        "Andrea Mel": 10, "Andre": 10, "Alberto For": 6, "Marcus": 6, "Federico Siv": 5,
        "Mike": 4, "Krzysztof": 3, "Thomas": 2, "Kevin": 1,
    }


@pytest.mark.real_data
def test_same_name_different_steam_ids_are_two_drivers(acc_league: Path) -> None:
    """Silverstone has two 'Anthony' (two Steam ids); one of them drove two cars (#30, #9)."""
    loaded = load_league_folder(acc_league)
    silverstone = loaded.season.rounds[1].races[0]
    anthonys = sorted((line.number, line.drivers) for line in silverstone.results
                      if line.drivers[0].startswith("Anthony"))
    assert anthonys == [
        ("30", ("Anthony [S76561198070990436]",)),
        ("62", ("Anthony [S76561198078469182]",)),
        ("9", ("Anthony [S76561198070990436]",)),
    ]


@pytest.mark.real_data
def test_a_game_class_missing_from_the_class_map_is_reported(tmp_path: Path) -> None:
    race = real_file("rfactor2", "rf2_2013_sebring_lolat280_20min_race.xml")
    (tmp_path / "season.yaml").write_text(
        'series: {id: x, name: X}\nseason: "1"\nclass_map: {Megane Trophy: Club}\n'
        f'calendar:\n  - {{round: 1, name: Sebring, timing: "{race}"}}\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as err:
        load_league_folder(tmp_path)
    problems = err.value.problems
    assert len(problems) == 5  # one per car, each at its <Driver> line
    assert all(p.field == "class" and "LolaT280" in p.found for p in problems)


def _session(*drivers: tuple[str, str | None]) -> TimingSession:
    return TimingSession(
        kind=SessionKind.RACE,
        cars=tuple(
            TimedCar(number=str(i), class_code="GT3",
                     drivers=(TimedDriver(name=name, source_id=source_id),))
            for i, (name, source_id) in enumerate(drivers, start=1)
        ),
    )


def test_a_driver_is_matched_by_id_before_name_and_named_by_the_season() -> None:
    identities = DriverIdentities([PersonSpec(name="Dave Newman", ids=["357237"])])
    round1 = _session(("Dave N", "357237"), ("Matt A", "180797"), ("Lee  H", None))
    round2 = _session(("D. Newman", "357237"), ("Matthew A", "180797"), ("lee h", None))
    identities.learn(round1)
    identities.learn(round2)
    names = [[c.drivers[0].name for c in identities.apply(s).cars] for s in (round1, round2)]
    assert names == [["Dave Newman", "Matt A", "Lee H"], ["Dave Newman", "Matt A", "Lee H"]]
