"""A season file and the files it names, read into a season ready to score.

The season file (docs/season-file.md) gives the season's series, classes, calendar, entries,
people and rule set, and names the files that hold its results: results CSVs, qualifying CSVs,
timing files and penalties CSVs, or, in a league folder without a calendar, every race file
beside it. Each named file fills a slot of a `SeasonState`, exactly as importing that file into
the database would (ingest.imports), and `season_state.derive` makes the races. All problems of
the season file and of every file it names are reported together.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from pitboard.domain import (
    CarClass,
    Driver,
    Entry,
    InputError,
    Problem,
    QualifyingSession,
    Race,
    RaceCheckpoint,
    ResultLine,
    Round,
    RoundStatus,
    Season,
    Series,
    SourceRef,
    Team,
    to_iso_alpha3,
)
from pitboard.domain.classification import Penalty
from pitboard.domain.inputs import SeasonInput
from pitboard.domain.limits import breaches
from pitboard.domain.problems import show_found
from pitboard.domain.published import (
    PublishedChampion,
    PublishedFigures,
    PublishedRow,
    PublishedTable,
)
from pitboard.domain.results import ResultsFile
from pitboard.domain.season import EntryDriver, StandingDecision, round_number
from pitboard.domain.standings import PointsAdjustment, TableKind
from pitboard.domain.timing import SessionKind, TimedRace, TimingSession, pick_session
from pitboard.engine.distance import judged_lines
from pitboard.engine.standings import AdjustmentMiss, adjustment_misses, season_standings
from pitboard.formats.penalties_csv import parse_penalties_csv
from pitboard.formats.registry import read_timing
from pitboard.formats.results_csv import parse_qualifying, parse_results
from pitboard.formats.text import decode, default_manufacturer
from pitboard.formats.yamldoc import Path_, line_of, load_yaml_with_lines
from pitboard.ingest.files import read_text
from pitboard.ingest.league import SEASON_FILE, default_calendar
from pitboard.ingest.season_schema import PersonSpec, RoundSpec, SeasonSpec
from pitboard.ingest.season_state import SeasonState, Slot, derive
from pitboard.ingest.sources import Document, FolderSources, Sources
from pitboard.rules import RuleSet
from pitboard.rules.presets import preset_names, rules_with_overrides

T = TypeVar("T")


@dataclass(frozen=True)
class LoadedSeason:
    """A season ready to score: the season, its rules, and what it was built from."""

    season: Season
    rules: RuleSet
    path: Path | None = None
    # What each race classified from a timing file was classified from, by (round, race), with
    # the season's classes and drivers' names: the store keeps it to draw lap charts.
    timed_races: dict[tuple[int, int], TimedRace] = field(default_factory=dict)
    # The inputs, so the store can add imports to them and derive the season again.
    state: SeasonState | None = None
    # Every file the season was read from (the season file first), to be kept with it.
    documents: tuple[Document, ...] = ()
    # Every file given to the season, imports included, in order (a stored season's inputs).
    inputs: tuple[SeasonInput, ...] = ()


def load_league_folder(path: Path) -> LoadedSeason:
    """A league folder's season (its season.yaml and the sim result files beside it), classified
    and ready to score; `path` may also be the season file itself. See docs/league-seasons.md."""
    return load_season_file(path / SEASON_FILE if path.is_dir() else path)


def load_season_file(path: Path) -> LoadedSeason:
    """Read a season file and everything it names; raise InputError listing every problem."""
    sources = FolderSources(path.parent)
    text = read_text(path)
    loaded = parse_season(text, str(path), sources)
    season_document = Document(path.name, text.encode(), str(path))
    return LoadedSeason(loaded.season, loaded.rules, path, loaded.timed_races, loaded.state,
                        (season_document, *sources.documents()))


def parse_season(text: str, file: str, sources: Sources | Path) -> LoadedSeason:
    """A season file's text, its named files read from `sources` (or the folder `sources`)."""
    if isinstance(sources, Path):
        sources = FolderSources(sources)
    spec, lines = read_spec(text, file)
    builder = _SeasonBuilder(spec, file, sources, lines)
    state = builder.state()
    return builder.finish(state)


