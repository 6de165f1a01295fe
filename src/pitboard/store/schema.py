"""The database tables: every file a season was given, and the season they make.

A season is kept twice over: as its inputs (`documents`, the bytes of every file, and
`season_inputs`, which file was given to which season, round and race, in order), from which
ingest can always make it again; and as the season they make (series, rounds, races, result
lines ...), which the site and the API read. Standings are never stored: they are computed by
the engine from the season read back. Lists that belong to one row (a result line's drivers, a
driver's aliases) are JSON columns; anything queried or counted on its own has its own table.

Every text and number column states the limit ingest holds its value to (domain/limits.py): as
its type's length, and as a CHECK constraint, which SQLite (that ignores a VARCHAR's length and
stores any integer) enforces as PostgreSQL does, so both keep exactly the same values.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from pitboard.domain.limits import (
    CODE_LENGTH,
    COUNT,
    ID_LENGTH,
    NAME_LENGTH,
    NUMBER_LENGTH,
    RACE,
    ROUND,
    SEASON_NAME_LENGTH,
    TEXT_LENGTH,
    Range,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

CODE, NUMBER, NAME, TEXT = (String(n) for n in (CODE_LENGTH, NUMBER_LENGTH, NAME_LENGTH,
                                                 TEXT_LENGTH))


def limit_condition(column: str, limit: int | Range) -> str:
    """The SQL both databases check a column's limit with: a length, or a range."""
    if isinstance(limit, Range):
        return f"\"{column}\" BETWEEN {limit.low} AND {limit.high}"
    return f"length(\"{column}\") <= {limit}"


def limited(**columns: int | Range) -> list[CheckConstraint]:
    """CHECK constraints named `ck_<table>_<column>_limit`, one per column."""
    return [CheckConstraint(limit_condition(column, limit), name=f"{column}_limit")
            for column, limit in columns.items()]


def _season_fk() -> Column[str]:
    return Column(
        "season_id", String(200), ForeignKey("seasons.id", ondelete="CASCADE"), nullable=False
    )


def _source() -> list[Column[object]]:
    """Where the record was read from, so any figure can be traced back to its file and line."""
    return [Column("source_file", Text), Column("source_line", Integer)]


series = Table(
    "series",
    metadata,
    Column("id", String(ID_LENGTH), primary_key=True),
    Column("name", NAME, nullable=False),
    Column("short_name", NAME, nullable=False, default=""),
    Column("about", Text),  # what the series is, from its series file; null: none given
    Column("sources", JSON),  # the sources of its history
    *limited(id=ID_LENGTH, name=NAME_LENGTH, short_name=NAME_LENGTH),
)

# A series' history (its series file), oldest first: cancelled events, relaunches, new formats.
series_events = Table(
    "series_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("series_id", String(ID_LENGTH), ForeignKey("series.id", ondelete="CASCADE"),
           nullable=False),
    Column("seq", Integer, nullable=False),
    Column("date", String(10), nullable=False),  # YYYY, YYYY-MM or YYYY-MM-DD
    Column("kind", String(20), nullable=False),  # domain.published.SeriesEventKind
    Column("title", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("season", Text),
    Column("source", Text, nullable=False),
    UniqueConstraint("series_id", "seq", name="uq_series_events_seq"),
)

seasons = Table(
    "seasons",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("series_id", String(ID_LENGTH), ForeignKey("series.id"), nullable=False),
    Column("name", String(SEASON_NAME_LENGTH), nullable=False),
    Column("rules", JSON, nullable=False),
    Column("notes", JSON, nullable=False),
    Column("class_map", JSON),  # the game's class or car name -> season class; null: none
    # The series' aliases as this season's file gives them (a person's other spelling -> name).
    Column("series_aliases", JSON),
    # What was published about the season (domain.published.PublishedFigures); null: nothing.
    Column("published", JSON),
    *limited(name=SEASON_NAME_LENGTH),
)

