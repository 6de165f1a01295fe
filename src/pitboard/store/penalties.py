"""The penalties file: stewards' decisions applied to a round's stored result lines.

    round,race,class,number,penalty,reason
    1,1,GTC,77,DSQ,technical infringement
    1,1,GTC,91,drop 1,causing a collision

`penalty` is one of the words below. Each applied decision is written into the line's note, so the
round page shows it; the standings follow, because the engine scores the changed lines. Points
deductions are not here: the rule set has no adjustment record for them yet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, select, update

from pitboard.domain import FinishStatus, InputError, Problem
from pitboard.domain.problems import show_found
from pitboard.formats.text import read_rows
from pitboard.store import schema as t

FORMAT = "penalties CSV"
COLUMNS = ("round", "race", "class", "number", "penalty", "reason")
# The penalty words, and the finishing status each sets:
STATUS_PENALTIES = {
    "DSQ": FinishStatus.DSQ,  # disqualified from the race: scores nothing, places pass on
    "EXC": FinishStatus.EXC,  # excluded from the championship
}
_DROP = re.compile(r"^drop\s+(\d+)$", re.IGNORECASE)  # "drop 2": two places down in class


@dataclass(frozen=True)
class Penalty:
    line: int
    round: str
    race: int
    class_code: str
    number: str
    status: FinishStatus | None  # set this status, or
    drop: int  # move this many classified places down in class
    reason: str

    @property
    def words(self) -> str:
        done = self.status.value if self.status else f"dropped {self.drop} place" + (
            "s" if self.drop != 1 else ""
        )
        return f"penalty: {done}" + (f" ({self.reason})" if self.reason else "")


def parse_penalties(text: str, file: str) -> list[Penalty]:
    """Every decision of the file; InputError lists every problem."""
    rows = read_rows(text, file)
    problems: list[Problem] = []
    if not rows:
        raise InputError([Problem(file, 1, "header", ",".join(COLUMNS), "an empty file")])
    names = [c.strip().casefold() for c in rows[0][1]]
    missing = [c for c in COLUMNS if c not in names and c != "reason"]
    if missing:
        raise InputError([Problem(file, rows[0][0], "header", "columns " + ", ".join(COLUMNS),
                                  ",".join(rows[0][1]))])
    penalties = []
    for line, cells in rows[1:]:
        if not any(c.strip() for c in cells):
            continue
        row = {n: (cells[i].strip() if i < len(cells) else "") for i, n in enumerate(names)}
        for column in ("round", "class", "number"):
            if not row[column]:
                problems.append(Problem(file, line, column, "a value", "nothing"))
        race = row["race"] or "1"
        if not race.isdigit():
            problems.append(Problem(file, line, "race", "a race number", show_found(race)))
        word = row["penalty"]
        status = STATUS_PENALTIES.get(word.upper())
        drop = _DROP.match(word)
        if status is None and drop is None:
            problems.append(Problem(
                file, line, "penalty",
                f"a {FORMAT} penalty: DSQ, EXC or 'drop N'", show_found(word),
            ))
            continue
        if problems:
            continue
        penalties.append(Penalty(
            line=line, round=row["round"], race=int(race), class_code=row["class"],
            number=row["number"], status=status, drop=int(drop.group(1)) if drop else 0,
            reason=row.get("reason", ""),
        ))
    if problems:
        raise InputError(problems)
    return penalties


def apply_penalty(conn: Connection, round_id: int, penalty: Penalty, file: str,
                  problems: list[Problem]) -> None:
    race_id = conn.execute(
        select(t.races.c.id).where(t.races.c.round_id == round_id,
                                   t.races.c.number == penalty.race)
    ).scalar()
    if race_id is None:
        problems.append(Problem(file, penalty.line, "race", "a race of the round",
                                show_found(penalty.race)))
        return
    lines = list(conn.execute(
        select(t.result_lines.c.id, t.result_lines.c.number, t.result_lines.c.place,
               t.result_lines.c.status, t.result_lines.c.note)
        .where(t.result_lines.c.race_id == race_id,
               t.result_lines.c.class_code == penalty.class_code)
        .order_by(t.result_lines.c.place.asc().nulls_last(), t.result_lines.c.seq)
    ))
    target = next((ln for ln in lines if ln.number == penalty.number), None)
    if target is None:
        cars = ", ".join(str(ln.number) for ln in lines) or "none"
        problems.append(Problem(file, penalty.line, "number",
                                f"a {penalty.class_code} car of the race ({cars})",
                                show_found(penalty.number)))
        return
    note = f"{target.note}; {penalty.words}" if target.note else penalty.words
    if penalty.status is not None:
        conn.execute(update(t.result_lines).where(t.result_lines.c.id == target.id)
                     .values(status=penalty.status.value, note=note))
        return
    classified = [ln for ln in lines if ln.status == FinishStatus.CLASSIFIED.value]
    if target not in classified:
        problems.append(Problem(file, penalty.line, "penalty",
                                "a place drop for a classified car", penalty.words))
        return
    places = [ln.place for ln in classified]
    order = [ln for ln in classified if ln.id != target.id]
    order.insert(min(classified.index(target) + penalty.drop, len(order)), target)
    for place, ln in zip(places, order, strict=True):
        values = {"place": place, **({"note": note} if ln.id == target.id else {})}
        conn.execute(update(t.result_lines).where(t.result_lines.c.id == ln.id).values(**values))
