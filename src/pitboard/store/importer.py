"""The one import transaction: season files, results CSVs and timing files into the database.

Every file is read first and every problem of every file is collected; then all of them are
written in one transaction, so a bad file (or a process killed half-way) leaves the database as
it was. A file already imported (same content, same target) is skipped: importing twice changes
nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import ColumnElement, Connection, Engine, delete, insert, or_, select

from pitboard.domain import InputError, Problem, QualifyingSession, Race
from pitboard.domain.classification import Penalty
from pitboard.domain.problems import show_found
from pitboard.domain.results import ResultsFile
from pitboard.domain.timing import SessionKind, TimingSession
from pitboard.engine.standings import adjustment_misses, season_standings
from pitboard.formats.penalties_csv import parse_penalties_csv
from pitboard.formats.penalties_csv.reader import COLUMNS as PENALTY_COLUMNS
from pitboard.formats.results_csv.reader import (
    QUALIFYING_COLUMNS_REQUIRED,
    RESULT_COLUMNS_REQUIRED,
    parse_qualifying,
    parse_results,
)
from pitboard.formats.text import decode
from pitboard.ingest import LoadedSeason, load_league_folder, load_season_file
from pitboard.ingest.files import main_session, read_bytes
from pitboard.ingest.league import SEASON_FILE
from pitboard.ingest.season_file import adjustment_problem, distance_judged
from pitboard.rules import RuleSet
from pitboard.store import schema as t
from pitboard.store.penalties import apply_penalties
from pitboard.store.season_rows import (
    read_season,
    write_qualifying,
    write_races,
    write_season,
)
from pitboard.store.timed_results import classify_timed_races, renamed_races, season_timing
from pitboard.store.timing_rows import write_timing_session

SEASON_SUFFIXES = {".yaml", ".yml"}


@dataclass(frozen=True)
class Target:
    """Where a results CSV or a timing file goes: a stored season, a round, a race of it."""

    season: str | None = None
    round: str | None = None  # number, name or short name
    race: int = 1

    def describe(self) -> str:
        parts = [self.season or "?"]
        if self.round is not None:
            parts.append(f"round {self.round}")
        return " ".join(parts) + f" race {self.race}"

    @staticmethod
    def into_season(target: ColumnElement[str], season: str) -> ColumnElement[bool]:
        """Whether a stored import's target (a season file's: the season id; any other file's:
        `describe()`) is the season or a race of it."""
        return or_(target == season, target.startswith(f"{season} race ", autoescape=True),
                   target.startswith(f"{season} round ", autoescape=True))


@dataclass
class Planned:
    """A file read and checked, waiting to be written."""

    name: str
    kind: str  # season | results | qualifying | penalties | timing
    sha256: str
    target: str
    write: Callable[[Connection, list[Problem]], None]
    season: str | None = None  # the season it writes into


@dataclass
class ImportOutcome:
    name: str
    kind: str
    imported: bool  # False: the same content was already in the database


@dataclass
class ImportReport:
    outcomes: list[ImportOutcome] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(o.imported for o in self.outcomes)


def file_kind(path: Path, head: bytes) -> str:
    """season, results, qualifying, penalties or timing: by suffix for season files, by header
    for the CSVs, anything else is for the timing format registry."""
    if path.suffix.lower() in SEASON_SUFFIXES:
        return "season"
    if path.suffix.lower() in {".csv", ".txt"}:
        first = head.decode("utf-8-sig", errors="replace").splitlines()[:1]
        columns = {
            c.strip().strip('"').casefold()
            for c in (first[0].replace(";", ",").replace("\t", ",").split(",") if first else [])
        }
        if set(PENALTY_COLUMNS[:2]) <= columns:  # number, kind
            return "penalties"
        if set(RESULT_COLUMNS_REQUIRED) <= columns:
            return "results"
        if set(QUALIFYING_COLUMNS_REQUIRED) <= columns:
            return "qualifying"
    return "timing"


def plan_season_file(path: Path) -> Planned:
    return plan_season(load_league_folder(path) if path.is_dir() else load_season_file(path),
                       str(path))


def plan_season(loaded: LoadedSeason, name: str) -> Planned:
    """A season already in memory (the bundled record) as an import."""
    season, rules = loaded.season, loaded.rules
    digest = _digest(season.model_dump_json().encode(), rules.model_dump_json().encode())
    return Planned(
        name, "season", digest, season.id,
        lambda conn, _problems: write_season(conn, season, rules, loaded.timed_races),
        season.id,
    )


def _plan_into(
    target: Target, kind: str, name: str, data: bytes,
    write: Callable[[Connection, list[Problem]], None],
) -> Planned:
    """A file bound for a race of a stored season: the same bytes into the same race is the
    same import, so the digest covers both."""
    return Planned(name, kind, _digest(data, target.describe().encode()), target.describe(), write,
                   target.season)


def plan_results(data: bytes, name: str, target: Target) -> Planned:
    results = parse_results(decode(data, name), name)
    return _plan_into(target, "results", name, data,
                      lambda conn, problems: _write_results(conn, results, target, problems))


def plan_qualifying(data: bytes, name: str, target: Target) -> Planned:
    session = parse_qualifying(decode(data, name), name)
    return _plan_into(
        target, "qualifying", name, data,
        lambda conn, problems: _write_qualifying(conn, session, name, target, problems),
    )


def plan_penalties(data: bytes, name: str, target: Target) -> Planned:
    penalties = parse_penalties_csv(decode(data, name), name)
    return _plan_into(
        target, "penalties", name, data,
        lambda conn, problems: _write_penalties(conn, penalties, name, target, problems),
    )


def import_order(item: Planned) -> int:
    """Seasons first (a file of the same run may go into a season it brings), penalties last
    (they apply to the results the same run brings)."""
    return {"season": 0, "penalties": 2}.get(item.kind, 1)


def plan_timing(session: TimingSession, data: bytes, name: str, target: Target) -> Planned:
    return _plan_into(
        target, "timing", name, data,
        lambda conn, problems: _write_timing(conn, session, name, target, problems),
    )


def plan_file(path: Path, target: Target) -> Planned:
    """Read one file into a planned import; raise InputError listing its problems.

    A folder holding a season file is a league season (docs/league-seasons.md): the season file
    and every result file beside it, imported as one season.
    """
    if path.is_dir():
        if not (path / SEASON_FILE).exists():
            raise InputError([Problem(str(path), None, "folder",
                                      f"a league folder with a {SEASON_FILE}", "none")])
        return plan_season_file(path)
    data = read_bytes(path)
    kind = file_kind(path, data[:4096])
    if kind == "season":
        return plan_season_file(path)
    _require_target(str(path), target, needs_round=kind in {"timing", "qualifying", "penalties"})
    if kind == "results":
        return plan_results(data, str(path), target)
    if kind == "qualifying":
        return plan_qualifying(data, str(path), target)
    if kind == "penalties":
        return plan_penalties(data, str(path), target)
    from pitboard.formats.registry import read_timing

    return plan_timing(main_session(read_timing(data, str(path))), data, str(path), target)


def plan_files(paths: Iterable[Path], target: Target) -> list[Planned]:
    """Read every file; raise one InputError with the problems of all of them."""
    planned: list[Planned] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            planned.append(plan_file(path, target))
        except InputError as err:
            problems.extend(err.problems)
    if problems:
        raise InputError(problems)
    return sorted(planned, key=import_order)


def apply(
    engine: Engine,
    planned: list[Planned],
    progress: Callable[[Planned], None] | None = None,
) -> ImportReport:
    """Write every planned import in one transaction; any problem rolls all of it back.

    Files that only repeat the latest imports into their season are left alone (reported
    unchanged); any other file is written, even one imported before, because what was imported
    since may have changed what it wrote (a season file imported again after a results CSV
    puts the season back as the file has it).
    """
    report = ImportReport()
    problems: list[Problem] = []
    with engine.begin() as conn:
        repeated = _repeats(conn, planned)
        for item in planned:
            changed = item.sha256 not in repeated
            if changed:
                before = len(problems)
                item.write(conn, problems)
                if len(problems) == before:
                    conn.execute(delete(t.imports).where(t.imports.c.sha256 == item.sha256))
                    conn.execute(insert(t.imports).values(
                        sha256=item.sha256, kind=item.kind, name=item.name, target=item.target,
                        imported_at=dt.datetime.now(dt.UTC),
                    ))
            report.outcomes.append(ImportOutcome(item.name, item.kind, changed))
            if progress is not None:
                progress(item)
        if not problems:
            problems.extend(adjustments_astray(conn, {
                item.season for item, outcome in zip(planned, report.outcomes, strict=True)
                if outcome.imported and item.kind != "season" and item.season is not None
            }))
        if problems:
            raise InputError(problems)  # leaving the block rolls the transaction back
    return report


def _repeats(conn: Connection, planned: list[Planned]) -> set[str]:
    """Digests of the planned files that repeat the latest imports into their season: the same
    files in the same order, and nothing else imported into that season since."""
    by_season: dict[str, list[str]] = {}
    for item in planned:
        if item.season is not None:
            by_season.setdefault(item.season, []).append(item.sha256)
    repeats: set[str] = set()
    for season, digests in by_season.items():
        latest = conn.execute(
            select(t.imports.c.sha256)
            .where(Target.into_season(t.imports.c.target, season))
            .order_by(t.imports.c.id.desc())
            .limit(len(digests))
        ).scalars().all()
        if list(reversed(latest)) == digests:
            repeats.update(digests)
    return repeats


def adjustments_astray(conn: Connection, season_ids: set[str]) -> list[Problem]:
    """A results, timing or penalties import can take away the row a season's points adjustment
    names (a corrected file without the car): that is refused, not left to change nothing.
    A season file is checked as it is read."""
    if not season_ids:
        return []
    problems = []
    adjusted = select(t.adjustments.c.season_id).distinct()
    for season_id in conn.execute(adjusted.where(t.adjustments.c.season_id.in_(season_ids))
                                  ).scalars():
        stored = read_season(conn, season_id)
        if stored is None:
            continue
        season, rules = stored
        for miss in adjustment_misses(season, season_standings(season, rules)):
            expected, found = adjustment_problem(miss)
            problems.append(Problem(season_id, None, f"adjustments.{miss.index}", expected,
                                    found))
    return problems


def _digest(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def _require_target(name: str, target: Target, *, needs_round: bool) -> None:
    problems = []
    if not target.season:
        problems.append(Problem(name, None, "--season", "the season the file belongs to "
                                "(e.g. asian-le-mans-series/2013)", "nothing"))
    if needs_round and not target.round:
        problems.append(Problem(name, None, "--round", "the round the file belongs to",
                                "nothing"))
    if problems:
        raise InputError(problems)


def stored_season(conn: Connection, season_id: str, name: str, problems: list[Problem]) -> bool:
    if conn.execute(select(t.seasons.c.id).where(t.seasons.c.id == season_id)).first():
        return True
    known = ", ".join(conn.execute(select(t.seasons.c.id).order_by(t.seasons.c.id)).scalars())
    problems.append(Problem(name, None, "season", f"a stored season ({known or 'none yet'})",
                            show_found(season_id)))
    return False


def find_round(conn: Connection, season_id: str, ref: str) -> tuple[int, int | None] | None:
    """(row id, number) of a round given by number, name or short name."""
    for row in conn.execute(
        select(t.rounds.c.id, t.rounds.c.number, t.rounds.c.name, t.rounds.c.short_name)
        .where(t.rounds.c.season_id == season_id)
    ):
        if (ref.isdigit() and row.number == int(ref)) or ref.casefold() in {
            row.name.casefold(), row.short_name.casefold()
        }:
            return row.id, row.number
    return None


def _round_problem(conn: Connection, season_id: str, name: str, line: int | None,
                   ref: str) -> Problem:
    rounds = ", ".join(
        str(n) for n in conn.execute(
            select(t.rounds.c.number).where(t.rounds.c.season_id == season_id,
                                            t.rounds.c.number.is_not(None))
            .order_by(t.rounds.c.number)
        ).scalars()
    )
    return Problem(name, line, "round", f"a held round of {season_id} ({rounds})",
                   show_found(ref))


def forget_penalties(conn: Connection, season_id: str, round_id: int,
                     race_numbers: set[int]) -> None:
    """A race whose lines were replaced lost its penalties: importing the same penalties file
    again must apply it, not report it unchanged."""
    row = conn.execute(select(t.rounds.c.number, t.rounds.c.name, t.rounds.c.short_name)
                       .where(t.rounds.c.id == round_id)).one()
    refs = {str(row.number) if row.number is not None else None, row.name, row.short_name}
    targets = [Target(season_id, ref, race).describe()
               for ref in refs if ref for race in race_numbers]
    conn.execute(delete(t.imports).where(t.imports.c.kind == "penalties",
                                         t.imports.c.target.in_(targets)))


def _write_results(conn: Connection, results: ResultsFile, target: Target,
                   problems: list[Problem]) -> None:
    """Replace the races of each round the CSV holds (race names and multipliers are kept)."""
    if target.season is None:
        raise ValueError("a results import needs a season (checked when planned)")
    if not stored_season(conn, target.season, results.file, problems):
        return
    rules = conn.execute(select(t.seasons.c.rules).where(t.seasons.c.id == target.season)).scalar()
    results = distance_judged(results, RuleSet.model_validate(rules))
    for key, races in sorted(results.rounds.items()):
        first = next(iter(races.values()))[0]
        line = first.source.line if first.source else None
        found = find_round(conn, target.season, key.name)
        if found is None:
            problems.append(_round_problem(conn, target.season, results.file, line, key.name))
            continue
        round_id, _ = found
        if target.round is not None and find_round(conn, target.season, target.round) != found:
            problems.append(Problem(results.file, line, "round",
                                    f"round {target.round} only (as --round says)",
                                    show_found(key.name)))
            continue
        kept = {
            r.number: r for r in conn.execute(select(t.races).where(t.races.c.round_id == round_id))
        }
        conn.execute(delete(t.races).where(t.races.c.round_id == round_id))
        # The round's results are the CSV's now, not classified from race timing files: their
        # laps go, so nothing classifies those races again from them.
        conn.execute(delete(t.timing_sessions).where(
            t.timing_sessions.c.round_id == round_id,
            t.timing_sessions.c.kind == SessionKind.RACE.value))
        forget_penalties(conn, target.season, round_id, set(kept) | set(races))
        several = len(races) > 1
        write_races(conn, round_id, tuple(
            # A race already there keeps its own settings (name, multiplier, scale, schedule,
            # checkpoints); only its results change.
            Race.model_validate({**(kept[n].record or {}), "number": n, "name": kept[n].name,
                                 "multiplier": kept[n].multiplier,
                                 "results": tuple(lines), "source": lines[0].source})
            if n in kept else
            Race(number=n, name=f"Race {n}" if several else "Race", results=tuple(lines),
                 source=lines[0].source)
            for n, lines in sorted(races.items())
        ))


def _target_round(conn: Connection, target: Target, name: str, problems: list[Problem]
                  ) -> tuple[str, int, int | None] | None:
    """The stored season and round a file is imported into: (season, round id, round number),
    or None after recording why there is none."""
    if target.season is None or target.round is None:
        raise ValueError("this import needs a season and a round (checked when planned)")
    if not stored_season(conn, target.season, name, problems):
        return None
    found = find_round(conn, target.season, target.round)
    if found is None:
        problems.append(_round_problem(conn, target.season, name, None, target.round))
        return None
    return target.season, found[0], found[1]


def _write_qualifying(conn: Connection, session: QualifyingSession, name: str, target: Target,
                      problems: list[Problem]) -> None:
    """The round's qualifying (and so its grid and class poles) replaced by the file's."""
    found = _target_round(conn, target, name, problems)
    if found is not None:
        write_qualifying(conn, found[1], session)


def _write_penalties(conn: Connection, penalties: tuple[Penalty, ...], name: str,
                     target: Target, problems: list[Problem]) -> None:
    found = _target_round(conn, target, name, problems)
    if found is None:
        return
    season_id, round_id, _ = found
    apply_penalties(conn, season_id, round_id, target.race, penalties, name, problems)


def _write_timing(conn: Connection, session: TimingSession, name: str, target: Target,
                  problems: list[Problem]) -> None:
    """A race's timing file classifies the race (without penalties: any earlier ones went with
    the laps they were decided on); a qualifying file gives the race its class poles. Either
    may change how the season names a driver, so each timed race where a name changes is
    classified again too, as the season file would classify it with this file in it."""
    found = _target_round(conn, target, name, problems)
    if found is None:
        return
    season_id, round_id, _ = found
    if session.kind not in {SessionKind.RACE, SessionKind.QUALIFYING}:
        write_timing_session(conn, round_id, target.race, session)
        return
    timing = season_timing(conn, season_id)  # the class map, and drivers' names until now
    try:
        timing.in_classes(session)  # each car must be in a season class
    except InputError as err:
        problems.extend(err.problems)
        return
    write_timing_session(conn, round_id, target.race, session)
    if session.kind is SessionKind.RACE:
        forget_penalties(conn, season_id, round_id, {target.race})
    races = {(round_id, target.race)} | renamed_races(conn, season_id, timing)
    classify_timed_races(conn, season_id, problems, races)
