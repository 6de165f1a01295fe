"""A classification as the result lines of a race, so a season round can read a timing file."""

from __future__ import annotations

from pitboard.domain import FinishStatus, ResultLine
from pitboard.domain.classification import Classification, ClassifiedCar
from pitboard.domain.durations import format_race_time
from pitboard.domain.results import DriverSeconds


def result_lines(classification: Classification) -> tuple[ResultLine, ...]:
    """One ResultLine per car, ordered by class position.

    An excluded car becomes EXC (shown, never scores). Drivers under the rule set's minimum
    driving time are left off the line, so they score nothing, and named in its note.
    """
    return tuple(_line(car) for car in classification.cars)


def _line(car: ClassifiedCar) -> ResultLine:
    status = FinishStatus.EXC if car.excluded and car.status.is_classified else car.status
    short = {d.name for d in car.driver_times if not d.scores}
    drivers = tuple(name for name in car.drivers if name not in short)
    notes = [car.notes()] if car.penalties else []
    if short:
        notes.append("under the minimum driving time: " + ", ".join(sorted(short)))
    return ResultLine(
        class_code=car.class_code,
        status=status,
        order=car.class_position,
        position=car.position,
        number=car.number,
        team=car.team or _entrant(car),
        drivers=drivers,
        chassis=car.vehicle,
        manufacturer=car.manufacturer,
        laps=car.laps,
        time=_time_text(car),
        note="; ".join(notes),
        driving=tuple(DriverSeconds(name=d.name, seconds=d.seconds) for d in car.driver_times),
        source=car.source,
    )


def _entrant(car: ClassifiedCar) -> str:
    """A car the source gives no team (sim racers entering alone) is entered under its drivers."""
    return " / ".join(car.drivers) or f"#{car.number}"


def _time_text(car: ClassifiedCar) -> str | None:
    if car.class_gap is not None:
        return car.class_gap.text() or None
    if car.race_seconds is None:
        return None
    return format_race_time(car.race_seconds)
