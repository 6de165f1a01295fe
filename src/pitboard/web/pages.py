"""The site's pages, rendered on the server: everything reads without JavaScript."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from pitboard.domain import InputError, Race, Round, RoundStatus, Season
from pitboard.domain.durations import format_duration, format_race_time
from pitboard.domain.limits import MAX_RACE
from pitboard.domain.published import ClassTitle
from pitboard.domain.standings import StandingTable, TableKind
from pitboard.domain.timing import TimingSession
from pitboard.engine.published import season_titles
from pitboard.engine.standings import standings_after_rounds
from pitboard.ingest.catalog import is_demo
from pitboard.office import SeasonView
from pitboard.output import text_tables
from pitboard.output.champions import class_history
from pitboard.output.columns import column_races, column_text, race_columns
from pitboard.output.round_report import round_document
from pitboard.output.schema import number
from pitboard.output.season_list import rounds_text
from pitboard.output.text_tables import round_headings
from pitboard.rules import default_title
from pitboard.web import cells, charts, lapdata
from pitboard.web.common import (
    NotFoundError,
    find_round,
    season_view,
    series_history,
    series_views,
    store_of,
)
from pitboard.web.guard import WRONG_TOKEN_SCOPE_KEY, token_matches
from pitboard.web.people import people, person_named
from pitboard.web.race_page import DEFAULT_TOP, Choice, race_classes
from pitboard.web.race_page import race_page as build_race_page
from pitboard.web.uploads import UploadKind, upload

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).resolve().parent / "templates"))
TEMPLATES.env.filters["q"] = lambda text: quote(str(text), safe="")
TEMPLATES.env.filters["tuple"] = tuple
TEMPLATES.env.globals.update(
    shade=cells.shade, cell_title=cells.cell_title,
    races_shade=cells.races_shade,
    races_title=cells.races_title, column_races=column_races, column_text=column_text,
    legend=cells.LEGEND, race_word=cells.race_word, num=number,
    signed=text_tables.signed, describe_adjustment=text_tables.describe_adjustment,
    duration=format_duration, race_time=format_race_time,
)

router = APIRouter(include_in_schema=False)
CHART_ROWS = 10  # lines on the points-progression chart


def render(request: Request, name: str, **context: Any) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(request, name, context)


def season_address(season_id: str) -> str:
    """A season's page: its id (`series/season`) with every other character percent-encoded,
    so a season named `2019 #2` or `Été` is reached by its link."""
    return f"/seasons/{quote(season_id, safe='/')}"


def season_url(view: SeasonView) -> str:
    return season_address(view.season.id)


TEMPLATES.env.globals.update(season_url=season_url, season_address=season_address)


def newest_first(views: list[SeasonView]) -> list[SeasonView]:
    """Seasons newest first, the bundled generated demo after every real one."""
    newest = sorted(views, key=lambda v: v.season.name, reverse=True)
    return sorted(newest, key=lambda v: is_demo(v.season.id))


def leaders_word(season: Season) -> str:
    """What the first of a table is: champion once the calendar is run, leader until then."""
    return "Champions" if season.is_complete else "Leaders"


def rounds_run(season: Season) -> str:
    """'after 2 of 8 rounds': how much of the season the standings count."""
    held = len(season.rounds_in(RoundStatus.HELD))
    return f"after {held} of {len(season.held_rounds())} round{'s' if held != 1 else ''}"


def calendar_status(rnd: Round, today: dt.date | None = None) -> tuple[str, str]:
    """(css name, words) for a round on the calendar: held, cancelled, scheduled, or results
    to come for a round whose date has passed without results."""
    state = rnd.state
    if state is RoundStatus.SCHEDULED and rnd.date is not None \
            and rnd.date < (today or dt.date.today()):
        return "awaiting", "Results to come"
    return state.value, state.value.capitalize()


TEMPLATES.env.globals.update(leaders_word=leaders_word, rounds_run=rounds_run,
                             calendar_status=calendar_status,
                             rounds_text=rounds_text, is_demo=is_demo)


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    views = newest_first(store_of(request).views())
    by_series: dict[str, list[SeasonView]] = {}
    for view in views:
        by_series.setdefault(view.season.series.name, []).append(view)
    return render(request, "home.html", by_series=by_series,
                  champions={v.season.id: drivers_champions(v) for v in views})


def drivers_champions(view: SeasonView) -> list[tuple[str, list[str], Decimal | None]]:
    """(class, champion drivers, points) in the season's class order, a crew sharing a title:
    the leaders of a season with results (its champions once run), else the champions
    transcribed from the published record (no points)."""
    if not view.season.has_results:
        return [(t.class_code, list(t.names), None) for t in season_titles(view.season, [])
                if t.table is TableKind.DRIVERS]
    crews: dict[str, tuple[list[str], Decimal | None]] = {}
    for table in view.tables:
        if table.kind is not TableKind.DRIVERS or table.class_code in crews:
            continue
        firsts = [row for row in table.rows if row.position == 1]
        if firsts:
            crews[table.class_code] = ([r.name for r in firsts], firsts[0].total)
    return [(code, names, total) for code, (names, total) in crews.items()]


@router.get("/seasons/{series}/{season}", response_class=HTMLResponse)
def season_page(request: Request, series: str, season: str) -> HTMLResponse:
    view = season_view(store_of(request), series, season)
    entries = {
        code: [e for e in view.season.entries if e.class_code == code]
        for code in view.season.class_codes()
    }
    return render(request, "season.html", view=view, entries=entries,
                  nationality={d.name: d.nationality for d in view.season.drivers},
                  team_nationality={t.name: t.nationality for t in view.season.teams})


def chosen_class(classes: list[str], asked: str | None) -> str:
    """The class asked for (any case), the first one when none was; an unknown one is a 404."""
    if asked is None:
        return classes[0]
    for code in classes:
        if code.casefold() == asked.casefold():
            return code
    raise NotFoundError(f"class {asked} here (classes: {', '.join(classes)})")


def progression(
    after: dict[int, list[StandingTable]], table: StandingTable, heads: list[tuple[int, str]]
) -> list[charts.Line]:
    """Each leading row's total in the standings after every round (the engine's, with the
    final table's drop rules and adjustments), from the row's first round on."""
    lines = []
    for row in table.rows[:CHART_ROWS]:
        points: list[tuple[float, float]] = []
        for i, (round_number, _) in enumerate(heads, start=1):
            then = next((t for t in after.get(round_number, []) if t.title == table.title), None)
            found = next((r for r in then.rows if r.name == row.name), None) if then else None
            if found is not None:
                points.append((float(i), float(found.total)))
        lines.append(charts.Line(row.name, points))
    return lines


def table_heading(table: StandingTable) -> str:
    """A default table as its class and kind ("GTC — teams"); a named one by its title."""
    if table.title == default_title(table.class_code, table.kind):
        return f"{table.class_code} — {table.kind.value}"
    return table.title


def switch_label(table: StandingTable) -> str:
    """A table in the switch between its class's tables: its kind, or its title when named."""
    if table.title == default_title(table.class_code, table.kind):
        return table.kind.value.capitalize()
    return table.title


