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

from pitboard.office import Records, open_store
from pitboard.web.app import create_app

DATABASE_VARIABLE = "PITBOARD_DATABASE_URL"
TOKEN_VARIABLE = "PITBOARD_TOKEN"


def app_from_environment() -> Any:
    """A worker's app: the store `PITBOARD_DATABASE_URL` (else the default file) names, the
    upload token `PITBOARD_TOKEN` holds, and every season's standings computed up front."""
    store = open_store(os.environ.get(DATABASE_VARIABLE), load_bundled=False)
    app = create_app(store, token=os.environ.get(TOKEN_VARIABLE) or None)
    settle(store)
    return app


def settle(store: Records) -> None:
    """Compute every season's standings now, then keep the long-lived objects out of the garbage
    collector's full passes, which would otherwise stall answers under load."""
    store.views()
    gc.collect()
    gc.freeze()


def serve(host: str, port: int, workers: int, database: str | None, token: str | None) -> None:
    """Run Granian until interrupted. Open the database first (`open_store`: created, migrated,
    the bundled record loaded) so that the workers only read it."""
    from granian import Granian
    from granian.constants import Interfaces
    from granian.log import LogLevels

    if database:
        os.environ[DATABASE_VARIABLE] = database
    if token:
        os.environ[TOKEN_VARIABLE] = token
    Granian(
        "pitboard.web.server:app_from_environment",
        factory=True,
        address=host,
        port=port,
        interface=Interfaces.ASGI,
        workers=workers,
        log_level=LogLevels.warning,
    ).serve()
