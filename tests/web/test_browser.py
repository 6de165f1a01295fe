"""End to end in a real browser (Debian's chromium, driven by Playwright): the 2013 standings,
switching class and table; a sim league whose cars share numbers; a world championship part-way
through (scheduled rounds, leaders); the page of a 24-hour race (class, cars, hover) on a desktop
and at a phone's 390 px, with JavaScript and without.

Screenshots of the main pages go to build/screenshots/; with PITBOARD_DOC_SCREENSHOTS=1 they
are also written, reduced to a small palette, to docs/img/ for docs/web.md.

Skipped with a message where chromium is not installed and CI is not set; required in CI.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import LE_MANS_ROUND, LEAGUE, WEC, Site, seasons_site_of

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
BUILD = Path(__file__).resolve().parents[2] / "build"
SEASON = "/seasons/asian-le-mans-series/2013"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        message = f"no chromium at {CHROMIUM}: install Debian's chromium to run the browser tests"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI is set, so they are required)")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


def total_of(page: object, name: str) -> str:
    rows = page.locator("#standings tbody tr")  # type: ignore[attr-defined]
    row = rows.filter(has=page.get_by_text(name, exact=True))  # type: ignore[attr-defined]
    return str(row.locator("td.total").inner_text())


def test_standings_switch_class_and_table_and_show_the_record(browser: object,
                                                              site: Site) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page.goto(site.url + SEASON + "/standings")
    page.locator("#class-switch").get_by_text("GTC", exact=True).click()
    page.locator("#table-switch").get_by_text("Teams", exact=True).click()
    assert page.locator("#table-title").inner_text() == "GTC — teams"
    assert total_of(page, "AF Corse") == "87"
    assert total_of(page, "#007 Craft Racing") == "57"
    BUILD.mkdir(exist_ok=True)
    page.screenshot(path=str(BUILD / "standings-2013-gtc-teams.png"), full_page=True)
    page.locator("#class-switch").get_by_text("LMP2", exact=True).click()
    page.locator("#table-switch").get_by_text("Drivers", exact=True).click()
    assert page.locator("#table-title").inner_text() == "LMP2 — drivers"
    assert total_of(page, "David Cheng") == "89"
    page.close()


def test_a_race_lap_chart_opens_from_its_round(browser: object, site: Site) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page.goto(site.url + SEASON + "/rounds/1")
    page.get_by_text("Laps, stints & pace →").first.click()
    page.get_by_role("link", name="GTC", exact=True).click()
    chart = page.locator("#lap-chart svg.chart")
    assert chart.is_visible()
    assert chart.locator("g.series").count() == 4  # the four GTC cars
    legend = page.locator("#lap-chart .legend li", has_text="#77 AF Corse")
    legend.hover()  # the progressive script brings that car's line forward
    assert "dim" in (chart.get_attribute("class") or "")
    assert "on" in (chart.locator('g.series[data-series="77"]').get_attribute("class") or "")
    page.close()


# --- A sim league, a championship part-way through, a 24-hour race ------------------------------

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
LE_MANS = f"/seasons/{WEC}/rounds/{LE_MANS_ROUND}/races/1"
DOC_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "img"


@pytest.fixture(scope="module")
def seasons(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
            ) -> Iterator[Site]:
    """The seasons site on SQLite only: the browser sees the same pages on either database."""
    with seasons_site_of("sqlite", request, tmp_path_factory.mktemp("browser")) as running:
        yield running


def screenshot(page: object, name: str, *, full_page: bool = False) -> None:
    """Save the page under build/screenshots/, and for the docs when asked to."""
    folder = BUILD / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)  # type: ignore[attr-defined]
    if os.environ.get("PITBOARD_DOC_SCREENSHOTS"):
        from PIL import Image

        DOC_IMAGES.mkdir(parents=True, exist_ok=True)
        with Image.open(path) as image:
            small = image.convert("RGB").quantize(colors=64)
            small.save(DOC_IMAGES / f"{name}.png", optimize=True)


def classes_of(locator: object) -> str:
    return str(locator.get_attribute("class") or "")  # type: ignore[attr-defined]


@pytest.mark.real_data
def test_a_league_whose_cars_share_a_number(browser: object, seasons: Site) -> None:
    """Topeka: two #06 cars, each its own line, legend entry and best lap; hovering one
    brings forward that car only."""
    page = browser.new_page(viewport=DESKTOP)  # type: ignore[attr-defined]
    page.goto(seasons.url + f"/seasons/{LEAGUE}/rounds/2")
    tig = page.locator("tr", has=page.get_by_role("link", name="Tig_green", exact=True))
    assert "1:32.193" in tig.inner_text()
    page.get_by_text("Laps, stints & pace →").click()
    page.get_by_role("link", name="all", exact=True).click()
    chart = page.locator("#lap-chart svg.chart")
    assert chart.locator("g.series").count() == 5
    legend = page.locator("#lap-chart .legend li")
    assert legend.all_inner_texts() == ["#02 Taupo", "#06 Griffin (Tig_green)",
                                        "#01 Blue Sphere", "#04 Resolute",
                                        "#06 Griffin (Malek1th)"]
    legend.nth(4).hover()
    assert "on" in classes_of(chart.locator('g.series[data-series="06-2"]'))
    assert "on" not in classes_of(chart.locator('g.series[data-series="06-1"]'))
    screenshot(page, "league-race")
    page.close()


@pytest.mark.real_data
def test_a_season_part_way_through_has_leaders_and_scheduled_rounds(browser: object,
                                                                    seasons: Site) -> None:
    page = browser.new_page(viewport=DESKTOP)  # type: ignore[attr-defined]
    page.goto(seasons.url + "/")
    first = page.locator("section.series").first
    assert first.locator("h2").inner_text() == "FIA World Endurance Championship"
    heading = " ".join(first.locator(".champs-head").inner_text().split())
    assert heading.casefold() == "leaders after 2 of 8 rounds"  # shown in capitals
    assert page.locator("section.series").last.locator("h2").inner_text() \
        == "pitboard demo (generated data)"
    screenshot(page, "home")
    first.get_by_role("link", name="Calendar →").click()
    calendar = page.locator("table.data").first
    assert calendar.locator("tr.scheduled").count() == 4
    assert calendar.locator("tr.awaiting").count() == 2  # Qatar and Imola: results to come
    assert calendar.locator("tr.held").count() == 2
    page.get_by_role("link", name="6 Hours of Fuji").click()
    assert "This round has not been run yet" in page.locator("#no-results").inner_text()
    page.goto(seasons.url + "/champions")
    wec = page.locator("section.roll-season", has_text="2025 FIA World Endurance Championship")
    assert wec.locator("thead th").nth(1).inner_text().lower() == "drivers: leader"
    assert wec.locator(".pill").inner_text() == "Leaders after 2 of 8 rounds"
    page.close()


@pytest.mark.real_data
def test_a_24_hour_race_by_class_by_car_with_hover(browser: object, seasons: Site) -> None:
    page = browser.new_page(viewport=DESKTOP)  # type: ignore[attr-defined]
    page.goto(seasons.url + f"/seasons/{WEC}/rounds/{LE_MANS_ROUND}")
    screenshot(page, "round-le-mans")
    page.get_by_text("Laps, stints & pace →").click()
    assert page.locator("h1").inner_text() == "24 Hours of Le Mans"
    screenshot(page, "race-le-mans")
    # A class: LMGT3's first six.
    page.locator("#class-switch").get_by_text("LMGT3", exact=True).click()
    lap = page.locator("#lap-chart svg.chart")
    assert lap.locator("g.series").count() == 6
    boxes = page.locator('#car-choice input[name="car"]')
    first_six = [boxes.nth(i).get_attribute("value") for i in range(6)]
    assert page.locator("#lap-chart .legend li").count() == 6
    # A few cars: the second and the fifth of the class, ticked.
    for i in range(boxes.count()):
        boxes.nth(i).set_checked(i in (1, 4))
    assert page.locator('#car-choice input[value="cars"]').is_checked()  # the script's touch
    page.get_by_role("button", name="Draw").click()
    keys = [g.get_attribute("data-series") for g in
            page.locator("#gap-chart g.series").all()]
    assert keys == [first_six[1], first_six[4]]
    # Hover: the car comes forward on every chart and in the tables.
    page.locator("#gap-chart .legend li").nth(1).hover()
    key = first_six[4]
    for chart in ("#lap-chart", "#gap-chart", "#pace-chart"):
        assert "dim" in classes_of(page.locator(f"{chart} svg.chart"))
        assert "on" in classes_of(page.locator(f'{chart} g.series[data-series="{key}"]'))
        other = page.locator(f'{chart} g.series[data-series="{first_six[1]}"]')
        assert "on" not in classes_of(other)
    assert "on" in classes_of(page.locator(f'table.hours tr[data-series="{key}"]'))
    page.close()


@pytest.mark.real_data
def test_the_race_page_on_a_phone(browser: object, seasons: Site) -> None:
    """At 390 px the page never scrolls sideways: the charts scroll in their own boxes at a
    size that reads, and the car list keeps to a short box."""
    page = browser.new_page(viewport=PHONE, is_mobile=True,  # type: ignore[attr-defined]
                            has_touch=True)
    for path in ("/", LE_MANS, f"/seasons/{WEC}/standings"):
        page.goto(seasons.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], (path, width)
    page.goto(seasons.url + LE_MANS)
    screenshot(page, "phone-race-le-mans")
    assert page.locator("#lap-chart svg.chart").is_visible()
    box = page.locator("#lap-chart .chart-box")
    assert box.evaluate("el => el.scrollWidth > el.clientWidth")  # scrolls, does not shrink
    assert page.locator("ul.car-list").evaluate("el => el.clientHeight < 260")
    page.locator("#lap-chart .legend li").first.tap()
    assert "dim" in classes_of(page.locator("#lap-chart svg.chart"))
    page.goto(seasons.url + "/")
    screenshot(page, "phone-home")
    page.close()


@pytest.mark.real_data
def test_the_race_page_works_without_javascript(browser: object, seasons: Site) -> None:
    context = browser.new_context(viewport=DESKTOP,  # type: ignore[attr-defined]
                                  java_script_enabled=False)
    page = context.new_page()
    page.goto(seasons.url + LE_MANS)
    assert page.locator("#lap-chart svg.chart g.series").count() == 6
    page.locator('#car-choice input[value="cars"]').check()
    boxes = page.locator('#car-choice input[name="car"]')
    for i in range(boxes.count()):
        boxes.nth(i).set_checked(i in (0, 7))
    wanted = [boxes.nth(0).get_attribute("value"), boxes.nth(7).get_attribute("value")]
    page.get_by_role("button", name="Draw").click()
    keys = [g.get_attribute("data-series") for g in page.locator("#lap-chart g.series").all()]
    assert keys == wanted
    assert page.locator("table.hours tbody tr").count() > 15
    context.close()


def test_the_main_pages_for_the_docs(browser: object, site: Site) -> None:
    """The standings of the bundled record, as the docs show them."""
    page = browser.new_page(viewport=DESKTOP)  # type: ignore[attr-defined]
    page.goto(site.url + SEASON + "/standings?class=GTC&table=teams")
    assert total_of(page, "AF Corse") == "87"
    screenshot(page, "standings-2013-gtc-teams")
    page.close()


def test_the_series_roll_every_season_class_by_class(browser: object, site: Site) -> None:
    """The series page lists every season of the roll, each class's drivers and teams, marks
    which were computed from results and which transcribed, and reads at a phone's width."""
    page = browser.new_page(viewport=DESKTOP)  # type: ignore[attr-defined]
    page.goto(site.url + "/series/asian-le-mans-series")
    seasons = page.locator("section.roll-season h3")
    assert [seasons.nth(i).inner_text() for i in range(seasons.count())] == [
        f"{name} Asian Le Mans Series"
        for name in ("2009", "2013", "2014", "2015-16", "2016-17", "2017-18", "2018-19")]
    okayama = page.locator("#season-2009 table.roll tbody tr").first
    assert okayama.locator("td").nth(1).inner_text().splitlines() == [
        "Christophe Tinseau", "Shinji Nakano"]
    assert okayama.locator(".computed").count() == 2
    cn = page.locator("#season-2016-17 table.roll tbody tr").filter(has_text="CN")
    assert "Tira Sosothikul" in cn.locator("td").nth(1).inner_text()
    assert cn.locator(".transcribed").count() == 2
    history = page.locator("table.class-history tbody tr").filter(has_text="GT Cup")
    assert [c.inner_text().strip() for c in history.locator("td.c").all()] == \
        ["", "", "", "", "●", "●", "●"]  # 2016-17, 2017-18, 2018-19
    assert page.locator("ol.timeline li").first.inner_text().startswith("2008-11")
    screenshot(page, "series-roll", full_page=True)
    page.close()
    phone = browser.new_page(viewport=PHONE, is_mobile=True,  # type: ignore[attr-defined]
                             has_touch=True)
    for path in ("/series/asian-le-mans-series", "/champions",
                 "/seasons/asian-le-mans-series/2015-16"):
        phone.goto(site.url + path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], (path, width)
    phone.goto(site.url + "/series/asian-le-mans-series")
    screenshot(phone, "phone-series-roll", full_page=True)
    phone.close()


def test_the_security_policy_lets_every_page_part_work(browser: object, site: Site) -> None:
    """The pages run under a strict Content-Security-Policy: no violation is reported on a
    race page, its script runs, and the inline colours of the chart's lines apply."""
    page = browser.new_page(viewport=DESKTOP)  # type: ignore[attr-defined]
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.goto(site.url + SEASON + "/rounds/1/races/1")
    colours = {g.evaluate("e => getComputedStyle(e).getPropertyValue('--c')")
               for g in page.locator("#lap-chart g.series").all()}
    assert len(colours) > 1 and "" not in colours
    page.locator("#lap-chart .legend li").first.hover()
    assert "dim" in classes_of(page.locator("#lap-chart svg.chart"))  # the script ran
    page.goto(site.url + "/admin")
    assert refused == []
    page.close()
