"""A season to rows and back: what is written is exactly what the engine gets when it is read."""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlalchemy import Connection, Insert, Table, delete, insert, select

from pitboard.domain import (
    CarClass,
    Driver,
    Entry,
    FinishStatus,
    QualifyingLine,
    QualifyingSession,
    Race,
    ResultLine,
    Round,
    RoundStatus,
    Season,
    Series,
    SourceRef,
    Team,
)
from pitboard.domain.published import PublishedFigures
from pitboard.domain.season import EntryDriver, StandingDecision
from pitboard.domain.standings import PointsAdjustment
from pitboard.domain.timing import TimedRace, TimingSession
from pitboard.rules import RuleSet
from pitboard.store import schema as t

Row = dict[str, Any]
M = TypeVar("M", bound=BaseModel)


def source_columns(ref: SourceRef | None) -> Row:
    return {"source_file": ref.file if ref else None, "source_line": ref.line if ref else None}


def source_ref(row: Any) -> SourceRef | None:
    return SourceRef(row.source_file, row.source_line) if row.source_file is not None else None


def new_id(conn: Connection, statement: Insert) -> int:
    """The primary key of the row the insert made."""
    key = conn.execute(statement).inserted_primary_key
    if key is None:
        raise RuntimeError("the insert returned no primary key")
    return int(key[0])


def _delete_season_rows(conn: Connection, season_id: str) -> None:
    """Remove what a season was made into (rounds, races, lines, people ...), keeping the row of
    the season itself and its inputs."""
    round_ids = select(t.rounds.c.id).where(t.rounds.c.season_id == season_id)
    conn.execute(delete(t.timed_races).where(t.timed_races.c.round_id.in_(round_ids)))
    for table in (t.rounds, t.car_classes, t.drivers, t.teams, t.entries, t.decisions,
                  t.adjustments):
        conn.execute(delete(table).where(table.c.season_id == season_id))


def pack(session: TimingSession) -> bytes:
    """A race's timing as the charts read it: compressed JSON, written and read whole."""
    return zlib.compress(session.model_dump_json().encode(), 1)


def unpack(data: bytes) -> TimingSession:
    return TimingSession.model_validate_json(zlib.decompress(data))


def read_race_timing(conn: Connection, season_id: str, round_number: int,
                     race_number: int) -> TimingSession | None:
    """The timing session a stored race was classified from (the season's classes and names),
    or None where it was given as result lines."""
    data = conn.execute(
        select(t.timed_races.c.data)
        .join(t.rounds, t.rounds.c.id == t.timed_races.c.round_id)
        .where(t.rounds.c.season_id == season_id, t.rounds.c.number == round_number,
               t.timed_races.c.race_number == race_number)
    ).scalar()
    return unpack(data) if data is not None else None


def write_season(
    conn: Connection,
    season: Season,
    rules: RuleSet,
    timed: Mapping[tuple[int, int], TimedRace] | None = None,
) -> None:
    """Write a season, replacing any earlier version of it (its inputs are kept: they are
    written apart, by store.inputs).

    `timed` holds what each race classified from timing was classified from, by (round, race):
    kept for the lap, gap and pace charts.
    """
    _delete_season_rows(conn, season.id)
    found = conn.execute(select(t.series.c.id).where(t.series.c.id == season.series.id)).first()
    series_row = season.series.model_dump(exclude={"aliases"})
    if found is None:
        conn.execute(insert(t.series).values(**series_row))
    else:
        conn.execute(
            t.series.update().where(t.series.c.id == season.series.id).values(**series_row)
        )
    season_row = {
        "series_id": season.series.id,
        "name": season.name,
        "rules": rules.model_dump(mode="json"),
        "notes": list(season.notes),
        "class_map": dict(season.class_map),
        "series_aliases": dict(season.series.aliases),
        "published": (season.published.model_dump(mode="json")
                      if season.published is not None else None),
    }
    if conn.execute(select(t.seasons.c.id).where(t.seasons.c.id == season.id)).first():
        conn.execute(t.seasons.update().where(t.seasons.c.id == season.id).values(**season_row))
    else:
        conn.execute(insert(t.seasons).values(id=season.id, **season_row))
    sid = {"season_id": season.id}
    _many(conn, t.car_classes, [{**sid, "seq": i, **c.model_dump()}
                                for i, c in enumerate(season.classes)])
    for table, people in ((t.drivers, season.drivers), (t.teams, season.teams)):
        _many(conn, table, [
            {**sid, "seq": i, **_columns(table, p.model_dump(mode="json")), "record": _record(p)}
            for i, p in enumerate(people)
        ])
    _many(conn, t.entries, [
        {**sid, "seq": i, **_columns(t.entries, e.model_dump(mode="json")), "record": _record(e)}
        for i, e in enumerate(season.entries)
    ])
    _many(conn, t.decisions, [
        {**sid, "seq": i, "class_code": d.class_code, "car_order": list(d.order),
         "reason": d.reason, "record": _record(d)}
        for i, d in enumerate(season.decisions)
    ])
    _many(conn, t.adjustments, [
        {**sid, "seq": i, "class_code": a.class_code, "points": str(a.points),
         "round": a.round, "reason": a.reason, "record": _record(a)}
        for i, a in enumerate(season.adjustments)
    ])
    for i, rnd in enumerate(season.rounds):
        round_id = new_id(conn,
            insert(t.rounds).values(
                **sid, seq=i, number=rnd.number, name=rnd.name, short_name=rnd.short_name,
                circuit=rnd.circuit, country=rnd.country, date=rnd.date,
                status=rnd.status.value, note=rnd.note,
            )
        )
        write_races(conn, round_id, rnd.races)
        for race in rnd.races:
            timed_race = (timed or {}).get((rnd.number or 0, race.number))
            if timed_race is not None:
                conn.execute(insert(t.timed_races).values(
                    round_id=round_id, race_number=race.number, data=pack(timed_race.session)))
        if rnd.qualifying is not None:
            write_qualifying(conn, round_id, rnd.qualifying)


