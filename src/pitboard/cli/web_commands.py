"""Database and site commands: `import` files into the store, `serve` the site and the API."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pitboard.cli.app import app, console, reports_input_errors
from pitboard.cli.stored import DatabaseOption

if TYPE_CHECKING:
    from pitboard.ingest.imports import Imported, Target
    from pitboard.office import Records



@app.command("import")
@reports_input_errors
def import_command(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Season files or league folders; results, qualifying or penalties "
                       "CSVs; timing files; record-book pages."),
    ],
    season: Annotated[
        str | None,
        typer.Option("--season", "-s", help="Season of results CSVs and timing files, "
                     "e.g. asian-le-mans-series/2013."),
    ] = None,
    round_ref: Annotated[
        str | None,
        typer.Option("--round", "-r", help="Round (number, name or short name); required for "
                     "timing, qualifying, penalties and record-book files, a check for results "
                     "CSVs."),
    ] = None,
    race: Annotated[
        int, typer.Option("--race", min=1, help="Race of the round, for timing and penalties "
                          "files.")
    ] = 1,
    session: Annotated[
        str | None,
        typer.Option("--session", help="Session of a multi-session timing file (name or "
                     "number; default: its race)."),
    ] = None,
    replace: Annotated[
        bool,
        typer.Option("--replace", help="Replace the results, qualifying or decisions a race or "
                     "round already has (without it such a file is refused)."),
    ] = False,
    database: DatabaseOption = None,
) -> None:
    """Import files into the database, all in one transaction (all or nothing), each checked
    against its season; a file that would replace results needs --replace."""
    from pitboard.ingest.imports import Target
    from pitboard.office import open_store

    store = open_store(database)
    try:
        done = _import_with_progress(store, paths, Target(season, round_ref, race, session,
                                                          replace))
    finally:
        store.close()
    for imported in done:
        state = "imported" if imported.changed else "unchanged (already imported)"
        console.print(f"{imported.name}: {imported.kind}, {state}", markup=False,
                      highlight=False)
        for replaced in imported.replaced:
            console.print(f"  replaced {replaced}", markup=False, highlight=False)


def _import_with_progress(store: Records, paths: list[Path], target: Target) -> list[Imported]:
    """Read every file (collecting all problems), then write them in one transaction."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from pitboard.office import import_paths

    with Progress(
        TextColumn("[progress.description]{task.description}"), BarColumn(),
        MofNCompleteColumn(), console=console, transient=True,
        disable=not console.is_terminal,
    ) as progress:
        reading = progress.add_task("reading", total=len(paths))
        filing = progress.add_task("writing", total=len(paths))
        return import_paths(store, paths, target, lambda step: progress.advance(
            reading if step == "read" else filing))


@app.command("serve")
@reports_input_errors
def serve_command(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    database: DatabaseOption = None,
    token: Annotated[
        str | None,
        typer.Option(help="Token that API uploads and the admin page need "
                     "(default: $PITBOARD_TOKEN; none: uploads are refused)."),
    ] = None,
    workers: Annotated[
        int, typer.Option(help="Server processes (one per core to spare; each keeps its own "
                          "copy of the standings).", min=1)
    ] = 1,
    max_upload_mb: Annotated[
        float | None,
        typer.Option(help="Largest upload body in megabytes; a larger one is refused (413) "
                          "while it streams in (default: $PITBOARD_MAX_UPLOAD_MB, else 64).",
                     min=0.001, max=256, metavar="MB"),
    ] = None,
) -> None:
    """Serve the site and the JSON API (/api/v1, docs at /api/docs)."""
    from pitboard.office import open_store
    from pitboard.web.server import MAX_UPLOAD_VARIABLE, max_upload_bytes, serve

    if max_upload_mb is None:  # the environment's limit, refused here rather than in a worker
        max_upload_bytes(os.environ.get(MAX_UPLOAD_VARIABLE))
    _check_free(host, port)
    open_store(database).close()  # created, migrated, the bundled record loaded: once, here
    shown = f"[{host}]" if ":" in host else host
    console.print(f"pitboard: serving http://{shown}:{port}", markup=False, highlight=False)
    serve(host, port, workers, database, token, max_upload_mb)


def _check_free(host: str, port: int) -> None:
    """Say so plainly when the address cannot be served, before announcing it."""
    import socket

    from pitboard.domain import InputError, Problem

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as err:
            raise InputError([Problem("--port", None, "address", "a free address to listen on",
                                      f"{host}:{port} ({err.strerror})")]) from None
