"""rFactor 2 / Le Mans Ultimate vocabulary: session tags, finish statuses, stream penalty lines."""

from __future__ import annotations

import re

from pitboard.domain import FinishStatus
from pitboard.domain.timing import SessionKind

# Session elements under <RaceResults>, by the start of their tag (Practice1, Qualify2 ...).
SESSION_KINDS: dict[str, SessionKind] = {
    "Race": SessionKind.RACE,
    "Qualify": SessionKind.QUALIFYING,
    "Practice": SessionKind.PRACTICE,
    "Warmup": SessionKind.PRACTICE,
    "TestDay": SessionKind.PRACTICE,
}

# <FinishStatus>: the game's own verdict on each driver.
FINISH_STATUSES: dict[str, FinishStatus | None] = {
    "Finished Normally": FinishStatus.CLASSIFIED,
    "DNF": FinishStatus.DNF,
    "DQ": FinishStatus.DSQ,
    "None": None,  # no verdict: the driver was not running at the end (qualifying, practice)
}

# Written where a time or a session clock value is missing.
NO_TIME = {"--.---", "--.----", ""}

# <Laps> and <RaceLaps> use 2^31 - 1 (or 0) for "no lap limit".
NO_LIMIT = 2_147_483_647

# <Penalty> lines of the event stream, after the driver's name. Only "added N seconds to totalET"
# changes the result (the time is already inside <FinishTime>); the others are served on track.
PENALTY_RECEIVED = re.compile(r"^received (?P<kind>.+?) penalty(?:, (?P<seconds>\d+)s)?")
PENALTY_SERVED = re.compile(r"^served \S+ (?P<kind>.+?) penalty")
PENALTY_ADDED = re.compile(r"^finished before serving penalty, added (?P<seconds>\d+) seconds")
