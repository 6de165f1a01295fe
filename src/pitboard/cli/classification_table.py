"""A classification as a terminal table that keeps every figure and every whole name.

Figures (place, laps, time or gap, interval, best lap) never wrap and never go; names are never
shortened. Where a car's team and drivers fit on one line they get a column each; on a narrower
terminal each car's number and team head a cell with one driver per line below. The stewards'
decisions are listed under the table, each with its reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from pitboard.domain.classification import Classification, ClassifiedCar
from pitboard.domain.durations import format_duration, format_race_time

GAP = 2  # characters between two columns


def clock(seconds: float | None) -> str:
    return format_duration(seconds) if seconds is not None else ""


def place(car: ClassifiedCar) -> str:
    """The place, or for a car not classified its status (NC, DNF, DSQ) in its stead."""
    if not car.status.is_classified:
        return car.status.value
    return f"{car.position} EXC" if car.excluded else str(car.position)


def class_place(car: ClassifiedCar) -> str:
    """`LMGTE Am 3`; a car not classified has no place in its class."""
    if not car.status.is_classified:
        return car.class_code
    return f"{car.class_code} {car.class_position}"


def time_or_gap(car: ClassifiedCar, *, race: bool) -> str:
    """The winner's race time, then each car's gap; nothing for a car without one (DSQ)."""
    if car.gap is not None:
        return car.gap.text()
    if race and car.position == 1 and car.status.is_classified and car.race_seconds is not None:
        return format_race_time(car.race_seconds)
    return ""


@dataclass(frozen=True)
class Figure:
    heading: str
    value: Callable[[ClassifiedCar], str]


def figures(result: Classification, *, race: bool) -> tuple[list[Figure], list[Figure]]:
    """The figure columns before the car (place, class place where there are classes) and
    after it: a race's gaps before its best laps, qualifying's best laps first."""
    many_classes = len(result.classes()) > 1
    gap = Figure("Time/gap" if race else "Gap", lambda c: time_or_gap(c, race=race))
    interval = Figure("Int", lambda c: c.interval.text() if c.interval else "")
    best = Figure("Best", lambda c: clock(c.best_lap_seconds))
    laps = Figure("Laps", lambda c: str(c.laps))
    before = [Figure("Pos", place), *([Figure("Class", class_place)] if many_classes else [])]
    return before, [laps, *([gap, interval, best] if race else [best, gap, interval])]


def _width(heading: str, values: list[str]) -> int:
    return max(len(v) for v in [heading, *values])


def classification_table(result: Classification, title: str, width: int, *,
                         race: bool = True) -> Table:
    """The table for a terminal `width` characters wide (see the module's docstring)."""
    head, tail = figures(result, race=race)
    values = {f.heading: [f.value(car) for car in result.cars] for f in head + tail}
    tail = [f for f in tail if any(values[f.heading])]  # a figure no car has (qualifying's Int)
    shown = head + tail
    widths = {f.heading: _width(f.heading, values[f.heading]) for f in shown}
    drivers = [" / ".join(car.drivers) for car in result.cars]
    teams = any(car.team for car in result.cars)  # sim racers often enter without one
    one_line = (
        sum(widths[f.heading] for f in shown) + _width("No", [c.number for c in result.cars])
        + (_width("Team", [c.team for c in result.cars]) + GAP if teams else 0)
        + _width("Drivers", drivers) + GAP * (len(shown) + 1)
    ) <= width
    table = Table(title=escape(title), title_justify="left", box=box.SIMPLE_HEAD,
                  pad_edge=False, padding=(0, GAP - 1, 0, 0), show_edge=False,
                  leading=0 if one_line else 1)
    for figure in head:
        table.add_column(figure.heading, justify="right" if figure.heading == "Pos" else "left",
                         no_wrap=True, min_width=widths[figure.heading])
    if one_line:
        table.add_column("No", no_wrap=True)
        if teams:
            table.add_column("Team", no_wrap=True)
        table.add_column("Drivers", no_wrap=True)
    else:
        table.add_column("Car and drivers", ratio=1, overflow="fold")
    for figure in tail:
        table.add_column(figure.heading, justify="right", no_wrap=True,
                         min_width=widths[figure.heading])
    for i, car in enumerate(result.cars):
        first = [escape(values[f.heading][i]) for f in head]
        last = [escape(values[f.heading][i]) for f in tail]
        if one_line:
            who = [car.number, *([escape(car.team)] if teams else []), escape(drivers[i])]
        else:
            heading = " ".join(x for x in (f"#{car.number}", car.team) if x)
            who = ["\n".join(escape(x) for x in (heading, *car.drivers))]
        table.add_row(*first, *who, *last)
    return table


def decisions(result: Classification) -> list[str]:
    """Each decision applied, as sheets print them under the table: '#85 ...: DSQ (reason)'."""
    return [
        f"#{car.number} {car.team}".strip() + f": {car.notes()}"
        for car in result.cars
        if car.penalties
    ]


def print_classification(console: Console, result: Classification, title: str, *,
                         race: bool = True) -> None:
    console.print(classification_table(result, title, console.width, race=race))
    lines = decisions(result)
    if lines:
        console.print("Decisions", style="bold")
        for line in lines:
            console.print(line, markup=False, highlight=False)
