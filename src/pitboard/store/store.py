"""The store as the faces use it: open it (migrated), write a season's inputs and what they make
in one locked transaction, read seasons back.

The store applies no rule: what a season is made of comes from ingest (through `update`'s
`change`), and what a face needs of a stored season (its standings, say) from the `viewer` it is
opened with. Views are kept per season until the next import: an import through this object
drops them at once; an import by another process is seen within `REVISION_CHECK_SECONDS`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Generic, Protocol, TypeVar

from sqlalchemy import Connection, Engine

from pitboard.domain import Season
from pitboard.domain.inputs import SeasonInput
from pitboard.domain.published import SeriesHistory
from pitboard.domain.timing import TimedRace, TimingSession
from pitboard.rules import RuleSet
from pitboard.store.database import is_empty, make_engine, migrate, take_write_lock
from pitboard.store.inputs import (
    keeps_inputs,
    log_import,
    read_inputs,
    revision,
    write_inputs,
)
from pitboard.store.season_rows import read_race_timing, read_season, season_ids, write_season
from pitboard.store.series_rows import read_history, series_ids, write_history

REVISION_CHECK_SECONDS = 1.0


class SeasonToKeep(Protocol):
    """A season as ingest made it, with the inputs it was made from."""

    @property
    def season(self) -> Season: ...
    @property
    def rules(self) -> RuleSet: ...
    @property
    def timed_races(self) -> Mapping[tuple[int, int], TimedRace]: ...


class SeasonUpdate(Protocol):
    """What a change made of a season: nothing, or the season to keep and its inputs."""

    @property
    def changed(self) -> bool: ...
    @property
    def kept(self) -> SeasonToKeep | None: ...
    @property
    def inputs(self) -> tuple[SeasonInput, ...]: ...
    @property
    def logged(self) -> SeasonInput | None: ...
    @property
    def replaced(self) -> tuple[str, ...]: ...


U = TypeVar("U", bound=SeasonUpdate)
V = TypeVar("V")


class Writer:
    """One import transaction: each `update` sees the inputs the ones before it left."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def inputs(self, season_id: str) -> tuple[SeasonInput, ...] | None:
        return read_inputs(self.conn, season_id)

    def update(self, season_id: str,
               change: Callable[[tuple[SeasonInput, ...] | None], U]) -> U:
        """Give the season's stored inputs (None: no such season) to `change`, and keep what
        it makes of them; an InputError from `change` rolls the whole transaction back."""
        outcome = change(read_inputs(self.conn, season_id))
        kept = outcome.kept
        if outcome.changed and kept is not None:
            write_season(self.conn, kept.season, kept.rules, kept.timed_races)
            write_inputs(self.conn, kept.season.id, outcome.inputs)
            if outcome.logged is not None:
                log_import(self.conn, kept.season.id, outcome.logged, outcome.replaced)
        return outcome

    def history(self, series_id: str) -> SeriesHistory | None:
        return read_history(self.conn, series_id)

    def keep_history(self, history: SeriesHistory) -> None:
        """Keep a series' history (its series file), in place of the one kept before."""
        write_history(self.conn, history)


class Store(Generic[V]):
    """A database, and what `viewer` makes of each stored season, kept until it changes."""

    def __init__(self, engine: Engine, viewer: Callable[[Season, RuleSet], V]) -> None:
        self.engine = engine
        self.viewer = viewer
        self._lock = threading.Lock()
        self._views: dict[str, V] = {}
        self._timing: dict[tuple[str, int, int], TimingSession | None] = {}
        self._revision: int | None = None
        self._checked = 0.0
        self.listeners: list[Callable[[], None]] = []  # told when the data changed

    @classmethod
    def open(cls, url: str | None, viewer: Callable[[Season, RuleSet], V]) -> Store[V]:
        """Open (and create or migrate) the database."""
        store = cls(make_engine(url), viewer)
        migrate(store.engine)
        return store

    def close(self) -> None:
        self.engine.dispose()

    def is_empty(self) -> bool:
        return is_empty(self.engine)

    @contextmanager
    def writing(self) -> Iterator[Writer]:
        """One transaction for a whole import, holding the import lock; leaving it by an
        exception rolls everything back."""
        with self.engine.connect() as opened:
            conn = opened.execution_options(pitboard_write=True)
            with conn.begin():
                take_write_lock(conn)
                yield Writer(conn)
        self.invalidate()

    def update_many(self, changes: Sequence[tuple[str, Callable[
            [tuple[SeasonInput, ...] | None], U]]]) -> list[U]:
        with self.writing() as writer:
            return [writer.update(season_id, change) for season_id, change in changes]

    # -- reading ---------------------------------------------------------------------------

    def invalidate(self) -> None:
        with self._lock:
            self._views.clear()
            self._timing.clear()
            self._revision = None
        for listener in self.listeners:
            listener()

    def refresh(self) -> None:
        """Drop cached views if another process imported since they were computed."""
        now = time.monotonic()
        if now - self._checked < REVISION_CHECK_SECONDS:
            return
        self._checked = now
        with self.engine.connect() as conn:
            current = revision(conn)
        if self._revision is not None and current != self._revision:
            self.invalidate()
        self._revision = current

    def season_ids(self) -> list[str]:
        with self.engine.connect() as conn:
            return season_ids(conn)

    def inputs(self, season_id: str) -> tuple[SeasonInput, ...] | None:
        with self.engine.connect() as conn:
            return read_inputs(conn, season_id)

    def series_ids(self) -> list[str]:
        with self.engine.connect() as conn:
            return series_ids(conn)

    def history(self, series_id: str) -> SeriesHistory | None:
        """A series and its history as kept (no series file given: no events)."""
        with self.engine.connect() as conn:
            return read_history(conn, series_id)

    def keeps_inputs(self, season_id: str) -> bool:
        """Whether the season is stored with the files it was made from."""
        with self.engine.connect() as conn:
            return keeps_inputs(conn, season_id)

    def views(self) -> list[V]:
        return [v for v in (self.view(i) for i in self.season_ids()) if v is not None]

    def view(self, season_id: str) -> V | None:
        self.refresh()
        cached = self._views.get(season_id)
        if cached is not None:
            return cached
        with self.engine.connect() as conn:
            stored = read_season(conn, season_id)
        if stored is None:
            return None
        view = self.viewer(*stored)
        with self._lock:
            self._views[season_id] = view
        return view

    def race_timing(self, season_id: str, round_number: int, race: int) -> TimingSession | None:
        """The race's timed session (laps) in the season's classes and drivers' names, or None
        where the race was not classified from timing."""
        self.refresh()
        key = (season_id, round_number, race)
        if key in self._timing:
            return self._timing[key]
        with self.engine.connect() as conn:
            session = read_race_timing(conn, season_id, round_number, race)
        with self._lock:
            self._timing[key] = session
        return session