def read_spec(text: str, file: str) -> tuple[SeasonSpec, dict[Path_, int]]:
    """The season file checked against its schema, with the line of every value."""
    data, lines = load_yaml_with_lines(text, file)
    if isinstance(data, dict) and isinstance(data.get("season"), int | float):
        data["season"] = str(data["season"])  # `season: 2013` means the text "2013"
    if isinstance(data, dict) and isinstance(data.get("rules"), dict) and "preset" in data["rules"]:
        data["rules"] = _rules_from_preset(data["rules"], file, lines)
    try:
        spec = SeasonSpec.model_validate(data)
    except ValidationError as err:
        raise InputError(validation_problems(err, file, lines)) from None
    # Every value within the limits (domain/limits.py); the rule set is data of another kind,
    # checked by its own schema.
    found = breaches(spec.model_copy(update={"rules": None}))
    if found:
        problems = []
        for breach in found:
            path = tuple("class" if p == "class_" else p for p in breach.path)
            problems.append(Problem(file, line_of(path, lines), ".".join(map(str, path)),
                                    breach.expected, breach.found))
        raise InputError(problems)
    return spec, lines


def _rules_from_preset(rules: dict[str, object], file: str, lines: dict[Path_, int]) -> object:
    """`rules: {preset: aslms-2013, ...}`: the bundled rule set with the file's keys laid over."""
    overrides = dict(rules)
    name = overrides.pop("preset")
    if not isinstance(name, str) or name not in preset_names():
        raise InputError([Problem(
            file, line_of(("rules", "preset"), lines), "rules.preset",
            "a bundled rule set (" + ", ".join(preset_names()) + ")", show_found(name),
        )])
    return rules_with_overrides(name, overrides)


def validation_problems(
    err: ValidationError, file: str, lines: dict[Path_, int]
) -> list[Problem]:
    problems = []
    for e in err.errors():
        loc = tuple(part for part in e["loc"] if not str(part).startswith("function-"))
        path = tuple(p for p in loc if isinstance(p, str | int))
        # Union members add their type name to the location; leave only the document path.
        path = tuple(p for p in path if p in _yaml_keys(lines) or isinstance(p, int))
        expected = _EXPECTED.get(e["type"], e["msg"].removeprefix("Value error, "))
        found = "nothing" if e["type"] == "missing" else show_found(e.get("input"))
        if e["type"] == "extra_forbidden" and path:
            found = repr(str(path[-1]))
        if e["type"] in {"string_type", "string_sub_type"} and path and path[-1] == "number":
            expected += ' (quote car numbers: "007")'
        problems.append(
            Problem(
                file,
                line_of(path, lines),
                ".".join(str(p) for p in path) or "(document)",
                expected,
                found,
            )
        )
    return problems


_EXPECTED = {
    "extra_forbidden": "only the keys documented in docs/season-file.md",
    "missing": "a value (this key is required)",
    "date_from_datetime_parsing": "a date of the calendar, as YYYY-MM-DD",
    "date_from_datetime_inexact": "a date of the calendar, as YYYY-MM-DD",
}


def _yaml_keys(lines: dict[Path_, int]) -> set[str | int]:
    return {part for path in lines for part in path}


