"""Stored timed races classified again, by the one way a season file classifies a timing file.

A race whose timing is stored takes its result lines from seasonfile.timed_race: the season's
class map and drivers (stored with the season), one name per driver learnt from every timing
session stored for the season, the race's penalties and its qualifying. So a race imported into
the store scores exactly as it would from its season file, and keeps the name, multiplier and
scale the season gave it.
"""

from __future__ import annotations

from sqlalchemy import Connection, delete, select

from pitboard.domain import InputError, Problem, Race
from pitboard.domain.timing import TimingSession
from pitboard.ingest.timed_race import SeasonTiming
from pitboard.store import schema as t
from pitboard.store.season_rows import read_drivers, read_season, write_races
from pitboard.store.timing_rows import (
    read_timed_race,
    read_timing_session,
    season_drivers_by_session,
    timed_race_slots,
)


def season_timing(conn: Connection, season_id: str) -> SeasonTiming:
    """How the stored season reads timing files (its class map, its drivers' names and ids),
    having learnt every driver of its stored sessions."""
    class_map = conn.execute(
        select(t.seasons.c.class_map).where(t.seasons.c.id == season_id)
    ).scalar()
    timing = SeasonTiming(class_map or {}, read_drivers(conn, season_id))
    for _, session in season_drivers_by_session(conn, season_id):
        timing.learn(session)
    return timing


def renamed_races(conn: Connection, season_id: str,
                  before: SeasonTiming) -> set[tuple[int, int]]:
    """The races (round id, race number) whose stored timing names a driver otherwise than
    `before` did: those a file just stored for the season changes beyond its own race."""
    after = season_timing(conn, season_id)
    return {
        race for race, session in season_drivers_by_session(conn, season_id)
        if any(before.identities.name(d) != after.identities.name(d)
               for car in session.cars for d in car.drivers)
    }


def classify_timed_races(conn: Connection, season_id: str, problems: list[Problem],
                         races: set[tuple[int, int]] | None = None) -> None:
    """Classify the season's stored timed races again (all, or `races`: round id, race number)
    and replace the result lines that change; what stops a race is a problem."""
    stored = read_season(conn, season_id)
    if stored is None:
        raise ValueError(f"season {season_id} checked as stored")
    season, rules = stored
    timing = season_timing(conn, season_id)
    for round_id, round_number, race_number in timed_race_slots(conn, season_id):
        if races is not None and (round_id, race_number) not in races:
            continue
        timed = read_timed_race(conn, round_id, race_number)
        if timed is None:
            continue
        try:
            lines = timing.result_lines(timed, rules)
        except InputError as err:
            problems.extend(err.problems)
            continue
        kept = next((race for r in season.rounds
                     if round_number is not None and r.number == round_number
                     for race in r.races if race.number == race_number), None)
        source = lines[0].source if lines else None  # as a season file's race: its first line's
        if kept is not None and kept.results == lines and kept.source == source:
            continue
        race = (kept.model_copy(update={"results": lines, "source": source})
                if kept is not None else
                Race(number=race_number, name="Race" if race_number == 1 else f"Race {race_number}",
                     results=lines, source=source))
        conn.execute(delete(t.races).where(t.races.c.round_id == round_id,
                                           t.races.c.number == race_number))
        write_races(conn, round_id, (race,))


def race_session(conn: Connection, season_id: str, round_id: int,
                 race_number: int) -> TimingSession | None:
    """A race's stored timing session as its season reads it (the season's classes, each
    driver's one name): what lap and pace charts draw. None where no timing is stored."""
    session = read_timing_session(conn, round_id, race_number)
    return season_timing(conn, season_id).prepared(session) if session is not None else None
