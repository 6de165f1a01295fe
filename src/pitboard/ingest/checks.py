"""Every result checked against the season it goes into, before anything is scored.

A season states what it holds: its classes, its entry list (which car, which team, which drivers
in which round), its calendar (where and when each round ran). A result that contradicts it is a
typo or the wrong file, and is refused with a located problem, never scored as a new class or a
second driver. A season that states less (a quick league with no entry list) is checked against
what it does state.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz, process

from pitboard.domain import (
    Entry,
    FinishStatus,
    Problem,
    QualifyingSession,
    ResultLine,
    Round,
    Season,
)
from pitboard.domain.problems import show_found
from pitboard.domain.timing import TimingSession

# A round's timing may be dated from the first practice to the finish of a 24-hour race.
DATE_TOLERANCE = dt.timedelta(days=4)
# Words every circuit name may carry, which say nothing about which circuit it is.
_GENERIC_WORDS = {
    "circuit", "international", "raceway", "speedway", "autodromo", "autodrome", "motor",
    "motorsport", "park", "race", "racing", "track", "de", "of", "the", "la", "le", "du", "des",
    "grand", "prix", "gp", "ring", "speedium", "autódromo", "kart",
}
SIMILAR = 80  # rapidfuzz WRatio (0-100) from which a name is suggested as meant


def did_you_mean(found: str, choices: Iterable[str], *, code: bool = False) -> str:
    """' (did you mean 'X'?)' for the closest choice, or '' when none is close. Names are
    compared word by word; short codes (classes) letter by letter, with a lower bar: GTX is
    one letter from GTC, and further from GTC Am."""
    others = [c for c in dict.fromkeys(choices) if c != found]
    match = process.extractOne(found, others, scorer=fuzz.ratio if code else fuzz.WRatio,
                               score_cutoff=60 if code else SIMILAR, processor=str.casefold)
    return f" (did you mean {match[0]!r}?)" if match else ""


def _listed(items: Sequence[str], most: int = 12) -> str:
    shown = ", ".join(items[:most])
    return shown + (f" and {len(items) - most} more" if len(items) > most else "")


def _where(line: ResultLine, fallback: str) -> tuple[str, int | None]:
    return (line.source.file, line.source.line) if line.source else (fallback, None)


def check_lines(season: Season, round_number: int, lines: Sequence[ResultLine],
                fallback: str) -> list[Problem]:
    """A race's result lines against the season's classes and its entry list for the round."""
    problems: list[Problem] = []
    classes = [c.code for c in season.classes]
    entries = entries_for(season, round_number)
    for line in lines:
        file, at = _where(line, fallback)
        if classes and line.class_code not in classes:
            entered = {e.class_code for e in entries
                       if line.number is not None and e.number == line.number}
            hint = (f" (car #{line.number} is entered in {sorted(entered)[0]})"
                    if len(entered) == 1
                    else did_you_mean(line.class_code, classes, code=True))
            problems.append(Problem(file, at, "class", "a class of the season ("
                                    + _listed(classes) + ")" + hint,
                                    show_found(line.class_code)))
            continue
        if not season.entries or _unnamed(line):
            continue
        entry = _entry_of(season, entries, line, round_number, file, at, problems)
        if entry is not None:
            problems.extend(_driver_problems(season, entry, round_number, line.drivers,
                                             file, at))
    return problems


def _unnamed(line: ResultLine) -> bool:
    """A car a record places but does not name (no team, number or drivers): it holds its place
    in the order, and there is nothing of it to check."""
    return not line.team and line.number is None and not line.drivers


def entries_for(season: Season, round_number: int) -> list[Entry]:
    return [e for e in season.entries if e.rounds is None or round_number in e.rounds]


def _entry_of(season: Season, entries: list[Entry], line: ResultLine, round_number: int,
              file: str, at: int | None, problems: list[Problem]) -> Entry | None:
    """The entry a result line is for: by car number, or by class and team where the record
    gives no number."""
    if line.number is not None:
        numbered = [e for e in entries if e.number == line.number]
        if not numbered:
            known = [e.number for e in entries if e.number is not None]
            problems.append(Problem(
                file, at, "number",
                f"a car on the season's entry list for round {round_number} ("
                + _listed(known) + ")" + did_you_mean(line.number, known, code=True),
                show_found(line.number)))
            return None
        same_class = [e for e in numbered if e.class_code == line.class_code]
        if not same_class:
            problems.append(Problem(
                file, at, "class",
                f"{numbered[0].class_code}, the class car #{line.number} is entered in",
                show_found(line.class_code)))
            return None
        return same_class[0]
    team = season.canonical_team(line.team)
    unnumbered = [e for e in entries if e.class_code == line.class_code
                  and season.canonical_team(e.team) == team]
    if not unnumbered:
        teams = sorted({e.team for e in entries if e.class_code == line.class_code})
        problems.append(Problem(
            file, at, "team",
            f"a team entered in {line.class_code} for round {round_number} ("
            + _listed(teams) + ")" + did_you_mean(line.team, teams),
            show_found(line.team)))
        return None
    return unnumbered[0]


def _driver_problems(season: Season, entry: Entry, round_number: int,
                     drivers: Iterable[str], file: str, at: int | None) -> list[Problem]:
    """Each driver must be on the car's entry for the round (any spelling the season knows)."""
    if not entry.drivers:
        return []
    allowed = [d.name for d in entry.drivers if d.rounds is None or round_number in d.rounds]
    canonical = {season.canonical_driver(name) for name in allowed}
    problems = []
    car = f"#{entry.number}" if entry.number else entry.team
    for name in drivers:
        if season.canonical_driver(name) in canonical:
            continue
        problems.append(Problem(
            file, at, "drivers",
            f"a driver of {car}'s entry for round {round_number} ("
            + _listed(allowed) + ")"
            + did_you_mean(name, [*allowed, *(d.name for d in season.drivers)]),
            show_found(name)))
    return problems


