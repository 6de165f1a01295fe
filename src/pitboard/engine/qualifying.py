"""Qualifying: class pole and the starting grid, with disallowed times sent to the back."""

from __future__ import annotations

from pitboard.domain import QualifyingLine, QualifyingSession


def grid_order(session: QualifyingSession) -> list[QualifyingLine]:
    """The starting grid: timed cars fastest first, then cars without a valid time in listed order.

    A disallowed time keeps the car in the session but starts it from the back, as at Okayama 2009.
    """
    def key(line: QualifyingLine) -> tuple[int, float, int]:
        if line.time_seconds is not None and not line.disallowed:
            return (0, line.time_seconds, line.order)
        return (1, 0.0, line.order)

    return sorted(session.lines, key=key)


def class_poles(session: QualifyingSession) -> dict[str, str | None]:
    """The car number on pole in each class: the fastest valid time of the class."""
    poles: dict[str, str | None] = {}
    for line in grid_order(session):
        valid = line.time_seconds is not None and not line.disallowed
        if valid and line.class_code not in poles:
            poles[line.class_code] = line.number
    return poles


def class_grid_positions(session: QualifyingSession) -> dict[tuple[str, str | None], int]:
    """Each car's starting place within its class, keyed by (class, number)."""
    places: dict[tuple[str, str | None], int] = {}
    counters: dict[str, int] = {}
    for line in grid_order(session):
        counters[line.class_code] = counters.get(line.class_code, 0) + 1
        places[(line.class_code, line.number)] = counters[line.class_code]
    return places
