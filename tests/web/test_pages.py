"""The pages read without JavaScript, colour cells as record books do, and load nothing remote."""

from __future__ import annotations

import re

from .conftest import Site

SEASON = "/seasons/asian-le-mans-series/2013"


def cell_classes(html: str, name: str) -> list[str]:
    """The shade of each round cell of the row named `name`."""
    row = re.search(rf'<tr data-name="{re.escape(name)}">(.*?)</tr>', html, re.S)
    assert row is not None, name
    return re.findall(r'<td class="cell ([a-z]+)', row.group(1))


def test_standings_page_shows_the_2013_gtc_teams_with_record_book_colours(site: Site) -> None:
    html = site.client.get(f"{SEASON}/standings", params={"class": "GTC",
                                                         "table": "teams"}).text
    assert re.search(r'data-name="AF Corse">.*?<td class="num total">87</td>', html, re.S)
    assert re.search(r'data-name="#007 Craft Racing">.*?<td class="num total">57</td>', html,
                     re.S)
    # AF Corse: won Inje, second at Fuji, won Zhuhai, second at Sepang.
    assert cell_classes(html, "AF Corse") == ["gold", "silver", "gold", "silver"]
    # #007 retired at Inje (pole point only), then won at Fuji.
    assert cell_classes(html, "#007 Craft Racing")[:2] == ["retired", "gold"]
    assert "Invitation to the 2014 24 Hours of Le Mans (LMGTE Am)" in html
    assert '<svg class="chart"' in html  # the points progression, drawn on the server


def test_season_page_lists_cancelled_rounds_and_entries(site: Site) -> None:
    html = site.client.get(SEASON).text
    for cancelled in ("3 Hours of Shanghai", "3 Hours of Ordos", "3 Hours of Sentul"):
        assert re.search(rf'<tr class="cancelled">.*?{cancelled}', html, re.S)
    assert "David Cheng" in html


def test_round_page_shows_grid_classes_and_statuses(site: Site) -> None:
    html = site.client.get("/seasons/asian-le-mans-series/2009/rounds/1").text
    assert "Qualifying and grid" in html
    assert "class pole" in html
    assert "Race 1 (30 October)" in html


def test_a_timed_race_links_to_its_lap_chart(site: Site) -> None:
    inje = site.client.get(f"{SEASON}/rounds/1").text
    assert f'href="{SEASON}/rounds/1/races/1"' in inje
    fuji = site.client.get(f"{SEASON}/rounds/2").text
    assert f'href="{SEASON}/rounds/2/races/1"' not in fuji


def test_lap_chart_shows_the_change_of_lead(site: Site) -> None:
    html = site.client.get(f"{SEASON}/rounds/1/races/1", params={"class": "GTC"}).text
    assert html.count('<svg class="chart') == 3  # lap chart, gaps, pace
    legend = re.findall(r'<ul class="legend">(.*?)</ul>', html, re.S)[0]
    assert "#77 AF Corse" in legend
    assert "#24 OAK Racing" not in legend  # LMP2 is not on the GTC charts


def test_drivers_and_teams_across_seasons(site: Site) -> None:
    assert "David Cheng" in site.client.get("/drivers").text
    cheng = site.client.get("/drivers/David%20Cheng").text
    assert "2013 Asian Le Mans Series" in cheng
    assert "AF Corse" in site.client.get("/teams/AF%20Corse").text


def test_champions_page_names_the_le_mans_invitations(site: Site) -> None:
    html = site.client.get("/champions").text
    assert "Invitation to the 2014 24 Hours of Le Mans (LMP2)" in html


def test_every_page_loads_its_assets_from_pitboard_itself(site: Site) -> None:
    for path in ("/", SEASON, f"{SEASON}/standings", f"{SEASON}/rounds/1",
                 f"{SEASON}/rounds/1/races/1", "/drivers", "/champions", "/admin", "/api/docs"):
        html = site.client.get(path).text
        assets = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', html)
        assert assets, path
        for asset in assets:
            assert asset.startswith("/"), (path, asset)
            assert site.client.get(asset).status_code == 200


