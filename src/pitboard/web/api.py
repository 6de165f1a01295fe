"""The JSON API, /api/v1: the same documents as the CLI's `--format json` (output/schema.py).

Reads are public. Uploads need the operator's token (`Authorization: Bearer ...`); a bad upload
is refused whole with 422 and the list of every problem found in it.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Path, Query, Request, UploadFile

from pitboard.domain import InputError, Problem
from pitboard.domain.durations import format_duration
from pitboard.domain.limits import MAX_RACE
from pitboard.domain.standings import StandingTable, TableKind
from pitboard.engine.standings import award_winners, select_tables
from pitboard.ingest.imports import Imported
from pitboard.office import SeasonView
from pitboard.output.champions import champions_document
from pitboard.output.round_report import round_document
from pitboard.output.schema import SCHEMA_VERSION, round_out, season_out, standings_document
from pitboard.output.season_list import season_summary as summary_of
from pitboard.web.common import (
    NotFoundError,
    find_round,
    page,
    season_view,
    series_history,
    series_views,
    store_of,
)
from pitboard.web.errors import MISSING, PROBLEMS, Detail, Problems
from pitboard.web.people import Person, people, person_named
from pitboard.web.uploads import UploadKind, check_token, upload

# Every route documents the 422 it answers (web/errors.py), in place of FastAPI's own shape.
router = APIRouter(prefix="/api/v1", responses=PROBLEMS)

Limit = Annotated[int, Query(ge=1, le=1000, description="How many items (at most 1000).")]
Offset = Annotated[int, Query(ge=0, description="How many items to skip.")]
# A race number past the limits (domain/limits.py) is answered 422, as an import would be.
RaceNumber = Annotated[int, Path(ge=1, le=MAX_RACE, description="The race of the round.")]
RaceQuery = Annotated[int, Query(ge=1, le=MAX_RACE, description="The race of the round.")]
ClassFilter = Annotated[
    str | None, Query(alias="class", description="Only this class, e.g. GTC (any case).")
]


def pick_class(view: SeasonView, class_code: str | None, known: list[str]) -> str | None:
    """The class as the season spells it; an unknown class is a problem, not an empty list."""
    if class_code is None:
        return None
    match = [c for c in known if c.casefold() == class_code.casefold()]
    if not match:
        raise InputError([Problem(view.season.id, None, "class", "one of " + ", ".join(known),
                                  repr(class_code))])
    return match[0]


def filter_tables(view: SeasonView, class_code: str | None, table: TableKind | None,
                  championship: str | None = None) -> list[StandingTable]:
    """The tables the CLI's `standings --class --table --championship` would print."""
    return select_tables(view.tables, view.season.id, class_code, table, championship,
                         prefix="")


def season_summary(view: SeasonView) -> dict[str, object]:
    """A season in the list, as `pitboard seasons --format json` gives it."""
    return summary_of(view.season, view.rules)