class _SeasonBuilder:
    def __init__(self, spec: SeasonSpec, file: str, sources: Sources,
                 lines: dict[Path_, int]) -> None:
        self.spec, self.file, self.sources, self.lines = spec, file, sources, lines
        self.problems: list[Problem] = []
        self.sessions: dict[str, tuple[TimingSession, ...] | None] = {}
        self.calendar = spec.calendar

    def problem(self, path: Path_, expected: str, found: object) -> None:
        self.problems.append(
            Problem(
                self.file,
                line_of(path, self.lines),
                ".".join(str(p) for p in path),
                expected,
                show_found(found),
            )
        )

    def raise_problems(self) -> None:
        if self.problems:
            raise InputError(list(dict.fromkeys(self.problems)))

    def nationality(self, code: str | None, path: Path_) -> str | None:
        if code is None or not code.strip():
            return None
        try:
            return to_iso_alpha3(code)
        except ValueError:
            self.problem(path, "an ISO 3166 or IOC/FIA country code", code)
            return None

    def people(self, specs: list[PersonSpec], key: str) -> list[tuple[PersonSpec, str | None]]:
        return [
            (p, self.nationality(p.nationality, (key, i, "nationality")))
            for i, p in enumerate(specs)
        ]

    # -- the season without results ---------------------------------------------------------

    def skeleton(self) -> Season:
        spec = self.spec
        series = Series(**spec.series.model_dump())
        drivers = tuple(
            Driver(name=p.name, nationality=nat, aliases=tuple(p.aliases),
                   rating=getattr(p, "rating", None), ids=tuple(p.ids))
            for p, nat in self.people(list(spec.drivers), "drivers")
        )
        teams = tuple(
            Team(name=p.name, nationality=nat, aliases=tuple(p.aliases))
            for p, nat in self.people(spec.teams, "teams")
        )
        entries = tuple(
            Entry(
                class_code=e.class_,
                number=e.number,
                team=e.team,
                chassis=e.chassis,
                category=e.category,
                engine=e.engine,
                manufacturer=e.manufacturer or default_manufacturer(e.chassis),
                tyre=e.tyre,
                drivers=tuple(
                    EntryDriver(name=d) if isinstance(d, str)
                    else EntryDriver(name=d.name, rounds=tuple(d.rounds) if d.rounds else None,
                                     rating=d.rating)
                    for d in e.drivers
                ),
                rounds=tuple(e.rounds) if e.rounds else None,
                guest=e.guest,
                note=e.note,
            )
            for e in spec.entries
        )
        if not self.calendar and spec.published is None:
            # A league folder: a round per race file. A season with published figures and no
            # calendar is its published record alone: no rounds, no results.
            self.calendar = default_calendar(self.sources, self.timing_file, self.problems)
        return Season(
            id=f"{series.id}/{spec.season}",
            series=series,
            name=spec.season,
            classes=tuple(CarClass(**c.model_dump()) for c in spec.classes),
            rounds=tuple(self.round(i, r) for i, r in enumerate(self.calendar)),
            drivers=drivers,
            teams=teams,
            entries=entries,
            decisions=tuple(
                StandingDecision(class_code=d.class_, order=tuple(d.order), reason=d.reason,
                                 tables=tuple(d.tables))
                for d in spec.decisions
            ),
            notes=tuple(spec.notes),
            class_map=dict(spec.class_map),
            published=self.published(),
        )

    def published(self) -> PublishedFigures | None:
        """The published section, each figure checked on its own: a class of the season, a
        table kind, names given, one entry per class and table."""
        spec = self.spec.published
        if spec is None:
            return None
        classes = [c.code for c in self.spec.classes]
        known = "a class of the season's `classes` (" + (", ".join(classes) or "none") + ")"
        if not [s for s in spec.sources if s.strip()]:
            self.problem(("published", "sources"), "at least one source of the figures",
                         spec.sources)
        champions = []
        seen: set[tuple[str, str]] = set()
        for i, c in enumerate(spec.champions):
            at: Path_ = ("published", "champions", i)
            if c.class_ not in classes:
                self.problem((*at, "class"), known, c.class_)
            if (c.class_, c.table) in seen:
                self.problem((*at, "table"), f"one {c.table} entry for {c.class_}", c.table)
            seen.add((c.class_, c.table))
            self.names_given(c.names, (*at, "names"))
            champions.append(PublishedChampion(
                class_code=c.class_, table=TableKind(c.table), names=tuple(c.names),
                source=c.source, note=c.note))
        tables = []
        for i, t in enumerate(spec.standings):
            at = ("published", "standings", i)
            if t.class_ not in classes:
                self.problem((*at, "class"), known, t.class_)
            if not t.rows:
                self.problem((*at, "rows"), "the table's rows", t.rows)
            for j, row in enumerate(t.rows):
                self.names_given(row.names, (*at, "rows", j, "names"))
            tables.append(PublishedTable(
                class_code=t.class_, table=TableKind(t.table), championship=t.championship,
                source=t.source,
                rows=tuple(PublishedRow(place=r.place, names=tuple(r.names), total=r.total)
                           for r in t.rows)))
        return PublishedFigures(sources=tuple(spec.sources), champions=tuple(champions),
                                standings=tuple(tables), note=spec.note)

    def names_given(self, names: list[str], at: Path_) -> None:
        if not names or any(not n.strip() for n in names):
            self.problem(at, "one name or more, none blank", names)

    def round(self, i: int, r: RoundSpec) -> Round:
        numbers = [c.round for c in self.calendar if c.round is not None]
        if r.status is not RoundStatus.CANCELLED and r.round is None:
            self.problem(("calendar", i, "round"),
                         "a round number (only a cancelled round may have none)", None)
        if r.round is not None and numbers.count(r.round) > 1:
            self.problem(("calendar", i, "round"), "a round number used once", r.round)
        for j, race in enumerate(r.races):
            if race.scale is not None and race.scale not in self.spec.rules.scales:
                known = ", ".join(self.spec.rules.scales) or "none in this rule set"
                self.problem(("calendar", i, "races", j, "scale"),
                             f"a points scale of the rule set ({known})", race.scale)
        several = len({race.number for race in r.races}) > 1
        return Round(
            number=r.round,
            name=r.name,
            short_name=r.short_name,
            circuit=r.circuit,
            country=self.nationality(r.country, ("calendar", i, "country")),
            date=r.date,
            status=r.status,
            races=tuple(
                Race(
                    number=race.number,
                    name=race.name or (f"Race {race.number}" if several else "Race"),
                    multiplier=race.multiplier,
                    scale=race.scale,
                    scheduled_seconds=race.scheduled_seconds,
                    leader_seconds=race.leader_seconds,
                    leader_laps=race.leader_laps,
                    checkpoints=tuple(RaceCheckpoint(name=c.name, order=tuple(c.order))
                                      for c in race.checkpoints),
                )
                for race in r.races
            ),
            note=r.note,
        )

    # -- the files it names -------------------------------------------------------------------

    def text(self, name: str) -> str | None:
        try:
            return decode(self.sources.read(name), self.sources.display(name))
        except InputError as err:
            self.problems.extend(err.problems)
            return None

    def within_limits(self, value: T, name: str) -> T | None:
        """What a reader made of a named file, or None (its breaches kept) where a value is
        past a limit."""
        found = breaches(value)
        self.problems.extend(b.problem(self.sources.display(name)) for b in found)
        return None if found else value

    def timing_file(self, name: str) -> tuple[TimingSession, ...] | None:
        """Every session of a timing file, read once."""
        if name not in self.sessions:
            try:
                self.sessions[name] = self.within_limits(
                    read_timing(self.sources.read(name), self.sources.display(name)), name)
            except InputError as err:
                self.problems.extend(err.problems)
                self.sessions[name] = None
        return self.sessions[name]

    def race_session(self, name: str) -> TimingSession | None:
        sessions = self.timing_file(name)
        return (pick_session(sessions, None, SessionKind.RACE, self.sources.display(name))
                if sessions else None)

    def results(self, name: str) -> ResultsFile | None:
        text = self.text(name)
        if text is None:
            return None
        try:
            return self.within_limits(
                parse_results(text, self.sources.display(name), collect=self.problems), name)
        except InputError as err:
            self.problems.extend(err.problems)
        return None

    def qualifying_order(self, name: str) -> QualifyingSession | None:
        text = self.text(name)
        if text is None:
            return None
        try:
            return self.within_limits(parse_qualifying(text, self.sources.display(name)), name)
        except InputError as err:
            self.problems.extend(err.problems)
        return None

    def decisions(self, name: str) -> tuple[Penalty, ...] | None:
        text = self.text(name)
        if text is None:
            return None
        try:
            return self.within_limits(parse_penalties_csv(text, self.sources.display(name)),
                                      name)
        except InputError as err:
            self.problems.extend(err.problems)
        return None

    def state(self) -> SeasonState:
        """The season and every file it names, each in its slot."""
        skeleton = self.skeleton()
        given: dict[Slot, list[ResultLine]] = {}
        timing: dict[Slot, TimingSession] = {}
        penalties = {}
        qualifying = {}
        qualifying_timing = {}
        for name in self.spec.results:
            results = self.results(name)
            if results is not None:
                self.assign(results, None, given)
        for i, r in enumerate(self.calendar):
            files = [r.results] if isinstance(r.results, str) else (r.results or [])
            for name in files:
                results = self.results(name)
                if results is not None:
                    self.assign(results, r, given)
            if r.round is None:
                continue
            if r.qualifying and (order := self.qualifying_order(r.qualifying)) is not None:
                qualifying[r.round] = order
            if r.qualifying_timing:
                sessions = self.timing_file(r.qualifying_timing)
                if sessions:
                    qualifying_timing[r.round] = pick_session(
                        sessions, None, SessionKind.QUALIFYING,
                        self.sources.display(r.qualifying_timing))
            timing_files = [r.timing] if isinstance(r.timing, str) else (r.timing or [])
            for number, name in enumerate(timing_files, start=1):
                session = self.race_session(name)
                if session is not None:
                    timing[(r.round, number)] = session
            for race in r.races:
                slot = (r.round, race.number)
                if race.results:
                    results = self.results(race.results)
                    if results is not None:
                        self.assign(results, r, given, race_number=race.number)
                if race.timing:
                    session = self.race_session(race.timing)
                    if session is not None:
                        timing[slot] = session
                if race.penalties and (decided := self.decisions(race.penalties)) is not None:
                    penalties[slot] = decided
            if r.status is RoundStatus.CANCELLED and (
                    any(s[0] == r.round for s in [*given, *timing])):
                self.problem(("calendar", i, "status"), "no results for a cancelled round",
                             "results")
        self.raise_problems()
        return SeasonState(
            skeleton=skeleton, rules=self.spec.rules,
            given={slot: tuple(lines) for slot, lines in given.items()},
            timing=timing, penalties=penalties, qualifying=qualifying,
            qualifying_timing=qualifying_timing,
        )

    def round_for(self, text: str, number: int) -> RoundSpec | None:
        for r in self.calendar:
            if r.round is None:
                continue
            if round_number(text) is not None and r.round == number:
                return r
            if text.casefold() in {r.name.casefold(), r.short_name.casefold()}:
                return r
        return None

    def assign(
        self,
        results: ResultsFile,
        owner: RoundSpec | None,
        given: dict[Slot, list[ResultLine]],
        race_number: int | None = None,
    ) -> None:
        for key, races in results.rounds.items():
            target = owner if owner is not None else self.round_for(key.name, key.number)
            if target is None or target.round is None:
                first = next(iter(races.values()))[0]
                self.problems.append(
                    Problem(
                        results.file,
                        first.source.line if first.source else None,
                        "round",
                        "a round of the season's calendar (its number, name or short name)",
                        show_found(key.name),
                    )
                )
                continue
            for number, lines in races.items():
                given.setdefault((target.round, race_number or number), []).extend(lines)

    # -- the season ready to score ------------------------------------------------------------

    def finish(self, state: SeasonState) -> LoadedSeason:
        try:
            derived = derive(state)
        except InputError as err:
            self.problems.extend(err.problems)
            self.raise_problems()
            raise
        season = derived.season
        adjustments = self.adjustments(season)
        self.raise_problems()
        if adjustments:
            season = season.model_copy(update={"adjustments": adjustments})
            state = state.with_changes(
                skeleton=state.skeleton.model_copy(update={"adjustments": adjustments}))
        self.check_adjustments_match(season)  # scores the season: an unordered race is a problem
        self.raise_problems()
        return LoadedSeason(season=season, rules=self.spec.rules, timed_races=derived.timed,
                            state=state)


    def adjustments(self, season: Season) -> tuple[PointsAdjustment, ...]:
        """The season's points adjustments, each checked on its own: a scored class, known
        tables, a row named, points, a held round."""
        scored = [c for c in season.class_codes()
                  if (found := season.car_class(c)) is None or found.scored]
        held = [r.number for r in season.held_rounds() if r.number is not None]
        built = []
        for i, a in enumerate(self.spec.adjustments):
            at: Path_ = ("adjustments", i)
            if a.class_ not in scored:
                self.problem((*at, "class"), "a scored class of the season ("
                             + ", ".join(scored) + ")", a.class_)
            words = [a.table] if isinstance(a.table, str) else a.table
            tables: list[TableKind] = []
            for word in words:
                if word == "all":
                    tables.extend(TableKind)
                elif word in set(TableKind):
                    tables.append(TableKind(word))
                else:
                    self.problem((*at, "table"), "drivers, teams, manufacturers or all", word)
            if not words:
                self.problem((*at, "table"), "drivers, teams, manufacturers or all", None)
            if not a.who.strip() and a.number is None:
                self.problem(at, "the row to adjust: `who` (a driver, team or make as the "
                             "table names it) or `number` (a car)", None)
            if a.points == 0:
                self.problem((*at, "points"), "points other than 0 (negative: deducted)",
                             a.points)
            if a.round is not None and a.round not in held:
                self.problem((*at, "round"), "a held round of the calendar ("
                             + ", ".join(str(n) for n in held) + ")", a.round)
            built.append(PointsAdjustment(
                class_code=a.class_, tables=tuple(dict.fromkeys(tables)), who=a.who.strip(),
                number=a.number, points=a.points, round=a.round, reason=a.reason,
            ))
        return tuple(built)

    def check_adjustments_match(self, season: Season) -> None:
        """Every adjustment must name a row in each table it is for, and a bare name one row.
        Scoring the season also finds the cars a combined order cannot place."""
        try:
            tables = season_standings(season, self.spec.rules)
        except InputError as err:
            self.problems.extend(err.problems)
            return
        for miss in adjustment_misses(season, tables):
            at: Path_ = ("adjustments", miss.index, "who" if miss.adjustment.who else "number")
            expected, found = adjustment_problem(miss)
            self.problems.append(Problem(self.file, line_of(at, self.lines),
                                         ".".join(map(str, at)), expected, found))


