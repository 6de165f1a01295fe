"""Load a season file and the results files it names into a Season and its RuleSet.

All problems of the season file and of every file it names are reported together.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

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
from pitboard.domain.problems import show_found
from pitboard.domain.results import ResultsFile
from pitboard.domain.season import EntryDriver, StandingDecision
from pitboard.domain.standings import PointsAdjustment, TableKind
from pitboard.domain.timing import TimingSession
from pitboard.engine.distance import judged_lines
from pitboard.engine.standings import AdjustmentMiss, adjustment_misses, season_standings
from pitboard.formats.penalties_csv import parse_penalties_csv
from pitboard.formats.results_csv import parse_qualifying, parse_results
from pitboard.formats.text import default_manufacturer
from pitboard.formats.yamldoc import Path_, line_of, load_yaml_with_lines
from pitboard.ingest.files import read_text, read_timing_path
from pitboard.ingest.league import SEASON_FILE, default_calendar
from pitboard.ingest.season_schema import PersonSpec, RoundSpec, SeasonSpec
from pitboard.ingest.timed_race import SeasonTiming, TimedRace
from pitboard.rules import RuleSet
from pitboard.rules.presets import preset_names, rules_with_overrides


@dataclass(frozen=True)
class LoadedSeason:
    season: Season
    rules: RuleSet
    path: Path | None = None
    # What each race classified from a timing file was classified from, by (round, race): the
    # store keeps it to draw lap charts and to classify the race again (seasonfile.timed_race).
    timed_races: dict[tuple[int, int], TimedRace] = field(default_factory=dict)


def load_league_folder(path: Path) -> LoadedSeason:
    """A league folder's season (its season.yaml and the sim result files beside it), classified
    and ready to score; `path` may also be the season file itself. See docs/league-seasons.md."""
    return load_season_file(path / SEASON_FILE if path.is_dir() else path)


def load_season_file(path: Path) -> LoadedSeason:
    """Read a season file and everything it names; raise InputError listing every problem."""
    return parse_season(read_text(path), str(path), base=path.parent)


def parse_season(text: str, file: str, base: Path) -> LoadedSeason:
    data, lines = load_yaml_with_lines(text, file)
    if isinstance(data, dict) and isinstance(data.get("season"), int | float):
        data["season"] = str(data["season"])  # `season: 2013` means the text "2013"
    if isinstance(data, dict) and isinstance(data.get("rules"), dict) and "preset" in data["rules"]:
        data["rules"] = _rules_from_preset(data["rules"], file, lines)
    try:
        spec = SeasonSpec.model_validate(data)
    except ValidationError as err:
        raise InputError(_validation_problems(err, file, lines)) from None
    return _SeasonBuilder(spec, file, base, lines).build()


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


def _validation_problems(
    err: ValidationError, file: str, lines: dict[Path_, int]
) -> list[Problem]:
    problems = []
    for e in err.errors():
        loc = tuple(part for part in e["loc"] if not str(part).startswith("function-"))
        path = tuple(p for p in loc if isinstance(p, str | int))
        # Union members add their type name to the location; leave only the document path.
        path = tuple(p for p in path if p in _yaml_keys(lines) or isinstance(p, int))
        expected = _EXPECTED.get(e["type"], e["msg"])
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
}


def _yaml_keys(lines: dict[Path_, int]) -> set[str | int]:
    return {part for path in lines for part in path}


class _SeasonBuilder:
    def __init__(self, spec: SeasonSpec, file: str, base: Path, lines: dict[Path_, int]) -> None:
        self.spec, self.file, self.base, self.lines = spec, file, base, lines
        self.problems: list[Problem] = []
        self.sessions: dict[Path, TimingSession | None] = {}
        self.timed: dict[tuple[int, int], TimedRace] = {}
        self.timing = SeasonTiming(spec.class_map, spec.drivers)
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

    def build(self) -> LoadedSeason:
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
        classes = tuple(CarClass(**c.model_dump()) for c in spec.classes)
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
                note=e.note,
            )
            for e in spec.entries
        )
        rounds = self.rounds()
        self.check_classes(rounds)
        if self.problems:
            raise InputError(self.problems)
        season = Season(
            id=f"{series.id}/{spec.season}",
            series=series,
            name=spec.season,
            classes=classes,
            rounds=tuple(rounds),
            drivers=drivers,
            teams=teams,
            entries=entries,
            decisions=tuple(
                StandingDecision(
                    class_code=d.class_, order=tuple(d.order), reason=d.reason,
                    tables=tuple(d.tables),
                )
                for d in spec.decisions
            ),
            notes=tuple(spec.notes),
            class_map=dict(spec.class_map),
        )
        adjustments = self.adjustments(season)
        if self.problems:
            raise InputError(self.problems)
        if adjustments:
            season = season.model_copy(update={"adjustments": adjustments})
        self.check_adjustments_match(season)  # scores the season: an unordered race is a problem
        if self.problems:
            raise InputError(self.problems)
        return LoadedSeason(season=season, rules=spec.rules, path=self.base / SEASON_FILE,
                            timed_races=self.timed)

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

    def read_results(self, name: str, path: Path_) -> ResultsFile | None:
        target = self.base / name
        try:
            read = parse_results(read_text(target), str(target), collect=self.problems)
            return distance_judged(read, self.spec.rules)
        except InputError as err:
            self.problems.extend(err.problems)
        return None

    def session(self, target: Path) -> TimingSession | None:
        """A timing file read once, as the file gives it."""
        if target not in self.sessions:
            try:
                self.sessions[target] = read_timing_path(target)
            except InputError as err:
                self.problems.extend(err.problems)
                self.sessions[target] = None
        return self.sessions[target]

    def learn_drivers(self) -> None:
        """Every driver of every timing file, so one name can follow a driver across rounds."""
        for r in self.calendar:
            for name in _timing_files(r):
                session = self.session(self.base / name)
                if session is not None:
                    self.timing.learn(session)

    def read_timing(
        self, at: tuple[int, int], name: str, penalties_name: str | None,
        qualifying: TimingSession | None = None,
    ) -> list[ResultLine]:
        """The result lines of race `at` (round, race) classified from a timing file, its
        penalties CSV and the round's qualifying timing; what it was classified from is kept."""
        session = self.session(self.base / name)
        if session is None:
            return []
        try:
            penalties = (parse_penalties_csv(read_text(self.base / penalties_name),
                                             str(self.base / penalties_name))
                         if penalties_name else ())
            race = TimedRace(session, penalties, qualifying)
            lines = self.timing.result_lines(race, self.spec.rules)
        except InputError as err:
            self.problems.extend(err.problems)
            return []
        self.timed[at] = race
        return list(lines)

    def qualifying(self, name: str) -> TimingSession | None:
        """A round's qualifying timing file, checked against the class map once here, though
        it gives the class poles of each race of the round."""
        session = self.session(self.base / name)
        if session is None:
            return None
        try:
            self.timing.in_classes(session)
        except InputError as err:
            self.problems.extend(err.problems)
            return None
        return session

    def check_classes(self, rounds: list[Round]) -> None:
        """Where the season lists its classes, a result in any other class is a typo to report,
        not a new championship to score."""
        declared = {c.code for c in self.spec.classes}
        if not declared:
            return
        for rnd in rounds:
            for race in rnd.races:
                for line in race.results:
                    if line.class_code not in declared:
                        self.problems.append(Problem(
                            line.source.file if line.source else self.file,
                            line.source.line if line.source else None, "class",
                            "a class of the season (" + ", ".join(sorted(declared)) + ")",
                            repr(line.class_code)))

    def read_qualifying(self, name: str) -> QualifyingSession | None:
        target = self.base / name
        try:
            return parse_qualifying(read_text(target), str(target))
        except InputError as err:
            self.problems.extend(err.problems)
        return None

    def rounds(self) -> list[Round]:
        spec = self.spec
        if not self.calendar:
            self.calendar = default_calendar(self.base, self.session, self.problems)
        self.learn_drivers()
        numbers = [r.round for r in self.calendar if r.round is not None]
        for i, r in enumerate(self.calendar):
            if r.status is RoundStatus.HELD and r.round is None:
                self.problem(("calendar", i, "round"), "a round number for a held round", None)
            if r.round is not None and numbers.count(r.round) > 1:
                self.problem(("calendar", i, "round"), "a round number used once", r.round)
        # Lines of each round, by race number, from season-level and round-level files.
        by_round: dict[int, dict[int, list[ResultLine]]] = {}
        for i, name in enumerate(spec.results):
            results = self.read_results(name, ("results", i))
            if results is not None:
                self.assign(results, None, by_round)
        built = []
        for i, r in enumerate(self.calendar):
            files = [r.results] if isinstance(r.results, str) else (r.results or [])
            for name in files:
                results = self.read_results(name, ("calendar", i, "results"))
                if results is not None:
                    self.assign(results, r, by_round)
            qualifying = self.qualifying(r.qualifying_timing) if r.qualifying_timing else None
            timing = [r.timing] if isinstance(r.timing, str) else (r.timing or [])
            for number, name in enumerate(timing, start=1):
                if r.round is not None:
                    lines = self.read_timing((r.round, number), name, None, qualifying)
                    by_round.setdefault(r.round, {}).setdefault(number, []).extend(lines)
            for race in r.races:
                if race.results:
                    results = self.read_results(race.results, ("calendar", i, "races"))
                    if results is not None:
                        self.assign(results, r, by_round, race_number=race.number)
                if race.timing and r.round is not None:
                    lines = self.read_timing((r.round, race.number), race.timing, race.penalties,
                                             qualifying)
                    by_round.setdefault(r.round, {}).setdefault(race.number, []).extend(lines)
            built.append(self.build_round(i, r, by_round.get(r.round or -1, {})))
        return built

    def round_for(self, text: str, number: int) -> RoundSpec | None:
        for r in self.calendar:
            if r.round is None:
                continue
            if text.isdigit() and r.round == number:
                return r
            if text.casefold() in {r.name.casefold(), r.short_name.casefold()}:
                return r
        return None

    def assign(
        self,
        results: ResultsFile,
        owner: RoundSpec | None,
        by_round: dict[int, dict[int, list[ResultLine]]],
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
                by_round.setdefault(target.round, {}).setdefault(
                    race_number or number, []
                ).extend(lines)

    def build_round(self, i: int, r: RoundSpec, races: dict[int, list[ResultLine]]) -> Round:
        if r.status is RoundStatus.CANCELLED and races:
            self.problem(("calendar", i, "status"), "no results for a cancelled round", "results")
        meta = {race.number: race for race in r.races}
        for j, race in enumerate(r.races):
            if race.scale is not None and race.scale not in self.spec.rules.scales:
                known = ", ".join(self.spec.rules.scales) or "none in this rule set"
                self.problem(("calendar", i, "races", j, "scale"),
                             f"a points scale of the rule set ({known})", race.scale)
        race_numbers = sorted(set(races) | set(meta))
        several = len(race_numbers) > 1
        built_races = []
        for number in race_numbers:
            info = meta.get(number)
            lines = races.get(number, [])
            built_races.append(
                Race(
                    number=number,
                    name=(info.name if info and info.name else
                          (f"Race {number}" if several else "Race")),
                    results=tuple(lines),
                    multiplier=info.multiplier if info else 1,
                    scale=info.scale if info else None,
                    scheduled_seconds=info.scheduled_seconds if info else None,
                    leader_seconds=info.leader_seconds if info else None,
                    leader_laps=info.leader_laps if info else None,
                    checkpoints=tuple(
                        RaceCheckpoint(name=c.name, order=tuple(c.order)) for c in info.checkpoints
                    ) if info else (),
                    source=lines[0].source if lines and lines[0].source else None,
                )
            )
        return Round(
            number=r.round,
            name=r.name,
            short_name=r.short_name,
            circuit=r.circuit,
            country=self.nationality(r.country, ("calendar", i, "country")),
            date=r.date,
            status=r.status,
            races=tuple(built_races),
            qualifying=self.read_qualifying(r.qualifying) if r.qualifying else None,
            note=r.note,
        )


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


def _timing_files(r: RoundSpec) -> list[str]:
    """Every timing file a round names: its races' and its qualifying's."""
    files = [r.timing] if isinstance(r.timing, str) else list(r.timing or [])
    files += [race.timing for race in r.races if race.timing]
    return files + ([r.qualifying_timing] if r.qualifying_timing else [])


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