def write_races(conn: Connection, round_id: int, races: tuple[Race, ...]) -> None:
    for race in races:
        race_id = new_id(conn,
            insert(t.races).values(
                round_id=round_id, number=race.number, name=race.name,
                multiplier=str(race.multiplier), **source_columns(race.source),
                record=_record(race, exclude={"results"}),
            )
        )
        _many(conn, t.result_lines, [
            {
                "race_id": race_id, "seq": i, "class_code": ln.class_code,
                "status": ln.status.value, "place": ln.order, "number": ln.number,
                "team": ln.team, "drivers": list(ln.drivers), "chassis": ln.chassis,
                "engine": ln.engine, "manufacturer": ln.manufacturer, "tyre": ln.tyre,
                "laps": ln.laps, "time": ln.time, "pole": ln.pole, "note": ln.note,
                **source_columns(ln.source), "record": _record(ln),
            }
            for i, ln in enumerate(race.results)
        ])


def write_qualifying(conn: Connection, round_id: int, session: QualifyingSession) -> None:
    conn.execute(delete(t.qualifying_sessions).where(t.qualifying_sessions.c.round_id == round_id))
    session_id = new_id(conn,
        insert(t.qualifying_sessions).values(
            round_id=round_id, name=session.name, **source_columns(session.source)
        )
    )
    _many(conn, t.qualifying_lines, [
        {
            "session_id": session_id, "seq": i, "place": q.order, "class_code": q.class_code,
            "number": q.number, "team": q.team, "drivers": list(q.drivers),
            "time_seconds": q.time_seconds, "time": q.time, "disallowed": q.disallowed,
            "note": q.note, **source_columns(q.source),
        }
        for i, q in enumerate(session.lines)
    ])


def _record(record: BaseModel, exclude: set[str] | None = None) -> Row:
    """The whole record as JSON: read back with `model_validate`, every field included."""
    return record.model_dump(mode="json", exclude=exclude)


def _columns(table: Table, values: Row) -> Row:
    """The values that have a column of their own (kept for queries and pages)."""
    return {k: v for k, v in values.items() if k in table.c}


def _from_row(model: type[M], row: Any, **columns: Any) -> M:
    """A record from its stored JSON, with the columns that later updates may change laid
    over it (a penalty rewrites a line's status, place and note)."""
    return model.model_validate({**(row.record or {}), **columns})


def _many(conn: Connection, table: Table, rows: list[Row]) -> None:
    if rows:
        conn.execute(insert(table), rows)


def season_ids(conn: Connection) -> list[str]:
    return list(conn.execute(select(t.seasons.c.id).order_by(t.seasons.c.id)).scalars())


