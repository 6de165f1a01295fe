"""Uploads from the API and the admin page: checked whole, written in one transaction, or refused.

They need the token the operator started the server with; without one, uploads are off.
"""

from __future__ import annotations

import hmac
from enum import StrEnum
from pathlib import Path

from fastapi import HTTPException, Request

from pitboard.domain import InputError, Problem
from pitboard.formats.registry import InputKind
from pitboard.ingest.imports import Imported, Target
from pitboard.office import Records, import_upload

MAX_UPLOAD_BYTES = 64 * 1024 * 1024


class UploadKind(StrEnum):
    RESULTS = "results"  # a results CSV for one round
    TIMING = "timing"  # a timing file of one race (any registered format)
    PENALTIES = "penalties"  # stewards' decisions on a race (engine/penalties.py)

    @property
    def input_kind(self) -> InputKind:
        return InputKind(self.value)


def token_matches(expected: str | None, given: str | None) -> bool:
    if not expected:
        raise HTTPException(403, "uploads are off: start the server with --token or "
                                 "PITBOARD_TOKEN to allow them")
    return given is not None and hmac.compare_digest(expected.encode(), given.encode())


def check_token(request: Request) -> None:
    """`Authorization: Bearer <token>` must carry the operator's token."""
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if not token_matches(request.app.state.token, given if scheme.lower() == "bearer" else None):
        raise HTTPException(401, "a valid token is needed: Authorization: Bearer <token>",
                            headers={"WWW-Authenticate": "Bearer"})


def upload(store: Records, kind: UploadKind, filename: str, data: bytes, season_id: str,
           round_ref: str, race: int = 1, *, replace: bool = False) -> Imported:
    """Check and import one uploaded file; InputError lists every problem, nothing is written."""
    name = Path(filename).name or "upload"
    if len(data) > MAX_UPLOAD_BYTES:
        raise InputError([Problem(name, None, "file", f"at most {MAX_UPLOAD_BYTES} bytes",
                                  f"{len(data)} bytes")])
    target = Target(season=season_id, round=round_ref, race=race, replace=replace)
    return import_upload(store, data, name, kind.input_kind, target)
