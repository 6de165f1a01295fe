"""Version 1 of the JSON that `pitboard standings --format json` prints and the API serves.

Documented in docs/json-schema.md. Points are numbers: whole numbers as integers, halves as
decimals. In `points`, a round the row did not take part in is null; 0 means it took part and
scored nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from pitboard.domain import Round, Season
from pitboard.domain.standings import AwardWinner, StandingRow, StandingTable
from pitboard.output.columns import RaceColumn, column_points, race_columns
from pitboard.rules import RuleSet

SCHEMA_VERSION = 1
Number = int | float


def number(value: Decimal) -> Number:
    """A JSON number: integral points as int, others (half points) as float."""
    return int(value) if value == value.to_integral_value() else float(value)


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class SeasonOut(_Out):
    id: str
    series: str
    series_id: str
    name: str
    title: str
    rules: str


class RaceOut(_Out):
    number: int
    name: str
    multiplier: Number = 1


class RoundOut(_Out):
    number: int | None
    name: str
    short_name: str
    circuit: str
    country: str | None
    date: dt.date | None
    status: str
    races: list[RaceOut]
    note: str = ""


class ColumnOut(_Out):
    """A result column of the tables: one race of a held round ("OKA 1", "OKA 2")."""

    key: str  # the round ("3"), or round and race ("1.2") where the round had several races
    round: int
    race: int
    heading: str


class RaceResultOut(_Out):
    """One race behind a round cell: what record books colour the cell by."""

    race: int
    number: str | None
    status: str  # classified, NC, DNF, DNS, DSQ, EXC
    class_position: int | None
    pole: bool
    points: Number


class AdjustmentOut(_Out):
    """Points taken from (negative) or awarded to a row outside the races, counted in `total`."""

    points: Number
    round: int | None
    reason: str


class RowOut(_Out):
    position: int | None
    name: str
    team: str | None
    number: str | None
    nationality: str | None
    points: dict[str, Number | None]
    total: Number
    results: dict[str, list[RaceResultOut]]
    cells: dict[str, Number | None] = {}  # points by column key; null: did not take part
    dropped: list[str] = []
    teams: list[str] = []
    numbers: list[str] = []
    note: str = ""
    adjustments: list[AdjustmentOut] = []


class TableOut(_Out):
    class_: str = Field(alias="class")
    table: str  # drivers | teams | manufacturers
    championship: str  # its title
    classes: list[str]  # every class it scores
    rows: list[RowOut]


class AwardOut(_Out):
    award: str
    class_: str = Field(alias="class")
    table: str
    championship: str
    position: int
    name: str


class StandingsDocument(_Out):
    schema_: int = Field(default=SCHEMA_VERSION, alias="schema")
    season: SeasonOut
    rounds: list[RoundOut]
    columns: list[ColumnOut] = []
    standings: list[TableOut]
    awards: list[AwardOut] = []

    def to_json_dict(self) -> dict[str, object]:
        """The document with its public key names (`schema`, `class`)."""
        return self.model_dump(mode="json", by_alias=True)


def season_out(season: Season, rules: RuleSet) -> SeasonOut:
    return SeasonOut(
        id=season.id,
        series=season.series.name,
        series_id=season.series.id,
        name=season.name,
        title=season.title,
        rules=f"{rules.name}: {rules.describe()}",
    )


def round_out(rnd: Round) -> RoundOut:
    return RoundOut(
        number=rnd.number,
        name=rnd.name,
        short_name=rnd.short_name,
        circuit=rnd.circuit,
        country=rnd.country,
        date=rnd.date,
        status=rnd.state.value,  # held, scheduled (no results yet) or cancelled
        races=[
            RaceOut(number=r.number, name=r.name, multiplier=number(r.multiplier))
            for r in rnd.races
        ],
        note=rnd.note,
    )


def row_out(row: StandingRow, columns: list[RaceColumn] | None = None) -> RowOut:
    return RowOut(
        position=row.position,
        name=row.name,
        team=row.team,
        number=row.number,
        nationality=row.nationality,
        points={
            str(cell.round): number(cell.points) if cell.took_part else None
            for cell in row.rounds
        },
        total=number(row.total),
        results={
            str(cell.round): [
                RaceResultOut(
                    race=c.race,
                    number=c.number,
                    status=c.status.value,
                    class_position=c.class_position,
                    pole=c.pole,
                    points=number(c.points),
                )
                for c in cell.races
            ]
            for cell in row.rounds
        },
        cells={
            c.key: None if (p := column_points(row, c)) is None else number(p)
            for c in columns or []
        },
        dropped=[str(cell.round) for cell in row.rounds if cell.dropped],
        teams=list(row.teams),
        numbers=list(row.numbers),
        note=row.note,
        adjustments=[
            AdjustmentOut(points=number(a.points), round=a.round, reason=a.reason)
            for a in row.adjustments
        ],
    )


def table_out(table: StandingTable, columns: list[RaceColumn] | None = None) -> TableOut:
    return TableOut(
        class_=table.class_code,
        table=table.kind.value,
        championship=table.title,
        classes=list(table.classes or (table.class_code,)),
        rows=[row_out(r, columns) for r in table.rows],
    )


def standings_document(
    season: Season,
    rules: RuleSet,
    tables: list[StandingTable],
    awards: list[AwardWinner] | None = None,
) -> StandingsDocument:
    columns = race_columns(season)
    return StandingsDocument(
        season=season_out(season, rules),
        rounds=[round_out(r) for r in season.rounds],
        columns=[ColumnOut(key=c.key, round=c.round, race=c.race, heading=c.heading)
                 for c in columns],
        standings=[table_out(t, columns) for t in tables],
        awards=[
            AwardOut(award=a.award, class_=a.class_code, table=a.kind.value,
                     championship=a.championship or f"{a.class_code} {a.kind.value}",
                     position=a.position, name=a.name)
            for a in awards or []
        ],
    )
