"""Hostile input, hostile clients: throwaway query strings do not fill the response cache."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest

from pitboard.web.cache import ResponseCache

from .conftest import app_in_process

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
    with app_in_process(tmp_path_factory.mktemp("cache")) as app:
        yield app


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

