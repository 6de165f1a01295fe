"""Hostile input, hostile clients: throwaway query strings do not fill the response cache, and
a name holding any character (`/`, `?`, `#`, `%`, spaces, non-ASCII) has a page its links reach."""

from __future__ import annotations

import asyncio
import html
import json
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urljoin, urlsplit

import httpx
import pytest

from pitboard.ingest.imports import Target
from pitboard.office import import_paths, open_store
from pitboard.web.cache import ResponseCache

from .conftest import Site, app_in_process, database, serve

STANDINGS_2013 = "/seasons/asian-le-mans-series/2013/standings"
API_STANDINGS_2013 = "/api/v1/seasons/asian-le-mans-series/2013/standings"


def answered(cache: ResponseCache, path: str, query: str = "") -> bytes:
    """One GET through the cache, called as a server calls an ASGI app: the answer is kept
    (or not) by the time this returns."""
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b""}

    async def send(message: Any) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": path, "raw_path": path.encode(),
             "query_string": query.encode(), "headers": [], "root_path": "",
             "scheme": "http", "server": ("testserver", 80), "client": ("client", 1)}
    asyncio.run(cache(scope, receive, send))
    assert sent[0]["status"] == 200, sent
    return b"".join(m.get("body", b"") for m in sent)


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ResponseCache]:
    """The app's response cache, found under the layers in front of it."""
    with app_in_process(tmp_path_factory.mktemp("cache")) as app:
        layer = app
        while not isinstance(layer, ResponseCache):
            layer = layer.app
        yield layer


def test_throwaway_query_parameters_do_not_fill_the_cache(cache: ResponseCache) -> None:
    page = answered(cache, STANDINGS_2013)
    before = (len(cache.entries), cache.size)
    for i in range(2000):
        assert answered(cache, STANDINGS_2013, urlencode({"x": i, f"utm_{i}": "a b"})) == page
        assert len(cache.entries) <= before[0] + 1
        assert cache.size <= before[1] + len(page) + 1000
    assert (STANDINGS_2013, "") in cache.entries


def test_a_known_parameter_keys_its_own_answer(cache: ResponseCache) -> None:
    whole = json.loads(answered(cache, API_STANDINGS_2013))
    assert len(whole["standings"]) > 2
    entries = len(cache.entries)
    gtc = json.loads(answered(cache, API_STANDINGS_2013, "class=GTC&table=teams"))
    assert [(t["class"], t["table"]) for t in gtc["standings"]] == [("GTC", "teams")]
    assert len(cache.entries) == entries + 1
    # The same parameters in another order, with throwaway ones: the same entry and answer.
    again = json.loads(answered(cache, API_STANDINGS_2013, "x=1&table=teams&y=2&class=GTC"))
    assert again == gtc
    assert len(cache.entries) == entries + 1
    lmp2 = json.loads(answered(cache, API_STANDINGS_2013, "class=LMP2&table=teams&x=1"))
    assert [(t["class"], t["table"]) for t in lmp2["standings"]] == [("LMP2", "teams")]
    assert len(cache.entries) == entries + 2


async def sized_app(scope: Any, _receive: Any, send: Any) -> None:
    """An answer of as many bytes as its path says (`/300`), with one header."""
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"x" * int(scope["path"][1:])})


def test_the_cache_holds_at_most_its_bytes_dropping_the_oldest_first() -> None:
    cache = ResponseCache(sized_app, refresh=lambda: None, skip=(), known_parameters=frozenset(),
                          max_entries=100, max_bytes=10_000)
    header = len(b"content-type") + len(b"text/plain")
    for size in range(1000, 1030):
        assert answered(cache, f"/{size}") == b"x" * size
        assert cache.size <= 10_000
        assert cache.size == sum(len(body) + header for _, body in cache.entries.values())
    assert [path for path, _ in cache.entries] == [f"/{n}" for n in range(1021, 1030)]
    assert answered(cache, "/20000") == b"x" * 20_000  # answered, too big to keep
    assert ("/20000", "") not in cache.entries
    assert [path for path, _ in cache.entries][-1] == "/1029"


def test_the_cache_holds_at_most_its_entries() -> None:
    cache = ResponseCache(sized_app, refresh=lambda: None, skip=(), known_parameters=frozenset(),
                          max_entries=5)
    for size in range(1, 21):
        answered(cache, f"/{size}")
    assert [path for path, _ in cache.entries] == ["/16", "/17", "/18", "/19", "/20"]


# --- Names with any character ----------------------------------------------------------------

TOKAI = "Tōkai University/YGK Power"  # the 2009 record's LMP1 team
ODD_SERIES, ODD_SEASON = "club 100% #1?", "Été 2024 #2?"
ODD_TEAM, ODD_DRIVER = "Équipe 50%/#1? & Co", "Zoë d'Arc #7? 50%+"


