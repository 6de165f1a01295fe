"""Wikitext result cells follow the record-book colour key."""

from __future__ import annotations

import pytest

from pitboard.engine.standings import season_standings
from pitboard.ingest.catalog import find_season
from pitboard.output.wikitext import legend, standings_table


@pytest.fixture(scope="module")
def gtc_teams_2013() -> list[str]:
    loaded = find_season("2013")
    table = next(t for t in season_standings(loaded.season, loaded.rules)
                 if t.class_code == "GTC" and t.kind.value == "teams")
    return standings_table(loaded.season, loaded.rules, table).splitlines()


def _row_cells(lines: list[str], name: str) -> list[str]:
    start = next(i for i, line in enumerate(lines) if line.endswith(f" {name}"))
    cells = []
    for line in lines[start + 1 :]:
        if line.startswith(("|-", "|}", "!")):
            break
        cells.append(line)
    return cells


def test_a_win_from_pole_is_gold_with_a_superscript_p(gtc_teams_2013):
    # AF Corse won Zhuhai from the class pole: 25 + 1.
    inj, fuj, zhu, _sep = _row_cells(gtc_teams_2013, "AF Corse")
    assert zhu == '| style="background:#FFFFBF;" | 26<sup>P</sup>'
    assert inj == '| style="background:#FFFFBF;" | 25'
    assert fuj == '| style="background:#DFDFDF;" | 18'


def test_a_retirement_from_pole_is_purple_and_keeps_its_pole_point(gtc_teams_2013):
    inj, fuj, zhu, sep = _row_cells(gtc_teams_2013, "#007 Craft Racing")
    assert inj == '| style="background:#EFCFFF;" | 1<sup>P</sup>'
    assert fuj == '| style="background:#FFFFBF;" | 26<sup>P</sup>'
    assert zhu == '| style="background:#FFDF9F;" | 15'
    assert sep == '| style="background:#FFDF9F;" | 15'


def test_a_car_not_classified_is_purple_nc_and_points_places_are_green(gtc_teams_2013):
    _inj, fuj, zhu, _sep = _row_cells(gtc_teams_2013, "BBT Racing")
    assert fuj == '| style="background:#EFCFFF;" | NC'
    assert zhu == '| style="background:#DFFFDF;" | 12'


def test_the_flag_of_a_team_is_a_flagicon_with_its_country_code(gtc_teams_2013):
    assert '| style="text-align:left;" | {{flagicon|ITA}} AF Corse' in gtc_teams_2013
    assert '| style="text-align:left;" | {{flagicon|SGP}} Clearwater Racing' in gtc_teams_2013


def test_the_legend_lists_every_colour_of_the_key():
    text = legend()
    for colour in ("#FFFFBF", "#DFDFDF", "#FFDF9F", "#DFFFDF", "#CFCFFF", "#EFCFFF", "#FFFFFF"):
        assert f"background:{colour};" in text
    assert "background:#000000; color:#FFFFFF;" in text
