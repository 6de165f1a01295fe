"""The web application: site, API and static assets, all served by pitboard itself (no CDN)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from pitboard import __version__
from pitboard.domain import InputError
from pitboard.office import Records
from pitboard.web import api, pages
from pitboard.web.cache import ResponseCache, declared_query_names
from pitboard.web.common import NotFoundError
from pitboard.web.errors import Detail, problems_of, request_problems
from pitboard.web.guard import DEFAULT_MAX_UPLOAD_MB, UploadGuard
from pitboard.web.headers import SecurityHeaders

STATIC = Path(__file__).resolve().parent / "static"


def create_app(store: Records, token: str | None = None,
               max_upload_bytes: int = DEFAULT_MAX_UPLOAD_MB * 1024 * 1024) -> Any:
    """The ASGI application for a store; `token` allows uploads (None: uploads are off), each
    body at most `max_upload_bytes`. Layers, outermost first: the upload guard (token, size,
    wrong-token rate), the response cache, security headers on every answer, the app."""
    app = FastAPI(
        title="pitboard",
        version=__version__,
        description="Championship results, standings and laps of multi-class endurance racing. "
        "Reads are public; uploads need `Authorization: Bearer <token>`.",
        docs_url=None,  # the stock docs page loads its scripts from a CDN; ours is rendered here
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )
    app.state.store = store
    app.state.token = token
    app.include_router(api.router)
    app.include_router(pages.router)

    @app.get("/api/docs", include_in_schema=False)
    def api_docs(request: Request) -> HTMLResponse:
        return pages.render(request, "api_docs.html", spec=app.openapi())
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.exception_handler(InputError)
    async def input_error(_request: Request, err: InputError) -> JSONResponse:
        return JSONResponse(problems_of(err.problems).model_dump(), status_code=422)

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, err: NotFoundError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse(Detail(detail=f"no {err.what}").model_dump(), status_code=404)
        response = pages.render(request, "error.html", message=f"There is no {err.what}.")
        response.status_code = 404
        return response

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, err: RequestValidationError) -> Response:
        problems = request_problems(err)
        if request.url.path.startswith("/api/"):
            return JSONResponse(problems.model_dump(), status_code=422)
        message = "; ".join(f"{p.field}: {p.expected}" for p in problems.problems)
        return HTMLResponse(pages.render(request, "error.html", message=message).body,
                            status_code=422)

    cached = ResponseCache(SecurityHeaders(app), refresh=store.refresh,
                           skip=("/admin", "/api/docs"),
                           known_parameters=declared_query_names(
                               [*api.router.routes, *pages.router.routes]))
    store.listeners.append(cached.clear)
    return UploadGuard(cached, token, max_upload_bytes)
