"""A championship as data: which cars it scores, on which order, who collects, and how.

A season holds any number of championships, each one standings table: the FIA WEC drivers'
world championship scores LMP1 and LMP2 crews on one order of all prototypes; its LMP1 teams'
table scores a team's best car in each race on that same order; an LMP2 Am trophy scores only
its own cars. A rule set that names none gets the default set: a drivers', a teams' and a
manufacturers' table for each scored class (`default_championships`).

The championship's own scale, pole point, drop rule or tie-break, where it gives one, is laid
over the season's rule set (`RuleSet.for_championship`); everything else is the season's.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from pitboard.domain.ratings import DriverRating
from pitboard.domain.standings import TableKind
from pitboard.rules.scoring import (
    CheckpointPoints,
    DurationScale,
    PointsScale,
    TeamScoring,
    TieBreak,
    descending,
)


class Places(StrEnum):
    """Who takes the places a championship's points are given for."""

    CARS = "cars"  # every car takes its place
    # Only each make's best car takes a place: a make scores the points of its rank among the
    # makes (IMSA's manufacturers' championships).
    MAKES = "makes"


class PoleFrom(StrEnum):
    """Where a team's or a make's pole point may come from when only its best cars count."""

    COUNTED = "counted"  # only with a car whose points count (its pole is part of its points)
    ANY = "any"  # whichever of its cars took pole (WEC LMP1 teams: #7's pole, #8's win)


# The scoring a championship may give itself; each one left out is the season's rule set's.
SCORING_FIELDS = (
    "points", "points_beyond_scale", "pole_points", "pole_points_need_classification",
    "scales", "duration_scales", "checkpoints", "best_rounds",
)


