"""The results CSV a league admin or journalist fills in a spreadsheet (docs/results-csv.md)."""

from pitboard.domain import QualifyingSession
from pitboard.domain.results import ResultsFile
from pitboard.formats.registry import QualifyingReader, ResultsReader
from pitboard.formats.results_csv.reader import (
    QUALIFYING_COLUMNS_REQUIRED,
    RESULT_COLUMNS_REQUIRED,
    parse_qualifying,
    parse_results,
)
from pitboard.formats.text import csv_columns, decode


class ResultsCsvReader(ResultsReader):
    name = "results-csv"
    description = "results CSV: one line per car per race (docs/results-csv.md)"

    def sniff(self, head: bytes, name: str) -> bool:
        return set(RESULT_COLUMNS_REQUIRED) <= csv_columns(head)

    def read(self, data: bytes, name: str) -> ResultsFile:
        return parse_results(decode(data, name), name)


class QualifyingCsvReader(QualifyingReader):
    name = "qualifying-csv"
    description = "qualifying CSV: pos, class, number, team, drivers, time (or Disallowed)"

    def sniff(self, head: bytes, name: str) -> bool:
        return set(QUALIFYING_COLUMNS_REQUIRED) <= csv_columns(head)

    def read(self, data: bytes, name: str) -> QualifyingSession:
        return parse_qualifying(decode(data, name), name)


RESULTS_READER = ResultsCsvReader()
QUALIFYING_READER = QualifyingCsvReader()

__all__ = ["QUALIFYING_READER", "RESULTS_READER", "parse_qualifying", "parse_results"]
