"""`pitboard serve`: the site and the API under Granian, in one or more worker processes.

Granian is an HTTP server written in Rust. On two cores it answers about three times as many
requests per second as uvicorn, and its latency under 200 back-to-back clients stays even
where uvicorn's has second-long tails (benchmarks/web_load.py, docs/web.md). Each worker is a
process that builds the app itself from the environment (`app_from_environment`): the parent
puts the database URL and the upload token there before the workers start.
"""

from __future__ import annotations

import gc
import os
from typing import Any

from pitboard.domain import InputError, Problem
from pitboard.domain.limits import MAX_FILE_BYTES
from pitboard.office import Records, open_store
from pitboard.web.app import create_app
from pitboard.web.guard import DEFAULT_MAX_UPLOAD_MB

# No upload may be larger than the largest file pitboard reads.
MAX_UPLOAD_MB = MAX_FILE_BYTES // (1024 * 1024)

DATABASE_VARIABLE = "PITBOARD_DATABASE_URL"
TOKEN_VARIABLE = "PITBOARD_TOKEN"
MAX_UPLOAD_VARIABLE = "PITBOARD_MAX_UPLOAD_MB"


def app_from_environment() -> Any:
    """A worker's app: the store `PITBOARD_DATABASE_URL` (else the default file) names, the
    upload token `PITBOARD_TOKEN` holds, the upload limit `PITBOARD_MAX_UPLOAD_MB` sets, and
    every season's standings computed up front."""
    store = open_store(os.environ.get(DATABASE_VARIABLE), load_bundled=False)
    app = create_app(store, token=os.environ.get(TOKEN_VARIABLE) or None,
                     max_upload_bytes=max_upload_bytes(os.environ.get(MAX_UPLOAD_VARIABLE)))
    settle(store)
    return app


def max_upload_bytes(megabytes: str | None) -> int:
    """The upload limit in bytes from a number of megabytes (unset: the default)."""
    if not megabytes:
        return DEFAULT_MAX_UPLOAD_MB * 1024 * 1024
    try:
        value = float(megabytes)
    except ValueError:
        value = -1.0
    if not 0 < value <= MAX_UPLOAD_MB:
        raise InputError([Problem(MAX_UPLOAD_VARIABLE, None, "megabytes",
                                  f"a number of megabytes above 0, at most {MAX_UPLOAD_MB}",
                                  repr(megabytes))])
    return int(value * 1024 * 1024)


def settle(store: Records) -> None:
    """Compute every season's standings now, then keep the long-lived objects out of the garbage
    collector's full passes, which would otherwise stall answers under load."""
    store.views()
    gc.collect()
    gc.freeze()


def serve(host: str, port: int, workers: int, database: str | None, token: str | None,
          max_upload_mb: float | None = None) -> None:
    """Run Granian until interrupted. Open the database first (`open_store`: created, migrated,
    the bundled record loaded) so that the workers only read it."""
    from granian import Granian
    from granian.constants import Interfaces
    from granian.log import LogLevels

    if database:
        os.environ[DATABASE_VARIABLE] = database
    if token:
        os.environ[TOKEN_VARIABLE] = token
    if max_upload_mb is not None:
        os.environ[MAX_UPLOAD_VARIABLE] = repr(max_upload_mb)
    Granian(
        "pitboard.web.server:app_from_environment",
        factory=True,
        address=host,
        port=port,
        interface=Interfaces.ASGI,
        workers=workers,
        log_level=LogLevels.warning,
    ).serve()