class Championship(BaseModel):
    """One championship of a season: one standings table, its cars, its order and its scoring."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    title: str = Field(min_length=1)  # "FIA World Endurance Drivers' Championship"
    table: TableKind  # who collects: drivers | teams | manufacturers
    classes: tuple[str, ...] = Field(min_length=1)  # the classes whose cars it scores
    # The `class` faces and filters give it; default: its class, or its classes joined by "/".
    label: str | None = Field(default=None, alias="class")
    # The classes whose combined finishing order places its cars; default: the classes it
    # scores. It may be wider: the WEC LMP1 teams' table scores LMP1 on the order of all
    # prototypes, so an LMP2 car ahead of an LMP1 car takes a place from it.
    order: tuple[str, ...] = ()
    # The classes whose class pole earns its pole point; default: each class it scores.
    pole_classes: tuple[str, ...] | None = None
    team_scoring: TeamScoring = TeamScoring.PER_CAR  # teams: each car apart, or each team
    # A team's (per_team) or a make's best N cars in each race count; None: every car.
    best_cars: int | None = Field(default=None, ge=1)
    pole_from: PoleFrom = PoleFrom.COUNTED
    places: Places = Places.CARS
    guests: tuple[str, ...] = ()  # car numbers it never scores: they pass their places on
    # Only cars on the season's entry list (for the round, where an entry names its rounds):
    # the WEC scores its full-season entries; a one-off entry passes its places on. A season
    # that lists no entries cannot tell them apart: there every car counts.
    entered_only: bool = False
    # Only cars whose every driver holds one of these FIA ratings (an all-Bronze trophy); the
    # others pass their places on. Empty: any line-up.
    ratings: tuple[DriverRating, ...] = ()
    rounds: tuple[int, ...] = ()  # only these rounds count (an endurance cup); empty: every one
    multipliers: dict[int, Decimal] = {}  # round number -> factor on this championship's points
    # Its own scoring; None: the season's rule set's.
    points: tuple[Decimal, ...] | None = None
    points_beyond_scale: Decimal | None = None
    pole_points: Decimal | None = None
    pole_points_need_classification: bool | None = None
    scales: dict[str, PointsScale] | None = None
    duration_scales: tuple[DurationScale, ...] | None = None
    checkpoints: CheckpointPoints | None = None
    best_rounds: int | None = Field(default=None, ge=1)
    tie_break: TieBreak | None = None

    @field_validator("points")
    @classmethod
    def _scale_descends(cls, value: tuple[Decimal, ...] | None) -> tuple[Decimal, ...] | None:
        return None if value is None else descending(value)

    @model_validator(mode="after")
    def _consistent(self) -> Championship:
        missing = [c for c in self.classes if self.order and c not in self.order]
        if missing:
            raise ValueError("order must hold every class the championship scores "
                             f"(missing {', '.join(missing)})")
        if self.best_cars is not None and not (
            self.table is TableKind.MANUFACTURERS
            or (self.table is TableKind.TEAMS and self.team_scoring is TeamScoring.PER_TEAM)
        ):
            raise ValueError("best_cars counts a team's (team_scoring: per_team) or a make's cars")
        if self.places is Places.MAKES and self.table is not TableKind.MANUFACTURERS:
            raise ValueError("places: makes ranks makes, for a manufacturers' table")
        if any(factor < 0 for factor in self.multipliers.values()):
            raise ValueError("a multiplier cannot be negative")
        return self

    @property
    def class_label(self) -> str:
        return self.label or "/".join(self.classes)

    @property
    def order_classes(self) -> tuple[str, ...]:
        """The classes whose cars take places in the order it scores on."""
        return self.order or self.classes

    @property
    def combined(self) -> bool:
        """Whether it scores on an order of several classes, which needs their overall order."""
        return len(self.order_classes) > 1

    @property
    def poles_of(self) -> tuple[str, ...]:
        return self.pole_classes if self.pole_classes is not None else self.classes

    def counts_round(self, number: int) -> bool:
        return not self.rounds or number in self.rounds

    def multiplier(self, round_number: int) -> Decimal:
        return self.multipliers.get(round_number, Decimal(1))

    def describe(self) -> str:
        """What it scores and how, in a line: "drivers; LMP1, LMP2 on the order of LMP1, LMP2;
        full-season entries only"."""
        parts = [self.table.value]
        scored = ", ".join(self.classes)
        if self.order and self.order != self.classes:
            scored += f" on the order of {', '.join(self.order)}"
        elif self.combined:
            scored += " on their combined order"
        parts.append(scored)
        if self.table is TableKind.TEAMS and self.team_scoring is TeamScoring.PER_TEAM:
            parts.append("each team, " + _best(self.best_cars))
        elif self.table is TableKind.MANUFACTURERS:
            parts.append("each make, " + _best(self.best_cars))
        if self.places is Places.MAKES:
            parts.append("by rank among the makes")
        if self.best_cars and self.pole_from is PoleFrom.ANY:
            parts.append("pole point from any of its cars")
        if self.pole_classes is not None:
            parts.append(f"pole point of {', '.join(self.pole_classes) or 'no class'}")
        if self.entered_only:
            parts.append("entered cars only")
        if self.guests:
            parts.append("guests " + ", ".join(f"#{n}" for n in self.guests))
        if self.ratings:
            parts.append("drivers rated " + "/".join(r.value for r in self.ratings))
        if self.rounds:
            parts.append("rounds " + ", ".join(str(n) for n in self.rounds))
        if self.multipliers:
            parts.append(", ".join(f"round {n} x{f}" for n, f in self.multipliers.items()))
        own = [name.replace("_", " ") for name in self.scoring()]
        if self.tie_break is not None:
            own.append(f"tie-break {self.tie_break.value}")
        if own:
            parts.append("its own " + ", ".join(own))
        return "; ".join(parts)

    def scoring(self) -> dict[str, object]:
        """The scoring it gives itself, to lay over the season's rule set."""
        return {name: getattr(self, name) for name in SCORING_FIELDS
                if getattr(self, name) is not None}


def _best(cars: int | None) -> str:
    if cars is None:
        return "all its cars"
    return "its best car in each race" if cars == 1 else f"its best {cars} cars in each race"


KIND_TITLES = {
    TableKind.DRIVERS: "Drivers' championship",
    TableKind.TEAMS: "Teams' championship",
    TableKind.MANUFACTURERS: "Manufacturers' championship",
}


def default_title(class_code: str, table: TableKind) -> str:
    """The title of a default-set table: "GTC Teams' championship"."""
    return f"{class_code} {KIND_TITLES[table]}"


def class_championship(
    class_code: str,
    table: TableKind,
    team_scoring: TeamScoring = TeamScoring.PER_CAR,
    best_cars: int | None = None,
    tie_break: TieBreak | None = None,
) -> Championship:
    """One table of the default set: a class's drivers, teams or manufacturers, on its order."""
    return Championship(
        title=default_title(class_code, table),
        table=table,
        classes=(class_code,),
        team_scoring=team_scoring if table is TableKind.TEAMS else TeamScoring.PER_CAR,
        best_cars=best_cars,
        tie_break=tie_break,
    )
