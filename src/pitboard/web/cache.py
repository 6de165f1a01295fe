"""Whole responses kept until the next import: the site and API read far more than they change.

A pure ASGI layer (no per-request framework work on a hit). Only complete 200 answers to GET
are kept, keyed by path and query; the store tells the cache when data changed.
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_ENTRIES = 2000


class ResponseCache:
    def __init__(self, app: ASGIApp, refresh: Callable[[], None], skip: tuple[str, ...]) -> None:
        self.app = app
        self.refresh = refresh  # drops the cache (through clear) if the data changed elsewhere
        self.skip = skip  # path prefixes never cached
        self.entries: dict[tuple[str, bytes], tuple[Message, bytes]] = {}
        self._lock = threading.Lock()
        self.generation = 0  # bumped on clear: an answer begun before it is not kept

    def clear(self) -> None:
        with self._lock:
            self.entries.clear()
            self.generation += 1

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"].startswith(
            self.skip
        ):
            await self.app(scope, receive, send)
            return
        self.refresh()
        key = (scope["path"], scope.get("query_string", b""))
        hit = self.entries.get(key)
        if hit is not None:
            start, body = hit
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return
        captured: list[Message] = []
        generation = self.generation

        async def capture(message: Message) -> None:
            captured.append(message)
            await send(message)

        await self.app(scope, receive, capture)
        self._keep(key, captured, generation)

    def _keep(self, key: tuple[str, bytes], messages: list[Message], generation: int) -> None:
        if len(messages) != 2 or messages[0].get("status") != 200:
            return
        start, body = messages
        if body.get("more_body") or body.get("type") != "http.response.body":
            return
        with self._lock:
            if generation != self.generation:
                return
            if len(self.entries) >= MAX_ENTRIES:
                self.entries.clear()
            self.entries[key] = (start, body.get("body", b""))
