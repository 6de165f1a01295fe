"""Line-up and entry rules as data: how many drivers, of which ratings and nationalities, in what.

A season's rule set holds a list of `ClassLineup` blocks; every block whose `classes` names a car's
class (or that names none: every class) applies to it. The checks themselves are in
`pitboard.engine.eligibility`.
"""

from __future__ import annotations

import fnmatch
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from pitboard.domain.durations import parse_duration
from pitboard.domain.ratings import DriverRating
from pitboard.domain.regions import Region


def _seconds(value: object) -> object:
    """Durations as seconds, or as a clock ("1:15:00", "45:00") the regulations write them in."""
    if isinstance(value, str):
        seconds = parse_duration(value)
        if seconds is None:
            raise ValueError("a duration as seconds or H:MM:SS")
        return seconds
    return value


class _Rule(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RatingCount(_Rule):
    """How many drivers of some ratings a line-up needs (min) or may have (max)."""

    name: str  # how messages call the group: "amateur", "Silver or Bronze"
    ratings: tuple[DriverRating, ...]
    min: int | None = Field(default=None, ge=0)
    max: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _bounded(self) -> RatingCount:
        if self.min is None and self.max is None:
            raise ValueError("a rating count needs a min, a max or both")
        return self

    def describe(self) -> str:
        ratings = "/".join(r.value for r in self.ratings)
        if self.min is not None and self.max is not None:
            return f"{self.min}-{self.max} {self.name} ({ratings})"
        if self.min is not None:
            return f"at least {self.min} {self.name} ({ratings})"
        return f"at most {self.max} {self.name} ({ratings})"


class NationalityQuota(_Rule):
    """At least `min` drivers from these regions (continents) or countries (ISO alpha-3)."""

    regions: tuple[Region, ...] = ()
    countries: tuple[str, ...] = ()
    min: int = Field(default=1, ge=1)

    def places(self) -> str:
        return " or ".join([r.adjective for r in self.regions] + list(self.countries))

    def describe(self) -> str:
        return f"at least {self.min} driver(s) of {self.places()} nationality"


class CarEligibility(_Rule):
    """The cars a class is open to: homologation categories, and chassis names (glob patterns).

    A car is eligible when its recorded category is listed or its chassis matches a pattern.
    """

    categories: tuple[str, ...] = ()
    chassis: tuple[str, ...] = ()  # e.g. "* GT3": any chassis whose name ends in " GT3"

    def admits_category(self, category: str) -> bool:
        return category.casefold() in {c.casefold() for c in self.categories}

    def admits_chassis(self, chassis: str) -> bool:
        name = chassis.casefold()
        return any(fnmatch.fnmatchcase(name, pattern.casefold()) for pattern in self.chassis)

    def describe(self) -> str:
        return ", ".join([*self.categories, *self.chassis])


class DrivingTime(_Rule):
    """Minimum and maximum time at the wheel per driver, for some ratings and race lengths."""

    ratings: tuple[DriverRating, ...] = ()  # empty: every driver
    race_hours: Decimal | None = None  # only races scheduled for this many hours; None: all
    min_seconds: float | None = Field(default=None, ge=0)
    max_seconds: float | None = Field(default=None, ge=0)

    @field_validator("min_seconds", "max_seconds", mode="before")
    @classmethod
    def _as_seconds(cls, value: object) -> object:
        return _seconds(value)

    def fits_race(self, scheduled_seconds: float | None) -> bool | None:
        """Whether the rule is for a race of this length; None when the length is not known."""
        if self.race_hours is None:
            return True
        if scheduled_seconds is None:
            return None
        return abs(Decimal(str(scheduled_seconds)) - self.race_hours * 3600) < 60

    def applies_to(self, rating: DriverRating | None) -> bool | None:
        """Whether the rule binds a driver; None when that depends on a rating nobody knows."""
        if not self.ratings:
            return True
        if rating is None:
            return None
        return rating in self.ratings


class ClassLineup(_Rule):
    """The line-up and entry rules of some classes."""

    classes: tuple[str, ...] = ()  # empty: every class
    min_drivers: int | None = Field(default=None, ge=1)
    max_drivers: int | None = Field(default=None, ge=1)
    ratings: tuple[RatingCount, ...] = ()
    nationality: NationalityQuota | None = None
    eligible_cars: CarEligibility | None = None
    driving_time: tuple[DrivingTime, ...] = ()

    def applies_to(self, class_code: str) -> bool:
        return not self.classes or class_code.casefold() in {c.casefold() for c in self.classes}


class LineupRules(_Rule):
    """Every line-up rule of a rule set, and what a breach costs."""

    classes: tuple[ClassLineup, ...] = ()
    # A car whose race line-up breaks a rule scores nothing in that race (its place stands).
    withhold_points: bool = False

    def for_class(self, class_code: str) -> list[ClassLineup]:
        return [block for block in self.classes if block.applies_to(class_code)]

    @property
    def is_empty(self) -> bool:
        return not self.classes


def hours(value: Decimal | float) -> str:
    """A duration in seconds as H:MM:SS for messages."""
    total = round(float(value))
    return f"{total // 3600}:{total % 3600 // 60:02d}:{total % 60:02d}"
