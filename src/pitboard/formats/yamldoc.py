"""YAML with the line of every value, so schema errors can name `file:line: field`."""

from __future__ import annotations

from typing import Any

import yaml

from pitboard.domain import InputError, Problem
from pitboard.domain.limits import MAX_YAML_VALUES
from pitboard.formats.text import too_deep, too_long_number

Path_ = tuple[str | int, ...]


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
        _walk(node, (), lines, file, set())
    return data, lines


def _walk(node: yaml.Node, path: Path_, lines: dict[Path_, int], file: str,
          open_nodes: set[int]) -> None:
    """The line of every value; an alias inside the value it names (`a: &a [*a]`) would make
    a document without end, and is refused at its line."""
    line = node.start_mark.line + 1
    lines[path] = line
    if len(lines) > MAX_YAML_VALUES:
        raise InputError([Problem(
            file, line, "yaml", f"a document of at most {MAX_YAML_VALUES:,} values",
            "more (aliases repeated inside aliases?)",
        )])
    if not isinstance(node, yaml.CollectionNode):
        return
    if id(node) in open_nodes:
        raise InputError([Problem(file, line, ".".join(map(str, path)) or "yaml",
                                  "a value that does not hold itself",
                                  "an alias inside the value it names")])
    open_nodes.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            _walk(value_node, (*path, str(key_node.value)), lines, file, open_nodes)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), lines, file, open_nodes)
    open_nodes.discard(id(node))


def line_of(path: Path_, lines: dict[Path_, int]) -> int | None:
    """The line of the deepest known part of a path."""
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None
