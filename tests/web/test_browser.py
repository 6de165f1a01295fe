"""End to end in a real browser (Debian's chromium, driven by Playwright): the 2013 standings,
switching class and table, and a race's lap chart. Saves a screenshot under build/.

Skipped with a message where chromium is not installed and CI is not set; required in CI.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import Site

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
    page.get_by_text("Lap chart & pace →").first.click()
    page.get_by_role("link", name="GTC", exact=True).click()
    chart = page.locator("#lap-chart svg.chart")
    assert chart.is_visible()
    assert chart.locator("g.series").count() == 4  # the four GTC cars
    legend = page.locator("#lap-chart .legend li", has_text="#77 AF Corse")
    legend.hover()  # the progressive script brings that car's line forward
    assert "dim" in (chart.get_attribute("class") or "")
    assert "on" in (chart.locator('g.series[data-series="0"]').get_attribute("class") or "")
    page.close()
