"""Shared fixtures: where the real timing files are, and the rule that they are required in CI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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


@pytest.fixture
def real_data() -> type:
    """Give tests `real_data.file("alkamel", "x.csv")`."""

    class _Real:
        file = staticmethod(real_file)

    return _Real
