"""YAML with the line of every value, so schema errors can name `file:line: field`."""

from __future__ import annotations

import re
from typing import Any

import yaml

from pitboard.domain import InputError, Problem

Path_ = tuple[str | int, ...]
# A season of many rounds holds a few thousand values; an alias of an alias of ... can make
# millions out of a few lines, which are refused rather than read for minutes.
LARGEST_DOCUMENT = 200_000
_LONG_NUMBER = re.compile(r"\d{4000,}")


def load_yaml_with_lines(text: str, file: str) -> tuple[Any, dict[Path_, int]]:
    """Parse YAML; return the data and a map from each value's path to its 1-based line."""
    try:
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark is not None else None
        raise InputError(
            [Problem(file, line, "yaml", "valid YAML", err.problem or str(err))]
        ) from None
    except yaml.YAMLError as err:
        raise InputError([Problem(file, None, "yaml", "valid YAML", str(err))]) from None
    except RecursionError:  # lists or mappings nested thousands deep
        raise InputError([Problem(file, None, "yaml", "YAML nested a few levels deep",
                                  "nesting too deep to read")]) from None
    except ValueError:  # an integer of more digits than Python converts (sys.int_info)
        digits = _LONG_NUMBER.search(text)
        line = text.count("\n", 0, digits.start()) + 1 if digits else None
        raise InputError([Problem(file, line, "yaml", "numbers of a sensible length",
                                  "a number of thousands of digits")]) from None
    lines: dict[Path_, int] = {}
    if node is not None:
        _walk(node, (), lines, file)
    return data, lines


def _walk(node: yaml.Node, path: Path_, lines: dict[Path_, int], file: str) -> None:
    lines[path] = node.start_mark.line + 1
    if len(lines) > LARGEST_DOCUMENT:
        raise InputError([Problem(
            file, node.start_mark.line + 1, "yaml",
            f"a document of at most {LARGEST_DOCUMENT:,} values",
            "more (aliases repeated inside aliases?)",
        )])
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            _walk(value_node, (*path, str(key_node.value)), lines, file)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), lines, file)


def line_of(path: Path_, lines: dict[Path_, int]) -> int | None:
    """The line of the deepest known part of a path."""
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None
