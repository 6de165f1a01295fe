"""Durations as people write them, read the same way by timing readers and by rule sets.

Kept in the domain because rule sets (race lengths, driving-time limits) need it as much as the
readers do, and neither should depend on the other.
"""

from __future__ import annotations

import math


def parse_duration(text: str) -> float | None:
    """Seconds from `ss.fff`, `m:ss.fff`, `h:mm:ss.fff` or `h:mm'ss.fff`; None if not a time.

    Al Kamel writes an apostrophe before the seconds (`4:00'04.690`), regulations write whole
    clocks (`1:15:00`); all of them are the same count of seconds in base 60. `nan`, `inf` and
    numbers too large to count are not times, though `float` reads them.
    """
    cleaned = text.strip().replace("'", ":")
    if not cleaned:
        return None
    parts = cleaned.split(":")
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        return None
    if len(numbers) > 3 or any(n < 0 or not math.isfinite(n) for n in numbers):
        return None
    seconds = 0.0
    for n in numbers:
        seconds = seconds * 60 + n
    return round(seconds, 6) if math.isfinite(seconds) else None


def format_duration(seconds: float) -> str:
    """`m:ss.fff`, or `h:mm:ss.fff` from an hour up, as timing sheets print lap and race times."""
    hours, minutes, secs, ms = _clock_parts(seconds)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}.{ms:03d}"
    return f"{minutes}:{secs:02d}.{ms:03d}"


def format_race_time(seconds: float) -> str:
    """`h:mm:ss.fff`, hours always shown (`0:20:35.725`), as classifications print race times."""
    hours, minutes, secs, ms = _clock_parts(seconds)
    return f"{hours}:{minutes:02d}:{secs:02d}.{ms:03d}"


def _clock_parts(seconds: float) -> tuple[int, int, int, int]:
    hours, rest = divmod(round(seconds * 1000), 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, ms = divmod(rest, 1000)
    return hours, minutes, secs, ms
