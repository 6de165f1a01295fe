"""The results office: files received, checked and filed into the database, and seasons read
back, the same way for the command line, the site and the API.

Files are read and checked by ingest, kept by the store: `import_paths` and `import_upload`
read every file first (all problems of all files reported together), then give each to its
season in one locked transaction (ingest.imports.add_import), so a bad file, a contradiction
with the season or a process killed half-way leaves the database as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from pitboard.domain import InputError, Problem, Season
from pitboard.domain.inputs import SeasonInput
from pitboard.domain.published import FigureDifference
from pitboard.domain.standings import AwardWinner, StandingTable
from pitboard.engine.eligibility import eligibility_report
from pitboard.engine.published import compare_published, published_report
from pitboard.engine.standings import award_winners, season_standings
from pitboard.formats.registry import InputKind
from pitboard.ingest.catalog import bundled_histories, bundled_seasons
from pitboard.ingest.catalog import season_ids as bundled_season_ids
from pitboard.ingest.imports import (
    Imported,
    Incoming,
    Target,
    add_import,
    file_incoming,
    read_incoming,
    season_incoming,
)
from pitboard.rules import RuleSet
from pitboard.store.store import Store


@dataclass(frozen=True)
class SeasonView:
    """A stored season with its rules, standings and awards, computed once per revision."""

    season: Season
    rules: RuleSet
    tables: list[StandingTable]
    awards: list[AwardWinner]
    checks: dict[str, object]  # what `pitboard check --format json` gives: line-ups, figures
    differences: list[FigureDifference]  # published figures the computed standings differ from


def season_checks(season: Season, rules: RuleSet, tables: list[StandingTable]
                  ) -> tuple[dict[str, object], list[FigureDifference]]:
    """`pitboard check`'s report: every line-up and eligibility breach, and every published
    figure the computed standings differ from."""
    differences = compare_published(season, tables)
    report = eligibility_report(season, rules)
    return {**report, "published": published_report(season, differences)}, differences


def view_of(season: Season, rules: RuleSet) -> SeasonView:
    tables = season_standings(season, rules)
    checks, differences = season_checks(season, rules, tables)
    return SeasonView(season, rules, tables, award_winners(rules, tables), checks, differences)


Records = Store[SeasonView]  # the store as the faces read it: every season with its standings


def open_store(url: str | None = None, *, load_bundled: bool = True) -> Records:
    """The database at `url` (created and migrated), with the bundled record in it."""
    store = Store.open(url, view_of)
    if load_bundled:
        file_bundled(store)
    return store


def file_bundled(store: Records) -> list[Imported]:
    """Each bundled season the database does not keep the files of (all of them in a new
    database, those stored before seasons kept their files in an older one), and each bundled
    series' history where the database keeps another (or none)."""
    histories = [h for h in bundled_histories() if store.history(h.series_id) != h]
    if histories:
        with store.writing() as writer:
            for history in histories:
                writer.keep_history(history)
    missing = [i for i in bundled_season_ids() if not store.keeps_inputs(i)]
    if not missing:
        return []
    return _file(store, [incoming for incoming in map(season_incoming, bundled_seasons())
                         if incoming.season_id in missing])


def import_paths(store: Records, paths: Sequence[Path], target: Target,
                 progress: Callable[[str], None] | None = None) -> list[Imported]:
    """Read every file (every problem of every file reported at once), then file them all in
    one transaction; `progress` hears of each file read and each filed."""
    incomings: list[Incoming] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            incomings.append(read_incoming(path, target))
        except InputError as err:
            problems.extend(err.problems)
        if progress is not None:
            progress("read")
    if problems:
        raise InputError(problems)
    return _file(store, sorted(incomings, key=_order), progress)


def import_upload(store: Records, data: bytes, filename: str, kind: InputKind,
                  target: Target) -> Imported:
    """One uploaded file (API or admin page), of the kind its address says."""
    incoming = file_incoming(data, filename, filename, target, (kind,))
    return _file(store, [incoming])[0]


def _order(incoming: Incoming) -> int:
    """Season files first (a file of the same run may go into a season it brings)."""
    return 0 if incoming.loaded is not None else 1


def _file(store: Records, incomings: Sequence[Incoming],
          progress: Callable[[str], None] | None = None) -> list[Imported]:
    done = []
    with store.writing() as writer:
        for incoming in incomings:
            done.append(writer.update(incoming.season_id, partial(_give, incoming)))
            if progress is not None:
                progress("filed")
    return done


def _give(incoming: Incoming, stored: tuple[SeasonInput, ...] | None) -> Imported:
    return add_import(stored, incoming)

