"""Opening input files: the one place pitboard reads a file from disk.

Readers (formats/) parse bytes; this module decides which bytes they get. Only regular files are
read (a FIFO or /dev/zero would never end), no file larger than the limit is read whole, and
whatever a reader makes of a file is held against the limits of domain/limits.py before any
command uses it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TypeVar

from pitboard.domain import InputError, Problem
from pitboard.domain.classification import Penalty
from pitboard.domain.limits import MAX_FILE_BYTES, check_limits
from pitboard.domain.published import PublishedTable
from pitboard.domain.results import ResultLine, ResultsFile
from pitboard.domain.timing import SessionKind, TimingSession, pick_session
from pitboard.formats.registry import HEAD_BYTES, Reader, T, detect, read_timing
from pitboard.formats.text import decode

V = TypeVar("V")


def read_bytes(path: Path, name: str | None = None, *, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file; anything else (missing, a folder, a device, a FIFO, too
    large, unreadable) is a problem of `name`, not a traceback or a read that never ends."""
    file = name or str(path)
    try:
        with open(path, "rb", opener=_no_block) as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise InputError([Problem(file, None, "file", "a regular file",
                                          _file_type(info.st_mode))])
            if info.st_size > limit:
                raise InputError([Problem(file, None, "file", f"at most {limit:,} bytes",
                                          f"{info.st_size:,} bytes")])
            data = handle.read(limit + 1)
    except OSError as err:
        raise InputError([Problem(file, None, "file", "a readable file",
                                  err.strerror or str(err))]) from None
    if len(data) > limit:  # a file that grew, or one that states no size (/proc)
        raise InputError([Problem(file, None, "file", f"at most {limit:,} bytes",
                                  f"more than {limit:,} bytes")])
    return data


def read_text(path: Path, name: str | None = None) -> str:
    """The UTF-8 text of a regular file; an undecodable byte is a located problem."""
    file = name or str(path)
    return decode(read_bytes(path, file), file)


def _no_block(path: str, flags: int) -> int:
    """Open without waiting for a writer: a FIFO opens at once and is then refused as such."""
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def _file_type(mode: int) -> str:
    for test, word in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return word
    return "not a regular file"


def read_timing_sessions(path: Path, name: str | None = None) -> tuple[TimingSession, ...]:
    """Every session of a timing file of any registered format."""
    file = name or str(path)
    return checked(read_timing(read_bytes(path, file), file), file)


def main_session(sessions: tuple[TimingSession, ...]) -> TimingSession:
    """The session a file is about: its last race, else its last session (games write the
    practice and qualifying before the race they lead to)."""
    return pick_session(sessions, None, SessionKind.RACE, "")


def read_timing_path(path: Path, name: str | None = None) -> TimingSession:
    """The main session of a timing file (see `main_session`)."""
    return main_session(read_timing_sessions(path, name))


def read_with(reader: Reader[T], path: Path, name: str | None = None) -> T:
    """A file read by one given reader (for callers that know the format)."""
    file = name or str(path)
    return checked(reader.read(read_bytes(path, file), file), file)


def reader_of(path: Path, name: str | None = None) -> Reader[object]:
    """The reader that recognises a file, by its first bytes."""
    file = name or str(path)
    return detect(read_bytes(path, file)[:HEAD_BYTES], file)



def checked(value: V, file: str) -> V:
    """What a reader made of `file`, once every value is within the limits (InputError, each
    breach at its line, otherwise)."""
    check_limits(value, file)
    return value


def read_penalties(path: Path) -> tuple[Penalty, ...]:
    """A penalties CSV (docs/timing.md), checked."""
    from pitboard.formats.penalties_csv import parse_penalties_csv

    return checked(parse_penalties_csv(read_text(path), str(path)), str(path))


def read_results_file(path: Path) -> ResultsFile:
    """A results CSV (docs/results-csv.md), checked."""
    from pitboard.formats.results_csv import parse_results

    return checked(parse_results(read_text(path), str(path)), str(path))


def read_record_book(path: Path) -> list[list[ResultLine]]:
    """The race tables of a record-book page, checked (each table's result lines)."""
    from pitboard.formats.wikitext.reader import read_page_races

    return checked(read_page_races(read_text(path), str(path)), str(path))


def read_record_book_standings(path: Path, only: tuple[str, ...] = ()) -> list[PublishedTable]:
    """The standings tables of a record-book page as published tables, checked."""
    from pitboard.formats.wikitext.reader import read_page_standings

    return checked(read_page_standings(read_text(path), str(path), only), str(path))
