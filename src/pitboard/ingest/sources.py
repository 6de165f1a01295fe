"""Where a season's files come from: a folder on disk, or the documents a database keeps.

A season file names other files (results CSVs, timing files, penalties) by paths relative to
itself; a league folder without a calendar takes every file beside it. Building a season reads
them all through a `Sources`, so the same build runs on the user's folder and, later, on the
copies the store kept of every file it was built from: a season in the database is rebuilt
from exactly the bytes it was first read from.
"""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pitboard.domain import InputError, Problem
from pitboard.ingest.files import read_bytes


@dataclass(frozen=True)
class Document:
    """A file as it was given: its name (as the season file or the user named it) and bytes."""

    name: str
    data: bytes
    display: str = ""  # how problems and source references name it (its path when read)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


class Sources(ABC):
    """The files a season file may name, by their names relative to it."""

    @abstractmethod
    def read(self, name: str) -> bytes:
        """The bytes of a named file; InputError (located at the name) when there is none."""

    @abstractmethod
    def names(self) -> list[str]:
        """Every file beside the season file, in name order (a league folder's calendar)."""

    @abstractmethod
    def display(self, name: str) -> str:
        """How problems name the file: its path on disk, or its name as stored."""


class FolderSources(Sources):
    """A season file's folder on disk; every file read is kept, to be stored with the season."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.read_files: dict[str, bytes] = {}

    def read(self, name: str) -> bytes:
        if name not in self.read_files:
            self.read_files[name] = read_bytes(self.folder / name, self.display(name))
        return self.read_files[name]

    def names(self) -> list[str]:
        try:
            return sorted(p.name for p in self.folder.iterdir() if p.is_file())
        except OSError as err:
            raise InputError([Problem(str(self.folder), None, "folder", "a readable folder",
                                      err.strerror or str(err))]) from None

    def display(self, name: str) -> str:
        return str(self.folder / name)

    def documents(self) -> list[Document]:
        return [Document(name, data, self.display(name)) for name, data in self.read_files.items()]


@dataclass
class StoredSources(Sources):
    """The documents kept with a stored season, by the names the season file gave them; each is
    named as it was when first read, so a rebuilt season traces its figures to the same files."""

    files: Mapping[str, Document] = field(default_factory=dict)

    def read(self, name: str) -> bytes:
        if name not in self.files:
            raise InputError([Problem(name, None, "file", "a file kept with the season",
                                      "none")])
        return self.files[name].data

    def names(self) -> list[str]:
        return sorted(self.files)

    def display(self, name: str) -> str:
        found = self.files.get(name)
        return found.display or name if found is not None else name
