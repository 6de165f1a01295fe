"""Every answer carries the security headers: pages, the API, static files, errors, and the
upload guard's own refusals (its 413 in test_upload_guard.py); no other site may frame a page."""

from __future__ import annotations

import httpx
import pytest

from pitboard.web.headers import SECURITY_HEADERS

from .conftest import SEASON_2013, Site


@pytest.fixture(scope="module")
def answers(site: Site) -> dict[str, httpx.Response]:
    client = site.client
    return {
        "page": client.get(f"/seasons/{SEASON_2013}/standings"),
        "race page": client.get(f"/seasons/{SEASON_2013}/rounds/1/races/1"),
        "admin": client.get("/admin"),
        "api": client.get(f"/api/v1/seasons/{SEASON_2013}/standings"),
        "cached api": client.get(f"/api/v1/seasons/{SEASON_2013}/standings"),
        "static": client.get("/static/site.css"),
        "missing page": client.get("/seasons/no/such"),
        "missing api": client.get("/api/v1/seasons/no/such"),
        "422": client.get("/api/v1/seasons?limit=0"),
        "401": client.post(f"/api/v1/seasons/{SEASON_2013}/rounds/1/results",
                           files={"file": ("a.csv", b"x")}),
    }


@pytest.mark.parametrize("which", ["page", "race page", "admin", "api", "cached api", "static",
                                   "missing page", "missing api", "422", "401"])
def test_every_answer_has_the_security_headers(answers: dict[str, httpx.Response],
                                               which: str) -> None:
    answer = answers[which]
    expected = {"page": 200, "race page": 200, "admin": 200, "api": 200, "cached api": 200,
                "static": 200, "missing page": 404, "missing api": 404, "422": 422,
                "401": 401}[which]
    assert answer.status_code == expected
    for name, value in SECURITY_HEADERS.items():
        assert answer.headers.get_list(name) == [value], name


def test_no_other_site_may_frame_a_page_or_run_its_scripts_there(
    answers: dict[str, httpx.Response],
) -> None:
    headers = answers["admin"].headers
    policy = dict(part.strip().split(" ", 1) for part in
                  headers["content-security-policy"].split(";"))
    assert policy["frame-ancestors"] == "'none'"
    assert policy["script-src"] == "'self'"
    assert policy["form-action"] == "'self'"
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
