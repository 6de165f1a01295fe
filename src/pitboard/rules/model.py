"""The rule set of a season, written as data in its season file.

Everything that differs between series or seasons is a field here rather than an `if` in the engine.
Defaults are the Asian Le Mans Series 2013 rules, the first rule set pitboard reproduces.
"""

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

    drivers: TieBreak = TieBreak.NONE
    teams: TieBreak = TieBreak.COUNTBACK
    manufacturers: TieBreak = TieBreak.COUNTBACK

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


class Award(BaseModel):
    """A prize earned by finishing high in a standings table, e.g. a Le Mans invitation."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    classes: tuple[str, ...] = ()  # empty: every scored class
    table: str = "teams"  # drivers | teams | manufacturers
    top: int = 1  # how many positions earn it

    @field_validator("table")
    @classmethod
    def _known_table(cls, value: str) -> str:
        if value not in {"drivers", "teams", "manufacturers"}:
            raise ValueError("table must be drivers, teams or manufacturers")
        return value


class RuleSet(BaseModel):
    """How a season turns race results into points and standings."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = "ACO 2013 (25-18-15-12-10-8-6-4-2-1, pole 1)"
    points: tuple[Decimal, ...] = ACO_POINTS  # by class place, first place first
    points_beyond_scale: Decimal = Decimal(0)  # each classified car below the scale (ACO: 0.5)
    pole_points: Decimal = Decimal(1)
    pole_points_need_classification: bool = False  # 2013: #007 kept its pole point after retiring
    min_distance_share: Decimal = Decimal("0.7")  # below this share of the winner's laps: NC
    distance_reference: str = "overall"  # overall | class: whose distance the share is of
    # Timing data: a car must cross the line after the leader's finish to be classified.
    chequered_flag_required: bool = True
    # A driver who drove less than this many seconds of a race scores no points (None: no minimum).
    min_driver_seconds: float | None = Field(default=None, ge=0)
    # Qualifying from laps: None orders by each car's best lap; N by the average of the best laps
    # of N drivers of the car (the WEC rule: 2).
    qualifying_drivers_averaged: int | None = Field(default=None, ge=1)
    team_scoring: TeamScoring = TeamScoring.PER_CAR
    manufacturer_scoring: ManufacturerScoring = ManufacturerScoring.ALL_CARS
    manufacturer_cars_per_race: int = Field(default=2, ge=1)
    best_rounds: int | None = Field(default=None, ge=1)  # count only the best N rounds
    # The 2013 record shares level drivers' places, and ranks cars of its teams' tables on places.
    tie_break: TieBreaks = TieBreaks()
    place_numbering: PlaceNumbering = PlaceNumbering.DENSE
    rank_zero_totals: bool = False  # 2013 tables leave a 0-point row without a place
    non_scoring_numbers: tuple[str, ...] = ()  # guest cars: classified, never scored
    guests_pass_places: bool = True  # a guest's place goes to the next scoring car
    awards: tuple[Award, ...] = ()

    @field_validator("points")
    @classmethod
    def _scale_descends(cls, value: tuple[Decimal, ...]) -> tuple[Decimal, ...]:
        if any(p < 0 for p in value):
            raise ValueError("points cannot be negative")
        if any(a < b for a, b in itertools.pairwise(value)):
            raise ValueError("a points scale must not rise from one place to the next")
        return value

    @field_validator("distance_reference")
    @classmethod
    def _known_reference(cls, value: str) -> str:
        if value not in {"overall", "class"}:
            raise ValueError("distance_reference must be overall or class")
        return value

    def points_for_place(self, place: int) -> Decimal:
        """Points for a classified car's scoring place in its class (1-based)."""
        if place <= len(self.points):
            return self.points[place - 1]
        return self.points_beyond_scale

    def describe(self) -> str:
        scale = "-".join(_fmt(p) for p in self.points)
        parts = [scale]
        if self.points_beyond_scale:
            parts.append(f"{_fmt(self.points_beyond_scale)} beyond")
        if self.pole_points:
            parts.append(f"pole {_fmt(self.pole_points)}")
        if self.best_rounds:
            parts.append(f"best {self.best_rounds} rounds")
        return ", ".join(parts)


def _fmt(value: Decimal) -> str:
    return str(int(value)) if value == value.to_integral_value() else str(value.normalize())
