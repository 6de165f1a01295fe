"""A timed session (cars and their laps) to rows and back, exactly as its file gave it, with the
stewards' decisions it is classified with: lap charts are drawn from it, the race classified
again from it (seasonfile.timed_race)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from pitboard.domain import FinishStatus
from pitboard.domain.classification import Penalty
from pitboard.domain.timing import Lap, SessionKind, TimedCar, TimedDriver, TimingSession
from pitboard.ingest.timed_race import TimedRace
from pitboard.store import schema as t
from pitboard.store.season_rows import new_id, source_columns, source_ref


def write_timing_session(
    conn: Connection, round_id: int, race_number: int, session: TimingSession,
    penalties: Sequence[Penalty] = (),
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
            penalties=[p.model_dump(mode="json") for p in penalties],
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
                record=car.model_dump(mode="json", exclude={"laps"}),
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


def write_timed_race(conn: Connection, round_id: int, race_number: int, race: TimedRace) -> None:
    """A race's timing file with its penalties, and the qualifying that gives its class poles."""
    write_timing_session(conn, round_id, race_number, race.session, race.penalties)
    if race.qualifying is not None:
        write_timing_session(conn, round_id, race_number, race.qualifying)


def set_penalties(conn: Connection, round_id: int, race_number: int,
                  penalties: Sequence[Penalty]) -> None:
    """The stewards' decisions the race's timing is classified with, replacing earlier ones."""
    conn.execute(
        update(t.timing_sessions).where(
            t.timing_sessions.c.round_id == round_id,
            t.timing_sessions.c.race_number == race_number,
            t.timing_sessions.c.kind == SessionKind.RACE.value,
        ).values(penalties=[p.model_dump(mode="json") for p in penalties])
    )


def read_timed_race(conn: Connection, round_id: int, race_number: int) -> TimedRace | None:
    """What a race of a round is classified from, or None where its timing is not stored."""
    session = read_timing_session(conn, round_id, race_number, SessionKind.RACE)
    if session is None:
        return None
    penalties = conn.execute(
        select(t.timing_sessions.c.penalties).where(
            t.timing_sessions.c.round_id == round_id,
            t.timing_sessions.c.race_number == race_number,
            t.timing_sessions.c.kind == SessionKind.RACE.value,
        )
    ).scalar()
    return TimedRace(
        session=session,
        penalties=tuple(Penalty.model_validate(p) for p in penalties or ()),
        qualifying=read_timing_session(conn, round_id, race_number, SessionKind.QUALIFYING),
    )


def timed_race_slots(conn: Connection, season_id: str) -> list[tuple[int, int | None, int]]:
    """(round id, round number, race number) of each race of the season with stored timing,
    in calendar order."""
    rows = conn.execute(
        select(t.rounds.c.id, t.rounds.c.number, t.timing_sessions.c.race_number)
        .join(t.timing_sessions, t.timing_sessions.c.round_id == t.rounds.c.id)
        .where(t.rounds.c.season_id == season_id,
               t.timing_sessions.c.kind == SessionKind.RACE.value)
        .order_by(t.rounds.c.seq, t.timing_sessions.c.race_number)
    )
    return [(r.id, r.number, r.race_number) for r in rows]


def season_drivers_by_session(
    conn: Connection, season_id: str
) -> list[tuple[tuple[int, int], TimingSession]]:
    """The cars and drivers (no laps) of every race and qualifying session of the season, each
    with its race (round id, race number), in calendar order and each round's races before its
    qualifying, as a season file reads them: what one name per driver is learnt from."""
    rows = conn.execute(
        select(t.timing_sessions.c.id, t.timing_sessions.c.round_id,
               t.timing_sessions.c.race_number, t.timing_sessions.c.kind,
               t.timed_cars.c.number, t.timed_cars.c.class_code, t.timed_cars.c.drivers)
        .join(t.rounds, t.rounds.c.id == t.timing_sessions.c.round_id)
        .join(t.timed_cars, t.timed_cars.c.session_id == t.timing_sessions.c.id)
        .where(t.rounds.c.season_id == season_id,
               t.timing_sessions.c.kind.in_([SessionKind.RACE.value,
                                             SessionKind.QUALIFYING.value]))
        .order_by(t.rounds.c.seq, t.timing_sessions.c.kind == SessionKind.QUALIFYING.value,
                  t.timing_sessions.c.race_number, t.timed_cars.c.seq)
    )
    sessions: dict[int, tuple[tuple[int, int], SessionKind, list[TimedCar]]] = {}
    for r in rows:
        cars = sessions.setdefault(r.id, ((r.round_id, r.race_number), SessionKind(r.kind), []))[2]
        cars.append(TimedCar(number=r.number, class_code=r.class_code,
                             drivers=tuple(TimedDriver(**d) for d in r.drivers)))
    return [(race, TimingSession(kind=kind, cars=tuple(cars)))
            for race, kind, cars in sessions.values()]


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
        cars=tuple(_car(c, laps_by_car[c.id]) for c in car_rows),
    )


def _car(c: Any, laps: list[Lap]) -> TimedCar:
    """A car from its stored record (fields without a column of their own, such as the
    source's gaps and penalties), with its columns and laps laid over it."""
    return TimedCar.model_validate({
        **(c.record or {}),
        "number": c.number, "class_code": c.class_code, "group": c.car_group, "team": c.team,
        "vehicle": c.vehicle, "manufacturer": c.manufacturer,
        "drivers": tuple(TimedDriver(**d) for d in c.drivers), "laps": tuple(laps),
        "stated_status": FinishStatus(c.stated_status) if c.stated_status else None,
        "stated_position": c.stated_position, "stated_laps": c.stated_laps,
        "stated_total_seconds": c.stated_total_seconds,
        "stated_best_lap_seconds": c.stated_best_lap_seconds,
        "penalty_seconds": c.penalty_seconds, "status_reason": c.status_reason,
        "source": source_ref(c),
    })

