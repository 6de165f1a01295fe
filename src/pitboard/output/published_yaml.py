"""Published tables written as the `published:` section of a season file (docs/season-file.md)."""

from __future__ import annotations

from decimal import Decimal

import yaml

from pitboard.domain.published import PublishedTable
from pitboard.domain.standings import TableKind


class _Flow(dict[str, object]):
    """A mapping written on one line: a row, a champion."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Flow, lambda dumper, data: dumper.represent_mapping(
    "tag:yaml.org,2002:map", data.items(), flow_style=True))


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def published_yaml(tables: list[PublishedTable], sources: list[str]) -> str:
    """The `published:` section: its sources, the champions each drivers' or teams' table puts
    first, and every table's rows (place, names, total)."""
    champions = []
    for table in tables:
        firsts = [name for row in table.rows if row.place == 1 for name in row.names]
        if firsts and table.table in {TableKind.DRIVERS, TableKind.TEAMS}:
            champions.append(_Flow({"class": table.class_code, "table": table.table.value,
                              "names": firsts}))
    standings = []
    for table in tables:
        entry: dict[str, object] = {"class": table.class_code, "table": table.table.value}
        if table.championship:
            entry["championship"] = table.championship
        if table.source:
            entry["source"] = table.source
        entry["rows"] = [
            _Flow({k: v for k, v in (("place", row.place), ("names", list(row.names)),
                               ("total", _number(row.total))) if v is not None})
            for row in table.rows
        ]
        standings.append(entry)
    document = {"published": {"sources": sources, "champions": champions,
                              "standings": standings}}
    return yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=100)
