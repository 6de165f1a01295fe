"""RaceRoom dedicated-server vocabulary: session types, finish statuses, "no time" values."""

from __future__ import annotations

import re

from pitboard.domain.results import FinishStatus
from pitboard.domain.timing import SessionKind

# Sessions[].Type: Practice, Qualify, Warmup, Race, and Race2, Race3 for a weekend's later races.
SESSION_TYPE = re.compile(r"^(Practice|Qualify|Warmup|Race)(\d*)$")
SESSION_KINDS: dict[str, SessionKind] = {
    "Practice": SessionKind.PRACTICE,
    "Qualify": SessionKind.QUALIFYING,
    "Warmup": SessionKind.PRACTICE,
    "Race": SessionKind.RACE,
}

# Players[].FinishStatus; "None" is no verdict (older servers write it for every car).
FINISH_STATUSES: dict[str, FinishStatus | None] = {
    "Finished": FinishStatus.CLASSIFIED,
    "DidNotFinish": FinishStatus.DNF,
    "Disqualified": FinishStatus.DSQ,
    "DidNotStart": FinishStatus.DNS,
    "None": None,
}

# Times are milliseconds; -1000 (and any time of 0 or less) is no time.
NO_TIME_MS = 0
