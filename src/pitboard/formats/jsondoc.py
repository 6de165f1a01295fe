"""JSON results read with the line of every object, and typed field access that collects problems.

Game servers write JSON in UTF-8 or UTF-16 (ACC writes UTF-16LE without a byte order mark), so
the encoding is detected from the first bytes as RFC 4627 describes. Every object keeps the line
it starts on, so a record built from it can point back to the file.
"""

from __future__ import annotations

import bisect
import json
import json.scanner
from collections.abc import Callable
from typing import Any

from pitboard.domain import InputError, Problem
from pitboard.domain.problems import show_found
from pitboard.formats.text import too_deep, too_long_number

LARGEST = 2**63  # a whole number must be smaller than this (in size) to be read


class JsonObject(dict[str, Any]):
    """A JSON object that remembers the line it starts on."""

    line: int | None = None


def line_of(value: Any) -> int | None:
    """The line a parsed JSON object starts on; None for anything else (a list, a number)."""
    return value.line if isinstance(value, JsonObject) else None


def detect_encoding(data: bytes) -> str:
    """The encoding of JSON bytes: a byte order mark, else the pattern of zero bytes up front."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if len(data) >= 2 and data[0] != 0 and data[1] == 0:
        return "utf-16-le"
    if len(data) >= 2 and data[0] == 0 and data[1] != 0:
        return "utf-16-be"
    return "utf-8"


def decode_json_bytes(data: bytes, file: str) -> str:
    encoding = detect_encoding(data)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputError(
            [
                Problem(
                    file, None, "encoding", f"{encoding} text", f"a bad byte at offset {err.start}"
                )
            ]
        ) from None


def head_text(head: bytes) -> str:
    """The first bytes of a file as text, for sniffers (a cut character is dropped)."""
    return head.decode(detect_encoding(head), errors="ignore")


def load_json(text: str, file: str) -> Any:
    """Parse JSON text; every object becomes a JsonObject carrying its line."""
    newlines = [i for i, ch in enumerate(text) if ch == "\n"]
    decoder = json.JSONDecoder()
    plain_parse_object: Callable[..., tuple[dict[str, Any], int]] = json.decoder.JSONObject  # type: ignore[attr-defined]

    def parse_object(s_and_end: tuple[str, int], *args: Any) -> tuple[JsonObject, int]:
        start = s_and_end[1]
        value, end = plain_parse_object(s_and_end, *args)
        located = JsonObject(value)
        located.line = bisect.bisect_left(newlines, start) + 1
        return located, end

    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    try:
        return decoder.decode(text)
    except json.JSONDecodeError as err:
        raise InputError(
            [
                Problem(
                    file, err.lineno, "json", "well-formed JSON", f"{err.msg} at column {err.colno}"
                )
            ]
        ) from None
    except RecursionError:  # nested thousands deep
        raise too_deep(file, "JSON") from None
    except ValueError:  # a number of more digits than Python converts
        raise too_long_number(file, text, "JSON") from None


class Fields:
    """Typed access to JSON fields that records a located problem instead of raising."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def problem(self, obj: Any, path: str, expected: str, found: object) -> None:
        self.problems.append(Problem(self.file, line_of(obj), path, expected, show_found(found)))

    def raise_if_any(self) -> None:
        if self.problems:
            raise InputError(self.problems)

    def _get(self, obj: Any, key: str, path: str, expected: str) -> Any:
        if not isinstance(obj, dict):
            self.problem(obj, path, "an object", type(obj).__name__)
            return None
        if key not in obj:
            self.problem(obj, f"{path}.{key}", expected, "no such field")
            return None
        return obj[key]

    def object(self, obj: Any, key: str, path: str) -> JsonObject | None:
        value = self._get(obj, key, path, "an object")
        if value is None or isinstance(value, JsonObject):
            return value
        self.problem(obj, f"{path}.{key}", "an object", value)
        return None

    def items(self, obj: Any, key: str, path: str) -> list[Any]:
        value = self._get(obj, key, path, "a list")
        if isinstance(value, list):
            return value
        if value is not None:
            self.problem(obj, f"{path}.{key}", "a list", value)
        return []

    def integer(self, obj: Any, key: str, path: str) -> int | None:
        """A whole number of at most 64 bits, as every count and time the games write is; a
        longer one is a damaged file, and would not fit a float (or the database) later."""
        value = self._get(obj, key, path, "a whole number")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) < LARGEST:
            return value
        if value is not None:
            self.problem(obj, f"{path}.{key}", "a whole number of at most 64 bits", value)
        return None

    def text(self, obj: Any, key: str, path: str, default: str | None = None) -> str:
        if default is not None and isinstance(obj, dict) and key not in obj:
            return default
        value = self._get(obj, key, path, "text")
        if isinstance(value, str):
            return value.strip()
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        if value is not None:
            self.problem(obj, f"{path}.{key}", "text", value)
        return ""

    def flag(self, obj: Any, key: str, path: str) -> bool | None:
        value = self._get(obj, key, path, "true or false")
        if isinstance(value, bool):
            return value
        if value is not None:
            self.problem(obj, f"{path}.{key}", "true or false", value)
        return None
