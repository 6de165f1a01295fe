"""Al Kamel Systems timing CSVs (FIA WEC, ELMS, Asian Le Mans): Analysis and Classification."""

from pitboard.formats.alkamel.analysis import parse_analysis, read_analysis, sniff_analysis
from pitboard.formats.alkamel.classification import (
    parse_classification,
    read_classification,
    sniff_classification,
)
from pitboard.formats.alkamel.codes import FORMAT_ANALYSIS, FORMAT_CLASSIFICATION
from pitboard.formats.timing_registry import TimingFormat, register

register(TimingFormat(FORMAT_ANALYSIS, sniff_analysis, read_analysis))
register(TimingFormat(FORMAT_CLASSIFICATION, sniff_classification, read_classification))

__all__ = [
    "parse_analysis",
    "parse_classification",
    "read_analysis",
    "read_classification",
]
