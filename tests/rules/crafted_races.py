"""Small builders for crafted races and seasons."""

from __future__ import annotations

from pitboard.domain import (
    CarClass,
    Driver,
    DriverRating,
    FinishStatus,
    Race,
    ResultLine,
    Round,
    Season,
    Series,
)


def line(
    class_code: str,
    order: int,
    number: str,
    drivers: tuple[str, ...] = (),
    status: FinishStatus = FinishStatus.CLASSIFIED,
    pole: bool = False,
    chassis: str = "",
    team: str = "",
) -> ResultLine:
    return ResultLine(
        class_code=class_code, status=status, order=order, number=number,
        team=team or f"Team {number}", drivers=drivers, pole=pole, chassis=chassis,
    )


def race(*lines: ResultLine, **facts: object) -> Race:
    return Race(results=tuple(lines), **facts)  # type: ignore[arg-type]


def season(
    races: tuple[Race, ...],
    drivers: tuple[tuple[str, str | None, DriverRating | None], ...] = (),
    classes: tuple[str, ...] = (),
) -> Season:
    return Season(
        id="crafted/1",
        series=Series(id="crafted", name="Crafted"),
        name="1",
        classes=tuple(CarClass(code=c) for c in classes),
        rounds=(Round(number=1, name="Round 1", races=races),),
        drivers=tuple(Driver(name=n, nationality=nat, rating=r) for n, nat, r in drivers),
    )
