"""Whole responses kept until the next import: the site and API read far more than they change.

A pure ASGI layer (no per-request framework work on a hit). Only complete 200 answers to GET
are kept, keyed by the path and the query parameters the app's routes declare, in a canonical
order: a parameter no route reads changes nothing in the answer, so `?x=1`, `?x=2` ... are one
entry, not thousands. The cache holds at most so many answers and so many bytes, dropping the
oldest first; the store tells it when data changed.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from urllib.parse import parse_qsl, urlencode

from fastapi import params
from fastapi.dependencies.utils import get_flat_params
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

Key = tuple[str, str]

MAX_ENTRIES = 2000
MAX_BYTES = 64 * 1024 * 1024


def declared_query_names(routes: Iterable[BaseRoute]) -> frozenset[str]:
    """Every query parameter name (as sent: `class`, not `class_code`) a route of the app reads."""
    return frozenset(
        field.alias
        for route in routes if isinstance(route, APIRoute)
        for field in get_flat_params(route.dependant)
        if isinstance(field.field_info, params.Query)
    )


class ResponseCache:
    def __init__(self, app: ASGIApp, refresh: Callable[[], None], skip: tuple[str, ...],
                 known_parameters: frozenset[str], max_entries: int = MAX_ENTRIES,
                 max_bytes: int = MAX_BYTES) -> None:
        self.app = app
        self.refresh = refresh  # drops the cache (through clear) if the data changed elsewhere
        self.skip = skip  # path prefixes never cached
        self.known_parameters = known_parameters  # the only query names that key an answer
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.entries: OrderedDict[Key, tuple[Message, bytes]] = OrderedDict()  # oldest first
        self.size = 0  # bytes of every kept answer, headers and body
        self._lock = threading.Lock()
        self.generation = 0  # bumped on clear: an answer begun before it is not kept

    def clear(self) -> None:
        with self._lock:
            self.entries.clear()
            self.size = 0
            self.generation += 1

    def key(self, scope: Scope) -> Key:
        """The path and the declared query parameters, sorted by name (each name's values in
        the order sent), read as Starlette reads a query string."""
        raw = scope.get("query_string", b"")
        if not raw:
            return scope["path"], ""
        query = parse_qsl(raw.decode("latin-1"), keep_blank_values=True)
        kept = sorted(((name, value) for name, value in query if name in self.known_parameters),
                      key=lambda pair: pair[0])
        return scope["path"], urlencode(kept)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"].startswith(
            self.skip
        ):
            await self.app(scope, receive, send)
            return
        self.refresh()
        key = self.key(scope)
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

    def _keep(self, key: Key, messages: list[Message], generation: int) -> None:
        if len(messages) != 2 or messages[0].get("status") != 200:
            return
        start, body = messages
        if body.get("more_body") or body.get("type") != "http.response.body":
            return
        content = body.get("body", b"")
        size = _size(start, content)
        if size > self.max_bytes:
            return
        with self._lock:
            if generation != self.generation or key in self.entries:
                return
            while self.entries and (len(self.entries) >= self.max_entries
                                    or self.size + size > self.max_bytes):
                _, (old_start, old_body) = self.entries.popitem(last=False)
                self.size -= _size(old_start, old_body)
            self.entries[key] = (start, content)
            self.size += size


def _size(start: Message, body: bytes) -> int:
    """An answer's bytes as kept: its body and its headers."""
    return len(body) + sum(len(k) + len(v) for k, v in start.get("headers", ()))
