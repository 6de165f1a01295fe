"""`pitboard watch FOLDER --season S`: a league admin's loop on race night.

A game server writes a results file into its folder after every session. The watch imports
each new or rewritten file into the season in the database as `pitboard import` would, and a
running `pitboard serve` shows it within a second or two (the store checks for imports by
other processes every second). The folder is watched with the operating system's file events
(watchfiles), not by listing it over and over.

Each file goes to the round `--round` names or, without it, to the first held round of the
season whose race has no results yet: a qualifying file joins the round of the race that
follows it, and once that race is in, the next file goes to the next round.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pitboard.cli.app import app, console, reports_input_errors
from pitboard.cli.stored import DatabaseOption
from pitboard.domain import InputError, Problem

if TYPE_CHECKING:
    from pitboard.ingest.imports import Imported, Target
    from pitboard.office import Records

# Written beside results by people and tools, never by a game server as a result.
_IGNORED_SUFFIXES = {".yaml", ".yml", ".md", ".txt", ".log", ".tmp", ".part", ".swp", ".bak"}


def is_candidate(path: Path) -> bool:
    """Whether a file in the folder may be a result: not hidden, not a temporary or notes file."""
    name = path.name
    return (not name.startswith((".", "~", "_")) and not name.endswith("~")
            and path.suffix.lower() not in _IGNORED_SUFFIXES)


class FolderImporter:
    """What the watch does with one file: read it, find its round, import it through the store.

    A file rewritten with a session already imported by this watch (Automobilista 2 rewrites
    one statistics file after every session; an editor saves twice) is not imported again.
    """

    def __init__(self, store: Records, season: str, round_ref: str | None = None,
                 race: int | None = None) -> None:
        self.store, self.season, self.round_ref, self.race = store, season, round_ref, race
        self._imported: set[str] = set()

    def handle(self, path: Path) -> str:
        """One line saying what became of the file."""
        from pitboard.ingest.files import main_session, read_timing_sessions

        try:
            session = main_session(read_timing_sessions(path, path.name))
            fingerprint = _fingerprint(session.model_dump(mode="json"))
            if fingerprint in self._imported:
                return f"{path.name}: the same {session.kind.value} as a file already imported"
            target = self.target()
            report = _import(self.store, path, target)
        except InputError as err:
            problems = "\n  ".join(str(p) for p in err.problems)
            return f"{path.name}: not imported\n  {problems}"
        self._imported.add(fingerprint)
        state = "imported into" if report.changed else "already in"
        kind = session.kind.value
        what = session.name if kind in session.name.casefold() else (
            f"{session.name} ({kind})" if session.name else kind)
        return f"{path.name}: {what}, {state} {target.describe()}"

    def target(self) -> Target:
        """The race a file goes to: the one given, else the season's first held round whose
        race (the one given, else the first) has no results yet."""
        from pitboard.ingest.imports import Target

        if self.round_ref is not None:
            return Target(self.season, self.round_ref, self.race or 1)
        view = self.store.view(self.season)
        if view is None:
            known = ", ".join(self.store.season_ids()) or "none yet"
            raise InputError([Problem("--season", None, "season",
                                      f"a stored season ({known}); import its season file first",
                                      repr(self.season))])
        for round_ in view.season.rounds:
            if not round_.is_held or round_.number is None:
                continue
            races = {race.number: race for race in round_.races}
            number = self.race or next(
                (n for n, race in sorted(races.items()) if not race.results), 1)
            if number not in races or not races[number].results:
                return Target(self.season, str(round_.number), number)
        raise InputError([Problem("--season", None, "round",
                                  "a held round without results, or --round", "every round of "
                                  f"{self.season} has its results")])


def _fingerprint(value: object) -> str:
    """The session's content without where it was read from (file name, lines), so the same
    session in another file, or further down a rewritten one, is recognised."""

    def bare(node: object) -> object:
        if isinstance(node, dict):
            return {k: bare(v) for k, v in node.items() if k != "source"}
        if isinstance(node, list):
            return [bare(v) for v in node]
        return node

    return repr(bare(value))


def _import(store: Records, path: Path, target: Target) -> Imported:
    """The one call into the import, as `pitboard import FILE --season --round` makes."""
    from pitboard.office import import_paths

    (done,) = import_paths(store, [path], target)
    return done


def watch_folder(folder: Path, importer: FolderImporter, say: Callable[[str], None],
                 stop: threading.Event | None = None, existing: bool = False) -> None:
    """Import each result file written into `folder` until `stop` is set (or Ctrl+C).

    Changes are taken in batches once the folder has been quiet for a moment, so a file the
    server writes in several steps is read once it is complete. With `existing`, the files
    already there are imported first, oldest first.
    """
    from watchfiles import Change, watch

    if existing:
        present = [p for p in folder.iterdir() if p.is_file() and is_candidate(p)]
        for path in sorted(present, key=lambda p: p.stat().st_mtime):
            say(importer.handle(path))
    for changes in watch(folder, stop_event=stop, recursive=False, debounce=3000, step=400):
        for path in _written(changes, Change.deleted):
            say(importer.handle(path))


def _written(changes: Iterable[tuple[object, str]], deleted: object) -> list[Path]:
    """The files a batch of changes added or rewrote, each once, in name order."""
    paths = {Path(p) for change, p in changes if change != deleted}
    return sorted(p for p in paths if p.is_file() and is_candidate(p))


@app.command("watch")
@reports_input_errors
def watch_command(
    folder: Annotated[Path, typer.Argument(help="The folder a game server writes results into.")],
    season: Annotated[
        str, typer.Option("--season", "-s", help="The stored season to import into, e.g. "
                          "club-cup/2013 (import its season file first).")
    ],
    round_ref: Annotated[
        str | None,
        typer.Option("--round", "-r", help="Put every file in this round (number or name); "
                     "default: the first held round without results."),
    ] = None,
    race: Annotated[
        int | None, typer.Option("--race", min=1, help="Race of the round (default: the first "
                                 "without results).")
    ] = None,
    existing: Annotated[
        bool, typer.Option("--existing/--new-only",
                           help="Also import the files already in the folder, oldest first.")
    ] = False,
    database: DatabaseOption = None,
) -> None:
    """Import each result file a game server writes into FOLDER, as it is written."""
    from pitboard.office import open_store

    if not folder.is_dir():
        raise InputError([Problem(str(folder), None, "folder", "a folder to watch",
                                  "no such folder" if not folder.exists() else "a file")])
    store = open_store(database)
    try:
        importer = FolderImporter(store, season, round_ref, race)
        importer.target()  # a season that is not stored is said now, not at the first file
        console.print(f"pitboard: watching {folder} for {season} (Ctrl+C stops)",
                      markup=False, highlight=False)
        watch_folder(folder, importer, _say, existing=existing)
    except KeyboardInterrupt:
        console.print("pitboard: stopped watching", markup=False, highlight=False)
    finally:
        store.close()


def _say(line: str) -> None:
    console.print(f"{dt.datetime.now():%H:%M:%S} {line}", markup=False, highlight=False,
                  soft_wrap=True)
