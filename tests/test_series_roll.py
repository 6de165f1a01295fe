"""The bundled Asian Le Mans record holds every season of the series article's roll with its
classes and champions as the seed prints them (tests/record/aslms_roll.py), each with sources;
the series' history is read from its series file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pitboard.cli import app
from pitboard.domain import InputError
from pitboard.domain.published import SeriesEventKind
from pitboard.domain.standings import TableKind
from pitboard.engine.published import compare_published, season_titles
from pitboard.engine.standings import season_standings
from pitboard.ingest.catalog import DATA_DIR, bundled_histories, bundled_seasons, find_season
from pitboard.ingest.series_file import parse_series
from tests.record.aslms_roll import ROLL, SPELLINGS, RollRow

runner = CliRunner()


def names_in_class_order(season_name: str, kind: TableKind) -> tuple[str, ...]:
    season = find_season(season_name).season
    published = season.published
    assert published is not None, season_name
    return tuple(name for code in season.class_codes()
                 if (found := published.champions_of(code, kind)) is not None
                 for name in found.names)


@pytest.mark.parametrize("row", ROLL, ids=[r.season for r in ROLL])
def test_every_season_of_the_roll_is_bundled_with_its_classes_and_champions(row: RollRow) -> None:
    season = find_season(row.season).season
    assert [c.code for c in season.classes] == [SPELLINGS.get(c, c) for c in row.classes]
    assert names_in_class_order(row.season, TableKind.DRIVERS) == row.drivers
    teams = names_in_class_order(row.season, TableKind.TEAMS)
    assert teams == (row.teams or ())
    assert season.published is not None
    assert season.published.sources  # every season cites where its figures come from


def test_the_bundled_asian_le_mans_seasons_are_exactly_the_roll() -> None:
    bundled = [s.season.name for s in bundled_seasons()
               if s.season.series.id == "asian-le-mans-series"]
    assert bundled == [row.season for row in ROLL]


@pytest.mark.parametrize("name", ["2009", "2013"])
def test_the_seasons_with_results_compute_every_published_figure(name: str) -> None:
    loaded = find_season(name)
    tables = season_standings(loaded.season, loaded.rules)
    assert compare_published(loaded.season, tables) == []
    titles = season_titles(loaded.season, tables)
    assert titles and all(t.computed for t in titles)


def test_a_season_without_results_shows_its_champions_as_transcribed() -> None:
    loaded = find_season("2015-16")
    assert not loaded.season.has_results
    titles = season_titles(loaded.season, season_standings(loaded.season, loaded.rules))
    assert [(t.class_code, t.table.value) for t in titles][:2] == [("LMP2", "drivers"),
                                                                  ("LMP2", "teams")]
    assert not any(t.computed for t in titles)
    assert titles[0].names == ("Nicolas Leutwiler",)


def test_the_series_history_is_dated_events_read_from_the_series_file() -> None:
    (history,) = bundled_histories()
    assert history.series_id == "asian-le-mans-series"
    dates = [e.date for e in history.events]
    assert dates == sorted(dates)
    kinds = {(e.date[:4], e.kind) for e in history.events}
    assert ("2008", SeriesEventKind.CANCELLED) in kinds  # the Shanghai teaser
    assert ("2010", SeriesEventKind.HELD) in kinds  # Zhuhai, under the Intercontinental cup
    assert ("2012", SeriesEventKind.RELAUNCHED) in kinds
    assert ("2015", SeriesEventKind.FORMAT) in kinds  # the winter format


def test_a_series_file_problem_is_located() -> None:
    text = ("series: {id: x, name: X}\nhistory:\n  - {date: 2010-13, kind: held, title: a}\n"
            "  - {date: 2011, kind: moved, title: b}\n")
    with pytest.raises(InputError) as err:
        parse_series(text, "series.yaml")
    assert [str(p) for p in err.value.problems] == [
        "series.yaml:3: history.0.date: expected a date as YYYY, YYYY-MM or YYYY-MM-DD, "
        "found '2010-13'",
        "series.yaml:4: history.1.kind: expected Input should be 'held', 'cancelled', "
        "'relaunched', 'format', 'classes', 'organiser' or 'partnership', found 'moved'",
    ]


def test_champions_json_is_the_documented_shape_oldest_season_first() -> None:
    result = runner.invoke(app, ["champions", "asian-le-mans-series", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert list(document) == ["schema", "series", "seasons"]
    assert (document["schema"], document["series"]) == (1, "asian-le-mans-series")
    assert [s["season"] for s in document["seasons"]] == [row.season for row in ROLL]
    for season in document["seasons"]:
        assert list(season) == ["season", "classes", "champions"]
        for champion in season["champions"]:
            assert list(champion) == ["class", "table", "names", "computed"]
    okayama, relaunch, *rest = document["seasons"]
    assert okayama["champions"][0] == {"class": "LMP1", "table": "drivers",
                                       "names": ["Christophe Tinseau", "Shinji Nakano"],
                                       "computed": True}
    assert all(c["computed"] for c in relaunch["champions"])
    assert not any(c["computed"] for s in rest for c in s["champions"])
    cn = next(c for c in rest[2]["champions"] if c["class"] == "CN" and c["table"] == "drivers")
    assert len(cn["names"]) == 5


def test_champions_of_an_unknown_series_is_refused_with_exit_2() -> None:
    result = runner.invoke(app, ["champions", "asian-lemans"])
    assert result.exit_code == 2
    assert "series: expected a series of the record (asian-le-mans-series, pitboard-demo), " \
        "found 'asian-lemans'" in result.stderr


def test_the_champions_table_names_every_season_and_the_classes_by_season() -> None:
    result = runner.invoke(app, ["champions", "asian-le-mans-series"])
    assert result.exit_code == 0
    for row in ROLL:
        assert f"{row.season} Asian Le Mans Series" in result.stdout
    assert "Classes by season" in result.stdout
    assert "† Kevin Tse" in result.stdout  # transcribed


def test_series_file_of_the_bundled_record_parses_again(tmp_path: Path) -> None:
    text = (DATA_DIR / "asian-le-mans-series" / "series.yaml").read_text(encoding="utf-8")
    assert parse_series(text, "series.yaml") == bundled_histories()[0]
