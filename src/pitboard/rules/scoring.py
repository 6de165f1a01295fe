"""The pieces a rule set scores with: scales, tie-breaks, place numbering, stopped races,
checkpoints. Shared by a season's rule set and by each of its championships."""

from __future__ import annotations

import itertools
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ACO_POINTS = tuple(Decimal(p) for p in (25, 18, 15, 12, 10, 8, 6, 4, 2, 1))


class TeamScoring(StrEnum):
    PER_CAR = "per_car"  # each car of a team is ranked apart (#007 and #009 Craft Racing)
    PER_TEAM = "per_team"  # all of a team's cars in a class add up


class ManufacturerScoring(StrEnum):
    ALL_CARS = "all_cars"  # every car of the make adds its points
    BEST_PER_RACE = "best_per_race"  # only the best `manufacturer_cars_per_race` cars count


class TieBreak(StrEnum):
    NONE = "none"  # equal totals share the place
    COUNTBACK = "countback"  # most wins, then most seconds, ...; still level: shared place
    # The countback, then whoever reached their best place first (race by race).
    COUNTBACK_THEN_EARLIEST = "countback_then_earliest"


class TieBreaks(BaseModel):
    """The tie-break of each table; a season file may give one word for all three."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    # The Asian Le Mans record shares level drivers' places and splits level cars in the teams'
    # tables by countback, then by who scored their best result first (#92 over #009 in 2013).
    drivers: TieBreak = TieBreak.NONE
    teams: TieBreak = TieBreak.COUNTBACK_THEN_EARLIEST
    manufacturers: TieBreak = TieBreak.COUNTBACK_THEN_EARLIEST

    @model_validator(mode="before")
    @classmethod
    def _one_word_for_all(cls, value: object) -> object:
        if isinstance(value, str):
            return {"drivers": value, "teams": value, "manufacturers": value}
        return value

    def for_table(self, table: str) -> TieBreak:
        return TieBreak(getattr(self, table))


class PlaceNumbering(StrEnum):
    DENSE = "dense"  # 1, 2, 2, 3: how the Asian Le Mans record books number shared places
    STANDARD = "standard"  # 1, 2, 2, 4


def descending(value: tuple[Decimal, ...]) -> tuple[Decimal, ...]:
    if any(p < 0 for p in value):
        raise ValueError("points cannot be negative")
    if any(a < b for a, b in itertools.pairwise(value)):
        raise ValueError("a points scale must not rise from one place to the next")
    return value


class PointsScale(BaseModel):
    """A named points scale, for series whose points depend on the race (WEC: 6h, 8h, Le Mans)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    points: tuple[Decimal, ...]
    beyond: Decimal = Decimal(0)  # each classified car below the scale

    _descends = field_validator("points")(descending)


class DurationScale(BaseModel):
    """Use a named scale for races scheduled to last at least `from_hours`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    from_hours: Decimal = Field(ge=0)
    scale: str


class PartialRace(BaseModel):
    """Points of a race stopped early: reduced below a share of its scheduled time.

    WEC and ELMS: no points if the leader covered fewer than two laps, half points if it covered
    less than 75% of the scheduled time.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    full_points_share: Decimal = Field(default=Decimal("0.75"), gt=0, le=1)
    factor: Decimal = Field(default=Decimal("0.5"), ge=0, le=1)
    min_leader_laps: int = Field(default=2, ge=0)


class CheckpointPoints(BaseModel):
    """Points by class position at set points of a race (IMSA Endurance Cup: 5-4-3-2)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    points: tuple[Decimal, ...]
    beyond: Decimal = Decimal(0)
    at_finish: bool = True  # the finish is a checkpoint too
    # When the checkpoints fall, by scheduled race length in hours: {24: [6, 12], 12: [4, 8]}.
    # Recorded for reference: the running order at each checkpoint is entered on the race
    # (`checkpoints:` in the season file); it is not yet computed from lap data.
    at_hours: dict[int, tuple[Decimal, ...]] = {}

    _descends = field_validator("points")(descending)
