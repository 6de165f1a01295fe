"""Uploads through the API and the admin page are checked against the season as the CLI's
imports are: a wrong file is answered 422 with located problems and changes nothing; a file
that would replace results needs `replace`, and the page asks for it."""

from __future__ import annotations

import pytest

from pitboard.ingest.catalog import DATA_DIR
from tests.conftest import real_file

from .conftest import SEASON_2013, TOKEN, Site

API = "/api/v1/seasons"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
RESULTS_2013 = (DATA_DIR / SEASON_2013 / "results.csv").read_text(encoding="utf-8")


def _inje_with(old: str, new: str) -> bytes:
    assert old in RESULTS_2013
    lines = [ln for ln in RESULTS_2013.replace(old, new, 1).splitlines()
             if ln.startswith(("round,", "1,"))]
    return ("\n".join(lines) + "\n").encode()


def test_a_driver_typo_is_answered_with_a_suggestion_and_nothing_changes(
    fresh_site: Site
) -> None:
    before = fresh_site.client.get(f"{API}/{SEASON_2013}/standings").json()
    answer = fresh_site.client.post(
        f"{API}/{SEASON_2013}/rounds/1/results?replace=true", headers=AUTH,
        files={"file": ("inje.csv", _inje_with("Andrea Bertolini /", "Andrea Bertolin /"))})
    assert answer.status_code == 422
    (problem,) = answer.json()["problems"]
    assert (problem["file"], problem["field"], problem["found"]) == (
        "inje.csv", "drivers", "'Andrea Bertolin'")
    assert "did you mean 'Andrea Bertolini'?" in problem["expected"]
    assert fresh_site.client.get(f"{API}/{SEASON_2013}/standings").json() == before


@pytest.mark.real_data
def test_a_sim_race_whose_classes_the_season_lacks_is_answered_422(fresh_site: Site) -> None:
    race = real_file("rfactor2", "rf2_2013_sebring_lolat280_20min_race.xml").read_bytes()
    answer = fresh_site.client.post(
        f"{API}/pitboard-demo/2026/rounds/1/races/1/timing?replace=true", headers=AUTH,
        files={"file": ("sebring.xml", race)})
    assert answer.status_code == 422
    problems = answer.json()["problems"]
    # Its cars are in no class of the season, and Sebring is not the demo's circuit.
    assert {p["field"] for p in problems} == {"class", "track"}
    assert all(p["file"] == "sebring.xml" for p in problems)
    assert all(p["line"] for p in problems if p["field"] == "class")


def test_the_admin_page_asks_before_replacing_and_says_what_it_replaced(
    fresh_site: Site
) -> None:
    corrected = _inje_with("1,GTC,1,77,AF Corse", "1,GTC,9,77,AF Corse")
    form = {"token": TOKEN, "season": SEASON_2013, "round": "1", "race": "1",
            "kind": "results"}
    asked = fresh_site.client.post("/admin", data=form,
                                   files={"file": ("inje.csv", corrected)})
    assert asked.status_code == 422
    assert 'id="confirm-replace"' in asked.text
    assert f'<option value="{SEASON_2013}" selected>' in asked.text
    done = fresh_site.client.post("/admin", data={**form, "replace": "true"},
                                  files={"file": ("inje.csv", corrected)})
    assert done.status_code == 200, done.text
    assert "Replaced:" in done.text and "round 1 race 1: 9 result lines" in done.text