def read_season(conn: Connection, season_id: str) -> tuple[Season, RuleSet] | None:
    """The season and its rule set as domain objects, or None when it is not stored."""
    row = conn.execute(
        select(t.seasons, t.series.c.name.label("series_name"),
               t.series.c.short_name.label("series_short"))
        .join(t.series, t.series.c.id == t.seasons.c.series_id)
        .where(t.seasons.c.id == season_id)
    ).first()
    if row is None:
        return None

    def rows_of(table: Table) -> list[Any]:
        return list(conn.execute(
            select(table).where(table.c.season_id == season_id).order_by(table.c.seq)
        ))

    round_rows = rows_of(t.rounds)
    round_ids = [r.id for r in round_rows]
    race_rows = list(conn.execute(
        select(t.races).where(t.races.c.round_id.in_(round_ids))
        .order_by(t.races.c.round_id, t.races.c.number)
    )) if round_ids else []
    lines_by_race: dict[int, list[ResultLine]] = defaultdict(list)
    race_ids = [r.id for r in race_rows]
    if race_ids:
        for ln in conn.execute(
            select(t.result_lines).where(t.result_lines.c.race_id.in_(race_ids))
            .order_by(t.result_lines.c.race_id, t.result_lines.c.seq)
        ):
            lines_by_race[ln.race_id].append(_result_line(ln))
    races_by_round: dict[int, list[Race]] = defaultdict(list)
    for r in race_rows:
        races_by_round[r.round_id].append(_from_row(
            Race, r, number=r.number, name=r.name, results=tuple(lines_by_race[r.id]),
            multiplier=Decimal(r.multiplier), source=source_ref(r),
        ))
    qualifying = _read_qualifying(conn, round_ids)
    season = Season(
        id=row.id,
        series=Series(id=row.series_id, name=row.series_name, short_name=row.series_short,
                      aliases=row.series_aliases or {}),
        name=row.name,
        classes=tuple(
            CarClass(code=c.code, name=c.name, scored=c.scored, note=c.note)
            for c in rows_of(t.car_classes)
        ),
        rounds=tuple(
            Round(
                number=r.number, name=r.name, short_name=r.short_name, circuit=r.circuit,
                country=r.country, date=r.date, status=RoundStatus(r.status), note=r.note,
                races=tuple(races_by_round[r.id]), qualifying=qualifying.get(r.id),
            )
            for r in round_rows
        ),
        drivers=read_drivers(conn, season_id),
        teams=tuple(
            _from_row(Team, p, name=p.name, nationality=p.nationality, aliases=tuple(p.aliases))
            for p in rows_of(t.teams)
        ),
        entries=tuple(_entry(e) for e in rows_of(t.entries)),
        decisions=tuple(
            _from_row(StandingDecision, d, class_code=d.class_code, order=tuple(d.car_order),
                      reason=d.reason)
            for d in rows_of(t.decisions)
        ),
        adjustments=tuple(
            _from_row(PointsAdjustment, a, class_code=a.class_code, points=Decimal(a.points),
                      round=a.round, reason=a.reason)
            for a in rows_of(t.adjustments)
        ),
        notes=tuple(row.notes),
        class_map=row.class_map or {},
        published=(PublishedFigures.model_validate(row.published)
                   if row.published is not None else None),
    )
    return season, RuleSet.model_validate(row.rules)


def read_drivers(conn: Connection, season_id: str) -> tuple[Driver, ...]:
    """The season's drivers, in the season file's order."""
    return tuple(
        _from_row(Driver, p, name=p.name, nationality=p.nationality, aliases=tuple(p.aliases))
        for p in conn.execute(select(t.drivers).where(t.drivers.c.season_id == season_id)
                              .order_by(t.drivers.c.seq))
    )


def _result_line(ln: Any) -> ResultLine:
    return _from_row(
        ResultLine, ln, class_code=ln.class_code, status=FinishStatus(ln.status), order=ln.place,
        number=ln.number, team=ln.team, drivers=tuple(ln.drivers), chassis=ln.chassis,
        engine=ln.engine, manufacturer=ln.manufacturer, tyre=ln.tyre, laps=ln.laps,
        time=ln.time, pole=ln.pole, note=ln.note, source=source_ref(ln),
    )


def _entry(e: Any) -> Entry:
    if e.record:
        return Entry.model_validate(e.record)
    return Entry(
        class_code=e.class_code, number=e.number, team=e.team, chassis=e.chassis,
        engine=e.engine, manufacturer=e.manufacturer, tyre=e.tyre,
        drivers=tuple(
            EntryDriver(name=d["name"], rounds=tuple(d["rounds"]) if d["rounds"] else None)
            for d in e.drivers
        ),
        rounds=tuple(e.rounds) if e.rounds else None, note=e.note,
    )


def _read_qualifying(conn: Connection, round_ids: list[int]) -> dict[int, QualifyingSession]:
    if not round_ids:
        return {}
    sessions = list(conn.execute(
        select(t.qualifying_sessions).where(t.qualifying_sessions.c.round_id.in_(round_ids))
    ))
    lines: dict[int, list[QualifyingLine]] = defaultdict(list)
    if sessions:
        for q in conn.execute(
            select(t.qualifying_lines)
            .where(t.qualifying_lines.c.session_id.in_([s.id for s in sessions]))
            .order_by(t.qualifying_lines.c.session_id, t.qualifying_lines.c.seq)
        ):
            lines[q.session_id].append(QualifyingLine(
                order=q.place, class_code=q.class_code, number=q.number, team=q.team,
                drivers=tuple(q.drivers), time_seconds=q.time_seconds, time=q.time,
                disallowed=q.disallowed, note=q.note, source=source_ref(q),
            ))
    return {
        s.round_id: QualifyingSession(name=s.name, lines=tuple(lines[s.id]), source=source_ref(s))
        for s in sessions
    }
