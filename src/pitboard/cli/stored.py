"""Which season a command reads: a season file or folder from disk, a season stored in the
database when one is named (`--database` or $PITBOARD_DATABASE_URL), else the bundled record.

With a database, `pitboard standings asian-le-mans-series/2013` reads that season as the site
does, with every import it has had since its season file, not the bundled copy.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pitboard.domain import InputError, Problem

if TYPE_CHECKING:
    from pitboard.ingest.season_file import LoadedSeason

DATABASE_ENV = "PITBOARD_DATABASE_URL"

DatabaseOption = Annotated[
    str | None,
    typer.Option(
        "--database", "-d", metavar="URL",
        help="Database URL (sqlite:///file or postgresql://user@host/db). "
        "Default: $PITBOARD_DATABASE_URL, else a SQLite file under $PITBOARD_HOME "
        "(~/.local/share/pitboard).",
    ),
]
ReadOption = Annotated[
    str | None,
    typer.Option(
        "--database", "-d", metavar="URL",
        help="Read the season stored in this database (sqlite:///file or "
        "postgresql://user@host/db), with every import it has had; default: "
        "$PITBOARD_DATABASE_URL, else the bundled record.",
    ),
]


def _database(database: str | None) -> str | None:
    return database or os.environ.get(DATABASE_ENV) or None


def _is_file(ref: str | None) -> bool:
    if ref is None:
        return False
    path = Path(ref)
    return path.suffix.lower() in {".yaml", ".yml"} or path.is_dir()


def season_of(ref: str | None, database: str | None) -> LoadedSeason:
    """The season `ref` names (an id, a year, a season file or folder; None: the latest)."""
    from pitboard.ingest.catalog import find_season
    from pitboard.ingest.season_file import LoadedSeason

    url = _database(database)
    if url is None or _is_file(ref):
        return find_season(ref)
    from pitboard.office import open_store

    store = open_store(url)
    try:
        ids = store.season_ids()
        if ref is None:  # the latest season with results: a published record has no standings
            with_results = [i for i in ids if (v := store.view(i)) and v.season.has_results]
            ids = with_results or ids
        season_id = _stored_id(ref, ids)
        view = store.view(season_id)
        if view is None:
            raise ValueError(f"season {season_id} listed but not read")
        return LoadedSeason(view.season, view.rules)
    finally:
        store.close()


def seasons_of(database: str | None) -> list[LoadedSeason]:
    """Every season: the database's when one is named, else the bundled record."""
    from pitboard.ingest.catalog import bundled_seasons
    from pitboard.ingest.season_file import LoadedSeason

    url = _database(database)
    if url is None:
        return bundled_seasons()
    from pitboard.office import open_store

    store = open_store(url)
    try:
        return [LoadedSeason(v.season, v.rules) for v in store.views()]
    finally:
        store.close()


def _stored_id(ref: str | None, ids: list[str]) -> str:
    """A stored season by id (`series/season` or `series-season`), by its season alone when
    one series has it, or the latest season of the record when none is named."""
    from pitboard.ingest.catalog import is_demo

    if ref is None:
        record = [i for i in ids if not is_demo(i)] or ids
        if record:
            return max(record, key=lambda i: i.split("/", 1)[1])
    else:
        exact = [i for i in ids if ref in {i, i.replace("/", "-")}]
        by_season = [i for i in ids if i.split("/", 1)[1] == ref]
        found = exact or by_season
        if len(found) == 1:
            return found[0]
    expected = "a stored season (" + (", ".join(ids) or "none yet") + ") or a season file"
    more = " (more than one series has it)" if ref is not None and len(
        [i for i in ids if i.split("/", 1)[1] == ref]) > 1 else ""
    raise InputError([Problem(ref or "season", None, "season", expected, repr(ref) + more)])
