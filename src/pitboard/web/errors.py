"""The API's error answers, as models: the OpenAPI document declares exactly what is sent.

`404 {"detail": "no ..."}` for something that is not stored (and `{"detail"}` for a body that
cannot be read or a refused token), `422 {"problems": [...]}` for an input (a parameter, a query,
an uploaded file) that cannot be used, each problem located as `pitboard import` reports it.
"""

from __future__ import annotations

from typing import Any

from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel

from pitboard.domain import Problem


class ProblemOut(BaseModel):
    """One problem: where (file and line, or `request`), which field, expected and found."""

    file: str
    line: int | None
    field: str
    expected: str
    found: str
    message: str


class Problems(BaseModel):
    """Every problem found; nothing was written."""

    problems: list[ProblemOut]


class Detail(BaseModel):
    """Why there is no answer, in words: `no season x/y`, `Invalid multipart data.`"""

    detail: str


MISSING: dict[int | str, dict[str, Any]] = {
    404: {"model": Detail, "description": "No such season, series, round, race or person"},
}
PROBLEMS: dict[int | str, dict[str, Any]] = {
    422: {"model": Problems, "description": "A parameter that cannot be used, every problem "
                                            "located"},
}


def problems_of(problems: list[Problem]) -> Problems:
    return Problems(problems=[ProblemOut.model_validate(p.as_dict()) for p in problems])


def request_problems(err: RequestValidationError) -> Problems:
    """FastAPI's validation errors as problems of the `request`, field by dotted location."""
    return Problems(problems=[
        ProblemOut(file="request", line=None, field=".".join(str(p) for p in e["loc"]),
                   expected=e["msg"], found=repr(e.get("input")), message=e["msg"])
        for e in err.errors()
    ])
