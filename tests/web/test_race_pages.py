"""The site as a league admin, a series official and an endurance fan read it: cars that share
a number, a calendar part-way through, leaders who are not yet champions, the page of a 24-hour
race, and people's race-by-race history. Served from both databases; read without JavaScript.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from pitboard.domain.durations import format_duration
from pitboard.ingest.files import read_timing_path
from tests.conftest import real_file

from .conftest import LE_MANS_ROUND, LEAGUE, RF2, WEC, Site

pytestmark = pytest.mark.real_data

LE_MANS = f"/seasons/{WEC}/rounds/{LE_MANS_ROUND}/races/1"


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def rows_of(html: str, table: str) -> list[str]:
    """The text of each row (heading row first) of the table of that class or id."""
    found = re.search(rf'<table class="data (?:{table})"[^>]*>(.*?)</table>', html, re.S) \
        or re.search(rf'<table class="data" id="{table}">(.*?)</table>', html, re.S)
    assert found is not None, table
    return [text_of(r) for r in re.findall(r"<tr[^>]*>(.*?)</tr>", found.group(1), re.S)]


def legend_of(html: str, section: str) -> list[str]:
    part = re.search(rf'<section id="{section}">(.*?)</section>', html, re.S)
    assert part is not None, section
    legend = re.search(r'<ul class="legend">(.*?)</ul>', part.group(1), re.S)
    assert legend is not None
    return [text_of(li) for li in re.findall(r"<li[^>]*>(.*?)</li>", legend.group(1), re.S)]


def series_keys(html: str, section: str) -> list[str]:
    part = re.search(rf'<section id="{section}">(.*?)</section>', html, re.S)
    assert part is not None, section
    return re.findall(r'<g class="series[^"]*" data-series="([^"]+)"', part.group(1))


# --- Cars that share a number (sim leagues) ----------------------------------------------------


@pytest.mark.parametrize(("round_number", "file"), [(1, RF2["sebring"]), (2, RF2["topeka"])])
def test_cars_sharing_a_number_show_their_own_best_laps(seasons_site: Site, round_number: int,
                                                        file: str) -> None:
    """Each car's best lap is the one the game states for that car: at Topeka Tig_green's own
    1:32.193 (the race's fastest), not Malek1th's 1:37.201 on the other #06."""
    session = read_timing_path(real_file("rfactor2", file))
    html = seasons_site.client.get(f"/seasons/{LEAGUE}/rounds/{round_number}").text
    rows = [text_of(r) for r in re.findall(r'<tr class="status-[^"]*">(.*?)</tr>', html, re.S)]
    for car in session.cars:
        assert car.stated_best_lap_seconds is not None
        driver = car.drivers[0].name.casefold()  # the season spells Gérard Larrousse so
        (row,) = [r for r in rows if f" {car.number} " in f" {r} " and driver in r.casefold()]
        assert format_duration(car.stated_best_lap_seconds) in row, (driver, row)
    if round_number == 2:
        (tig,) = [r for r in rows if "Tig_green" in r]
        assert "1:32.193" in tig and "1:37.201" not in tig


def test_the_lap_chart_draws_each_car_of_a_shared_number(seasons_site: Site) -> None:
    html = seasons_site.client.get(f"/seasons/{LEAGUE}/rounds/2/races/1", params={"top": 5}).text
    assert series_keys(html, "lap-chart") == ["02", "06-1", "01", "04", "06-2"]
    legend = legend_of(html, "lap-chart")
    assert legend == ["#02 Taupo", "#06 Griffin (Tig_green)", "#01 Blue Sphere",
                      "#04 Resolute", "#06 Griffin (Malek1th)"]  # in finishing order
    sebring = seasons_site.client.get(f"/seasons/{LEAGUE}/rounds/1/races/1",
                                      params={"top": 5}).text
    bonnier = [x for x in legend_of(sebring, "lap-chart") if x.startswith("#01 Ecurie Bonnier")]
    assert sorted(bonnier) == ["#01 Ecurie Bonnier (Gérard Larrousse)",
                               "#01 Ecurie Bonnier (Jo Bonnier)"]


# --- A calendar part-way through ---------------------------------------------------------------


def test_rounds_not_run_are_scheduled_or_awaiting_results_never_held(seasons_site: Site) -> None:
    html = seasons_site.client.get(f"/seasons/{WEC}").text
    status = {name: text_of(row).split()[-1] for name, row in (
        (m.group(2), m.group(1)) for m in re.finditer(
            r'<tr class="[a-z]+">(.*?<a [^>]+>([^<]+)</a>.*?)</tr>', html, re.S))}
    assert status["6 Hours of Spa-Francorchamps"] == "Held"
    assert status["24 Hours of Le Mans"] == "Held"
    assert status["Qatar 1812 km"] == "come"  # "Results to come": run, not yet imported
    for later in ("6 Hours of São Paulo", "Lone Star Le Mans", "6 Hours of Fuji",
                  "8 Hours of Bahrain"):
        assert status[later] == "Scheduled", later
    page = text_of(seasons_site.client.get(f"/seasons/{WEC}/rounds/7").text)
    assert "This round has not been run yet" in page
    api = seasons_site.client.get(f"/api/v1/seasons/{WEC}/rounds").json()["items"]
    assert [r["status"] for r in api] == ["scheduled", "scheduled", "held", "held",
                                          "scheduled", "scheduled", "scheduled", "scheduled"]
    listed = next(s for s in seasons_site.client.get("/api/v1/seasons").json()["items"]
                  if s["id"] == WEC)
    assert (listed["rounds_held"], listed["rounds_scheduled"]) == (2, 6)


def test_a_season_with_rounds_to_run_names_leaders_not_champions(seasons_site: Site) -> None:
    home = seasons_site.client.get("/").text
    card = re.search(r'<a href="/seasons/fia-wec/2025">.*?</article>', home, re.S)
    assert card is not None
    assert "Leaders after 2 of 8 rounds" in text_of(card.group(0))
    assert "Champions" not in text_of(card.group(0))
    record = re.search(r'<a href="/seasons/asian-le-mans-series/2013">.*?</article>', home,
                       re.S)
    assert record is not None and "Champions" in text_of(record.group(0))
    champions = seasons_site.client.get("/champions").text
    wec = re.search(r"2025 FIA World Endurance Championship</a>(.*?)</section>", champions, re.S)
    assert wec is not None
    assert "Leaders after 2 of 8 rounds" in text_of(wec.group(0))
    assert "<th>Drivers: leader</th>" in wec.group(1) and "<th>Drivers</th>" not in wec.group(1)


def test_the_generated_demo_is_never_the_first_season_shown(seasons_site: Site) -> None:
    home = seasons_site.client.get("/").text
    series = re.findall(r'<section class="series( demo)?">\s*<h2><a [^>]+>([^<]+)</a></h2>', home)
    assert series[0][1] == "FIA World Endurance Championship"  # the most recent real season
    assert series[-1] == (" demo", "pitboard demo (generated data)")
    champions = seasons_site.client.get("/champions").text
    first = re.search(r'<section class="series[^"]*">\s*<h2><a [^>]+>([^<]+)</a>', champions)
    assert first is not None and "demo" not in first.group(1)


# --- The page of a 24-hour race ----------------------------------------------------------------


def test_a_24_hour_race_page_is_titled_by_its_event(seasons_site: Site) -> None:
    html = seasons_site.client.get(LE_MANS).text
    assert "<h1>24 Hours of Le Mans</h1>" in html
    assert "wec_2025_le_mans" not in html  # never the timing file's name
    assert "62 cars in 3 classes" in text_of(html)


def test_the_charts_show_the_first_cars_of_a_class_in_race_order(seasons_site: Site) -> None:
    """By default the first six of the class, in their finishing order, one colour each."""
    doc = seasons_site.client.get(f"/api/v1/seasons/{WEC}/rounds/{LE_MANS_ROUND}").json()
    (hypercar,) = [c for c in doc["races"][0]["classes"] if c["class"] == "HYPERCAR"]
    first_six = [r["number"] for r in hypercar["rows"][:6]]
    html = seasons_site.client.get(LE_MANS).text
    for section in ("lap-chart", "gap-chart"):
        assert series_keys(html, section) == first_six
    assert sorted(series_keys(html, "pace-chart")) == sorted(first_six)
    colours = re.findall(r'<g class="series" data-series="[^"]+" style="--c:([^"]+)"',
                         html.split('id="gap-chart"')[1].split("</section>")[0])
    assert len(set(colours)) == 6
    lmgt3 = seasons_site.client.get(LE_MANS, params={"class": "LMGT3", "top": 3}).text
    (gt3,) = [c for c in doc["races"][0]["classes"] if c["class"] == "LMGT3"]
    assert series_keys(lmgt3, "lap-chart") == [r["number"] for r in gt3["rows"][:3]]


def test_the_reader_picks_the_cars_and_the_page_keeps_them(seasons_site: Site) -> None:
    html = seasons_site.client.get(LE_MANS, params={"class": "LMGT3", "pick": "cars",
                                                    "car": ["21", "92", "no-such-car"]}).text
    assert series_keys(html, "lap-chart") == ["92", "21"]  # race order, unknown keys ignored
    ticked = re.findall(r'<input type="checkbox" name="car" value="([^"]+)" checked>', html)
    assert ticked == ["92", "21"]
    doc = seasons_site.client.get(f"/api/v1/seasons/{WEC}/rounds/{LE_MANS_ROUND}").json()
    (gt3,) = [c for c in doc["races"][0]["classes"] if c["class"] == "LMGT3"]
    top = seasons_site.client.get(LE_MANS, params={"class": "LMGT3", "pick": "top", "top": 2,
                                                   "car": ["21"]}).text
    assert series_keys(top, "lap-chart") == [r["number"] for r in gt3["rows"][:2]]


def test_the_gap_axis_ignores_a_car_hours_in_the_garage(seasons_site: Site) -> None:
    """With every Hypercar drawn, #15's last laps (over an hour and a half behind) run off the
    top and are named; the axis follows the other cars."""
    html = seasons_site.client.get(LE_MANS, params={"top": 21}).text
    gap = html.split('<section id="gap-chart">')[1].split("</section>")[0]
    ticks = re.findall(r'<text class="tick(?: minor)?" x="\d+" y="[\d.]+" '
                       r'text-anchor="end">([^<]+)</text>', gap)
    top = max(int(t.split(":")[0]) * 60 + int(t.split(":")[1]) for t in ticks if ":" in t)
    assert 1800 <= top < 5818  # #20's long stop is on the scale; #15's 5,818 s is not
    assert "Off the scale at the top" in gap and "#15 BMW M Team WRT" in text_of(gap)


def test_pace_labels_have_room_for_the_longest_car(seasons_site: Site) -> None:
    html = seasons_site.client.get(LE_MANS, params={"top": 21}).text
    labels = re.findall(r'<text class="label" x="([\d.]+)"[^>]*>([^<]+)</text>', html)
    assert len(labels) >= 19
    for x, label in labels:
        assert float(x) >= len(unescape(label)) * 7.2, label  # 12 px text ends inside the svg


def test_places_at_each_hour_of_the_race(seasons_site: Site) -> None:
    """24 hourly columns; the winner's row ends at the front; a car that retired has a dash
    from the hour it stopped."""
    html = seasons_site.client.get(LE_MANS).text
    header = re.search(r'<table class="data hours">\s*<thead><tr>(.*?)</tr>', html, re.S)
    assert header is not None
    assert re.findall(r">(\d+)h<", header.group(1)) == [str(h) for h in range(1, 25)]
    rows = rows_of(html, "hours")
    winner = rows[1].split()  # after the heading row
    assert winner[:3] == ["1", "#83", "AF"] and winner[-1] == "1"
    retired = [r for r in rows if r.startswith("Ret")]
    assert retired and all(r.endswith("–") for r in retired)


def test_pit_stops_and_driver_times_add_up_to_the_car(seasons_site: Site) -> None:
    """#83: its stops are the laps it ended in the pit lane before the last one, and its
    drivers' laps add up to its laps, as the Analysis file has them."""
    session = read_timing_path(real_file("alkamel", "wec_2025_le_mans_24h_race_analysis.csv"))
    car = next(c for c in session.cars if c.number == "83")
    laps = sorted(car.laps, key=lambda lap: lap.number)
    stops = sum(1 for lap in laps[:-1] if lap.pit_in)
    html = seasons_site.client.get(LE_MANS).text
    row = next(r for r in rows_of(html, "stint-summary") if r.startswith("1 #83 AF Corse"))
    assert row.split()[4] == str(stops)
    driven = sum(int(n) for n in re.findall(r"(\d+) laps", row))
    assert driven == len(laps)
    for driver in {lap.driver for lap in laps}:
        assert driver in row
    stints = re.search(r'<details class="car-stints" data-series="83" open>(.*?)</details>',
                       html, re.S)
    assert stints is not None
    assert stints.group(1).count('<td class="num">') >= 4 * (stops + 1)


# --- People -------------------------------------------------------------------------------------


def test_a_drivers_page_lists_every_race(seasons_site: Site) -> None:
    html = seasons_site.client.get("/drivers/Nyck%20DE%20VRIES").text
    races = rows_of(html, "races")
    assert any("24 Hours of Le Mans" in r and "#7" in r for r in races)
    assert any("6 Hours of Spa-Francorchamps" in r for r in races)
    assert "so far" in text_of(html)  # 2025 has rounds to run: his place is not final
    api = seasons_site.client.get("/api/v1/drivers/Nyck%20DE%20VRIES").json()
    assert [r["round_name"] for r in api["races"]] == ["6 Hours of Spa-Francorchamps",
                                                       "24 Hours of Le Mans"]


def test_a_teams_page_shows_its_cars_and_every_race(seasons_site: Site) -> None:
    html = seasons_site.client.get("/teams/Craft%20Racing").text
    championships = rows_of(html, "championships")
    assert any("#007 Aston Martin V12 Vantage GT3 / Ford GT GT3" in r for r in championships)
    assert not any(" #007 Craft Racing " in f" {r} " for r in championships)
    races = rows_of(html, "races")
    assert len(races) - 1 == 6  # four rounds of #007, #009 and the LMP2 car at Sepang


def test_a_guest_class_has_no_points_and_classes_keep_the_seasons_order(site: Site) -> None:
    html = site.client.get("/seasons/asian-le-mans-series/2013/rounds/2").text
    assert re.findall(r'<h3><span class="tag">([^<]+)</span></h3>', html) == [
        "LMP2", "GTE", "GTC", "SGT"]
    sgt = html.split('<span class="tag">SGT</span></h3>')[1].split("</table>")[0]
    points = re.findall(r'<td class="num">(.*?)(?:<sup>P</sup>)?</td>\s*<td class="small muted">',
                        sgt)
    assert points == ['<span class="muted small">unscored</span>']


def test_the_admin_form_keeps_season_and_round_after_a_problem(fresh_site: Site,
                                                              tmp_path: Path) -> None:
    bad = tmp_path / "inje.csv"
    bad.write_text("round,class,pos,number,team,drivers\n2,GTC,first,77,AF Corse,A\n")
    with bad.open("rb") as handle:
        answer = fresh_site.client.post("/admin", data={
            "token": "test-token-for-uploads", "season": "asian-le-mans-series/2009",
            "round": "1", "race": "2", "kind": "results"}, files={"file": handle})
    assert answer.status_code == 422
    html = answer.text
    assert '<option value="asian-le-mans-series/2009" selected>' in html
    assert 'name="round" required placeholder="number, name or short name" value="1"' in html
    assert 'name="race" value="2"' in html
    assert '<option value="results" selected>' in html
