"""The penalties CSV: post-session decisions of the stewards, one per row."""

from pitboard.domain.classification import Penalty
from pitboard.formats.penalties_csv.reader import COLUMNS, parse_penalties_csv
from pitboard.formats.registry import PenaltiesReader
from pitboard.formats.text import csv_columns, decode


class PenaltiesCsvReader(PenaltiesReader):
    name = "penalties-csv"
    description = "penalties CSV: number, kind, value, reason (docs/timing.md#penalties)"

    def sniff(self, head: bytes, name: str) -> bool:
        return set(COLUMNS[:2]) <= csv_columns(head)  # number, kind

    def read(self, data: bytes, name: str) -> tuple[Penalty, ...]:
        return parse_penalties_csv(decode(data, name), name)


READER = PenaltiesCsvReader()

__all__ = ["READER", "parse_penalties_csv"]
