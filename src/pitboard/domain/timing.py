"""Timing data of one session, as every timing reader (Al Kamel, rFactor 2, ACC, iRacing) gives it.

Readers only translate their source into these records; classification, qualifying order,
penalties and driving time are computed by the engine from them.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pitboard.domain.base import Record
from pitboard.domain.classification import Penalty
from pitboard.domain.problems import InputError, Problem, SourceRef
from pitboard.domain.results import FinishStatus


class SessionKind(StrEnum):
    RACE = "race"
    QUALIFYING = "qualifying"
    PRACTICE = "practice"


class Lap(Record):
    """One lap of one car, in the car's own lap order."""

    number: int  # 1-based lap number of this car
    driver: str | None = None  # name of the driver at the wheel
    time_seconds: float | None = None  # None: no time recorded for this lap
    elapsed_seconds: float | None = None  # session clock when the car crossed the line ending it
    sectors: tuple[float | None, ...] = ()
    pit_in: bool = False  # the lap ended in the pit lane
    pit_time_seconds: float | None = None  # time spent in the pit lane, carried on the out-lap
    flag: str | None = None  # flag at the line: GF, SF, FCY, FF ... as the source writes it
    valid: bool = True  # False: the lap does not count for best lap (track limits, invalid)
    source: SourceRef | None = None


class TimedDriver(Record):
    name: str
    nationality: str | None = None  # ISO 3166-1 alpha-3 when the source gives one
    rating: str | None = None  # FIA category (Platinum, Gold, Silver, Bronze) if the source says
    source_id: str | None = None  # the source's own id for the driver (iRacing cust_id, Steam id)


class StatedPenalty(Record):
    """A penalty as the source records it (a drive-through served, time added after the race)."""

    kind: str  # as the source names it: "Stop/Go", "Drive Thru", "DriveThrough", "PostRaceTime"
    seconds: float | None = None  # time added to the result or lost serving it, if the source says
    lap: int | None = None  # lap of the offence or of the decision, if the source says
    served: bool | None = None  # None: the source does not say
    in_result: bool = False  # its seconds are part of the car's penalty_seconds
    reason: str = ""  # e.g. ACC "Cutting"
    source: SourceRef | None = None


class TimedCar(Record):
    """A car in a timed session with its laps and what the source itself states about it."""

    number: str  # as text: "007" is not "7"
    class_code: str
    group: str = ""  # sub-class the source gives (Al Kamel GROUP, e.g. LMP2 "P/A"; ACC cup)
    team: str = ""
    vehicle: str = ""  # the car model / chassis as the source names it
    manufacturer: str = ""
    drivers: tuple[TimedDriver, ...] = ()
    laps: tuple[Lap, ...] = ()
    # What the source states, where it states it (sim results carry their own verdicts):
    stated_status: FinishStatus | None = None
    stated_position: int | None = None
    stated_laps: int | None = None  # laps completed, when there are no lap records
    stated_total_seconds: float | None = None  # time to the line on the road, without penalties
    stated_gap_seconds: float | None = None  # the source's gap to the session winner, same lap
    stated_best_lap_seconds: float | None = None
    stated_best_lap_number: int | None = None  # the lap it was set on, when the source says
    penalty_seconds: float = 0.0  # time penalties the source already decided (ACC post-race)
    stated_penalties: tuple[StatedPenalty, ...] = ()  # every penalty the source lists for the car
    status_reason: str = ""  # e.g. an rFactor 2 DNFReason
    source: SourceRef | None = None


class TimingSession(Record):
    """One session of timing data: who ran, their laps, and how the session was scheduled."""

    kind: SessionKind
    name: str = ""
    source_format: str = ""  # e.g. "alkamel-analysis", "rfactor2-xml"
    event: str = ""
    track: str = ""
    date: dt.date | None = None
    scheduled_seconds: float | None = None  # time-certain races
    scheduled_laps: int | None = None  # distance races
    cars: tuple[TimedCar, ...] = ()
    source: SourceRef | None = None


class TimedRace(Record):
    """What a race is classified from: its timing session, the stewards' decisions on it, and
    the round's qualifying timing that gives its class poles."""

    session: TimingSession
    penalties: tuple[Penalty, ...] = ()
    qualifying: TimingSession | None = None


def session_label(number: int, session: TimingSession) -> str:
    """How a session of a file is named to the user: `2 (Qualify, qualifying)`."""
    name = session.name or session.kind.value
    if name.casefold() == session.kind.value:
        return f"{number} ({name})"
    return f"{number} ({name}, {session.kind.value})"


def pick_session(
    sessions: tuple[TimingSession, ...], choice: str | None, prefer: SessionKind, file: str
) -> TimingSession:
    """The session of a file a command is about.

    `choice` is a session's number in the file (1 = the first run), its name as the file gives
    it (`Q2`, `Race2`, `QUALIFY`) or a kind (`race`, `qualifying`, `practice`), ignoring case;
    a kind several sessions share picks the last of them, as does no choice for `prefer`. With no
    choice and no session of the preferred kind, the file's last race, else its last session
    (games write practice and qualifying before the race they lead to).
    """
    if not sessions:
        raise InputError([Problem(file, None, "sessions", "at least one session", "none")])
    if choice is None:
        preferred = [s for s in sessions if s.kind is prefer]
        races = [s for s in sessions if s.kind is SessionKind.RACE]
        return (preferred or races or list(sessions))[-1]
    wanted = choice.strip().casefold()
    if wanted.isascii() and wanted.isdigit() and 1 <= int(wanted) <= len(sessions):
        return sessions[int(wanted) - 1]
    named = [s for s in sessions if s.name.casefold() == wanted]
    of_kind = [s for s in sessions if s.kind.value == wanted]
    if named or of_kind:
        return (named or of_kind)[-1]
    listed = ", ".join(session_label(i, s) for i, s in enumerate(sessions, start=1))
    raise InputError([Problem(file, None, "--session", f"a session of the file: {listed}",
                              repr(choice))])
