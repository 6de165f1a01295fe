"""A timed session (cars and their laps) to rows and back, so lap charts can be drawn from it."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from pitboard.domain import FinishStatus
from pitboard.domain.timing import Lap, SessionKind, TimedCar, TimedDriver, TimingSession
from pitboard.store import schema as t
from pitboard.store.season_rows import new_id, source_columns, source_ref


def write_timing_session(
    conn: Connection, round_id: int, race_number: int, session: TimingSession
) -> int:
    """Store a session for a race of a round, replacing the one of the same kind already there."""
    conn.execute(
        delete(t.timing_sessions).where(
            t.timing_sessions.c.round_id == round_id,
            t.timing_sessions.c.race_number == race_number,
            t.timing_sessions.c.kind == session.kind.value,
        )
    )
    session_id = new_id(conn,
        insert(t.timing_sessions).values(
            round_id=round_id, race_number=race_number, kind=session.kind.value,
            name=session.name, source_format=session.source_format, event=session.event,
            track=session.track, date=session.date, scheduled_seconds=session.scheduled_seconds,
            scheduled_laps=session.scheduled_laps, **source_columns(session.source),
        )
    )
    lap_rows: list[dict[str, Any]] = []
    for i, car in enumerate(session.cars):
        car_id = new_id(conn,
            insert(t.timed_cars).values(
                session_id=session_id, seq=i, number=car.number, class_code=car.class_code,
                car_group=car.group, team=car.team, vehicle=car.vehicle,
                manufacturer=car.manufacturer,
                drivers=[d.model_dump(mode="json") for d in car.drivers],
                stated_status=car.stated_status.value if car.stated_status else None,
                stated_position=car.stated_position, stated_laps=car.stated_laps,
                stated_total_seconds=car.stated_total_seconds,
                stated_best_lap_seconds=car.stated_best_lap_seconds,
                penalty_seconds=car.penalty_seconds, status_reason=car.status_reason,
                **source_columns(car.source),
            )
        )
        lap_rows.extend(
            {
                "car_id": car_id, "number": lap.number, "driver": lap.driver,
                "time_seconds": lap.time_seconds, "elapsed_seconds": lap.elapsed_seconds,
                "sectors": list(lap.sectors), "pit_in": lap.pit_in,
                "pit_time_seconds": lap.pit_time_seconds, "flag": lap.flag,
                "valid": lap.valid, **source_columns(lap.source),
            }
            for lap in car.laps
        )
    if lap_rows:
        conn.execute(insert(t.laps), lap_rows)
    return session_id


def timing_slots(conn: Connection, round_id: int) -> list[tuple[int, str, str]]:
    """(race number, kind, name) of each session stored for a round."""
    rows = conn.execute(
        select(t.timing_sessions.c.race_number, t.timing_sessions.c.kind,
               t.timing_sessions.c.name)
        .where(t.timing_sessions.c.round_id == round_id)
        .order_by(t.timing_sessions.c.race_number, t.timing_sessions.c.kind)
    )
    return [(r.race_number, r.kind, r.name) for r in rows]


def read_timing_session(
    conn: Connection, round_id: int, race_number: int, kind: SessionKind = SessionKind.RACE
) -> TimingSession | None:
    row = conn.execute(
        select(t.timing_sessions).where(
            t.timing_sessions.c.round_id == round_id,
            t.timing_sessions.c.race_number == race_number,
            t.timing_sessions.c.kind == kind.value,
        )
    ).first()
    if row is None:
        return None
    car_rows = list(conn.execute(
        select(t.timed_cars).where(t.timed_cars.c.session_id == row.id)
        .order_by(t.timed_cars.c.seq)
    ))
    laps_by_car: dict[int, list[Lap]] = defaultdict(list)
    if car_rows:
        for lap in conn.execute(
            select(t.laps).where(t.laps.c.car_id.in_([c.id for c in car_rows]))
            .order_by(t.laps.c.car_id, t.laps.c.number)
        ):
            laps_by_car[lap.car_id].append(Lap(
                number=lap.number, driver=lap.driver, time_seconds=lap.time_seconds,
                elapsed_seconds=lap.elapsed_seconds, sectors=tuple(lap.sectors),
                pit_in=lap.pit_in, pit_time_seconds=lap.pit_time_seconds, flag=lap.flag,
                valid=lap.valid, source=source_ref(lap),
            ))
    return TimingSession(
        kind=SessionKind(row.kind), name=row.name, source_format=row.source_format,
        event=row.event, track=row.track, date=row.date,
        scheduled_seconds=row.scheduled_seconds, scheduled_laps=row.scheduled_laps,
        source=source_ref(row),
        cars=tuple(
            TimedCar(
                number=c.number, class_code=c.class_code, group=c.car_group, team=c.team,
                vehicle=c.vehicle, manufacturer=c.manufacturer,
                drivers=tuple(TimedDriver(**d) for d in c.drivers),
                laps=tuple(laps_by_car[c.id]),
                stated_status=FinishStatus(c.stated_status) if c.stated_status else None,
                stated_position=c.stated_position, stated_laps=c.stated_laps,
                stated_total_seconds=c.stated_total_seconds,
                stated_best_lap_seconds=c.stated_best_lap_seconds,
                penalty_seconds=c.penalty_seconds, status_reason=c.status_reason,
                source=source_ref(c),
            )
            for c in car_rows
        ),
    )

