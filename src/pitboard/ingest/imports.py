"""Files given to a season one by one: read, checked, added to its inputs, the season made again.

A season in the database is the list of files it was given (`SeasonInput`s): its season file
and the files that file names, then each file imported since, in order. `rebuild` makes the
season from that list the only way a season is ever made (season_file, then `apply_input` for
each import, then season_state.derive), and `add_import` adds one file to it:

* a file is read and checked on its own first (its format, every cell);
* it is put in its slot (the race or round it was given for), and the whole season derived
  again, so it is checked against the season (classes, entry list, the round's circuit and date)
  and scored exactly as a season file naming it would be;
* a file that would replace results a race already has (or a round's qualifying, or a race's
  decisions) is refused unless given with `replace`, and then reported as what it replaced;
* a file that repeats the latest file given for the same place changes nothing (`unchanged`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pitboard.domain import InputError, Problem, QualifyingSession, Race, ResultLine, Season
from pitboard.domain.classification import Penalty
from pitboard.domain.inputs import InputRole, SeasonInput
from pitboard.domain.limits import RACE, number_breach, text_breach
from pitboard.domain.problems import show_found
from pitboard.domain.results import ResultsFile
from pitboard.domain.timing import SessionKind, TimingSession, pick_session
from pitboard.engine.standings import adjustment_misses, season_standings
from pitboard.formats.registry import HEAD_BYTES, InputKind, detect
from pitboard.ingest.files import checked, read_bytes
from pitboard.ingest.league import SEASON_FILE
from pitboard.ingest.season_file import (
    LoadedSeason,
    adjustment_problem,
    load_season_file,
    parse_season,
)
from pitboard.ingest.season_state import SeasonState, Slot, derive
from pitboard.ingest.sources import Document, StoredSources

SEASON_SUFFIXES = {".yaml", ".yml"}
_ROLE_OF_KIND = {
    InputKind.RESULTS: InputRole.RESULTS,
    InputKind.RECORDBOOK: InputRole.RECORDBOOK,
    InputKind.QUALIFYING: InputRole.QUALIFYING,
    InputKind.TIMING: InputRole.TIMING,
    InputKind.PENALTIES: InputRole.PENALTIES,
}
# Files that only make sense in a round (or a race of one): a results CSV names its rounds.
_NEED_ROUND = {InputRole.RECORDBOOK, InputRole.QUALIFYING, InputRole.TIMING,
               InputRole.PENALTIES}


@dataclass(frozen=True)
class Target:
    """Where a file goes: a stored season, a round of it (number, name or short name), a race."""

    season: str | None = None
    round: str | None = None
    race: int = 1
    session: str | None = None  # which session of a multi-session timing file
    replace: bool = False  # replace what the race or round already has, on purpose

    def describe(self) -> str:
        parts = [self.season or "?"]
        if self.round is not None:
            parts.append(f"round {self.round}")
        return " ".join(parts) + f" race {self.race}"


@dataclass(frozen=True)
class Incoming:
    """A file read and checked on its own, waiting to be given to its season."""

    name: str
    season_id: str
    inputs: tuple[SeasonInput, ...]  # a season file's: itself and every file it names
    role: InputRole
    loaded: LoadedSeason | None = None  # a season file, already made from its files


@dataclass(frozen=True)
class Imported:
    """What giving one file to its season did."""

    name: str
    role: InputRole
    season_id: str
    changed: bool  # False: the same file was already the latest given for the same place
    replaced: tuple[str, ...] = ()  # what it replaced, e.g. "round 1 race 1: 12 result lines"
    loaded: LoadedSeason | None = None  # the season as it is now (None: unchanged)
    inputs: tuple[SeasonInput, ...] = ()  # the season's inputs as they are now

    @property
    def kind(self) -> str:
        return self.role.value

    @property
    def kept(self) -> LoadedSeason | None:
        """The season to keep (the store's word for it)."""
        return self.loaded if self.changed else None

    @property
    def logged(self) -> SeasonInput | None:
        """The file this import gave (a season file: the season file itself)."""
        given = [i for i in self.inputs if i.role is self.role]
        return given[-1] if self.changed and given else None


# -- reading ----------------------------------------------------------------------------------


def read_incoming(path: Path, target: Target) -> Incoming:
    """Read one file (or a league folder) given on the command line; InputError lists every
    problem found in it on its own, before any season is touched."""
    if path.is_dir():
        if not (path / SEASON_FILE).exists():
            raise InputError([Problem(str(path), None, "folder",
                                      f"a league folder with a {SEASON_FILE}", "none")])
        return season_incoming(load_season_file(path / SEASON_FILE))
    if path.suffix.lower() in SEASON_SUFFIXES:
        return season_incoming(load_season_file(path))
    return file_incoming(read_bytes(path), str(path), path.name, target)


def season_incoming(loaded: LoadedSeason) -> Incoming:
    """A season file read from disk (or bundled), with every file it read."""
    documents = loaded.documents
    inputs = tuple(
        SeasonInput(role=InputRole.SEASON if i == 0 else InputRole.NAMED, name=d.name,
                    data=d.data, display=d.display)
        for i, d in enumerate(documents)
    )
    name = documents[0].display if documents else loaded.season.id
    return Incoming(name, loaded.season.id, inputs, InputRole.SEASON, loaded)


def file_incoming(data: bytes, display: str, name: str, target: Target,
                  kinds: Sequence[InputKind] = ()) -> Incoming:
    """A results, record-book, qualifying, timing or penalties file for a stored season."""
    reader = detect(data[:HEAD_BYTES], display, kinds)
    role = _ROLE_OF_KIND[reader.kind]
    problems = []
    if not target.season:
        problems.append(Problem(display, None, "--season", "the season the file belongs to "
                                "(e.g. asian-le-mans-series/2013)", "nothing"))
    if role in _NEED_ROUND and not target.round:
        problems.append(Problem(display, None, "--round", "the round the file belongs to",
                                "nothing"))
    problems += target_problems(target, display)
    if problems:
        raise InputError(problems)
    given = SeasonInput(role=role, name=name, data=data, display=display, round=target.round,
                        race=target.race, session=target.session, replace=target.replace)
    _parse(given)  # every problem of the file itself, now
    return Incoming(display, target.season or "", (given,), role)


def target_problems(target: Target, display: str) -> list[Problem]:
    """Where a file is given must be within the limits too: a race number past them, or a
    round or session named with a NUL, is the file's problem, not the database's."""
    problems = []
    if (breach := number_breach(target.race, RACE)) is not None:
        problems.append(Problem(display, None, "race", *breach))
    for field, text in (("round", target.round), ("session", target.session)):
        if text is not None and (breach := text_breach(text)) is not None:
            problems.append(Problem(display, None, field, *breach))
    return problems


# -- giving a file to its season --------------------------------------------------------------


def add_import(stored: Sequence[SeasonInput] | None, incoming: Incoming) -> Imported:
    """The season's inputs with one more file, and the season made again from them."""
    if incoming.role is InputRole.SEASON:
        return _add_season_file(stored, incoming)
    if stored is None:
        raise InputError([Problem(incoming.name, None, "season",
                                  "a season stored in the database (import its season file "
                                  "first)", show_found(incoming.season_id))])
    given = incoming.inputs[0]
    latest = next((i for i in reversed(stored) if i.same_target(given)), None)
    if latest is not None and latest.sha256 == given.sha256:
        return Imported(incoming.name, incoming.role, incoming.season_id, changed=False,
                        inputs=tuple(stored))
    bundle, imports = _split(stored)
    state = _bundle_state(bundle, incoming.season_id)
    for earlier in imports:
        state, _ = apply_input(state, earlier, force=True)
    state, replaced = apply_input(state, given)
    loaded = _finish(state, bundle)
    inputs = (*stored, given)
    return Imported(incoming.name, incoming.role, incoming.season_id, True, replaced,
                    _with_inputs(loaded, inputs), inputs)


def _add_season_file(stored: Sequence[SeasonInput] | None, incoming: Incoming) -> Imported:
    """A season file given again: its files replace the old ones, and every file imported
    since is given again on top. Results it changes in a race that had some need `replace`."""
    if incoming.loaded is None:
        raise ValueError("a season file's incoming carries its season")
    new_bundle = incoming.inputs
    if stored is None:
        return Imported(incoming.name, incoming.role, incoming.season_id, True, (),
                        _with_inputs(incoming.loaded, new_bundle), new_bundle)
    old_bundle, imports = _split(stored)
    if _same_files(old_bundle, new_bundle):
        return Imported(incoming.name, incoming.role, incoming.season_id, changed=False,
                        inputs=tuple(stored))
    before = rebuild(stored, incoming.season_id)
    state = _bundle_state(new_bundle, incoming.season_id)
    for earlier in imports:
        state, _ = apply_input(state, earlier, force=True)
    loaded = _finish(state, new_bundle)
    replaced = _replaced_races(before.season, loaded.season)
    if replaced and not _replacing(new_bundle):
        changed = _changed_files(old_bundle, new_bundle)
        raise InputError([Problem(
            incoming.name, None, "replace",
            "a season file that keeps the results its races already have, or --replace to "
            "replace them", "other results in " + "; ".join(replaced)
            + (" (changed files: " + ", ".join(changed) + ")" if changed else ""))])
    inputs = (*new_bundle, *imports)
    return Imported(incoming.name, incoming.role, incoming.season_id, True, replaced,
                    _with_inputs(loaded, inputs), inputs)




def _replacing(bundle: Sequence[SeasonInput]) -> bool:
    return any(i.replace for i in bundle if i.role is InputRole.SEASON)


def rebuild(stored: Sequence[SeasonInput], season_id: str = "") -> LoadedSeason:
    """The season made from its stored inputs, as `add_import` made it."""
    bundle, imports = _split(stored)
    state = _bundle_state(bundle, season_id)
    for given in imports:
        state, _ = apply_input(state, given, force=True)
    return _with_inputs(_finish(state, bundle), tuple(stored))


def _split(stored: Sequence[SeasonInput]) -> tuple[tuple[SeasonInput, ...],
                                                     tuple[SeasonInput, ...]]:
    bundle = tuple(i for i in stored if i.role in {InputRole.SEASON, InputRole.NAMED})
    return bundle, tuple(i for i in stored if i.role not in {InputRole.SEASON, InputRole.NAMED})


def _changed_files(old: Sequence[SeasonInput], new: Sequence[SeasonInput]) -> list[str]:
    """The files of a new bundle that are new or differ from the old bundle's."""
    before = {i.name: i.sha256 for i in old}
    return [i.shown for i in new if before.get(i.name) != i.sha256]


def _same_files(old: Sequence[SeasonInput], new: Sequence[SeasonInput]) -> bool:
    return sorted((i.role, i.name, i.sha256) for i in old) == sorted(
        (i.role, i.name, i.sha256) for i in new)


def _bundle_state(bundle: Sequence[SeasonInput], season_id: str) -> SeasonState:
    season_file = next((i for i in bundle if i.role is InputRole.SEASON), None)
    if season_file is None:
        raise InputError([Problem(season_id or "season", None, "season",
                                  "a season stored with its season file (import the season "
                                  "file again)", "none kept")])
    sources = StoredSources({i.name: Document(i.name, i.data, i.display)
                             for i in bundle if i.role is InputRole.NAMED})
    text = season_file.data.decode("utf-8-sig")
    loaded = parse_season(text, season_file.shown, sources)
    if loaded.state is None:
        raise ValueError("a parsed season carries its state")
    return loaded.state


def _finish(state: SeasonState, bundle: Sequence[SeasonInput]) -> LoadedSeason:
    """The season derived from its inputs; a points adjustment of the season file that an
    import leaves without its row is refused, not left to change nothing."""
    derived = derive(state)
    season = derived.season
    # Scoring the season finds what an import breaks: a combined order that cannot place a car,
    # a points adjustment left without its row.
    misses = adjustment_misses(season, season_standings(season, state.rules))
    if misses:
        problems = []
        for miss in misses:
            expected, found = adjustment_problem(miss)
            problems.append(Problem(season.id, None, f"adjustments.{miss.index}", expected,
                                    found))
        raise InputError(problems)
    return LoadedSeason(derived.season, state.rules, None, derived.timed, state,
                        tuple(Document(i.name, i.data, i.display) for i in bundle))


def _with_inputs(loaded: LoadedSeason, inputs: tuple[SeasonInput, ...]) -> LoadedSeason:
    return LoadedSeason(loaded.season, loaded.rules, loaded.path, loaded.timed_races,
                        loaded.state, loaded.documents, inputs)


# -- one file into its slot -------------------------------------------------------------------


def _parse(given: SeasonInput) -> object:
    """The file as its reader reads it (a results file, sessions, a qualifying order ...)."""
    kinds = {InputRole.RESULTS: (InputKind.RESULTS,), InputRole.RECORDBOOK: (InputKind.RECORDBOOK,),
             InputRole.QUALIFYING: (InputKind.QUALIFYING,), InputRole.TIMING: (InputKind.TIMING,),
             InputRole.PENALTIES: (InputKind.PENALTIES,)}[given.role]
    reader = detect(given.data[:HEAD_BYTES], given.shown, kinds)
    return checked(reader.read(given.data, given.shown), given.shown)


def apply_input(state: SeasonState, given: SeasonInput,
                *, force: bool = False) -> tuple[SeasonState, tuple[str, ...]]:
    """The state with one imported file in its slot, and what it replaced there. `force`: a
    file given before, applied again over what a changed season file now has."""
    if force and not given.replace:
        given = given.model_copy(update={"replace": True})
    parsed = _parse(given)
    season = state.skeleton
    if given.role in {InputRole.RESULTS, InputRole.RECORDBOOK}:
        if not isinstance(parsed, ResultsFile):
            raise TypeError("a results reader gives a ResultsFile")
        return _with_results(state, given, parsed)
    number = _round_number(season, given)
    if given.role is InputRole.QUALIFYING:
        if not isinstance(parsed, QualifyingSession):
            raise TypeError("a qualifying reader gives a QualifyingSession")
        before = state.qualifying.get(number)
        same = before is not None and _plain_qualifying(before) == _plain_qualifying(parsed)
        replaced = _refuse_or_report(given, f"round {number} qualifying",
                                     len(before.lines) if before and not same else 0,
                                     "qualifying lines")
        return state.with_changes(qualifying={**state.qualifying, number: parsed}), replaced
    slot = (number, given.race)
    if given.role is InputRole.PENALTIES:
        return _with_penalties(state, given, slot, parsed)  # type: ignore[arg-type]
    if not isinstance(parsed, tuple):
        raise TypeError("a timing reader gives sessions")
    return _with_timing(state, given, slot, parsed)


def _with_results(state: SeasonState, given: SeasonInput,
                  results: ResultsFile) -> tuple[SeasonState, tuple[str, ...]]:
    season = state.skeleton
    given_lines = dict(state.given)
    timing = dict(state.timing)
    replaced: list[str] = []
    problems: list[Problem] = []
    wanted = _round_number(season, given) if given.round is not None else None
    for key, races in sorted(results.rounds.items()):
        first = next(iter(races.values()))[0]
        line = first.source.line if first.source else None
        if given.role is InputRole.RECORDBOOK:
            number = wanted
        else:
            number = _find_round(season, key.name)
            if number is None:
                problems.append(_round_problem(season, given.shown, line, key.name))
                continue
            if wanted is not None and number != wanted:
                problems.append(Problem(given.shown, line, "round",
                                        f"round {given.round} only (as --round says)",
                                        show_found(key.name)))
                continue
        if number is None:
            continue
        for race_number, lines in sorted(races.items()):
            slot = (number, race_number)
            same = _plain(state.given.get(slot)) == _plain(tuple(lines))
            try:
                replaced += _refuse_or_report(given, f"round {number} race {race_number}",
                                              0 if same else _result_count(state, slot),
                                              "result lines")
            except InputError as err:
                problems.extend(err.problems)
                continue
            given_lines[slot] = tuple(lines)
            timing.pop(slot, None)  # the race's decisions stand: they are on cars, not lines
    if problems:
        raise InputError(problems)
    return state.with_changes(given=given_lines, timing=timing), tuple(replaced)


def _with_penalties(state: SeasonState, given: SeasonInput, slot: Slot,
                    penalties: tuple[Penalty, ...]) -> tuple[SeasonState, tuple[str, ...]]:
    if not state.has_results(slot):
        raise InputError([Problem(given.shown, None, "race",
                                  f"a race of round {slot[0]} with results or timing",
                                  show_found(slot[1]))])
    before = state.penalties.get(slot, ())
    same = [p.model_copy(update={"source": None}) for p in before] == [
        p.model_copy(update={"source": None}) for p in penalties]
    replaced = _refuse_or_report(given, f"round {slot[0]} race {slot[1]} decisions",
                                 0 if same else len(before), "decisions")
    return state.with_changes(penalties={**state.penalties, slot: penalties}), replaced


def _with_timing(state: SeasonState, given: SeasonInput, slot: Slot,
                 sessions: tuple[TimingSession, ...]) -> tuple[SeasonState, tuple[str, ...]]:
    session = pick_session(sessions, given.session, SessionKind.RACE, given.shown)
    if session.kind is SessionKind.QUALIFYING:
        number = slot[0]
        replaced = _refuse_or_report(given, f"round {number} qualifying timing",
                                     1 if number in state.qualifying_timing else 0, "session")
        return state.with_changes(
            qualifying_timing={**state.qualifying_timing, number: session}), replaced
    if session.kind is not SessionKind.RACE:
        raise InputError([Problem(given.shown, None, "session",
                                  "a race or qualifying session", session.kind.value)])
    replaced = _refuse_or_report(given, f"round {slot[0]} race {slot[1]}",
                                 _result_count(state, slot), "result lines")
    given_lines = {s: v for s, v in state.given.items() if s != slot}
    return state.with_changes(timing={**state.timing, slot: session},
                              given=given_lines), replaced


def _plain(lines: tuple[ResultLine, ...] | None) -> tuple[ResultLine, ...] | None:
    """Result lines without the file and line they came from: the same results read from
    another copy of the file are the same results."""
    if lines is None:
        return None
    return tuple(line.model_copy(update={"source": None}) for line in lines)


def _plain_qualifying(session: QualifyingSession) -> tuple[object, ...]:
    return tuple(line.model_copy(update={"source": None}) for line in session.lines)


def _result_count(state: SeasonState, slot: Slot) -> int:
    if slot in state.given:
        return len(state.given[slot])
    if slot in state.timing:
        return len(state.timing[slot].cars)
    return 0


def _refuse_or_report(given: SeasonInput, place: str, count: int,
                      what: str) -> tuple[str, ...]:
    """Nothing to say where the place is empty; with `replace`, what is replaced; otherwise
    the problem that stops the import."""
    if count == 0:
        return ()
    if given.replace:
        return (f"{place}: {count} {what}",)
    raise InputError([Problem(
        given.shown, None, "replace",
        f"{place} without {what} yet, or the file given with --replace (replace=true) to "
        "replace them", f"{place} already has {count} {what}")])


def _round_number(season: Season, given: SeasonInput) -> int:
    number = _find_round(season, given.round or "")
    if number is None:
        raise InputError([_round_problem(season, given.shown, None, given.round or "")])
    return number


def _find_round(season: Season, ref: str) -> int | None:
    """A held round by number, name or short name."""
    found = season.round_by_ref(ref, held=True)
    return found.number if found is not None else None


def _round_problem(season: Season, file: str, line: int | None, ref: str) -> Problem:
    numbers = ", ".join(str(r.number) for r in season.rounds if r.number is not None)
    return Problem(file, line, "round", f"a held round of {season.id} ({numbers})",
                   show_found(ref))


def _replaced_races(before: Season, after: Season) -> tuple[str, ...]:
    """The races that had results before and have other results after."""
    races_after = {(r.number, race.number): race for r in after.rounds for race in r.races}
    replaced = []
    for rnd in before.rounds:
        for race in rnd.races:
            if not race.results:
                continue
            now: Race | None = races_after.get((rnd.number, race.number))
            if now is None or _plain(now.results) != _plain(race.results):
                replaced.append(f"round {rnd.number} race {race.number}: "
                                f"{len(race.results)} result lines")
    return tuple(replaced)
