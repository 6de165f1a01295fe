"""A league folder: a season.yaml beside the sim result files of its rounds.

See docs/league-seasons.md.

The season file maps the game's classes or car names to its own classes (`class_map`). Without a
calendar, every race file of the folder is a round, in name order; a qualifying file joins the
round of the race run at the same track (on the same day where both files give a date).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pitboard.domain import Problem, ResultLine
from pitboard.domain.classification import Classification
from pitboard.domain.problems import show_found
from pitboard.domain.timing import SessionKind, TimedCar, TimingSession
from pitboard.ingest.files import main_session
from pitboard.ingest.identity import name_key
from pitboard.ingest.season_schema import RoundSpec
from pitboard.ingest.sources import Sources

SEASON_FILE = "season.yaml"
# Files of a league folder that are never timing files.
NOT_TIMING = {".yaml", ".yml", ".md", ".txt"}


def map_classes(
    session: TimingSession, class_map: dict[str, str], problems: list[Problem]
) -> TimingSession:
    """Each car in the season's class: looked up by car name first, then by the game's class."""
    if not class_map:
        return session
    table = {name_key(game): season for game, season in class_map.items()}
    cars: list[TimedCar] = []
    for car in session.cars:
        season_class = table.get(name_key(car.vehicle)) or table.get(name_key(car.class_code))
        if season_class is None:
            where = car.source
            problems.append(
                Problem(
                    where.file if where else "timing file",
                    where.line if where else None,
                    "class",
                    "a class or car named in the season's class_map ("
                    + ", ".join(class_map) + ")",
                    show_found(f"{car.class_code} / {car.vehicle}" if car.vehicle
                               else car.class_code),
                )
            )
            continue
        cars.append(car.model_copy(update={"class_code": season_class}))
    return session.model_copy(update={"cars": tuple(cars)})


def default_calendar(
    sources: Sources,
    read: Callable[[str], tuple[TimingSession, ...] | None],
    problems: list[Problem],
) -> list[RoundSpec]:
    """One round per race file of the folder in name order, qualifying files joined by track."""
    names = [n for n in sources.names()
             if Path(n).suffix.lower() not in NOT_TIMING and not n.startswith((".", "_"))]
    races: list[tuple[str, TimingSession]] = []
    others: list[tuple[str, TimingSession]] = []
    for name in names:
        sessions = read(name)
        if sessions:
            session = main_session(sessions)
            (races if session.kind is SessionKind.RACE else others).append((name, session))
    rounds = [
        RoundSpec(
            round=number,
            name=session.track or Path(name).stem,
            circuit=session.track,
            date=session.date,
            timing=name,
        )
        for number, (name, session) in enumerate(races, start=1)
    ]
    for name, session in others:
        if session.kind is not SessionKind.QUALIFYING:
            continue
        same = [
            i for i, (_, race) in enumerate(races)
            if race.track == session.track
            and (race.date is None or session.date is None or race.date == session.date)
        ]
        if len(same) != 1:
            problems.append(
                Problem(sources.display(name), None, "qualifying",
                        "one race file of the same track and day",
                        f"{len(same)} ({session.track})")
            )
            continue
        rounds[same[0]] = rounds[same[0]].model_copy(update={"qualifying_timing": name})
    if not rounds:
        problems.append(
            Problem(sources.display(SEASON_FILE), None, "calendar",
                    "a calendar, or race timing files in the folder", "neither")
        )
    return rounds


def mark_class_poles(lines: list[ResultLine], qualifying: Classification) -> list[ResultLine]:
    """Give the pole to each class's fastest qualifier, found in the race by its drivers.

    Sim car numbers repeat, so the car is matched by its drivers' (canonical) names.
    """
    poles: dict[str, set[str]] = {}
    for car in qualifying.cars:
        if car.status.is_classified and car.class_code not in poles:
            poles[car.class_code] = set(car.drivers)
    marked = []
    for line in lines:
        sitters = poles.get(line.class_code)
        if sitters and sitters & set(line.drivers):
            poles.pop(line.class_code)
            marked.append(line.model_copy(update={"pole": True}))
        else:
            marked.append(line)
    return marked