TEMPLATES.env.globals.update(table_heading=table_heading, switch_label=switch_label)


def chosen_table(tables: list[StandingTable], classes: list[str], class_code: str | None,
                 kind: TableKind | None, championship: str | None) -> StandingTable:
    """The table asked for: by its championship's title, else by class and kind (the drivers'
    table, or the first of the class, when no kind is asked); an unknown one is a 404."""
    if championship is not None:
        for found in tables:
            if found.title.casefold() == championship.casefold():
                return found
        titles = "; ".join(t.title for t in tables)
        raise NotFoundError(f"championship {championship} here (championships: {titles})")
    chosen = chosen_class(classes, class_code)
    of_class = [t for t in tables if t.class_code == chosen]
    wanted = kind or TableKind.DRIVERS
    return next((t for t in of_class if t.kind is wanted), of_class[0])


@router.get("/seasons/{series}/{season}/standings", response_class=HTMLResponse)
def standings_page(
    request: Request, series: str, season: str,
    class_code: Annotated[str | None, Query(alias="class")] = None,
    table: TableKind | None = None,
    championship: str | None = None,
) -> HTMLResponse:
    view = season_view(store_of(request), series, season)
    classes = list(dict.fromkeys(t.class_code for t in view.tables))
    if not classes:
        return render(request, "standings.html", view=view, classes=[], chosen=None,
                      table=None, tables=[], columns=[], chart=None, awards=[])
    shown = chosen_table(view.tables, classes, class_code, table, championship)
    heads = round_headings(view.season)
    chart = charts.line_chart(
        progression(standings_after_rounds(view.season, view.rules), shown, heads),
        title=f"{table_heading(shown)}: points after each round",
        x_label="round", y_label="points",
        x_names={i: h for i, (_, h) in enumerate(heads, start=1)}, y_min=0,
    )
    awards = [a for a in view.awards if a.championship == shown.title]
    return render(request, "standings.html", view=view, classes=classes,
                  chosen=shown.class_code, table=shown,
                  tables=[t for t in view.tables if t.class_code == shown.class_code],
                  columns=race_columns(view.season), chart=chart, awards=awards)