def adjustment_problem(miss: AdjustmentMiss) -> tuple[str, str]:
    """What a missed adjustment should have named, and what it named: (expected, found)."""
    adjustment = miss.adjustment
    named = adjustment.who or f"#{adjustment.number}"
    where = f"the {adjustment.class_code} {miss.kind.value} table"
    if miss.named:
        return (f"one row of {where} (add the car's `number`)",
                f"{named!r} naming {len(miss.named)} rows: " + ", ".join(miss.named))
    close = difflib.get_close_matches(named, miss.rows, n=1) if adjustment.number is None else []
    hint = f" (did you mean {close[0]!r}?)" if close else ""  # a misspelt name, not a car
    return f"a row of {where}{hint}", show_found(named)


def distance_judged(results: ResultsFile, rules: RuleSet) -> ResultsFile:
    """Results as a CSV gives them, finished, judged by the rule set's distance rule: a car the
    file lists as classified but short of the share of its winner's laps is NC (with a note)."""
    return ResultsFile(results.file, {
        key: {number: list(judged_lines(lines, rules)) for number, lines in races.items()}
        for key, races in results.rounds.items()
    })


def season_from_results(results: ResultsFile, rules: RuleSet, title: str) -> LoadedSeason:
    """A season made of nothing but a results CSV, for `pitboard standings FILE.csv`."""
    results = distance_judged(results, rules)
    rounds = []
    for key in sorted(results.rounds):
        races = results.rounds[key]
        several = len(races) > 1
        rounds.append(
            Round(
                number=key.number,
                name=key.name if not key.name.isdigit() else f"Round {key.number}",
                races=tuple(
                    Race(
                        number=n,
                        name=f"Race {n}" if several else "Race",
                        results=tuple(lines),
                        source=SourceRef(results.file),
                    )
                    for n, lines in sorted(races.items())
                ),
            )
        )
    slug = Path(results.file).stem
    season = Season(
        id=f"file/{slug}",
        series=Series(id="file", name=title),
        name="",
        rounds=tuple(rounds),
    )
    return LoadedSeason(season=season, rules=rules)