car_classes = Table(
    "car_classes",
    metadata,
    Column("id", Integer, primary_key=True),
    _season_fk(),
    Column("seq", Integer, nullable=False),
    Column("code", CODE, nullable=False),
    Column("name", NAME, nullable=False),
    Column("scored", Boolean, nullable=False),
    Column("note", TEXT, nullable=False),
    *limited(code=CODE_LENGTH, name=NAME_LENGTH, note=TEXT_LENGTH),
)

drivers = Table(
    "drivers",
    metadata,
    Column("record", JSON),  # the whole domain record, so every field reads back
    Column("id", Integer, primary_key=True),
    _season_fk(),
    Column("seq", Integer, nullable=False),
    Column("name", NAME, nullable=False),
    Column("nationality", String(3)),
    Column("aliases", JSON, nullable=False),
    *limited(name=NAME_LENGTH),
)

teams = Table(
    "teams",
    metadata,
    Column("record", JSON),  # the whole domain record, so every field reads back
    Column("id", Integer, primary_key=True),
    _season_fk(),
    Column("seq", Integer, nullable=False),
    Column("name", NAME, nullable=False),
    Column("nationality", String(3)),
    Column("aliases", JSON, nullable=False),
    *limited(name=NAME_LENGTH),
)

entries = Table(
    "entries",
    metadata,
    Column("record", JSON),  # the whole domain record, so every field reads back
    Column("id", Integer, primary_key=True),
    _season_fk(),
    Column("seq", Integer, nullable=False),
    Column("class_code", CODE, nullable=False),
    Column("number", NUMBER),
    Column("team", NAME, nullable=False),
    Column("chassis", NAME, nullable=False),
    Column("engine", NAME, nullable=False),
    Column("manufacturer", NAME, nullable=False),
    Column("tyre", NAME, nullable=False),
    Column("drivers", JSON, nullable=False),  # [{"name": ..., "rounds": [..] | null}]
    Column("rounds", JSON),
    Column("note", TEXT, nullable=False),
    *limited(class_code=CODE_LENGTH, number=NUMBER_LENGTH, team=NAME_LENGTH,
             chassis=NAME_LENGTH, engine=NAME_LENGTH, manufacturer=NAME_LENGTH,
             tyre=NAME_LENGTH, note=TEXT_LENGTH),
)

decisions = Table(
    "decisions",
    metadata,
    Column("record", JSON),  # the whole domain record, so every field reads back
    Column("id", Integer, primary_key=True),
    _season_fk(),
    Column("seq", Integer, nullable=False),
    Column("class_code", CODE, nullable=False),
    Column("car_order", JSON, nullable=False),
    Column("reason", TEXT, nullable=False),
    *limited(class_code=CODE_LENGTH, reason=TEXT_LENGTH),
)

adjustments = Table(
    "adjustments",
    metadata,
    Column("record", JSON),  # the whole domain record, so every field reads back
    Column("id", Integer, primary_key=True),
    _season_fk(),
    Column("seq", Integer, nullable=False),
    Column("class_code", CODE, nullable=False),
    Column("points", String(20), nullable=False),  # a Decimal as text: exact, portable
    Column("round", Integer),
    Column("reason", TEXT, nullable=False),
    *limited(class_code=CODE_LENGTH, round=ROUND, reason=TEXT_LENGTH),
)

rounds = Table(
    "rounds",
    metadata,
    Column("id", Integer, primary_key=True),
    _season_fk(),
    Column("seq", Integer, nullable=False),
    Column("number", Integer),
    Column("name", NAME, nullable=False),
    Column("short_name", NAME, nullable=False),
    Column("circuit", NAME, nullable=False),
    Column("country", String(3)),
    Column("date", Date),
    Column("status", String(20), nullable=False),
    Column("note", TEXT, nullable=False),
    *limited(number=ROUND, name=NAME_LENGTH, short_name=NAME_LENGTH, circuit=NAME_LENGTH,
             note=TEXT_LENGTH),
)

