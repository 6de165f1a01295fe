"""The bundled record, and finding a season by id, year or path."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pitboard.domain import InputError, Problem
from pitboard.domain.published import SeriesHistory
from pitboard.ingest import LoadedSeason, load_season_file
from pitboard.ingest.series_file import SERIES_FILE, load_series_file

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
# Generated data bundled to show lap charts: never the default season.
DEMO_SERIES = "pitboard-demo"


def is_demo(season_id: str) -> bool:
    """Whether a season is the bundled generated one, which no list ever puts first."""
    return season_id.split("/", 1)[0] == DEMO_SERIES


def bundled_season_files() -> list[Path]:
    """Every bundled season file, oldest season first within a series."""
    return sorted(DATA_DIR.glob("*/*/season.yaml"))


@lru_cache(maxsize=32)
def _load_bundled(path: Path) -> LoadedSeason:
    return load_season_file(path)


def bundled_seasons() -> list[LoadedSeason]:
    return [_load_bundled(path) for path in bundled_season_files()]


def bundled_series_files() -> list[Path]:
    """Every bundled series file (a series' history), beside its seasons' folders."""
    return sorted(DATA_DIR.glob(f"*/{SERIES_FILE}"))


def bundled_histories() -> list[SeriesHistory]:
    return [load_series_file(path) for path in bundled_series_files()]


def season_ids() -> list[str]:
    return [f"{p.parent.parent.name}/{p.parent.name}" for p in bundled_season_files()]


def find_season(ref: str | None) -> LoadedSeason:
    """A season by bundled id ("asian-le-mans-series/2013"), a year when only one series has it,
    or the path of a season file. None means the latest bundled season with results (a season
    kept only as its published record has no standings to show)."""
    files = bundled_season_files()
    if ref is None:
        record = sorted((p for p in files if not is_demo(p.parent.parent.name)),
                        key=lambda p: p.parent.name, reverse=True)
        loaded = [_load_bundled(p) for p in record]
        return next((s for s in loaded if s.season.has_results), loaded[0])
    path = Path(ref)
    if path.suffix in {".yaml", ".yml"} or path.is_dir():
        target = path / "season.yaml" if path.is_dir() else path
        return load_season_file(target)
    ids = season_ids()
    matches = [f for f, i in zip(files, ids, strict=True) if ref in {i, i.replace("/", "-")}]
    if not matches:
        matches = [f for f in files if f.parent.name == ref]
    if len(matches) == 1:
        return _load_bundled(matches[0])
    expected = "a bundled season (" + ", ".join(ids) + ") or a season file"
    found = f"{ref!r}" + (" (more than one series has it)" if matches else "")
    raise InputError([Problem(ref, None, "season", expected, found)])
