"""A live site for the web tests: uvicorn in a thread on a free loopback port, on each database.

PostgreSQL is required where CI is set; elsewhere its half is skipped with the reason.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from sqlalchemy import insert, select

from pitboard.domain.timing import (
    Lap,
    SessionKind,
    TimedCar,
    TimedDriver,
    TimingSession,
)
from pitboard.ingest.catalog import find_season
from pitboard.ingest.imports import Target
from pitboard.office import Records, import_paths, open_store
from pitboard.store import schema as t
from pitboard.store.scratch import postgres_problem, scratch_postgres, scratch_sqlite
from pitboard.store.season_rows import pack
from pitboard.store.store import Store
from pitboard.web.app import create_app
from tests.conftest import real_file

TOKEN = "test-token-for-uploads"
SEASON_2013 = "asian-le-mans-series/2013"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Site:
    url: str
    store: Store
    client: httpx.Client


@contextmanager
def serve(store: Store, token: str | None = TOKEN, **settings: Any) -> Iterator[str]:
    """Run the site in a thread until the block ends; yields its base URL. `settings` go to
    create_app (e.g. max_upload_bytes)."""
    port = free_port()
    config = uvicorn.Config(create_app(store, token=token, **settings), host="127.0.0.1",
                            port=port,
                            log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def inje_race() -> TimingSession:
    """A made-up timed Inje race: four GTC cars and two LMP2 cars, with a pit stop and a
    change of lead in GTC on lap 3, so the charts have something to show."""
    def car(number: str, class_code: str, team: str, laps: list[float],
            pit_lap: int | None = None) -> TimedCar:
        clock, built = 0.0, []
        for i, time_seconds in enumerate(laps, start=1):
            clock += time_seconds
            built.append(Lap(number=i, driver=f"Driver {number}", time_seconds=time_seconds,
                             elapsed_seconds=round(clock, 3), pit_in=i == pit_lap))
        return TimedCar(number=number, class_code=class_code, team=team, laps=tuple(built))

    return TimingSession(
        kind=SessionKind.RACE, name="Race", source_format="test", track="Inje Speedium",
        date=dt.date(2013, 8, 4),
        cars=(
            car("24", "LMP2", "OAK Racing", [90.0, 89.0, 89.5, 89.2, 89.1, 89.4]),
            car("18", "LMP2", "KCMG", [90.5, 89.5, 89.6, 89.0, 89.3, 89.2]),
            car("77", "GTC", "AF Corse", [100.0, 99.0, 130.0, 99.5, 99.1, 98.9], pit_lap=3),
            car("007", "GTC", "Craft Racing", [101.0, 99.5, 99.2, 99.8, 99.6, 99.7]),
            car("91", "GTC", "Team AAI Rstrada", [102.0, 100.5, 100.2, 100.1, 100.9, 100.3]),
            car("10", "GTC", "BBT Racing", [103.0, 101.0, 101.5, 101.2, 101.7]),
        ),
    )


def race_from_record(round_number: int, name: str = "Race") -> TimingSession:
    """A timed race made from a bundled 2013 round: its classified cars and drivers as the record
    has them, lapping in their finishing order, at the round's circuit on its date (so every
    check of an import into that round passes)."""
    season = find_season(SEASON_2013).season
    rnd = next(r for r in season.rounds if r.number == round_number)
    lines = [ln for race in rnd.races for ln in race.results
             if ln.status.is_classified and ln.number is not None]
    cars = []
    for place, line in enumerate(lines):
        lap_time = 100.0 + place
        laps = tuple(Lap(number=i, driver=line.drivers[0], time_seconds=lap_time,
                         elapsed_seconds=round(i * lap_time, 3)) for i in range(1, 6))
        cars.append(TimedCar(number=line.number or "", class_code=line.class_code,
                             team=line.team,
                             drivers=tuple(TimedDriver(name=d) for d in line.drivers),
                             laps=laps))
    return TimingSession(kind=SessionKind.RACE, name=name, source_format="test",
                         track=rnd.circuit, date=rnd.date, cars=tuple(cars))


@pytest.fixture(scope="session")
def postgres_available() -> None:
    problem = postgres_problem()
    if problem is not None:
        message = f"{problem}: the PostgreSQL half of the web tests needs it"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI is set, so it is required)")
        pytest.skip(message)


@contextmanager
def database(kind: str, request: pytest.FixtureRequest, folder: Path) -> Iterator[str]:
    if kind == "postgresql":
        request.getfixturevalue("postgres_available")
        with scratch_postgres() as url:
            yield url
    else:
        with scratch_sqlite(folder) as url:
            yield url


def with_inje_laps(store: Records) -> Records:
    """The store with the made-up timed Inje race as the laps of round 1's race (laps only:
    Inje's results stay the record's)."""
    with store.engine.begin() as conn:
        round_id = conn.execute(select(t.rounds.c.id).where(
            t.rounds.c.season_id == SEASON_2013, t.rounds.c.number == 1)).scalar_one()
        conn.execute(insert(t.timed_races).values(
            round_id=round_id, race_number=1, data=pack(inje_race())))
    store.invalidate()
    return store


@contextmanager
def live_site(kind: str, request: pytest.FixtureRequest, folder: Path) -> Iterator[Site]:
    """The bundled record plus a timed Inje race, served on a fresh database of the kind."""
    with database(kind, request, folder) as url:
        store = with_inje_laps(open_store(url))
        try:
            with serve(store) as base, httpx.Client(base_url=base, timeout=20) as client:
                yield Site(base, store, client)
        finally:
            store.close()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
         ) -> Iterator[Site]:
    """A site shared by the read-only tests of a module."""
    with live_site(request.param, request, tmp_path_factory.mktemp("site")) as running:
        yield running


@contextmanager
def app_in_process(folder: Path) -> Iterator[Any]:
    """The app (no server: called in process) on a new SQLite store holding the bundled record
    and the timed Inje race, with uploads on (`TOKEN`)."""
    with scratch_sqlite(folder) as url:
        store = with_inje_laps(open_store(url))
        try:
            yield create_app(store, token=TOKEN)
        finally:
            store.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_site(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Site]:
    """A site of its own, for tests that upload."""
    with live_site(request.param, request, tmp_path) as running:
        yield running


def row(document: dict[str, Any], class_code: str, table: str, name: str) -> dict[str, Any]:
    (found,) = [t for t in document["standings"]
                if t["class"] == class_code and t["table"] == table]
    return next(r for r in found["rows"] if r["name"] == name)


# --- Seasons a league admin and a series official would store ---------------------------------

LEAGUE = "club-cup/2013"
WEC = "fia-wec/2025"
LE_MANS_ROUND = 4
RF2 = {
    "sebring": "rf2_2013_sebring_lolat280_20min_race.xml",
    "sebring_q": "rf2_2013_sebring_lolat280_qualify.xml",
    "topeka": "rf2_2013_topeka_megane_20min_race_with_penalties.xml",
}


def league_season(folder: Path) -> Path:
    """A sim league of two rounds whose cars share numbers: three #01 at Sebring, two #06 at
    Topeka (rFactor 2 files, read in place)."""
    files = {key: real_file("rfactor2", name) for key, name in RF2.items()}
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "season.yaml"
    path.write_text(f"""series: {{id: club-cup, name: Club Cup}}