def check_session(season: Season, rnd: Round, session: TimingSession,
                  fallback: str) -> list[Problem]:
    """A timing session (classes mapped, drivers named as the season names them) against the
    season's classes and entries, and against where and when its round ran."""
    problems = _event_problems(rnd, session, fallback)
    lines = [
        ResultLine(class_code=car.class_code, status=FinishStatus.CLASSIFIED, order=None,
                   number=car.number, team=car.team or car.number,
                   drivers=tuple(d.name for d in car.drivers if d.name), source=car.source)
        for car in session.cars
    ]
    if rnd.number is not None:
        problems += check_lines(season, rnd.number, lines, fallback)
    return problems


def _event_problems(rnd: Round, session: TimingSession, fallback: str) -> list[Problem]:
    """Where the file states its circuit or date, they must be the round's."""
    where = session.source.file if session.source else fallback
    problems = []
    if session.track and rnd.circuit and not same_circuit(session.track, rnd.circuit):
        problems.append(Problem(where, None, "track",
                                f"a session at {rnd.circuit} (round {rnd.number}, {rnd.name})",
                                show_found(session.track)))
    if session.date and rnd.date and abs(session.date - rnd.date) > DATE_TOLERANCE:
        problems.append(Problem(where, None, "date",
                                f"a date within {DATE_TOLERANCE.days} days of {rnd.date} "
                                f"(round {rnd.number}, {rnd.name})",
                                show_found(session.date.isoformat())))
    return problems


def _words(name: str) -> set[str]:
    plain = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return {w for w in re.split(r"[^a-z0-9]+", plain) if w and w not in _GENERIC_WORDS}


def same_circuit(track: str, circuit: str) -> bool:
    """Whether a game's or a timing system's track name can be the round's circuit: they share
    a telling word ("Sebring International Raceway" / "Sebring"), or read alike."""
    mine, theirs = _words(track), _words(circuit)
    if mine & theirs:
        return True
    return fuzz.token_set_ratio(" ".join(sorted(mine)), " ".join(sorted(theirs))) >= SIMILAR


def check_qualifying(season: Season, round_number: int, session: QualifyingSession,
                     fallback: str) -> list[Problem]:
    """A qualifying order's cars against the season's classes and entries for the round."""
    lines = [
        ResultLine(class_code=q.class_code, status=FinishStatus.CLASSIFIED, order=q.order,
                   number=q.number, team=q.team, drivers=q.drivers, source=q.source)
        for q in session.lines
    ]
    return check_lines(season, round_number, lines, fallback)
