"""Where a figure came from, and what was wrong with an input.

Every reader reports all the problems of a file at once, each as
`file:line: field: expected ..., found ...`, so one run shows the whole list; the CLI
prints it and the API returns it as a 422 body.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SourceRef:
    """The file and line an imported record was read from, so any figure can be traced back."""

    file: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line is not None else self.file


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input: where, which field, what was expected and what was found."""

    file: str
    line: int | None
    field: str
    expected: str
    found: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.field}: expected {self.expected}, found {self.found}"

    def as_dict(self) -> dict[str, str | int | None]:
        return {
            "file": self.file,
            "line": self.line,
            "field": self.field,
            "expected": self.expected,
            "found": self.found,
            "message": str(self),
        }


class InputError(Exception):
    """An input that cannot be used, carrying every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("an InputError needs at least one problem")
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


SHOWN_LENGTH = 80  # a longer found value is cut, so one damaged line cannot flood the report


def show_found(value: object) -> str:
    """Quote a found value the same way in every message; blank shows as 'nothing', and a value
    longer than a line is cut to its start and its length."""
    text = "" if value is None else str(value)
    if not text.strip():
        return "nothing"
    if len(text) > SHOWN_LENGTH:
        return f"{text[:SHOWN_LENGTH - 20]!r}... ({len(text):,} characters)"
    return repr(text)
