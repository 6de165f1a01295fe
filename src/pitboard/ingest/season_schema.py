"""The season file's schema: strict (unknown keys are errors), documented in docs/season-file.md."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from pitboard.domain import DriverRating, RoundStatus
from pitboard.rules import RuleSet


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class SeriesSpec(_Strict):
    id: StrictStr
    name: StrictStr
    short_name: StrictStr = ""
    aliases: dict[StrictStr, StrictStr] = {}  # a person's other spelling -> the name shown


class ClassSpec(_Strict):
    code: StrictStr
    name: StrictStr = ""
    scored: bool = True
    note: StrictStr = ""


class PersonSpec(_Strict):
    name: StrictStr
    nationality: StrictStr | None = None
    aliases: list[StrictStr] = []
    ids: list[StrictStr] = []  # a driver's ids in sim results: Steam id, iRacing cust_id


class DriverSpec(PersonSpec):
    rating: DriverRating | None = None  # FIA category for the season: Platinum ... Bronze


class EntryDriverSpec(_Strict):
    name: StrictStr
    rounds: list[int] | None = None
    rating: DriverRating | None = None  # this entry's rating for the driver, if it differs


class EntrySpec(_Strict):
    class_: StrictStr = Field(alias="class")
    number: StrictStr | None = None  # quote it in YAML: "007" unquoted would read as the number 7
    team: StrictStr
    chassis: StrictStr = ""
    category: StrictStr = ""  # homologation category (GT3, GT300, LMP2 ...) for class eligibility
    engine: StrictStr = ""
    manufacturer: StrictStr = ""
    tyre: StrictStr = ""
    drivers: list[EntryDriverSpec | StrictStr] = []
    rounds: list[int] | None = None
    guest: bool = False  # entered for its races, not for the championship
    note: StrictStr = ""


class CheckpointSpec(_Strict):
    name: StrictStr
    order: list[StrictStr]  # car numbers in running order at the checkpoint


class RaceSpec(_Strict):
    number: int = Field(default=1, ge=1)
    name: StrictStr = ""
    multiplier: Decimal = Decimal(1)
    results: StrictStr | None = None  # a results CSV holding only this race
    timing: StrictStr | None = None  # or a timing file classified with the season's rules
    penalties: StrictStr | None = None  # a penalties CSV applied to the timing file
    scale: StrictStr | None = None  # a named points scale of the rule set
    scheduled_seconds: float | None = Field(default=None, gt=0)
    leader_seconds: float | None = Field(default=None, ge=0)  # when the race stopped short
    leader_laps: int | None = Field(default=None, ge=0)
    checkpoints: list[CheckpointSpec] = []


class RoundSpec(_Strict):
    round: int | None = Field(default=None, ge=1)
    name: StrictStr
    short_name: StrictStr = ""
    circuit: StrictStr = ""
    country: StrictStr | None = None
    date: dt.date | None = None
    status: RoundStatus = RoundStatus.HELD
    results: StrictStr | list[StrictStr] | None = None  # results CSVs of this round
    qualifying: StrictStr | None = None  # a qualifying CSV that sets the grid and class poles
    timing: StrictStr | list[StrictStr] | None = None  # timing files: race 1, race 2 ...
    qualifying_timing: StrictStr | None = None  # a qualifying timing file: sets class poles
    races: list[RaceSpec] = []
    note: StrictStr = ""


class DecisionSpec(_Strict):
    class_: StrictStr = Field(alias="class")
    order: list[StrictStr]
    reason: StrictStr
    tables: list[Literal["drivers", "teams"]] = []


class AdjustmentSpec(_Strict):
    class_: StrictStr = Field(alias="class")
    table: StrictStr | list[StrictStr]  # drivers, teams, manufacturers, or all; a word or a list
    who: StrictStr = ""  # a row as its table names it
    number: StrictStr | None = None  # or a car: the rows it scored for
    points: Decimal  # negative: deducted
    round: int | None = None
    reason: StrictStr


class PublishedChampionSpec(_Strict):
    class_: StrictStr = Field(alias="class")
    table: Literal["drivers", "teams", "manufacturers"]
    names: list[StrictStr]  # a crew that shares a title: every name
    source: StrictStr = ""  # where this title is settled, when not the section's sources
    note: StrictStr = ""


class PublishedRowSpec(_Strict):
    place: int | None = Field(default=None, ge=1)  # none: printed without a place
    names: list[StrictStr]
    total: Decimal | None = None  # none: the source prints no total


class PublishedTableSpec(_Strict):
    class_: StrictStr = Field(alias="class")
    table: Literal["drivers", "teams", "manufacturers"]
    championship: StrictStr = ""  # the table's title, where the rules name their tables
    source: StrictStr = ""
    rows: list[PublishedRowSpec]


class PublishedSpec(_Strict):
    """What was published about the season: its champions and final tables, with sources."""

    sources: list[StrictStr]
    champions: list[PublishedChampionSpec] = []
    standings: list[PublishedTableSpec] = []
    note: StrictStr = ""


class SeasonSpec(_Strict):
    series: SeriesSpec
    season: StrictStr
    rules: RuleSet = RuleSet()
    classes: list[ClassSpec] = []
    teams: list[PersonSpec] = []
    drivers: list[DriverSpec] = []
    entries: list[EntrySpec] = []
    calendar: list[RoundSpec] = []  # empty: one round per race file of the folder (a league)
    class_map: dict[StrictStr, StrictStr] = {}  # the game's class or car name -> season class
    results: list[StrictStr] = []  # results CSVs whose `round` column names calendar rounds
    decisions: list[DecisionSpec] = []
    adjustments: list[AdjustmentSpec] = []  # points deducted or awarded outside race results
    notes: list[StrictStr] = []
    # The published record; a season with it and no calendar is that record alone (no results).
    published: PublishedSpec | None = None