def test_a_missing_page_is_a_404_page(site: Site) -> None:
    answer = site.client.get("/seasons/asian-le-mans-series/1999")
    assert answer.status_code == 404
    assert "There is no season asian-le-mans-series/1999." in answer.text


def test_an_unknown_class_is_a_404_naming_the_classes(site: Site) -> None:
    answer = site.client.get(f"{SEASON}/standings", params={"class": "GT9"})
    assert answer.status_code == 404
    assert "classes: LMP2, GTE, GTC, GTC Am" in answer.text


def test_admin_page_refuses_a_wrong_token_and_shows_problems(fresh_site: Site) -> None:
    form = {"token": "wrong", "season": "asian-le-mans-series/2013", "round": "1",
            "kind": "results", "race": "1"}
    files = {"file": ("inje.csv", b"round,class,pos,number,team,drivers\n1,GTC,x,77,A,B\n")}
    assert fresh_site.client.post("/admin", data=form, files=files).status_code == 401
    answer = fresh_site.client.post("/admin", data={**form, "token": "test-token-for-uploads"},
                                    files=files)
    assert answer.status_code == 422
    assert "Nothing was written." in answer.text
    assert "inje.csv:2: pos" in answer.text


def test_a_new_site_has_a_race_with_a_lap_chart_from_the_bundled_demo(site: Site) -> None:
    demo = "/seasons/pitboard-demo/2026"
    html = site.client.get(f"{demo}/rounds/1/races/1").text
    assert html.count('<svg class="chart') == 3  # lap chart, gaps, pace
    assert "generated" in site.client.get(demo).text.lower()
    standings = site.client.get("/api/v1/seasons/pitboard-demo/2026/standings",
                                params={"class": "LMP2", "table": "teams"}).json()
    rows = standings["standings"][0]["rows"]
    assert rows[0]["position"] == 1 and rows[0]["total"] == 25


def test_the_season_page_and_the_api_show_the_line_up_checks(site: Site) -> None:
    from pitboard.engine.eligibility import eligibility_report
    from pitboard.ingest.catalog import find_season

    loaded = find_season("asian-le-mans-series/2013")
    expected = eligibility_report(loaded.season, loaded.rules)
    api = site.client.get("/api/v1/seasons/asian-le-mans-series/2013/checks").json()
    assert api == {**expected, "published": {"compared": True, "differences": []}}
    assert len(api["breaches"]) == 5
    html = site.client.get(SEASON).text
    assert "Regulation checks" in html and "5 breaches" in html
    assert html.count("#77 AF Corse</td>") == 4  # no Asian driver in any of its four rounds


def test_series_page_shows_history_classes_by_season_and_every_season(site: Site) -> None:
    page = site.client.get("/series/asian-le-mans-series")
    assert page.status_code == 200
    for name in ("2009", "2013", "2014", "2015-16", "2016-17", "2017-18", "2018-19"):
        assert f'id="season-{name}"' in page.text
    assert "The Shanghai teaser race is cancelled" in page.text
    assert 'class="data class-history"' in page.text
    assert site.client.get("/series/none-such").status_code == 404


def test_champions_page_marks_computed_and_transcribed_titles(site: Site) -> None:
    page = site.client.get("/champions").text
    assert '<div class="computed"><a href="/drivers/Christophe%20Tinseau">' in page
    assert '<div class="transcribed">Nicolas Leutwiler</div>' in page


def test_a_season_kept_as_its_published_record_has_a_page(site: Site) -> None:
    page = site.client.get("/seasons/asian-le-mans-series/2017-18")
    assert page.status_code == 200
    assert "pitboard holds none of this season's race results" in page.text
    assert "Published figures" in page.text
    assert site.client.get("/seasons/asian-le-mans-series/2017-18/standings").status_code == 200


def test_the_2013_season_page_says_its_published_figures_are_computed(site: Site) -> None:
    page = site.client.get("/seasons/asian-le-mans-series/2013").text
    assert "Every published figure (6 champions, 66 table rows) is the one computed" in page
