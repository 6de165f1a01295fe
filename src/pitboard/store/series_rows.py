"""A series' history to rows and back: its description, sources and dated events."""

from __future__ import annotations

from sqlalchemy import Connection, delete, insert, select

from pitboard.domain.published import SeriesEvent, SeriesEventKind, SeriesHistory
from pitboard.store import schema as t


def write_history(conn: Connection, history: SeriesHistory) -> None:
    """Keep a series' history, replacing the one kept before (the series row is made where no
    season of it is stored yet)."""
    row = {"name": history.name, "short_name": history.short_name, "about": history.about,
           "sources": list(history.sources)}
    found = conn.execute(select(t.series.c.id).where(t.series.c.id == history.series_id)).first()
    if found is None:
        conn.execute(insert(t.series).values(id=history.series_id, **row))
    else:
        conn.execute(t.series.update().where(t.series.c.id == history.series_id).values(**row))
    conn.execute(delete(t.series_events).where(t.series_events.c.series_id == history.series_id))
    if history.events:
        conn.execute(insert(t.series_events), [
            {"series_id": history.series_id, "seq": i, "date": e.date, "kind": e.kind.value,
             "title": e.title, "text": e.text, "season": e.season, "source": e.source}
            for i, e in enumerate(history.events)
        ])


def read_history(conn: Connection, series_id: str) -> SeriesHistory | None:
    """The series as kept, with its history (none given: no events); None: no such series."""
    row = conn.execute(select(t.series).where(t.series.c.id == series_id)).first()
    if row is None:
        return None
    events = conn.execute(select(t.series_events)
                          .where(t.series_events.c.series_id == series_id)
                          .order_by(t.series_events.c.seq))
    return SeriesHistory(
        series_id=row.id, name=row.name, short_name=row.short_name, about=row.about or "",
        sources=tuple(row.sources or ()),
        events=tuple(SeriesEvent(date=e.date, kind=SeriesEventKind(e.kind), title=e.title,
                                 text=e.text, season=e.season, source=e.source)
                     for e in events),
    )


def series_ids(conn: Connection) -> list[str]:
    return list(conn.execute(select(t.series.c.id).order_by(t.series.c.id)).scalars())
