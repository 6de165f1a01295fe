"""The rule set of a season, written as data in its season file.

Everything that differs between series or seasons is a field here rather than an `if` in the engine.
Defaults are the Asian Le Mans Series 2013 rules, the first rule set pitboard reproduces.
"""

from __future__ import annotations

import itertools
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from pitboard.domain.results import Race
from pitboard.rules.lineup import LineupRules

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


def _descending(value: tuple[Decimal, ...]) -> tuple[Decimal, ...]:
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

    _descends = field_validator("points")(_descending)


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

    _descends = field_validator("points")(_descending)


class RuleSet(BaseModel):
    """How a season turns race results into points and standings."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = "Default (ACO scale)"
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
    # Race-dependent scales: a race names one (`scale`), or its scheduled length picks one.
    scales: dict[str, PointsScale] = {}
    duration_scales: tuple[DurationScale, ...] = ()
    partial_race: PartialRace | None = None  # None: a stopped race scores in full
    checkpoints: CheckpointPoints | None = None
    lineup: LineupRules = LineupRules()

    @field_validator("points")
    @classmethod
    def _scale_descends(cls, value: tuple[Decimal, ...]) -> tuple[Decimal, ...]:
        return _descending(value)

    @model_validator(mode="after")
    def _scales_named(self) -> RuleSet:
        unknown = [d.scale for d in self.duration_scales if d.scale not in self.scales]
        if unknown:
            raise ValueError(f"duration_scales name scales not in `scales`: {', '.join(unknown)}")
        return self

    @field_validator("distance_reference")
    @classmethod
    def _known_reference(cls, value: str) -> str:
        if value not in {"overall", "class"}:
            raise ValueError("distance_reference must be overall or class")
        return value

    def scale_name(self, race: Race) -> str | None:
        """The named scale a race is scored on: its own, else by its scheduled length; None: the
        default `points`. A race naming a scale the rules do not have is a ValueError."""
        if race.scale is not None:
            if race.scale not in self.scales:
                known = ", ".join(self.scales) or "none"
                raise ValueError(f"race scale {race.scale!r} is not in the rule set ({known})")
            return race.scale
        if race.scheduled_seconds is None:
            return None
        length = Decimal(str(race.scheduled_seconds)) / 3600
        fitting = [d for d in self.duration_scales if length >= d.from_hours]
        return max(fitting, key=lambda d: d.from_hours).scale if fitting else None

    def points_for_place(self, place: int, scale: str | None = None) -> Decimal:
        """Points for a classified car's scoring place in its class (1-based)."""
        points, beyond = self.points, self.points_beyond_scale
        if scale is not None:
            points, beyond = self.scales[scale].points, self.scales[scale].beyond
        if place <= len(points):
            return points[place - 1]
        return beyond

    def race_factor(self, race: Race) -> Decimal:
        """The share of points a race gives: 1, or less when it stopped short (`partial_race`)."""
        partial = self.partial_race
        if partial is None:
            return Decimal(1)
        if race.leader_laps is not None and race.leader_laps < partial.min_leader_laps:
            return Decimal(0)
        if race.scheduled_seconds and race.leader_seconds is not None:
            share = Decimal(str(race.leader_seconds)) / Decimal(str(race.scheduled_seconds))
            if share < partial.full_points_share:
                return partial.factor
        return Decimal(1)

    def describe(self) -> str:
        scale = "-".join(_fmt(p) for p in self.points)
        parts = [scale or "no points for places"]
        if self.points_beyond_scale:
            parts.append(f"{_fmt(self.points_beyond_scale)} beyond")
        if self.pole_points:
            parts.append(f"pole {_fmt(self.pole_points)}")
        if self.best_rounds:
            parts.append(f"best {self.best_rounds} rounds")
        for name, named in self.scales.items():
            parts.append(f"{name}: " + "-".join(_fmt(p) for p in named.points))
        if self.partial_race:
            parts.append(
                f"x{_fmt(self.partial_race.factor)} below "
                f"{_fmt(self.partial_race.full_points_share * 100)}% of the scheduled time"
            )
        if self.checkpoints:
            parts.append("checkpoints " + "-".join(_fmt(p) for p in self.checkpoints.points))
        return ", ".join(parts)


def _fmt(value: Decimal) -> str:
    return str(int(value)) if value == value.to_integral_value() else str(value.normalize())
