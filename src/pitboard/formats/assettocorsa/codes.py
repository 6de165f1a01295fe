"""Assetto Corsa server vocabulary: session types and the values that mean "no time"."""

from __future__ import annotations

from pitboard.domain.timing import SessionKind

# Type: one file per session; BOOK is the booking phase before practice.
SESSION_KINDS: dict[str, SessionKind] = {
    "PRACTICE": SessionKind.PRACTICE,
    "QUALIFY": SessionKind.QUALIFYING,
    "RACE": SessionKind.RACE,
    "BOOK": SessionKind.PRACTICE,
}

NO_BEST_LAP = 999_999_999  # BestLap of a car without a lap (ms)
NS_PER_SECOND = 1_000_000_000  # Server Manager writes PenaltyTime as a Go duration: nanoseconds
