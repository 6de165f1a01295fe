"""The JSON API serves the CLI's documents, filters and pages lists, and guards uploads."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from typer.testing import CliRunner

from pitboard.cli import app
from pitboard.domain.timing import TimingSession
from pitboard.formats import registry
from pitboard.formats.registry import InputKind, TimingReader
from pitboard.ingest.catalog import find_season
from pitboard.ingest.imports import Target
from pitboard.office import import_upload, open_store
from pitboard.store.store import REVISION_CHECK_SECONDS

from .conftest import SEASON_2013, TOKEN, Site, inje_race, race_from_record, row

API = "/api/v1/seasons/asian-le-mans-series"


def cli_json(*args: str) -> Any:
    result = CliRunner().invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_standings_are_the_document_the_cli_prints(site: Site) -> None:
    served = site.client.get(f"{API}/2013/standings").json()
    assert served == cli_json("standings", "2013")


def test_filtered_standings_match_the_cli_and_the_2013_record(site: Site) -> None:
    served = site.client.get(f"{API}/2013/standings", params={"class": "gtc", "table": "teams"})
    document = served.json()
    assert document == cli_json("standings", "2013", "--class", "GTC", "--table", "teams")
    assert [(t["class"], t["table"]) for t in document["standings"]] == [("GTC", "teams")]
    assert row(document, "GTC", "teams", "AF Corse")["total"] == 87
    assert row(document, "GTC", "teams", "#007 Craft Racing")["total"] == 57
    lmp2 = site.client.get(f"{API}/2013/standings?class=LMP2&table=drivers").json()
    assert row(lmp2, "LMP2", "drivers", "David Cheng")["total"] == 89


def test_an_unknown_class_is_a_422_naming_the_known_ones(site: Site) -> None:
    answer = site.client.get(f"{API}/2013/standings", params={"class": "GT9"})
    assert answer.status_code == 422
    (problem,) = answer.json()["problems"]
    assert problem["field"] == "class"
    assert problem["expected"] == "one of GTC, GTC Am, GTE, LMP2"


def test_a_round_is_the_document_the_cli_prints(site: Site) -> None:
    served = site.client.get(f"{API}/2009/rounds/1").json()
    assert served == cli_json("results", "2009", "1")
    by_name = site.client.get(f"{API}/2013/rounds/SEP").json()
    assert by_name["round"]["name"] == "3 Hours of Sepang"


def test_a_missing_season_or_round_is_404(site: Site) -> None:
    assert site.client.get(f"{API}/1999").status_code == 404
    assert site.client.get(f"{API}/2013/rounds/9").json() == {
        "detail": f"no round 9 of {SEASON_2013}"
    }


def test_seasons_and_calendar_show_cancelled_rounds(site: Site) -> None:
    seasons = site.client.get("/api/v1/seasons").json()
    assert seasons["total"] == 8  # the Asian Le Mans roll (seven seasons) and the demo
    assert {"asian-le-mans-series/2009", SEASON_2013, "asian-le-mans-series/2018-19",
            "pitboard-demo/2026"} <= {s["id"] for s in seasons["items"]}
    rounds = site.client.get(f"{API}/2013/rounds").json()["items"]
    cancelled = [r["name"] for r in rounds if r["status"] == "cancelled"]
    assert cancelled == ["3 Hours of Shanghai", "3 Hours of Ordos", "3 Hours of Sentul"]


def test_driver_pages_of_the_list_join_up_to_the_whole_list(site: Site) -> None:
    everyone = site.client.get("/api/v1/drivers", params={"limit": 1000}).json()
    pages = [
        site.client.get("/api/v1/drivers", params={"limit": 7, "offset": offset}).json()
        for offset in range(0, everyone["total"], 7)
    ]
    assert all(p["total"] == everyone["total"] for p in pages)
    assert [d for p in pages for d in p["items"]] == everyone["items"]
    assert everyone["total"] > 20


def test_a_driver_across_seasons(site: Site) -> None:
    cheng = site.client.get("/api/v1/drivers/David Cheng").json()
    lines = {(s["season_id"], s["class"]): s for s in cheng["seasons"]}
    assert lines[(SEASON_2013, "LMP2")]["total"] == 89
    assert site.client.get("/api/v1/drivers/Nobody Atall").status_code == 404


def test_entries_filter_by_class(site: Site) -> None:
    entries = site.client.get(f"{API}/2013/entries", params={"class": "GTC"}).json()
    assert entries["total"] == len(entries["items"])
    assert {e["class"] for e in entries["items"]} <= {"GTC"}


def test_laps_of_a_timed_race_with_a_car_filter_and_pages(site: Site) -> None:
    url = f"{API}/2013/rounds/1/races/1/laps"
    everything = site.client.get(url).json()
    assert everything["total"] == sum(len(c.laps) for c in inje_race().cars)
    ferrari = site.client.get(url, params={"car": "77"}).json()
    assert [lap["time"] for lap in ferrari["items"]][:3] == ["1:40.000", "1:39.000", "2:10.000"]
    assert [lap["pit_in"] for lap in ferrari["items"]][2] is True
    second_page = site.client.get(url, params={"limit": 10, "offset": 10}).json()
    assert second_page["items"] == everything["items"][10:20]
    assert site.client.get(f"{API}/2013/rounds/2/races/1/laps").status_code == 404


def test_uploads_need_the_operators_token(site: Site) -> None:
    url = f"{API}/2013/rounds/1/results"
    files = {"file": ("r.csv", b"round,class,pos,number,team,drivers\n")}
    assert site.client.post(url, files=files).status_code == 401
    wrong = site.client.post(url, files=files, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401


def test_a_bad_upload_gets_every_problem_and_changes_nothing(fresh_site: Site) -> None:
    before = fresh_site.client.get(f"{API}/2013/standings").json()
    bad = (b"round,class,pos,number,team,drivers\n"
           b"1,GTC,first,77,AF Corse,A / B\n"
           b"1,GTC,2,,,\n")
    answer = fresh_site.client.post(
        f"{API}/2013/rounds/1/results", files={"file": ("inje.csv", bad)},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert answer.status_code == 422
    problems = answer.json()["problems"]
    assert len(problems) >= 2
    assert {p["line"] for p in problems} == {2, 3}
    assert all(p["file"] == "inje.csv" for p in problems)
    assert fresh_site.client.get(f"{API}/2013/standings").json() == before


def test_an_upload_changes_the_standings_at_once(fresh_site: Site) -> None:
    csv = ("round,class,pos,number,team,drivers,manufacturer\n"
           "1,GTC,1,007,Craft Racing,Frank Yu / Stefan Mücke,Aston Martin\n"
           "1,GTC,2,77,AF Corse,Andrea Bertolini / Michele Rugolo / Steve Wyatt,Ferrari\n")
    headers = {"Authorization": f"Bearer {TOKEN}"}
    url = f"{API}/2013/standings?class=GTC&table=teams"
    before = row(fresh_site.client.get(url).json(), "GTC", "teams", "AF Corse")["total"]
    refused = fresh_site.client.post(f"{API}/2013/rounds/1/results",
                                     files={"file": ("inje.csv", csv.encode())}, headers=headers)
    assert refused.status_code == 422
    assert [p["field"] for p in refused.json()["problems"]] == ["replace"]
    answer = fresh_site.client.post(f"{API}/2013/rounds/1/results?replace=true",
                                    files={"file": ("inje.csv", csv.encode())}, headers=headers)
    assert answer.status_code == 200, answer.text
    lines = len(next(r for r in find_season(SEASON_2013).season.rounds if r.number == 1)
                .races[0].results)
    assert answer.json() == {"imported": [{
        "name": "inje.csv", "kind": "results", "changed": True,
        "replaced": [f"round 1 race 1: {lines} result lines"]}]}
    after = row(fresh_site.client.get(url).json(), "GTC", "teams", "AF Corse")["total"]
    assert after == before - 25 + 18
    again = fresh_site.client.post(f"{API}/2013/rounds/1/results?replace=true",
                                   files={"file": ("inje.csv", csv.encode())}, headers=headers)
    assert again.json()["imported"][0]["changed"] is False


def test_an_import_by_another_process_shows_within_a_second(fresh_site: Site) -> None:
    url = f"{API}/2013/standings?class=GTC&table=teams"
    before = row(fresh_site.client.get(url).json(), "GTC", "teams", "AF Corse")["total"]
    other = open_store(fresh_site.store.engine.url.render_as_string(hide_password=False))
    csv = b"round,class,pos,number,team,drivers\n1,GTC,1,007,Craft Racing,Frank Yu\n"
    import_upload(other, csv, "inje.csv", InputKind.RESULTS,
                  Target(SEASON_2013, "1", replace=True))
    other.close()
    time.sleep(REVISION_CHECK_SECONDS + 0.2)
    after = row(fresh_site.client.get(url).json(), "GTC", "teams", "AF Corse")["total"]
    assert after == before - 25


def test_a_timing_upload_goes_through_the_registry(
    fresh_site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    race = race_from_record(2, name="Uploaded")
    class Fake(TimingReader):
        name = "test-format"
        description = "a format of the test's own"

        def sniff(self, head: bytes, name: str) -> bool:
            return head == b"TIMING"

        def read(self, data: bytes, name: str) -> tuple[TimingSession, ...]:
            return (race,)

    monkeypatch.setattr(registry, "_loaded", [Fake()])
    answer = fresh_site.client.post(
        f"{API}/2013/rounds/FUJ/races/1/timing?replace=true",
        files={"file": ("fuji.bin", b"TIMING")},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert answer.status_code == 200, answer.text
    laps = fresh_site.client.get(f"{API}/2013/rounds/2/races/1/laps").json()
    assert laps["session"]["name"] == "Uploaded"
    unknown = fresh_site.client.post(
        f"{API}/2013/rounds/FUJ/races/1/timing", files={"file": ("x.bin", b"???")},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert unknown.status_code == 422
    (problem,) = unknown.json()["problems"]
    assert (problem["file"], problem["field"]) == ("x.bin", "format")


def test_the_openapi_description_lists_every_endpoint(site: Site) -> None:
    spec = site.client.get("/api/v1/openapi.json").json()
    assert {
        "/api/v1/seasons", "/api/v1/seasons/{series}/{season}/standings",
        "/api/v1/seasons/{series}/{season}/rounds/{round_ref}",
        "/api/v1/seasons/{series}/{season}/entries", "/api/v1/drivers", "/api/v1/teams",
        "/api/v1/seasons/{series}/{season}/rounds/{round_ref}/races/{race}/laps",
        "/api/v1/seasons/{series}/{season}/rounds/{round_ref}/results",
    } <= set(spec["paths"])


def test_a_penalties_upload_shows_in_the_round_and_the_standings(fresh_site: Site) -> None:
    answer = fresh_site.client.post(
        f"{API}/2013/rounds/FUJ/penalties",  # a race of result lines (Inje has laps here)
        files={"file": ("decisions.csv",
                        b"number,kind,value,reason\n77,dsq,,ride height\n")},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert answer.status_code == 200, answer.text
    standings = fresh_site.client.get(f"{API}/2013/standings?class=GTC&table=teams").json()
    assert row(standings, "GTC", "teams", "AF Corse")["total"] == 87 - 18  # its Fuji second
    page = fresh_site.client.get("/seasons/asian-le-mans-series/2013/rounds/2").text
    assert "DSQ (ride height)" in page


def test_a_time_penalty_upload_for_a_race_without_laps_is_refused(fresh_site: Site) -> None:
    answer = fresh_site.client.post(
        f"{API}/2013/rounds/FUJ/penalties?race=1",
        files={"file": ("decisions.csv", b"number,kind,value,reason\n77,time,30,track limits\n")},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert answer.status_code == 422, answer.text
    assert "needs the race's timing data" in answer.text
    standings = fresh_site.client.get(f"{API}/2013/standings?class=GTC&table=teams").json()
    assert row(standings, "GTC", "teams", "AF Corse")["total"] == 87


def test_the_series_champions_are_the_document_the_cli_prints(site: Site) -> None:
    served = site.client.get("/api/v1/series/asian-le-mans-series/champions")
    assert served.status_code == 200
    assert served.json() == cli_json("champions", "asian-le-mans-series")
    missing = site.client.get("/api/v1/series/no-such-series/champions")
    assert missing.status_code == 404


def test_the_series_history_is_served_from_the_database(site: Site) -> None:
    history = site.client.get("/api/v1/series/asian-le-mans-series/history").json()
    assert history["schema"] == 1
    assert [e["kind"] for e in history["events"]][:3] == ["cancelled", "held", "cancelled"]
    assert history["events"][0]["date"] == "2008-11"


def test_checks_carry_the_published_figures_as_the_cli_gives_them(site: Site) -> None:
    served = site.client.get(f"{API}/2013/checks").json()
    assert served["published"] == {"compared": True, "differences": []}
    result = CliRunner().invoke(app, ["check", "2013", "--format", "json"])
    assert served == json.loads(result.output)
