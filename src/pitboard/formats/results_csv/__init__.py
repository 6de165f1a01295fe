"""The results CSV a league admin or journalist fills in a spreadsheet (docs/results-csv.md)."""

from pitboard.formats.results_csv.reader import (
    ResultsFile,
    RoundKey,
    read_qualifying_csv,
    read_results_csv,
)

__all__ = ["ResultsFile", "RoundKey", "read_qualifying_csv", "read_results_csv"]
