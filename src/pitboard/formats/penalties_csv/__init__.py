"""The penalties CSV: post-session decisions of the stewards, one per row."""

from pitboard.formats.penalties_csv.reader import parse_penalties_csv, read_penalties_csv

__all__ = ["parse_penalties_csv", "read_penalties_csv"]
