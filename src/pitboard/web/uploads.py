"""Uploads from the API and the admin page: checked whole, written in one transaction, or refused.

They need the token the operator started the server with; without one, uploads are off. The
upload guard (web/guard.py) checks the token and the body's size before the body is read; the
endpoints run the import in a worker thread, so readers never wait on it.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

from fastapi import HTTPException, Request, UploadFile
from starlette.concurrency import run_in_threadpool

from pitboard.domain.limits import NAME_LENGTH
from pitboard.formats.registry import InputKind
from pitboard.ingest.imports import Imported, Target
from pitboard.office import Records, import_upload
from pitboard.web.guard import NO_TOKEN, UPLOADS_OFF, bearer_token, token_matches


class UploadKind(StrEnum):
    RESULTS = "results"  # a results CSV for one round
    TIMING = "timing"  # a timing file of one race (any registered format)
    PENALTIES = "penalties"  # stewards' decisions on a race (engine/penalties.py)

    @property
    def input_kind(self) -> InputKind:
        return InputKind(self.value)


def check_token(request: Request) -> None:
    """`Authorization: Bearer <token>` must carry the operator's token (the guard has checked
    it before the body was read; this keeps the routes safe on their own)."""
    if not request.app.state.token:
        raise HTTPException(403, UPLOADS_OFF)
    if not token_matches(request.app.state.token,
                         bearer_token(request.headers.get("authorization", ""))):
        raise HTTPException(401, NO_TOKEN, headers={"WWW-Authenticate": "Bearer"})


_UNSAFE = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")


def upload_name(filename: str | None) -> str:
    """The name an upload is known by in problems and the import log: the last part of what
    the client sent, without control characters or lone surrogates, within the name length;
    `upload` where nothing usable is left (no name, `.`, `..`)."""
    last = re.split(r"[/\\]", unicodedata.normalize("NFC", filename or ""))[-1]
    name = _UNSAFE.sub("_", last).strip()
    if name in ("", ".", ".."):
        return "upload"
    if len(name) > NAME_LENGTH:
        stem, dot, suffix = name.rpartition(".")
        suffix = suffix if dot and stem and len(suffix) <= 10 else ""
        name = name[:NAME_LENGTH - len(suffix) - 2] + "…" + ("." + suffix if suffix else "")
    return name


async def upload(store: Records, kind: UploadKind, file: UploadFile, season_id: str,
                 round_ref: str, race: int = 1, *, replace: bool = False) -> Imported:
    """Check and import one uploaded file; InputError lists every problem, nothing is written.
    The import runs in a worker thread: the request loop goes on answering readers."""
    target = Target(season=season_id, round=round_ref, race=race, replace=replace)
    return await run_in_threadpool(import_upload, store, await file.read(),
                                   upload_name(file.filename), kind.input_kind, target)
