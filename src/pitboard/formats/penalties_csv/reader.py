"""Read a penalties CSV: `number, kind, value, reason`, one decision per row.

Kinds: `time` (seconds added), `laps` (laps deducted), `drop` (places lost), `dsq`, `exclude`
(from the championship), and for qualifying `delete_lap` (value: the lap number) and `disallow`.
"""

from __future__ import annotations

import math

from pitboard.domain import InputError, Problem, SourceRef
from pitboard.domain.classification import Penalty, PenaltyKind
from pitboard.domain.problems import show_found
from pitboard.formats.text import read_rows

COLUMNS = ("number", "kind", "value", "reason")
# Kinds whose value is a count or an amount and so cannot be left blank.
_NEEDS_VALUE = {PenaltyKind.TIME, PenaltyKind.LAPS, PenaltyKind.DROP, PenaltyKind.DELETE_LAP}
_WHOLE = {PenaltyKind.LAPS, PenaltyKind.DROP, PenaltyKind.DELETE_LAP}




def parse_penalties_csv(text: str, file: str) -> tuple[Penalty, ...]:
    rows = [(line, row) for line, row in read_rows(text, file) if any(c.strip() for c in row)]
    if not rows:
        return ()
    header = [c.strip().casefold() for c in rows[0][1]]
    missing = [c for c in COLUMNS[:2] if c not in header]
    if missing:
        raise InputError(
            [Problem(file, rows[0][0], c, f"a column named {c}", "no such column") for c in missing]
        )
    problems: list[Problem] = []
    penalties = []
    for line, row in rows[1:]:
        cells = dict(zip(header, (c.strip() for c in row), strict=False))
        number, kind_text = cells.get("number", ""), cells.get("kind", "").casefold()
        value_text, reason = cells.get("value", ""), cells.get("reason", "")
        if not number:
            problems.append(Problem(file, line, "number", "a car number", "nothing"))
        try:
            kind = PenaltyKind(kind_text)
        except ValueError:
            known = ", ".join(k.value for k in PenaltyKind)
            problems.append(Problem(file, line, "kind", f"one of {known}", show_found(kind_text)))
            continue
        value = 0.0
        if value_text or kind in _NEEDS_VALUE:
            try:
                value = float(value_text)
            except ValueError:
                value = -1.0
            if value < 0 or not math.isfinite(value) or (kind in _WHOLE and value != int(value)):
                expected = "a whole number" if kind in _WHOLE else "a number of seconds"
                problems.append(Problem(file, line, "value", expected, show_found(value_text)))
                continue
        if number:
            penalties.append(
                Penalty(number=number, kind=kind, value=value, reason=reason,
                        source=SourceRef(file, line))
            )
    if problems:
        raise InputError(problems)
    return tuple(penalties)
