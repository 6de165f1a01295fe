"""Security headers on every answer: pages, API, static files and errors alike.

Everything pitboard serves comes from pitboard itself, so the policy allows its own address only.
The charts colour their lines through inline `style` attributes (an SVG series' `--c`), which is
the one inline thing allowed (`style-src-attr`); no inline script runs, and no other site may
frame a page (so the admin form cannot be overlaid by another page).

The layer sits inside the response cache, so a cached answer is kept with its headers and a hit
costs nothing more; the upload guard, in front of the cache, adds them to its own refusals.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

SECURITY_HEADERS: dict[str, str] = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "cross-origin-opener-policy": "same-origin",
}
ENCODED_SECURITY_HEADERS = [(name.encode(), value.encode())
                            for name, value in SECURITY_HEADERS.items()]


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message = {**message, "headers": [
                    *message.get("headers", []),
                    *((n, v) for n, v in ENCODED_SECURITY_HEADERS if n not in present)]}
            await send(message)

        await self.app(scope, receive, with_headers)