CarOfRow = tuple[str, str | None, tuple[str, ...]]  # class, number, drivers


def best_laps(season: Season, race: Race, session: TimingSession | None) -> dict[CarOfRow, str]:
    """Each result line's best lap, from its own timed car (cars that share a number keep
    their own laps), by the class, number and drivers its row shows."""
    if session is None:
        return {}
    best: dict[CarOfRow, str] = {}
    for rc in lapdata.race_cars(session, race.results):
        fastest = lapdata.best_lap(rc.car)
        if rc.line is not None and fastest is not None:
            drivers = tuple(season.canonical_driver(d) for d in rc.line.drivers)
            best[(rc.line.class_code, rc.line.number, drivers)] = format_duration(fastest)
    return best


@router.get("/seasons/{series}/{season}/rounds/{round_ref}", response_class=HTMLResponse)
def round_page(request: Request, series: str, season: str, round_ref: str) -> HTMLResponse:
    store = store_of(request)
    view = season_view(store, series, season)
    rnd = find_round(view, round_ref)
    document = round_document(view.season, view.rules, rnd)
    sessions = {
        race.number: store.race_timing(view.season.id, rnd.number, race.number)
        for race in rnd.races
    } if rnd.number is not None else {}
    best = {race.number: best_laps(view.season, race, sessions.get(race.number))
            for race in rnd.races}
    return render(request, "round.html", view=view, rnd=rnd, doc=document,
                  timing={n: s is not None for n, s in sessions.items()}, best=best)


@router.get("/seasons/{series}/{season}/rounds/{round_ref}/races/{race}",
            response_class=HTMLResponse)
def race_page(
    request: Request, series: str, season: str, round_ref: str, race: int,
    class_code: Annotated[str | None, Query(alias="class")] = None,
    top: Annotated[int, Query(ge=1, le=200)] = DEFAULT_TOP,
    car: Annotated[list[str] | None, Query()] = None,
    pick: Annotated[Literal["top", "cars"] | None, Query()] = None,
) -> HTMLResponse:
    """A timed race: the cars of one class on the lap, gap and pace charts, places at each
    hour, stints and pit stops. `top` first cars of the class, or the `car` keys ticked
    (`pick=top` draws the first `top` whatever is ticked)."""
    store = store_of(request)
    view = season_view(store, series, season)
    rnd = find_round(view, round_ref)
    session = store.race_timing(view.season.id, rnd.number, race) if rnd.number else None
    if session is None:
        raise NotFoundError(f"lap data of race {race} of {rnd.name}")
    record = next((r for r in rnd.races if r.number == race), Race(number=race))
    chosen = chosen_class(race_classes(view.season, session), class_code)
    keys = tuple(car or ()) if pick != "top" else ()
    page = build_race_page(view.season, rnd, record, session, chosen, Choice(top, keys))
    return render(request, "race.html", view=view, rnd=rnd, page=page)


def _people_pages(kind: TableKind, label: str) -> None:
    @router.get(f"/{label}", response_class=HTMLResponse)
    def index(request: Request) -> HTMLResponse:
        found = people(store_of(request).views(), kind)
        return render(request, "people.html", label=label, people=list(found.values()))

    # `path`: a name may hold a `/` ("Tōkai University/YGK Power"); its link sends `%2F`,
    # which the server decodes before routing.
    @router.get(f"/{label}/{{name:path}}", response_class=HTMLResponse)
    def person(request: Request, name: str) -> HTMLResponse:
        someone = person_named(people(store_of(request).views(), kind), name)
        if someone is None:
            raise NotFoundError(f"{label[:-1]} {name}")
        return render(request, "person.html", label=label, person=someone)

    index.__name__ = f"{label}_index"
    person.__name__ = f"{label}_page"


