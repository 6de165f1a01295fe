"""A timing session read as columns: the shape the readers of long files hand the engine."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from pitboard.domain.timing import TimingSession


@dataclass(frozen=True)
class LapColumns:
    """A session's cars, without Lap records, and its laps as columns.

    `laps`: one row per lap sorted by car then lap number, with columns car (index into
    `session.cars`), lap, driver (index into `drivers`, null when unknown), time, elapsed,
    pit_in, pit (seconds), and optionally valid. Drivers are numbered rather than named in each
    row because a driver drives hundreds of laps: grouping by a number is one array operation.
    """

    session: TimingSession
    laps: pl.DataFrame
    drivers: tuple[str, ...]
