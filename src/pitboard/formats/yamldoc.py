"""YAML with the line of every value, so schema errors can name `file:line: field`."""

from __future__ import annotations

from typing import Any

import yaml

from pitboard.domain import InputError, Problem
from pitboard.formats.text import too_deep, too_long_number

Path_ = tuple[str | int, ...]
# A season of many rounds holds a few thousand values; an alias of an alias of ... can make
# millions out of a few lines, which are refused rather than read for minutes.
LARGEST_DOCUMENT = 200_000


class _Loader(yaml.SafeLoader):
    """Safe YAML that leaves dates as text: the schema reads them, so an impossible date
    (2024-06-31) is a problem at its field and line, not an error of the whole document."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml_with_lines(text: str, file: str) -> tuple[Any, dict[Path_, int]]:
    """Parse YAML; return the data and a map from each value's path to its 1-based line."""
    try:
        loader = _Loader(text)
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
    except RecursionError:  # nested thousands deep
        raise too_deep(file, "YAML") from None
    except ValueError:  # a number of more digits than Python converts
        raise too_long_number(file, text, "YAML") from None
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
