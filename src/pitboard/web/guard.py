"""What an upload must pass before its body is read: the token, the body's size, the rate of
wrong tokens.

A pure ASGI layer in front of the app. An API upload's token comes in its headers, so a request
without the right one is answered 401 (403 where uploads are off) before a byte of its body is
read. The admin page's form carries the token as its first field: the layer reads the body only
as far as that field, and a wrong token never gets the file read. Every body is counted while it
streams in and refused with 413 the moment it passes the limit, so a large upload is neither
kept in memory nor spooled to disk. An address that sends ten wrong tokens in a minute is
answered 429 until the minute is over.
"""

from __future__ import annotations

import hmac
import html
import json
import time
from collections import deque
from dataclasses import dataclass, field

from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pitboard.web.headers import ENCODED_SECURITY_HEADERS

DEFAULT_MAX_UPLOAD_MB = 64
WRONG_TOKENS_ALLOWED = 10  # per address and window, before it is answered 429
WRONG_TOKEN_WINDOW_SECONDS = 60.0
_ADDRESSES_KEPT = 10_000  # addresses remembered at most: the memory a flood of them can take

ADMIN_PATH = "/admin"
TOKEN_FIELD = "token"
NO_TOKEN = "a valid token is needed: Authorization: Bearer <token>"
UPLOADS_OFF = "uploads are off: start the server with --token or PITBOARD_TOKEN to allow them"
# An admin form whose token is wrong (or where uploads are off) is handed on as a GET of the
# page with this key set: the page says why, and the body is never read.
WRONG_TOKEN_SCOPE_KEY = "pitboard.refused_upload"


def bearer_token(authorization: str) -> str | None:
    """The token of an `Authorization: Bearer <token>` header (None: another scheme or none)."""
    scheme, _, given = authorization.partition(" ")
    return given if scheme.lower() == "bearer" else None


def token_matches(expected: str | None, given: str | None) -> bool:
    """Compared in constant time, so the answer's timing tells nothing of the token."""
    if not expected or given is None:
        return False
    return hmac.compare_digest(expected.encode(), given.encode(errors="surrogateescape"))


