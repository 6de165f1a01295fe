"""iRacing results vocabulary: session types, reasons out, units."""

from __future__ import annotations

from pitboard.domain import FinishStatus
from pitboard.domain.timing import SessionKind

# simsession_type: the kind of each session of a subsession.
SESSION_KINDS: dict[int, SessionKind] = {
    3: SessionKind.PRACTICE,  # Open Practice
    4: SessionKind.QUALIFYING,  # Lone Qualifying
    5: SessionKind.QUALIFYING,  # Open Qualifying
    6: SessionKind.RACE,  # Race
}

# reason_out: how the car ended the session, as iRacing words it.
REASONS_OUT: dict[str, FinishStatus] = {
    "Running": FinishStatus.CLASSIFIED,
    "Disconnected": FinishStatus.DNF,
    "Disqualified": FinishStatus.DSQ,
}

# Times (lap times, intervals) are integers in 1/10,000 s; -1 means "no time".
TICKS_PER_SECOND = 10_000
NO_TIME = -1
