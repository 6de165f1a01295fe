"""Database and site commands: `import` files into the store, `serve` the site and the API."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pitboard.cli.app import app, console, reports_input_errors

if TYPE_CHECKING:
    from pitboard.store.importer import ImportReport, Target
    from pitboard.store.store import Store

DatabaseOption = Annotated[
    str | None,
    typer.Option(
        "--database", "-d",
        help="Database URL (sqlite:///file or postgresql://user@host/db). "
        "Default: $PITBOARD_DATABASE_URL, else a SQLite file under $PITBOARD_HOME "
        "(~/.local/share/pitboard).",
    ),
]


@app.command("import")
@reports_input_errors
def import_command(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Season files; results, qualifying or penalties CSVs; timing files."),
    ],
    season: Annotated[
        str | None,
        typer.Option("--season", "-s", help="Season of results CSVs and timing files, "
                     "e.g. asian-le-mans-series/2013."),
    ] = None,
    round_ref: Annotated[
        str | None,
        typer.Option("--round", "-r", help="Round (number, name or short name); required for "
                     "timing, qualifying and penalties files, a check for results CSVs."),
    ] = None,
    race: Annotated[
        int, typer.Option("--race", help="Race of the round, for timing and penalties files.")
    ] = 1,
    database: DatabaseOption = None,
) -> None:
    """Import files into the database, all in one transaction (all or nothing)."""
    from pitboard.store.importer import Target
    from pitboard.store.store import Store

    store = Store.open(database)
    try:
        report = _import_with_progress(store, paths, Target(season, round_ref, race))
    finally:
        store.close()
    for outcome in report.outcomes:
        state = "imported" if outcome.imported else "unchanged (already imported)"
        console.print(f"{outcome.name}: {outcome.kind}, {state}", markup=False, highlight=False)


def _import_with_progress(store: Store, paths: list[Path], target: Target) -> ImportReport:
    """Read every file (collecting all problems), then write them in one transaction."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from pitboard.domain import InputError
    from pitboard.store.importer import import_order, plan_file

    with Progress(
        TextColumn("[progress.description]{task.description}"), BarColumn(),
        MofNCompleteColumn(), console=console, transient=True,
        disable=not console.is_terminal,
    ) as progress:
        task = progress.add_task("reading", total=len(paths))
        planned, problems = [], []
        for path in paths:
            try:
                planned.append(plan_file(path, target))
            except InputError as err:
                problems.extend(err.problems)
            progress.advance(task)
        if problems:
            raise InputError(problems)
        planned.sort(key=import_order)
        write = progress.add_task("writing", total=len(planned))
        return store.apply(planned, lambda _item: progress.advance(write))


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
) -> None:
    """Serve the site and the JSON API (/api/v1, docs at /api/docs)."""
    from pitboard.store.store import Store
    from pitboard.web.server import serve

    _check_free(host, port)
    Store.open(database).close()  # created, migrated, the bundled record loaded: once, here
    shown = f"[{host}]" if ":" in host else host
    console.print(f"pitboard: serving http://{shown}:{port}", markup=False, highlight=False)
    serve(host, port, workers, database, token)


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