def odd_season(folder: Path) -> Path:
    """A season whose series, season, class, round, team and drivers hold `%`, `#`, `?`, `&`,
    `+`, `/`, spaces and non-ASCII letters."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "results.csv").write_text(
        "round,pos,class,number,team,drivers\n"
        f"1,1,GT #3?,7,{ODD_TEAM},{ODD_DRIVER} / José Núñez\n"
        "1,2,GT #3?,8,Tōkai Racing,Ōta Sōichirō / Ann Smith\n", encoding="utf-8")
    path = folder / "season.yaml"
    path.write_text(f"""series: {{id: "{ODD_SERIES}", name: "Club Cup"}}
season: "{ODD_SEASON}"
classes: [{{code: "GT #3?"}}]
calendar:
  - {{round: 1, name: "Ronde ½ #1?", circuit: Nürburgring, date: 2024-06-01,
     results: results.csv}}
""", encoding="utf-8")
    return path


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def odd_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
             ) -> Iterator[Site]:
    """The bundled record and the odd season, served."""
    folder = tmp_path_factory.mktemp("odd")
    with database(request.param, request, folder) as url:
        store = open_store(url)
        import_paths(store, [odd_season(folder / "season")], Target())
        try:
            with serve(store) as base, httpx.Client(base_url=base, timeout=20) as client:
                yield Site(base, store, client)
        finally:
            store.close()


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []  # (href, text)
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._href, self._text = dict(attrs).get("href"), []

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._text).strip()))
            self._href = None


def follow(site: Site, page: str, text: str, starting: str = "") -> httpx.Response:
    """Open `page`, then the (first) link on it whose text is `text` and whose address starts
    with `starting`, as a browser would send it."""
    answer = site.client.get(page)
    assert answer.status_code == 200, page
    parser = _Links()
    parser.feed(answer.text)
    hrefs = [href for href, shown in parser.links
             if shown == text and href.startswith(starting)]
    assert hrefs, f"no link {text!r} on {page}"
    target = urljoin(str(answer.url), hrefs[0])
    assert hrefs[0].isascii() and " " not in hrefs[0], hrefs[0]  # percent-encoded
    followed = site.client.get(target)
    assert followed.status_code == 200, (hrefs[0], followed.text[:300])
    return followed


def heading(answer: httpx.Response) -> str:
    """The page's title line as shown (a person's flag after the name)."""
    return html.unescape(answer.text.split("<h1>", 1)[1].split("</h1>", 1)[0]).strip()


def test_a_team_with_a_slash_has_a_page_its_link_reaches(odd_site: Site) -> None:
    standings = "/seasons/asian-le-mans-series/2009/standings?class=LMP1&table=teams"
    team = follow(odd_site, standings, TOKAI)
    assert heading(team).startswith(TOKAI)
    assert "1000 km of Okayama" in team.text
    assert heading(follow(odd_site, "/teams", TOKAI)).startswith(TOKAI)


def test_odd_names_are_reached_through_their_links(odd_site: Site) -> None:
    season = follow(odd_site, "/", ODD_SEASON)
    assert heading(season) == f"{ODD_SEASON} Club Cup"
    season_path = urlsplit(str(season.url)).path
    assert "Club Cup" in heading(follow(odd_site, season_path, "Club Cup"))  # the series
    assert "Ronde ½ #1?" in follow(odd_site, season_path, "Ronde ½ #1?").text
    standings = follow(odd_site, season_path, "Standings")
    assert "Ōta Sōichirō" in standings.text
    driver = follow(odd_site, str(standings.url), ODD_DRIVER)
    assert heading(driver).startswith(ODD_DRIVER)
    assert follow(odd_site, str(standings.url), "GT #3?").url == standings.url.copy_with(
        query=b"class=GT%20%233%3F&table=drivers")  # the class switch
    # The table switch names the table by its title, "GT #3? Teams' championship".
    teams = follow(odd_site, str(standings.url), "Teams", starting="?championship=")
    assert '<h2 id="table-title">GT #3? — teams</h2>' in teams.text
    team = follow(odd_site, str(teams.url), ODD_TEAM)
    assert heading(team).startswith(ODD_TEAM)
    back = follow(odd_site, str(team.url), f"{ODD_SEASON} Club Cup")  # its class's table
    assert heading(back) == f"{ODD_SEASON} Club Cup standings"
    assert "GT #3?" in follow(odd_site, str(team.url), "Ronde ½ #1?").text


def test_the_api_answers_for_odd_names(odd_site: Site) -> None:
    client = odd_site.client
    for kind, name in [("teams", TOKAI), ("teams", ODD_TEAM), ("drivers", ODD_DRIVER),
                       ("drivers", "Ōta Sōichirō")]:
        answer = client.get(f"/api/v1/{kind}/{quote(name, safe='')}")
        assert answer.status_code == 200, (kind, name)
        assert answer.json()["name"] == name
    address = f"/api/v1/seasons/{quote(ODD_SERIES, safe='')}/{quote(ODD_SEASON, safe='')}"
    standings = client.get(f"{address}/standings", params={"class": "gt #3?",
                                                           "table": "teams"}).json()
    (table,) = standings["standings"]
    assert [r["name"] for r in table["rows"]] == [ODD_TEAM, "Tōkai Racing"]
    assert client.get(f"{address}/rounds/{quote('Ronde ½ #1?', safe='')}").status_code == 200
