"""A timed race's page: which cars its charts draw, and the charts and tables of those cars.

A 24-hour race has sixty cars in three classes; a chart of all of them cannot be read. The page
shows one class at a time and, by default, the first `DEFAULT_TOP` cars of it; the reader may ask
for another number or tick the cars to compare. Every car keeps one colour on every chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from pitboard.domain import Race, Round, Season
from pitboard.domain.timing import TimingSession
from pitboard.web import charts, lapdata
from pitboard.web.lapdata import CarStints, HourlyPlaces, RaceCar

DEFAULT_TOP = 6


@dataclass(frozen=True)
class Choice:
    """The cars a reader asked for: the first `top` of the class, or the cars ticked."""

    top: int = DEFAULT_TOP
    keys: tuple[str, ...] = ()

    def pick(self, cars: Sequence[RaceCar]) -> list[RaceCar]:
        """The chosen cars in the order of the race; keys that name no car of the class are
        left out, and a choice that leaves no car falls back to the first `top`."""
        if self.keys:
            picked = [rc for rc in cars if rc.key in self.keys]
            if picked:
                return picked
        return list(cars[: max(self.top, 1)])

    @property
    def by_cars(self) -> bool:
        return bool(self.keys)


@dataclass(frozen=True)
class RacePage:
    title: str
    race: Race
    session: TimingSession
    classes: list[str]
    chosen_class: str
    class_cars: list[RaceCar]  # every car of the class, in the order of the race
    shown: list[RaceCar]  # the cars the charts draw
    colours: dict[str, int]  # car key -> colour index, the same on every chart
    choice: Choice
    lap_chart: Markup
    gap_chart: Markup
    pace_chart: Markup
    hours: HourlyPlaces
    stints: list[CarStints]  # every car of the class
    winner_laps: int | None

    def swatch(self, key: str) -> str:
        return charts.swatch_style(self.colours[key]) if key in self.colours else ""

    def shown_stints(self) -> list[CarStints]:
        keys = {rc.key for rc in self.shown}
        return [s for s in self.stints if s.car.key in keys]


def page_title(rnd: Round, race: Race) -> str:
    """The event and, where the round has more than one race or names it, the race:
    `24 Hours of Le Mans`, `1000 km of Okayama, Race 2`. Never the timing file's name."""
    named = len(rnd.races) > 1 or race.name.strip().casefold() not in {"", "race"}
    return f"{rnd.name}, {race.name}" if named else rnd.name


def race_classes(season: Season, session: TimingSession) -> list[str]:
    """The classes of the session, in the season's order."""
    order = season.class_codes()
    return sorted(lapdata.session_classes(session),
                  key=lambda c: order.index(c) if c in order else len(order))


def race_page(season: Season, rnd: Round, race: Race, session: TimingSession,
              chosen: str, choice: Choice) -> RacePage:
    """The page of `chosen` class (one of `race_classes`) with the cars of `choice`."""
    cars = lapdata.race_cars(session, race.results)
    classes = race_classes(season, session)
    class_cars = [rc for rc in cars if rc.class_code == chosen]
    shown = choice.pick(class_cars)
    colours = {rc.key: i for i, rc in enumerate(shown)}
    positions = {t.key: t for t in lapdata.positions_by_lap(session, chosen, class_cars)}
    gaps = {t.key: t for t in lapdata.gaps_by_lap(session, chosen, class_cars)}
    lap_chart = charts.line_chart(
        [charts.Line(rc.label, sorted(positions[rc.key].values.items()), rc.key)
         for rc in shown],
        title=f"{chosen}: place in class by lap", x_label="lap", y_label="place in class",
        invert_y=True, y_max=len(class_cars),
    )
    gap_chart = charts.line_chart(
        [charts.Line(rc.label, sorted(gaps[rc.key].values.items()), rc.key) for rc in shown],
        title=f"{chosen}: gap to the class leader", x_label="lap",
        y_label="seconds behind the class leader", y_min=0, ignore_outliers=True,
        y_format="duration",
    )
    shown_keys = {rc.key for rc in shown}
    pace = charts.pace_chart(
        [p for p in lapdata.class_pace(session, chosen, class_cars) if p.key in shown_keys],
        title=f"{chosen}: racing-lap times per car", colours=colours,
    )
    winner = next((rc for rc in cars if rc.line is not None and rc.line.status.is_classified),
                  None)
    return RacePage(
        title=page_title(rnd, race), race=race, session=session, classes=classes,
        chosen_class=chosen, class_cars=class_cars, shown=shown, colours=colours,
        choice=choice, lap_chart=lap_chart, gap_chart=gap_chart, pace_chart=pace,
        hours=lapdata.hourly_places(class_cars), stints=lapdata.car_stints(class_cars),
        winner_laps=winner.line.laps if winner is not None and winner.line is not None
        else None,
    )