races = Table(
    "races",
    metadata,
    Column("record", JSON),  # the whole domain record, so every field reads back
    Column("id", Integer, primary_key=True),
    Column("round_id", Integer, ForeignKey("rounds.id", ondelete="CASCADE"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("name", NAME, nullable=False),
    Column("multiplier", String(20), nullable=False),  # a Decimal as text: exact, portable
    *_source(),
    UniqueConstraint("round_id", "number", name="uq_races_round_number"),
    *limited(number=RACE, name=NAME_LENGTH),
)

result_lines = Table(
    "result_lines",
    metadata,
    Column("record", JSON),  # the whole domain record, so every field reads back
    Column("id", Integer, primary_key=True),
    Column("race_id", Integer, ForeignKey("races.id", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("class_code", CODE, nullable=False),
    Column("status", String(20), nullable=False),
    Column("place", Integer),  # ResultLine.order; null for a car listed without a place
    Column("number", NUMBER),
    Column("team", NAME, nullable=False),
    Column("drivers", JSON, nullable=False),
    Column("chassis", NAME, nullable=False),
    Column("engine", NAME, nullable=False),
    Column("manufacturer", NAME, nullable=False),
    Column("tyre", NAME, nullable=False),
    Column("laps", Integer),
    Column("time", NAME),
    Column("pole", Boolean, nullable=False),
    Column("note", TEXT, nullable=False),
    *_source(),
    *limited(class_code=CODE_LENGTH, place=COUNT, number=NUMBER_LENGTH, team=NAME_LENGTH,
             chassis=NAME_LENGTH, engine=NAME_LENGTH, manufacturer=NAME_LENGTH,
             tyre=NAME_LENGTH, laps=COUNT, time=NAME_LENGTH, note=TEXT_LENGTH),
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
    Column("name", NAME, nullable=False),
    *_source(),
    *limited(name=NAME_LENGTH),
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
    Column("class_code", CODE, nullable=False),
    Column("number", NUMBER),
    Column("team", NAME, nullable=False),
    Column("drivers", JSON, nullable=False),
    Column("time_seconds", Float),
    Column("time", NAME),
    Column("disallowed", Boolean, nullable=False),
    Column("note", TEXT, nullable=False),
    *_source(),
    *limited(place=COUNT, class_code=CODE_LENGTH, number=NUMBER_LENGTH, team=NAME_LENGTH,
             time=NAME_LENGTH, note=TEXT_LENGTH),
)

# The timing session each timed race was classified from, every driver under the season's name,
# as compressed JSON of the domain record: what lap, gap and pace charts draw, read whole.
timed_races = Table(
    "timed_races",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", Integer, ForeignKey("rounds.id", ondelete="CASCADE"), nullable=False),
    Column("race_number", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),  # zlib of TimingSession JSON
    UniqueConstraint("round_id", "race_number", name="uq_timed_races_slot"),
    *limited(race_number=RACE),
)

# Every file any season was given, by content: two seasons given the same file keep it once.
documents = Table(
    "documents",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),
)

# Which file was given to which season, in order: the season is made from these rows.
season_inputs = Table(
    "season_inputs",
    metadata,
    Column("id", Integer, primary_key=True),
    _season_fk(),
    Column("seq", Integer, nullable=False),
    Column("role", String(20), nullable=False),  # domain.inputs.InputRole
    Column("name", Text, nullable=False),
    Column("display", Text, nullable=False),
    Column("sha256", String(64), ForeignKey("documents.sha256"), nullable=False),
    Column("round_ref", Text),
    Column("race", Integer, nullable=False),
    Column("session", Text),
    Column("replace", Boolean, nullable=False),
    UniqueConstraint("season_id", "seq", name="uq_season_inputs_seq"),
    *limited(race=RACE),
)

# One row per import that changed a season, never deleted: the revision other processes watch,
# and the log of what each import replaced.
import_log = Table(
    "import_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("season_id", String(200), nullable=False),
    Column("role", String(20), nullable=False),
    Column("name", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("replaced", JSON, nullable=False),  # ["round 1 race 1: 12 result lines", ...]
    Column("imported_at", DateTime(timezone=True), nullable=False),
)
