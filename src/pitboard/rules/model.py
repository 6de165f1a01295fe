"""The rule set of a season, written as data in its season file.

Everything that differs between series or seasons is a field here rather than an `if` in the engine.
Defaults are the Asian Le Mans Series 2013 rules, the first rule set pitboard reproduces.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from pitboard.domain.results import Race
from pitboard.domain.standings import TableKind
from pitboard.rules.championship import Championship, class_championship
from pitboard.rules.lineup import LineupRules
from pitboard.rules.scoring import (
    ACO_POINTS,
    CheckpointPoints,
    DurationScale,
    ManufacturerScoring,
    PartialRace,
    PlaceNumbering,
    PointsScale,
    TeamScoring,
    TieBreaks,
    descending,
)


class NonStarter(StrEnum):
    """How a record shows an entered car that did not start a round."""

    DNS = "dns"  # "DNS", a round not taken part in
    ZERO = "zero"  # 0, a round taken part in (the Asian Le Mans record)


class Award(BaseModel):
    """A prize earned by finishing high in a standings table, e.g. a Le Mans invitation."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    classes: tuple[str, ...] = ()  # empty: every scored class
    table: str = "teams"  # drivers | teams | manufacturers
    top: int = 1  # how many positions earn it
    championship: str = ""  # a championship's title: only its table (then classes/table unused)

    @field_validator("table")
    @classmethod
    def _known_table(cls, value: str) -> str:
        if value not in {"drivers", "teams", "manufacturers"}:
            raise ValueError("table must be drivers, teams or manufacturers")
        return value


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
    did_not_start: NonStarter = NonStarter.DNS  # how an entered car that did not start shows
    # The season's championships; none named: a drivers', teams' and manufacturers' table for
    # each scored class (`championships_for`).
    championships: tuple[Championship, ...] = ()

    @field_validator("points")
    @classmethod
    def _scale_descends(cls, value: tuple[Decimal, ...]) -> tuple[Decimal, ...]:
        return descending(value)

    @model_validator(mode="after")
    def _scales_named(self) -> RuleSet:
        unknown = [d.scale for d in self.duration_scales if d.scale not in self.scales]
        for championship in self.championships:
            scales = championship.scales if championship.scales is not None else self.scales
            durations = championship.duration_scales or ()
            unknown += [d.scale for d in durations if d.scale not in scales]
        if unknown:
            raise ValueError(f"duration_scales name scales not in `scales`: {', '.join(unknown)}")
        titles = [c.title for c in self.championships]
        repeated = sorted({t for t in titles if titles.count(t) > 1})
        if repeated:
            raise ValueError(f"each championship needs a title of its own: {', '.join(repeated)}")
        return self

    def championships_for(self, class_codes: Iterable[str]) -> tuple[Championship, ...]:
        """The championships of a season whose scored classes are these: the rule set's own, or
        the default set of a drivers', a teams' and a manufacturers' table per class."""
        if self.championships:
            return self.championships
        best_cars = (
            self.manufacturer_cars_per_race
            if self.manufacturer_scoring is ManufacturerScoring.BEST_PER_RACE else None
        )
        return tuple(
            class_championship(
                code, kind, team_scoring=self.team_scoring,
                best_cars=best_cars if kind is TableKind.MANUFACTURERS else None,
                tie_break=self.tie_break.for_table(kind.value),
            )
            for code in class_codes
            for kind in TableKind
        )

    def for_championship(self, championship: Championship) -> RuleSet:
        """This rule set with a championship's own scale, pole point, drop rule and
        tie-break laid over it, to score that championship's table."""
        scoring = championship.scoring()
        if championship.tie_break is not None:
            scoring["tie_break"] = championship.tie_break.value
        if not scoring:
            return self
        return RuleSet.model_validate({**self.model_dump(exclude={"championships"}), **scoring})

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
        scale = "-".join(fmt_points(p) for p in self.points)
        parts = [scale or "no points for places"]
        if self.points_beyond_scale:
            parts.append(f"{fmt_points(self.points_beyond_scale)} beyond")
        if self.pole_points:
            parts.append(f"pole {fmt_points(self.pole_points)}")
        if self.best_rounds:
            parts.append(f"best {self.best_rounds} rounds")
        for name, named in self.scales.items():
            parts.append(f"{name}: " + "-".join(fmt_points(p) for p in named.points))
        if self.partial_race:
            parts.append(
                f"x{fmt_points(self.partial_race.factor)} below "
                f"{fmt_points(self.partial_race.full_points_share * 100)}% of the scheduled time"
            )
        if self.checkpoints:
            parts.append("checkpoints " + "-".join(fmt_points(p) for p in self.checkpoints.points))
        return ", ".join(parts)


def fmt_points(value: Decimal) -> str:
    return str(int(value)) if value == value.to_integral_value() else str(value.normalize())