class WrongTokens:
    """Wrong tokens per address within the last window (one worker process's count)."""

    def __init__(self, allowed: int = WRONG_TOKENS_ALLOWED,
                 window: float = WRONG_TOKEN_WINDOW_SECONDS) -> None:
        self.allowed = allowed
        self.window = window
        self._times: dict[str, deque[float]] = {}

    def wait_seconds(self, address: str, now: float | None = None) -> int:
        """How long the address must wait before it may try again (0: it may now)."""
        now = time.monotonic() if now is None else now
        times = self._times.get(address)
        if times is None:
            return 0
        while times and times[0] <= now - self.window:
            times.popleft()
        if not times:
            del self._times[address]
            return 0
        if len(times) < self.allowed:
            return 0
        return max(1, int(times[0] + self.window - now + 0.999))

    def note(self, address: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        if address not in self._times and len(self._times) >= _ADDRESSES_KEPT:
            self._times.pop(next(iter(self._times)))  # the address heard of longest ago
        self._times.setdefault(address, deque(maxlen=self.allowed)).append(now)


class BodyTooLargeError(Exception):
    pass


class UploadGuard:
    """Checks every request that carries a body before the app sees it (reads pass as they are)."""

    def __init__(self, app: ASGIApp, token: str | None, max_bytes: int,
                 wrong_tokens: WrongTokens | None = None) -> None:
        self.app = app
        self.token = token
        self.max_bytes = max_bytes
        self.wrong_tokens = wrong_tokens or WrongTokens()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        address = (scope.get("client") or ("unknown", 0))[0]
        wait = self.wrong_tokens.wait_seconds(address)
        api = scope["path"].startswith("/api/")
        if wait:
            await _answer(send, 429, f"too many wrong tokens: try again in {wait} s", api,
                          {"retry-after": str(wait)})
            return
        if api:
            if not self.token:
                await _answer(send, 403, UPLOADS_OFF, api)
                return
            if not token_matches(self.token, bearer_token(headers.get("authorization", ""))):
                self.wrong_tokens.note(address)
                await _answer(send, 401, NO_TOKEN, api, {"www-authenticate": "Bearer"})
                return
        declared = headers.get("content-length", "")
        if declared.isascii() and declared.isdigit() and int(declared) > self.max_bytes:
            await self._too_large(send, api)
            return
        body = _LimitedBody(receive, self.max_bytes)
        try:
            if scope["path"] == ADMIN_PATH and scope["method"] == "POST":
                form_token = await _form_token(body, headers.get("content-type", "")) \
                    if self.token else None
                if not token_matches(self.token, form_token):
                    if self.token:
                        self.wrong_tokens.note(address)
                    # The admin page says why; the file is neither read nor passed on.
                    await self.app({**scope, "method": "GET", WRONG_TOKEN_SCOPE_KEY: True},
                                   _no_body, send)
                    return
            await self._pass(scope, body, send)
        except BodyTooLargeError:
            await self._too_large(send, api)

    async def _pass(self, scope: Scope, body: _LimitedBody, send: Send) -> None:
        """Hand the request on; should the body pass the limit while the app reads it, the
        app's answer is dropped and 413 given instead."""
        started = False

        async def send_unless_too_large(message: Message) -> None:
            nonlocal started
            if body.too_large:
                return
            started = True
            await send(message)

        try:
            await self.app(scope, body.receive, send_unless_too_large)
        except Exception:
            if not body.too_large:
                raise
        if body.too_large and not started:
            raise BodyTooLargeError

    async def _too_large(self, send: Send, api: bool) -> None:
        await _answer(send, 413, f"the body of an upload is at most {self.max_bytes:,} bytes "
                                 "(pitboard serve --max-upload-mb)", api)


class _LimitedBody:
    """The request's body as it streams in, counted; what was read ahead is given back first."""

    def __init__(self, receive: Receive, max_bytes: int) -> None:
        self._receive = receive
        self.max_bytes = max_bytes
        self.read_ahead: list[Message] = []
        self.count = 0
        self.too_large = False

    async def next_message(self) -> Message:
        message = await self._receive()
        if message["type"] == "http.request":
            self.count += len(message.get("body", b""))
            if self.count > self.max_bytes:
                self.too_large = True
                raise BodyTooLargeError
        return message

    async def receive(self) -> Message:
        if self.read_ahead:
            return self.read_ahead.pop(0)
        try:
            return await self.next_message()
        except BodyTooLargeError:
            return {"type": "http.disconnect"}  # the app stops reading; the guard answers 413


async def _form_token(body: _LimitedBody, content_type: str) -> str | None:
    """The form's `token` field, reading the body only as far as its end; what was read is
    kept to be passed on. None: the body has no such field (or is no multipart form)."""
    kind, options = parse_options_header(content_type)
    boundary = options.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        return None
    part = _FormPart()
    header_name: list[bytes] = []

    def on_header_field(data: bytes, start: int, end: int) -> None:
        header_name.append(data[start:end])

    def on_header_value(data: bytes, start: int, end: int) -> None:
        if b"".join(header_name).lower() == b"content-disposition":
            part.disposition += data[start:end]

    def on_header_end() -> None:
        header_name.clear()

    def on_headers_finished() -> None:
        _, options = parse_options_header(part.disposition)
        part.name = options.get(b"name", b"").decode("utf-8", "replace")
        part.disposition = b""

    def on_part_data(data: bytes, start: int, end: int) -> None:
        if part.name == TOKEN_FIELD and len(part.token) < _LONGEST_TOKEN:
            part.token += data[start:end]

    def on_part_end() -> None:
        part.token_read = part.token_read or part.name == TOKEN_FIELD

    parser = MultipartParser(boundary, {
        "on_header_field": on_header_field, "on_header_value": on_header_value,
        "on_header_end": on_header_end, "on_headers_finished": on_headers_finished,
        "on_part_data": on_part_data, "on_part_end": on_part_end,
    })
    while not part.token_read:
        message = await body.next_message()
        body.read_ahead.append(message)
        if message["type"] != "http.request":
            return None
        try:
            parser.write(message.get("body", b""))
        except Exception:  # not a well-formed form: the app's own parsing will say so
            return None
        if not message.get("more_body", False):
            break
    if not part.token_read:
        return None
    return bytes(part.token).decode("utf-8", "surrogateescape")


_LONGEST_TOKEN = 4096  # bytes of the token field kept: a token is far shorter


@dataclass
class _FormPart:
    """What the form's parser has seen of the part it is in, and of the token field."""

    name: str | None = None
    disposition: bytes = b""
    token: bytearray = field(default_factory=bytearray)
    token_read: bool = False


async def _no_body() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


def _headers(scope: Scope) -> dict[str, str]:
    return {name.decode("latin-1").lower(): value.decode("latin-1")
            for name, value in scope.get("headers", [])}


async def _answer(send: Send, status: int, detail: str, api: bool,
                  extra: dict[str, str] | None = None) -> None:
    """The API's answer is JSON ({"detail": ...}), the site's a short page."""
    if api:
        body, kind = json.dumps({"detail": detail}).encode(), b"application/json"
    else:
        body = (f"<!doctype html><meta charset=utf-8><title>pitboard: {status}</title>"
                f"<p>{html.escape(detail)}</p><p><a href=/admin>Back to the admin page</a>"
                ).encode()
        kind = b"text/html; charset=utf-8"
    headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode()),
               *ENCODED_SECURITY_HEADERS]
    headers += [(k.encode(), v.encode()) for k, v in (extra or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