@router.get("/seasons", summary="Stored seasons of every series")
def list_seasons(request: Request, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    return page([season_summary(v) for v in store_of(request).views()], limit, offset)


@router.get("/seasons/{series}/{season}", summary="A season: its classes and calendar",
            responses=MISSING)
def get_season(request: Request, series: str, season: str) -> dict[str, Any]:
    view = season_view(store_of(request), series, season)
    return {
        "schema": SCHEMA_VERSION,
        "season": season_out(view.season, view.rules).model_dump(mode="json"),
        "classes": [c.model_dump(mode="json") for c in view.season.classes],
        "rounds": [round_out(r).model_dump(mode="json") for r in view.season.rounds],
        "notes": list(view.season.notes),
    }


@router.get("/seasons/{series}/{season}/rounds", summary="The calendar, cancelled rounds too",
            responses=MISSING)
def list_rounds(request: Request, series: str, season: str, limit: Limit = 100,
                offset: Offset = 0) -> dict[str, Any]:
    view = season_view(store_of(request), series, season)
    return page([round_out(r).model_dump(mode="json") for r in view.season.rounds], limit, offset)


@router.get("/seasons/{series}/{season}/rounds/{round_ref}",
            summary="A round's qualifying, grid and results (as `pitboard results --format json`)",
            responses=MISSING)
def get_round(request: Request, series: str, season: str, round_ref: str,
              class_code: ClassFilter = None) -> dict[str, Any]:
    view = season_view(store_of(request), series, season)
    document = round_document(view.season, view.rules, find_round(view, round_ref))
    code = pick_class(view, class_code, view.season.class_codes())
    if code is not None:
        document["qualifying"] = [q for q in document["qualifying"]  # type: ignore[attr-defined]
                                  if q["class"] == code]
        for race in document["races"]:  # type: ignore[attr-defined]
            race["classes"] = [c for c in race["classes"] if c["class"] == code]
    return document


@router.get("/seasons/{series}/{season}/entries", summary="The entry list", responses=MISSING)
def list_entries(request: Request, series: str, season: str, class_code: ClassFilter = None,
                 limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    view = season_view(store_of(request), series, season)
    code = pick_class(view, class_code, view.season.class_codes())
    entries = [
        {**e.model_dump(mode="json", exclude={"class_code"}), "class": e.class_code}
        for e in view.season.entries
        if code is None or e.class_code == code
    ]
    return page(entries, limit, offset)


@router.get("/seasons/{series}/{season}/standings",
            summary="Standings (as `pitboard standings --format json`)", responses=MISSING)
def get_standings(request: Request, series: str, season: str, class_code: ClassFilter = None,
                  table: Annotated[TableKind | None, Query()] = None,
                  championship: Annotated[str | None, Query(
                      description="a championship's title, any case")] = None,
                  ) -> dict[str, Any]:
    view = season_view(store_of(request), series, season)
    tables = filter_tables(view, class_code, table, championship)
    return standings_document(
        view.season, view.rules, tables, award_winners(view.rules, tables)
    ).to_json_dict()


@router.get("/seasons/{series}/{season}/checks",
            summary="Line-up and eligibility checks (as `pitboard check --format json`)",
            responses=MISSING)
def get_checks(request: Request, series: str, season: str) -> dict[str, Any]:
    return season_view(store_of(request), series, season).checks


@router.get("/seasons/{series}/{season}/rounds/{round_ref}/races/{race}/laps",
            summary="Laps of a race that has timing data", responses=MISSING)
def list_laps(request: Request, series: str, season: str, round_ref: str, race: RaceNumber,
              car: Annotated[str | None, Query(description="Only this car number.")] = None,
              class_code: ClassFilter = None, limit: Limit = 1000,
              offset: Offset = 0) -> dict[str, Any]:
    store = store_of(request)
    view = season_view(store, series, season)
    rnd = find_round(view, round_ref)
    session = store.race_timing(view.season.id, rnd.number or 0, race) if rnd.number else None
    if session is None:
        raise NotFoundError(f"laps of race {race} of round {round_ref} of {view.season.id}")
    laps = [
        {
            "number": c.number, "class": c.class_code, "team": c.team, "lap": lap.number,
            "driver": lap.driver, "time_seconds": lap.time_seconds,
            "time": format_duration(lap.time_seconds) if lap.time_seconds is not None else None,
            "elapsed_seconds": lap.elapsed_seconds, "pit_in": lap.pit_in,
            "pit_time_seconds": lap.pit_time_seconds, "flag": lap.flag, "valid": lap.valid,
        }
        for c in session.cars
        if (car is None or c.number == car)
        and (class_code is None or c.class_code.casefold() == class_code.casefold())
        for lap in c.laps
    ]
    result = page(laps, limit, offset)
    result["session"] = {"name": session.name, "kind": session.kind.value,
                         "source_format": session.source_format, "cars": len(session.cars)}
    return result


@router.get("/series/{series}/champions",
            summary="Every season's champions, class by class (as `pitboard champions "
            "--format json`)", responses=MISSING)
def get_champions(request: Request, series: str) -> dict[str, Any]:
    views = series_views(store_of(request), series)
    return champions_document(series, [(v.season, v.tables) for v in views]).to_json_dict()


@router.get("/series/{series}/history", summary="The series' history as dated events",
            responses=MISSING)
def get_history(request: Request, series: str) -> dict[str, Any]:
    history = series_history(store_of(request), series)
    return {"schema": SCHEMA_VERSION, **history.model_dump(mode="json")}


def _person_out(person: Person) -> dict[str, Any]:
    return {
        "name": person.name,
        "spellings": list(person.spellings),
        "nationality": person.nationality,
        "titles": person.titles,
        "wins": person.wins,
        "seasons": [_public(line.__dict__) for line in person.seasons],
        "races": [_public(race.__dict__) for race in person.races],
    }


def _public(fields: dict[str, Any]) -> dict[str, Any]:
    """A record's fields under their public names (`class`, not `class_code`)."""
    return {("class" if key == "class_code" else key): value for key, value in fields.items()}


def _people_route(kind: TableKind, label: str) -> None:
    @router.get(f"/{label}", summary=f"Every {label[:-1]} of every stored season")
    def list_people(request: Request, limit: Limit = 100, offset: Offset = 0,
                    q: Annotated[str | None, Query(description="Part of the name.")] = None,
                    ) -> dict[str, Any]:
        found = people(store_of(request).views(), kind).values()
        chosen = [_person_out(p) for p in found if q is None or q.casefold() in p.name.casefold()]
        return page(chosen, limit, offset)

    # `path`: a name may hold a `/` ("Tōkai University/YGK Power"), sent as `%2F`.
    @router.get(f"/{label}/{{name:path}}", summary=f"A {label[:-1]} across seasons and series",
                responses=MISSING)
    def get_person(request: Request, name: str) -> dict[str, Any]:
        someone = person_named(people(store_of(request).views(), kind), name)
        if someone is None:
            raise NotFoundError(f"{label[:-1]} {name}")
        return _person_out(someone)

    list_people.__name__ = f"list_{label}"
    get_person.__name__ = f"get_{label[:-1]}"


_people_route(TableKind.DRIVERS, "drivers")
_people_route(TableKind.TEAMS, "teams")


UPLOAD_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": Detail, "description": "A body that is not readable multipart/form-data"},
    401: {"model": Detail,
          "description": "No token, or not the operator's (answered before the body is read)"},
    403: {"model": Detail, "description": "Uploads are off (the server has no token)"},
    413: {"model": Detail,
          "description": "The body passed the server's upload limit (--max-upload-mb)"},
    422: {"model": Problems, "description": "Every problem of the file; nothing was written"},
    429: {"model": Detail,
          "description": "Too many wrong tokens from this address: wait Retry-After seconds"},
}


def _imported(done: Imported) -> dict[str, Any]:
    return {"imported": [{"name": done.name, "kind": done.kind, "changed": done.changed,
                          "replaced": list(done.replaced)}]}


Replace = Annotated[bool, Query(description="Replace the results (or decisions) the race or "
                                "round already has; without it such a file is refused (422).")]


@router.post("/seasons/{series}/{season}/rounds/{round_ref}/results",
             summary="Upload a round's results CSV (replaces its races)",
             dependencies=[Depends(check_token)], responses=UPLOAD_RESPONSES)
async def upload_results(request: Request, series: str, season: str, round_ref: str,
                         file: Annotated[UploadFile, File()],
                         replace: Replace = False) -> dict[str, Any]:
    report = await upload(store_of(request), UploadKind.RESULTS, file, f"{series}/{season}",
                          round_ref, replace=replace)
    return _imported(report)


@router.post("/seasons/{series}/{season}/rounds/{round_ref}/penalties",
             summary="Upload a race's penalties CSV (number, kind, value, reason)",
             dependencies=[Depends(check_token)], responses=UPLOAD_RESPONSES)
async def upload_penalties(request: Request, series: str, season: str, round_ref: str,
                           file: Annotated[UploadFile, File()], race: RaceQuery = 1,
                           replace: Replace = False) -> dict[str, Any]:
    report = await upload(store_of(request), UploadKind.PENALTIES, file, f"{series}/{season}",
                          round_ref, race, replace=replace)
    return _imported(report)


@router.post("/seasons/{series}/{season}/rounds/{round_ref}/races/{race}/timing",
             summary="Upload a race's timing file (its cars and laps)",
             dependencies=[Depends(check_token)], responses=UPLOAD_RESPONSES)
async def upload_timing(request: Request, series: str, season: str, round_ref: str,
                        race: RaceNumber,
                        file: Annotated[UploadFile, File()],
                        replace: Replace = False) -> dict[str, Any]:
    report = await upload(store_of(request), UploadKind.TIMING, file, f"{series}/{season}",
                          round_ref, race, replace=replace)
    return _imported(report)
