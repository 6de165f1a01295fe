"""A season's inputs to rows and back: every file it was given, in order, kept byte for byte."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Connection, delete, insert, select

from pitboard.domain.inputs import InputRole, SeasonInput
from pitboard.store import schema as t


def read_inputs(conn: Connection, season_id: str) -> tuple[SeasonInput, ...] | None:
    """The files the season was given, in order; None when the season is not stored, () when it
    was stored before seasons kept their files."""
    if conn.execute(select(t.seasons.c.id).where(t.seasons.c.id == season_id)).first() is None:
        return None
    rows = conn.execute(
        select(t.season_inputs, t.documents.c.data)
        .join(t.documents, t.documents.c.sha256 == t.season_inputs.c.sha256)
        .where(t.season_inputs.c.season_id == season_id)
        .order_by(t.season_inputs.c.seq)
    )
    return tuple(
        SeasonInput(role=InputRole(r.role), name=r.name, data=bytes(r.data), display=r.display,
                    round=r.round_ref, race=r.race, session=r.session, replace=r.replace)
        for r in rows
    )


def keeps_inputs(conn: Connection, season_id: str) -> bool:
    first = conn.execute(select(t.season_inputs.c.id)
                         .where(t.season_inputs.c.season_id == season_id).limit(1)).first()
    return first is not None


def write_inputs(conn: Connection, season_id: str, inputs: Sequence[SeasonInput]) -> None:
    """Replace the season's list of inputs; each file's bytes are kept once, by content."""
    conn.execute(delete(t.season_inputs).where(t.season_inputs.c.season_id == season_id))
    kept = set(conn.execute(
        select(t.documents.c.sha256).where(t.documents.c.sha256.in_({i.sha256 for i in inputs}))
    ).scalars()) if inputs else set()
    for given in inputs:
        digest = given.sha256
        if digest not in kept:
            conn.execute(insert(t.documents).values(sha256=digest, size=len(given.data),
                                                    data=given.data))
            kept.add(digest)
    if inputs:
        conn.execute(insert(t.season_inputs), [
            {"season_id": season_id, "seq": i, "role": g.role.value, "name": g.name,
             "display": g.display, "sha256": g.sha256, "round_ref": g.round, "race": g.race,
             "session": g.session, "replace": g.replace}
            for i, g in enumerate(inputs)
        ])


def log_import(conn: Connection, season_id: str, given: SeasonInput,
               replaced: Sequence[str]) -> None:
    conn.execute(insert(t.import_log).values(
        season_id=season_id, role=given.role.value, name=given.shown, sha256=given.sha256,
        replaced=list(replaced), imported_at=dt.datetime.now(dt.UTC)))


def revision(conn: Connection) -> int:
    """Grows with every import that changed any season (other processes watch it)."""
    from sqlalchemy import func

    return int(conn.execute(select(func.max(t.import_log.c.id))).scalar() or 0)
