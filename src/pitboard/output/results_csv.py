"""Result lines written back as the results CSV (docs/results-csv.md), so a season read from
a published record can be entered, checked and edited like any other."""

from __future__ import annotations

import csv
import io

from pitboard.domain import ResultLine


def results_csv_text(lines: list[ResultLine], round_ref: str, race: int = 1) -> str:
    """Result lines as the results CSV (docs/results-csv.md), so a season can be entered."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["round", "race", "pos", "overall", "class", "number", "team", "drivers",
                     "chassis", "engine", "manufacturer", "tyre", "laps", "time", "pole"])
    for line in lines:
        if line.status.is_classified:
            pos = str(line.order)
        elif line.order is not None:
            pos = f"{line.order} {line.status.value}"
        else:
            pos = line.status.value
        overall = "" if line.position is None else line.position
        writer.writerow([round_ref, race, pos, overall, line.class_code, line.number or "",
                         line.team, " / ".join(line.drivers), line.chassis, line.engine,
                         line.manufacturer, line.tyre, "" if line.laps is None else line.laps,
                         line.time or "", "yes" if line.pole else ""])
    return out.getvalue()
