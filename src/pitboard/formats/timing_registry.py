"""Which reader opens a timing file: each timing format registers a sniffer and a reader here."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pitboard.domain import InputError, Problem
from pitboard.domain.timing import TimingSession
from pitboard.formats.text import read_file


@dataclass(frozen=True)
class TimingFormat:
    name: str  # e.g. "alkamel-analysis"
    sniff: Callable[[Path, bytes], bool]  # given the path and the file's first 4 KiB
    read: Callable[[Path], TimingSession]


FORMATS: list[TimingFormat] = []


def register(fmt: TimingFormat) -> None:
    FORMATS.append(fmt)


# The packages that register a timing format when imported.
BUILTIN_FORMAT_PACKAGES = (
    "pitboard.formats.alkamel",
    "pitboard.formats.rfactor2",
    "pitboard.formats.acc",
    "pitboard.formats.iracing",
)


def _load_builtin_formats() -> None:
    """Import the format packages so they register themselves (kept lazy for start-up time)."""
    for name in BUILTIN_FORMAT_PACKAGES:
        importlib.import_module(name)


def detect(path: Path) -> TimingFormat:
    _load_builtin_formats()
    head = read_file(path, size=4096)
    for fmt in FORMATS:
        if fmt.sniff(path, head):
            return fmt
    known = ", ".join(f.name for f in FORMATS) or "none registered"
    raise InputError(
        [Problem(str(path), 1, "format", f"a timing file of a known format ({known})", "none")]
    )


def read_timing_file(path: Path) -> TimingSession:
    return detect(path).read(path)
