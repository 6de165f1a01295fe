"""Shared fixtures: where the real timing files are, and the rule that they are required in CI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pitboard.domain import QualifyingSession
from pitboard.domain.classification import Penalty
from pitboard.domain.results import ResultsFile
from pitboard.formats.alkamel.analysis import analysis_columns, session_kind_from_name
from pitboard.formats.alkamel.lap_columns import AnalysisColumns
from pitboard.formats.penalties_csv import READER as PENALTIES_READER
from pitboard.formats.results_csv import QUALIFYING_READER, RESULTS_READER
from pitboard.ingest.files import (
    read_bytes,
    read_timing_path,
    read_timing_sessions,
    read_with,
    reader_of,
)

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """`../shared` beside the project (or PITBOARD_SHARED): third-party data kept only there."""
    return Path(os.environ.get("PITBOARD_SHARED", REPO.parent / "shared")).resolve()


def real_file(*parts: str) -> Path:
    """A real data file from ../shared/data/real, read in place.

    Skipped with a message where ../shared is absent (a user's fresh clone); a failure where
    CI is set, because there the real-data tests must run.
    """
    path = shared_dir().joinpath("data", "real", *parts)
    if not path.exists():
        message = (
            f"real data file {path} is not here: the real-data tests read ../shared/data/real "
            "in place and run only where ../shared is beside the project"
        )
        if os.environ.get("CI"):
            pytest.fail(message + " (CI is set, so they are required)")
        pytest.skip(message)
    return path


def sim_sample(*parts: str) -> Path:
    """A real sim-racing results file kept in the project (tests/data/sim, see SOURCES.md)."""
    return REPO.joinpath("tests", "data", "sim", *parts)


@pytest.fixture
def real_data() -> type:
    """Give tests `real_data.file("alkamel", "x.csv")`."""

    class _Real:
        file = staticmethod(real_file)

    return _Real


# Each reader applied to a file on disk, as ingest opens it (tests name the format they read).
def read_results(path: Path, name: str | None = None) -> ResultsFile:
    return read_with(RESULTS_READER, path, name)


def read_qualifying(path: Path, name: str | None = None) -> QualifyingSession:
    return read_with(QUALIFYING_READER, path, name)


def read_penalties(path: Path, name: str | None = None) -> tuple[Penalty, ...]:
    return read_with(PENALTIES_READER, path, name)


def read_columns(path: Path, name: str | None = None) -> AnalysisColumns:
    """An Al Kamel Analysis file as lap columns, every column read."""
    file = name or str(path)
    return analysis_columns(read_bytes(path, file), file, session_kind_from_name(path.name))


__all__ = ["read_timing_path", "read_timing_sessions", "reader_of"]