season: "2013"
classes: [{{code: Club}}]
class_map: {{LolaT280: Club, Megane Trophy: Club}}
drivers:
  - {{name: Gérard Larrousse, aliases: [Gerard larrousse]}}
calendar:
  - {{round: 1, name: Sebring, timing: "{files['sebring']}",
     qualifying_timing: "{files['sebring_q']}"}}
  - {{round: 2, name: Topeka, timing: "{files['topeka']}"}}
""", encoding="utf-8")
    return path


def wec_season(folder: Path, today: dt.date | None = None) -> Path:
    """A world championship part-way through: eight rounds, the results of Spa and Le Mans 2025
    (Al Kamel Analysis files, read in place) imported, Qatar and Imola run but their results not
    yet imported, and four rounds still to come (dated from `today`)."""
    today = today or dt.date.today()
    spa = real_file("alkamel", "wec_2025_spa_6h_race_analysis.csv")
    le_mans = real_file("alkamel", "wec_2025_le_mans_24h_race_analysis.csv")
    later = [today + dt.timedelta(weeks=6 * k) for k in range(1, 5)]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "season.yaml"
    path.write_text(f"""series:
  {{id: fia-wec, name: FIA World Endurance Championship, short_name: WEC}}
season: "2025"
rules: {{preset: wec-2021}}
classes:
  - {{code: HYPERCAR, name: Hypercar}}
  - {{code: LMGT3, name: LMGT3}}
  - {{code: LMP2, name: LMP2, scored: false, note: at Le Mans only}}
calendar:
  - {{round: 1, name: Qatar 1812 km, short_name: QAT, circuit: Lusail, date: 2025-02-28}}
  - {{round: 2, name: 6 Hours of Imola, short_name: IMO, circuit: Imola, date: 2025-04-20}}
  - round: 3
    name: 6 Hours of Spa-Francorchamps
    short_name: SPA
    circuit: Spa-Francorchamps
    date: 2025-05-10
    races: [{{number: 1, timing: "{spa}", scheduled_seconds: 21600}}]
  - round: {LE_MANS_ROUND}
    name: 24 Hours of Le Mans
    short_name: LMS
    circuit: Circuit de la Sarthe
    date: 2025-06-14
    races: [{{number: 1, timing: "{le_mans}", scheduled_seconds: 86400}}]
  - {{round: 5, name: 6 Hours of São Paulo, short_name: SAO, circuit: Interlagos, date: {later[0]}}}
  - {{round: 6, name: Lone Star Le Mans, short_name: COTA, circuit: Austin, date: {later[1]}}}
  - {{round: 7, name: 6 Hours of Fuji, short_name: FUJ, circuit: Fuji Speedway, date: {later[2]}}}
  - {{round: 8, name: 8 Hours of Bahrain, short_name: BHR, circuit: Sakhir, date: {later[3]}}}
""", encoding="utf-8")
    return path


@contextmanager
def seasons_site_of(kind: str, request: pytest.FixtureRequest, folder: Path) -> Iterator[Site]:
    """The bundled record, the sim league and the part-run world championship, served."""
    with database(kind, request, folder) as url:
        store = open_store(url)
        import_paths(store, [league_season(folder / "league"), wec_season(folder / "wec")],
                     Target())
        try:
            with serve(store) as base, httpx.Client(base_url=base, timeout=60) as client:
                yield Site(base, store, client)
        finally:
            store.close()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def seasons_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
                 ) -> Iterator[Site]:
    with seasons_site_of(request.param, request, tmp_path_factory.mktemp("seasons")) as running:
        yield running
