"""A figure a published source printed for a championship's table, to compare with pitboard's.

Each series' record module lists its figures, so a reader can check them against the sources
line by line; tests/test_record_seasons.py computes the season and compares.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Figure:
    """A row's total in a table, at the end of the season or after a round."""

    championship: str  # the table's title
    row: str  # as the table names it
    total: Decimal
    source: str
    after_round: int | None = None  # None: the final table
    position: int | None = None  # where the source gives the place too


def figure(championship: str, row: str, total: float | int | str, source: str,
           after_round: int | None = None, position: int | None = None) -> Figure:
    return Figure(championship, row, Decimal(str(total)), source, after_round, position)
