"""The database tables: a season as the domain model holds it, and the laps of timed sessions.

Standings are never stored: they are computed by the engine from the season read back.
Lists that belong to one row (a result line's drivers, a driver's aliases) are JSON columns;
anything that is queried or counted on its own (rounds, races, lines, laps) has its own table.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _season_fk() -> Column[str]:
    return Column(
        "season_id", String(200), ForeignKey("seasons.id", ondelete="CASCADE"), nullable=False
    )


def _source() -> list[Column[object]]:
    """Where the record was read from, so any figure can be traced back to its file and line."""
    return [Column("source_file", Text), Column("source_line", Integer)]


imports = Table(
    "imports",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("kind", String(20), nullable=False),  # season | results | timing
    Column("name", Text, nullable=False),
    Column("target", Text, nullable=False),  # season id, or season id and round
    Column("imported_at", DateTime(timezone=True), nullable=False),
)

series = Table(
    "series",
    metadata,
    Column("id", String(100), primary_key=True),
    Column("name", Text, nullable=False),
    Column("short_name", Text, nullable=False, default=""),
)

seasons = Table(
    "seasons",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("series_id", String(100), ForeignKey("series.id"), nullable=False),
    Column("name", Text, nullable=False),
    Column("rules", JSON, nullable=False),
    Column("notes", JSON, nullable=False),
    Column("class_map", JSON),  # the game's class or car name -> season class; null: none
)

car_classes = Table(
    "car_classes",
    metadata,
    Column("id", Integer, primary_key=True),
    _season_fk(),
    Column("seq", Integer, nullable=False),
    Column("code", String(50), nullable=False),
    Column("name", Text, nullable=False),
    Column("scored", Boolean, nullable=False),
    Column("note", Text, nullable=False),
)

drivers = Table(
    "drivers",
    metadata,
    Column("record", JSON),  # the whole domain record, so every field reads back
    Column("id", Integer, primary_key=True),
    _season_fk(),
    Column("seq", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("nationality", String(3)),
    Column("aliases", JSON, nullable=False),
)

teams = Table(
    "teams",
    metadata,
    Column("record", JSON),  # the whole domain record, so every field reads back
    Column("id", Integer, primary_key=True),
    _season_fk(),
    Column("seq", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("nationality", String(3)),
    Column("aliases", JSON, nullable=False),
)

entries = Table(
    "entries",
    metadata,
    Column("record", JSON),  # the whole domain record, so every field reads back
    Column("id", Integer, primary_key=True),
    _season_fk(),
    Column("seq", Integer, nullable=False),
    Column("class_code", String(50), nullable=False),
    Column("number", String(20)),
    Column("team", Text, nullable=False),
    Column("chassis", Text, nullable=False),
    Column("engine", Text, nullable=False),
    Column("manufacturer", Text, nullable=False),
    Column("tyre", Text, nullable=False),
    Column("drivers", JSON, nullable=False),  # [{"name": ..., "rounds": [..] | null}]
    Column("rounds", JSON),
    Column("note", Text, nullable=False),
)

decisions = Table(
    "decisions",
    metadata,
    Column("record", JSON),  # the whole domain record, so every field reads back
    Column("id", Integer, primary_key=True),
    _season_fk(),
    Column("seq", Integer, nullable=False),
    Column("class_code", String(50), nullable=False),
    Column("car_order", JSON, nullable=False),
    Column("reason", Text, nullable=False),
)

adjustments = Table(
    "adjustments",
    metadata,
    Column("record", JSON),  # the whole domain record, so every field reads back
    Column("id", Integer, primary_key=True),
    _season_fk(),
    Column("seq", Integer, nullable=False),
    Column("class_code", String(50), nullable=False),
    Column("points", String(20), nullable=False),  # a Decimal as text: exact, portable
    Column("round", Integer),
    Column("reason", Text, nullable=False),
)

rounds = Table(
    "rounds",
    metadata,
    Column("id", Integer, primary_key=True),
    _season_fk(),
    Column("seq", Integer, nullable=False),
    Column("number", Integer),
    Column("name", Text, nullable=False),
    Column("short_name", Text, nullable=False),
    Column("circuit", Text, nullable=False),
    Column("country", String(3)),
    Column("date", Date),
    Column("status", String(20), nullable=False),
    Column("note", Text, nullable=False),
)

races = Table(
    "races",
    metadata,
    Column("record", JSON),  # the whole domain record, so every field reads back
    Column("id", Integer, primary_key=True),
    Column("round_id", Integer, ForeignKey("rounds.id", ondelete="CASCADE"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("multiplier", String(20), nullable=False),  # a Decimal as text: exact, portable
    *_source(),
    UniqueConstraint("round_id", "number", name="uq_races_round_number"),
)

result_lines = Table(
    "result_lines",
    metadata,
    Column("record", JSON),  # the whole domain record, so every field reads back
    Column("id", Integer, primary_key=True),
    Column("race_id", Integer, ForeignKey("races.id", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("class_code", String(50), nullable=False),
    Column("status", String(20), nullable=False),
    Column("place", Integer),  # ResultLine.order; null for a car listed without a place
    Column("number", String(20)),
    Column("team", Text, nullable=False),
    Column("drivers", JSON, nullable=False),
    Column("chassis", Text, nullable=False),
    Column("engine", Text, nullable=False),
    Column("manufacturer", Text, nullable=False),
    Column("tyre", Text, nullable=False),
    Column("laps", Integer),
    Column("time", Text),
    Column("pole", Boolean, nullable=False),
    Column("note", Text, nullable=False),
    *_source(),
)
Index("ix_result_lines_race", result_lines.c.race_id)

qualifying_sessions = Table(
    "qualifying_sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "round_id", Integer, ForeignKey("rounds.id", ondelete="CASCADE"), nullable=False,
        unique=True,
    ),
    Column("name", Text, nullable=False),
    *_source(),
)

qualifying_lines = Table(
    "qualifying_lines",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "session_id", Integer, ForeignKey("qualifying_sessions.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("seq", Integer, nullable=False),
    Column("place", Integer, nullable=False),
    Column("class_code", String(50), nullable=False),
    Column("number", String(20)),
    Column("team", Text, nullable=False),
    Column("drivers", JSON, nullable=False),
    Column("time_seconds", Float),
    Column("time", Text),
    Column("disallowed", Boolean, nullable=False),
    Column("note", Text, nullable=False),
    *_source(),
)

timing_sessions = Table(
    "timing_sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", Integer, ForeignKey("rounds.id", ondelete="CASCADE"), nullable=False),
    Column("race_number", Integer, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("name", Text, nullable=False),
    Column("source_format", Text, nullable=False),
    Column("event", Text, nullable=False),
    Column("track", Text, nullable=False),
    Column("date", Date),
    Column("scheduled_seconds", Float),
    Column("scheduled_laps", Integer),
    Column("penalties", JSON),  # [Penalty as dict]: the stewards' decisions it is classified with
    *_source(),
    UniqueConstraint("round_id", "race_number", "kind", name="uq_timing_sessions_slot"),
)

timed_cars = Table(
    "timed_cars",
    metadata,
    Column("record", JSON),  # the whole car but its laps, so every field reads back
    Column("id", Integer, primary_key=True),
    Column(
        "session_id", Integer, ForeignKey("timing_sessions.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("seq", Integer, nullable=False),
    Column("number", String(20), nullable=False),
    Column("class_code", String(50), nullable=False),
    Column("car_group", Text, nullable=False),
    Column("team", Text, nullable=False),
    Column("vehicle", Text, nullable=False),
    Column("manufacturer", Text, nullable=False),
    Column("drivers", JSON, nullable=False),  # [TimedDriver as dict]
    Column("stated_status", String(20)),
    Column("stated_position", Integer),
    Column("stated_laps", Integer),
    Column("stated_total_seconds", Float),
    Column("stated_best_lap_seconds", Float),
    Column("penalty_seconds", Float, nullable=False),
    Column("status_reason", Text, nullable=False),
    *_source(),
)
Index("ix_timed_cars_session", timed_cars.c.session_id)

laps = Table(
    "laps",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("car_id", Integer, ForeignKey("timed_cars.id", ondelete="CASCADE"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("driver", Text),
    Column("time_seconds", Float),
    Column("elapsed_seconds", Float),
    Column("sectors", JSON, nullable=False),
    Column("pit_in", Boolean, nullable=False),
    Column("pit_time_seconds", Float),
    Column("flag", String(20)),
    Column("valid", Boolean, nullable=False),
    *_source(),
)
Index("ix_laps_car", laps.c.car_id)
