"""The OpenAPI document declares the 404 and 422 answers the API really gives, in their shape."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.routing import APIRoute

from pitboard.web import api

from .conftest import Site

API_ROUTES = [r for r in api.router.routes if isinstance(r, APIRoute)]
SEASON = "/api/v1/seasons/asian-le-mans-series"


@pytest.fixture(scope="module")
def spec(site: Site) -> dict[str, Any]:
    document: dict[str, Any] = site.client.get("/api/v1/openapi.json").json()
    return document


def resolve(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """A `$ref` to a component, followed."""
    name = schema["$ref"].removeprefix("#/components/schemas/")
    found: dict[str, Any] = spec["components"]["schemas"][name]
    return found


def answer_schema(spec: dict[str, Any], route: APIRoute, method: str, status: str
                  ) -> dict[str, Any]:
    responses = spec["paths"][route.path_format][method.lower()]["responses"]
    assert status in responses, f"{method} {route.path_format} does not document {status}"
    return resolve(spec, responses[status]["content"]["application/json"]["schema"])


def test_every_read_with_a_path_parameter_documents_its_404(spec: dict[str, Any]) -> None:
    reads = [r for r in API_ROUTES if "GET" in r.methods and "{" in r.path_format]
    assert len(reads) >= 11  # seasons, rounds, standings, laps, series, drivers, teams ...
    for route in reads:
        missing = answer_schema(spec, route, "GET", "404")
        assert missing["required"] == ["detail"]
        assert missing["properties"]["detail"]["type"] == "string"


def test_every_route_documents_its_422_as_problems(spec: dict[str, Any]) -> None:
    for route in API_ROUTES:
        for method in route.methods:
            problems = answer_schema(spec, route, method, "422")
            assert problems["required"] == ["problems"]
            problem = resolve(spec, problems["properties"]["problems"]["items"])
            assert set(problem["required"]) == {"file", "line", "field", "expected", "found",
                                                "message"}
    assert "HTTPValidationError" not in spec["components"]["schemas"]


def test_the_answers_have_the_documented_shapes(site: Site) -> None:
    client = site.client
    missing = client.get(f"{SEASON}/1999/standings")
    assert (missing.status_code, missing.json()) == (404, {
        "detail": "no season asian-le-mans-series/1999"})
    bad_class = client.get(f"{SEASON}/2013/standings", params={"class": "GT9"}).json()
    (problem,) = bad_class["problems"]
    assert problem["field"] == "class"
    assert problem["message"].endswith("expected one of GTC, GTC Am, GTE, LMP2, found 'GT9'")
    bad_limit = client.get("/api/v1/seasons", params={"limit": 0})
    assert bad_limit.status_code == 422
    (problem,) = bad_limit.json()["problems"]
    assert (problem["file"], problem["line"], problem["field"], problem["found"]) == (
        "request", None, "query.limit", "'0'")
