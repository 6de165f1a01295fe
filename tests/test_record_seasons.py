"""Season files of five series reproduce the figures reports published, through the presets.

Each season (tests/record/seasons/) is scored by `pitboard standings`' engine with its preset;
each published figure (tests/record/<series>.py) is compared with the table it names, at the
end of the season or as the table stood after a round.
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from pitboard.cli.app import app
from pitboard.domain.standings import StandingTable
from pitboard.engine.standings import standings_after_rounds
from pitboard.ingest import LoadedSeason
from pitboard.ingest.season_file import load_season_file
from tests.record import aslms_2014, aslms_2018_19, elms_2019, imsa_2019, wec_2019_20
from tests.record.published import Figure

SEASONS = Path(__file__).resolve().parent / "record" / "seasons"
RECORDS: list[ModuleType] = [wec_2019_20, elms_2019, imsa_2019, aslms_2014, aslms_2018_19]


@cache
def loaded(name: str) -> LoadedSeason:
    return load_season_file(SEASONS / name / "season.yaml")


@cache
def tables(name: str) -> dict[int | None, dict[str, StandingTable]]:
    """Every championship's table by title: after each round, and final (None)."""
    season = loaded(name)
    after = standings_after_rounds(season.season, season.rules)
    by_round: dict[int | None, dict[str, StandingTable]] = {
        n: {t.title: t for t in ts} for n, ts in after.items()
    }
    by_round[None] = by_round[max(after)]
    return by_round


CASES = [
    pytest.param(record.SEASON, fig, id=f"{record.SEASON}: {fig.championship}, {fig.row}, "
                 f"{'final' if fig.after_round is None else f'after round {fig.after_round}'}")
    for record in RECORDS for fig in record.FIGURES
]


@pytest.mark.parametrize(("season", "fig"), CASES)
def test_a_published_figure_is_reproduced(season: str, fig: Figure) -> None:
    table = tables(season)[fig.after_round][fig.championship]
    row = table.row(fig.row)
    assert row.total == fig.total, f"{fig.source}: {row.total} != {fig.total}"
    if fig.position is not None:
        assert row.position == fig.position, fig.source


def test_the_final_standings_are_the_standings_after_the_last_round() -> None:
    season = loaded(wec_2019_20.SEASON)
    runner = CliRunner()
    out = runner.invoke(app, ["standings", str(SEASONS / wec_2019_20.SEASON / "season.yaml"),
                              "--format", "json"])
    assert out.exit_code == 0, out.output
    document = json.loads(out.stdout)
    final = tables(wec_2019_20.SEASON)[None]
    for printed in document["standings"]:
        table = final[printed["championship"]]
        assert [(r["name"], Decimal(str(r["total"]))) for r in printed["rows"]] == [
            (r.name, r.total) for r in table.rows
        ]
    assert season.season.id == "fia-world-endurance-championship/2019-20"


def test_an_unreproduced_published_total_misses_exactly_the_points_not_found() -> None:
    final = tables(aslms_2014.SEASON)[None]
    for (title, name), (published, missing, why) in aslms_2014.UNREPRODUCED.items():
        assert final[title].row(name).total == published - missing, why


def test_a_combined_order_without_an_overall_place_is_a_located_problem(tmp_path: Path) -> None:
    folder = tmp_path / "wec"
    folder.mkdir()
    source = SEASONS / wec_2019_20.SEASON
    (folder / "season.yaml").write_text((source / "season.yaml").read_text(encoding="utf-8"),
                                        encoding="utf-8")
    lines = (source / "results.csv").read_text(encoding="utf-8").splitlines()
    gone = next(i for i, ln in enumerate(lines) if ln.startswith("2,LMP2,1,4,29,"))
    lines[gone] = lines[gone].replace("2,LMP2,1,4,29,", "2,LMP2,1,,29,", 1)
    (folder / "results.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["standings", str(folder / "season.yaml")])
    assert result.exit_code == 2
    message = " ".join(result.output.split())
    assert f"results.csv:{gone + 1}: overall: expected #29 Racing Team Nederland's overall" in (
        message)
    assert "Traceback" not in result.output