_people_pages(TableKind.DRIVERS, "drivers")
_people_pages(TableKind.TEAMS, "teams")


SeriesRoll = list[tuple[SeasonView, dict[str, dict[TableKind, ClassTitle]]]]


def series_roll(views: list[SeasonView]) -> SeriesRoll:
    """Each season (oldest first) with its classes' champions by class and table."""
    out: SeriesRoll = []
    for view in sorted(views, key=lambda v: v.season.name):
        by_class: dict[str, dict[TableKind, ClassTitle]] = {}
        for title in season_titles(view.season, view.tables, leaders=True):
            by_class.setdefault(title.class_code, {})[title.table] = title
        out.append((view, by_class))
    return out


TEMPLATES.env.globals.update(TableKind=TableKind)


@router.get("/series/{series}", response_class=HTMLResponse)
def series_page(request: Request, series: str) -> HTMLResponse:
    """A series: its history as dated events, the classes that ran when, every season's
    champions class by class."""
    store = store_of(request)
    views = series_views(store, series)
    history = series_history(store, series)
    return render(request, "series.html", history=history, roll=series_roll(views),
                  classes=class_history([v.season for v in views]))


@router.get("/champions", response_class=HTMLResponse)
def champions_page(request: Request) -> HTMLResponse:
    """Every series' roll of champions, class by class, and the awards each season gave."""
    views = store_of(request).views()
    by_series: dict[str, list[SeasonView]] = {}
    for view in newest_first(views):
        by_series.setdefault(view.season.series.id, []).append(view)
    return render(request, "champions.html", series=[
        (group[0].season.series, series_roll(group), class_history([v.season for v in group]))
        for group in by_series.values()
    ])


_KINDS = [("results", "a results CSV"), ("timing", "a timing file"),
          ("penalties", "a penalties CSV")]


def _admin(request: Request, *, form: dict[str, Any] | None = None, **context: Any) -> Response:
    """The admin page, its form holding what was last sent (never the token or the file)."""
    store = store_of(request)
    return render(request, "admin.html", views=newest_first(store.views()), kinds=_KINDS,
                  enabled=bool(request.app.state.token),
                  form=form or {"season": "", "round": "", "race": 1, "kind": "results",
                                "replace": False},
                  **{"outcome": None, "problems": [], "confirm_replace": False, **context})


@router.get("/admin", response_class=HTMLResponse)
def admin_page(request: Request) -> Response:
    """The page, or a refused upload's answer: the upload guard (web/guard.py) hands on a form
    whose token is wrong as a request for this page, without its body."""
    if request.scope.get(WRONG_TOKEN_SCOPE_KEY):
        return _refused(request)
    return _admin(request)


def _refused(request: Request, form: dict[str, Any] | None = None) -> Response:
    enabled = bool(request.app.state.token)
    problem = ("The token is not the one the server was started with." if enabled
               else "Uploads are off.")
    response = _admin(request, form=form, problems=[problem])
    response.status_code = 401 if enabled else 403
    return response


@router.post("/admin", response_class=HTMLResponse)
async def admin_upload(
    request: Request,
    token: Annotated[str, Form()],
    season: Annotated[str, Form()],
    round_ref: Annotated[str, Form(alias="round")],
    kind: Annotated[UploadKind, Form()],
    file: Annotated[UploadFile | None, File()] = None,
    race: Annotated[int, Form(ge=1, le=MAX_RACE)] = 1,
    replace: Annotated[bool, Form()] = False,
) -> Response:
    store = store_of(request)
    form = {"season": season, "round": round_ref, "race": race, "kind": kind.value,
            "replace": replace}
    if not token_matches(request.app.state.token, token):
        return _refused(request, form)
    if file is None or not file.filename:
        response = _admin(request, form=form, problems=["Choose a file to upload."])
        response.status_code = 422
        return response
    try:
        done = await upload(store, kind, file, season, round_ref, race, replace=replace)
    except InputError as err:
        response = _admin(request, form=form, problems=[str(p) for p in err.problems],
                          confirm_replace=any(p.field == "replace" for p in err.problems))
        response.status_code = 422
        return response
    return _admin(request, form={**form, "replace": False}, outcome=done)
