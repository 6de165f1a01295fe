"""The store as the faces use it: open (migrate, load the bundled record once), import, read.

Standings are computed by the engine from the season read back, and kept per season until the
next import: an import through this object drops them at once; an import by another process is
seen within `REVISION_CHECK_SECONDS`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, func, select

from pitboard.domain import Season
from pitboard.domain.standings import AwardWinner, StandingTable
from pitboard.domain.timing import TimingSession
from pitboard.engine.eligibility import eligibility_report
from pitboard.engine.standings import award_winners, season_standings
from pitboard.rules import RuleSet
from pitboard.store import schema as t
from pitboard.store.database import is_empty, make_engine, migrate
from pitboard.store.importer import (
    ImportReport,
    Planned,
    Target,
    apply,
    find_round,
    plan_files,
    plan_season,
)
from pitboard.store.season_rows import read_season, season_ids
from pitboard.store.timed_results import race_session
from pitboard.store.timing_rows import timing_slots

REVISION_CHECK_SECONDS = 1.0


@dataclass(frozen=True)
class SeasonView:
    """A stored season with its rules, standings and awards, computed once per revision."""

    season: Season
    rules: RuleSet
    tables: list[StandingTable]
    awards: list[AwardWinner]
    checks: dict[str, object]  # the line-up and eligibility report, as `pitboard check` gives it


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._lock = threading.Lock()
        self._views: dict[str, SeasonView] = {}
        self._timing: dict[tuple[str, int, int], TimingSession | None] = {}
        self._revision: int | None = None
        self._checked = 0.0
        self.listeners: list[Callable[[], None]] = []  # told when the data changed

    @classmethod
    def open(cls, url: str | None = None, *, load_bundled: bool = True) -> Store:
        """Open (and create or migrate) the database; load the bundled record into an empty one."""
        store = cls(make_engine(url))
        migrate(store.engine)
        if load_bundled and is_empty(store.engine):
            store.load_bundled()
        return store

    def close(self) -> None:
        self.engine.dispose()

    def load_bundled(self) -> ImportReport:
        from pitboard.ingest.catalog import bundled_seasons

        planned = [
            plan_season(ls, f"bundled {ls.season.id}")
            for ls in bundled_seasons()
        ]
        return self.apply(planned)

    def import_files(
        self,
        paths: Iterable[Path],
        target: Target | None = None,
        progress: Callable[[Planned], None] | None = None,
    ) -> ImportReport:
        return self.apply(plan_files(list(paths), target or Target()), progress)

    def apply(
        self, planned: list[Planned], progress: Callable[[Planned], None] | None = None
    ) -> ImportReport:
        report = apply(self.engine, planned, progress)
        if report.changed:
            self.invalidate()
        return report

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
            revision = conn.execute(select(func.max(t.imports.c.id))).scalar() or 0
        if self._revision is not None and revision != self._revision:
            self.invalidate()
        self._revision = revision

    def season_ids(self) -> list[str]:
        with self.engine.connect() as conn:
            return season_ids(conn)

    def views(self) -> list[SeasonView]:
        return [v for v in (self.view(i) for i in self.season_ids()) if v is not None]

    def view(self, season_id: str) -> SeasonView | None:
        self.refresh()
        cached = self._views.get(season_id)
        if cached is not None:
            return cached
        with self.engine.connect() as conn:
            stored = read_season(conn, season_id)
        if stored is None:
            return None
        season, rules = stored
        tables = season_standings(season, rules)
        view = SeasonView(season, rules, tables, award_winners(rules, tables),
                          eligibility_report(season, rules))
        with self._lock:
            self._views[season_id] = view
        return view

    def timing_slots(self, season_id: str, round_ref: str) -> list[tuple[int, str, str]]:
        with self.engine.connect() as conn:
            found = find_round(conn, season_id, round_ref)
            return timing_slots(conn, found[0]) if found else []

    def race_timing(self, season_id: str, round_number: int, race: int) -> TimingSession | None:
        """The race's timed session (laps) in the season's classes and drivers' names, or None
        where no timing file was imported."""
        self.refresh()
        key = (season_id, round_number, race)
        if key in self._timing:
            return self._timing[key]
        with self.engine.connect() as conn:
            found = find_round(conn, season_id, str(round_number))
            session = race_session(conn, season_id, found[0], race) if found else None
        with self._lock:
            self._timing[key] = session
        return session
