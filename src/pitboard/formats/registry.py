"""Every input format pitboard reads, in one registry, each answering the same three questions.

Is this file mine (`sniff`, from its first bytes and its name)? Read it (`read`, the whole file's
bytes, into domain objects)? What was wrong with it (the InputError `read` raises, listing every
problem at its line)? A reader never opens a file: ingest does, so every reader is tested with
bytes in memory and every file enters through one loader with one set of limits.
"""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from collections.abc import Sequence
from enum import StrEnum
from typing import Generic, TypeVar

from pitboard.domain import InputError, Problem, QualifyingSession
from pitboard.domain.classification import Penalty
from pitboard.domain.results import ResultsFile
from pitboard.domain.timing import TimingSession

T = TypeVar("T")


class InputKind(StrEnum):
    """What a file holds, and so what ingest does with it."""

    TIMING = "timing"  # timed sessions: laps, or a classification per car
    RESULTS = "results"  # finished result lines of one or more rounds
    QUALIFYING = "qualifying"  # a qualifying order that sets a round's grid and poles
    PENALTIES = "penalties"  # the stewards' decisions on one session
    RECORDBOOK = "recordbook"  # the race tables of a published record-book page


class Reader(ABC, Generic[T]):
    """One input format: its name, how it is recognised, and how it is read."""

    name: str  # e.g. "alkamel-analysis"
    kind: InputKind
    description: str  # one line for `pitboard formats` and the docs

    @abstractmethod
    def sniff(self, head: bytes, name: str) -> bool:
        """Whether a file whose first 4 KiB are `head` (and whose name is `name`) is this
        format; content decides, the name only where the content cannot (Al Kamel sessions)."""

    @abstractmethod
    def read(self, data: bytes, name: str) -> T:
        """The file as domain objects; InputError lists every problem, located in `name`."""


class TimingReader(Reader[tuple[TimingSession, ...]]):
    """A timing format: every session of the file, in the order they were run."""

    kind = InputKind.TIMING


class ResultsReader(Reader[ResultsFile]):
    kind = InputKind.RESULTS


class QualifyingReader(Reader[QualifyingSession]):
    kind = InputKind.QUALIFYING


class PenaltiesReader(Reader[tuple[Penalty, ...]]):
    kind = InputKind.PENALTIES


class RecordBookReader(Reader[ResultsFile]):
    kind = InputKind.RECORDBOOK


HEAD_BYTES = 4096

# Every reader, in the order they are asked: specific headers before general ones (a penalties
# CSV before a results CSV, which would also take its columns). Loaded on first use, so a
# command that reads no file never imports a parser.
_READERS = (
    "pitboard.formats.penalties_csv:READER",
    "pitboard.formats.results_csv:RESULTS_READER",
    "pitboard.formats.results_csv:QUALIFYING_READER",
    "pitboard.formats.alkamel:ANALYSIS_READER",
    "pitboard.formats.alkamel:CLASSIFICATION_READER",
    "pitboard.formats.rfactor2:READER",
    "pitboard.formats.acc:CLIENT_READER",  # before the server's: a save holds sessionType too
    "pitboard.formats.acc:READER",
    "pitboard.formats.iracing:READER",
    "pitboard.formats.assettocorsa:READER",
    "pitboard.formats.raceroom:READER",
    "pitboard.formats.automobilista2:READER",
    "pitboard.formats.wikitext:READER",
)
_loaded: list[Reader[object]] = []


def readers() -> Sequence[Reader[object]]:
    if not _loaded:
        for ref in _READERS:
            module, _, attribute = ref.partition(":")
            _loaded.append(getattr(importlib.import_module(module), attribute))
    return tuple(_loaded)




def detect(head: bytes, name: str, kinds: Sequence[InputKind] = ()) -> Reader[object]:
    """The first reader that recognises the file (among `kinds`, when given); a file no reader
    recognises is a problem naming every format that was tried."""
    candidates = [r for r in readers() if not kinds or r.kind in kinds]
    for reader in candidates:
        if reader.sniff(head, name):
            return reader
    known = ", ".join(r.name for r in candidates)
    what = " or ".join(k.value for k in kinds) + " " if kinds else ""
    raise InputError([Problem(name, 1, "format", f"a {what}file of a known format ({known})",
                              "none of them")])


def read_timing(data: bytes, name: str) -> tuple[TimingSession, ...]:
    """Every session of a timing file of any registered format."""
    reader = detect(data[:HEAD_BYTES], name, (InputKind.TIMING,))
    sessions = reader.read(data, name)
    if not isinstance(sessions, tuple):
        raise TypeError(f"timing reader {reader.name} returned {type(sessions).__name__}")
    return sessions
