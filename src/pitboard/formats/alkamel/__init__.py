"""Al Kamel Systems timing CSVs (FIA WEC, ELMS, Asian Le Mans): Analysis and Classification."""

from pitboard.domain.timing import TimingSession
from pitboard.formats.alkamel.analysis import parse_analysis, session_kind_from_name
from pitboard.formats.alkamel.classification import parse_classification
from pitboard.formats.alkamel.codes import FORMAT_ANALYSIS, FORMAT_CLASSIFICATION
from pitboard.formats.alkamel.table import header_names
from pitboard.formats.registry import TimingReader


class AnalysisReader(TimingReader):
    name = FORMAT_ANALYSIS
    description = "Al Kamel Analysis CSV: every lap of every car, with sectors and pit stops"

    def sniff(self, head: bytes, name: str) -> bool:
        return {"NUMBER", "LAP_NUMBER", "ELAPSED", "CROSSING_FINISH_LINE_IN_PIT"} <= set(
            header_names(head))

    def read(self, data: bytes, name: str) -> tuple[TimingSession, ...]:
        # Al Kamel names its files after the session ("..._Race", "..._Qualifying").
        return (parse_analysis(data, name, kind=session_kind_from_name(name)),)


class ClassificationReader(TimingReader):
    name = FORMAT_CLASSIFICATION
    description = "Al Kamel Classification CSV: one line per car with status, laps and time"

    def sniff(self, head: bytes, name: str) -> bool:
        return {"POSITION", "NUMBER", "STATUS", "TOTAL_TIME"} <= set(header_names(head))

    def read(self, data: bytes, name: str) -> tuple[TimingSession, ...]:
        return (parse_classification(data, name, kind_name=name),)


ANALYSIS_READER = AnalysisReader()
CLASSIFICATION_READER = ClassificationReader()

__all__ = ["ANALYSIS_READER", "CLASSIFICATION_READER", "parse_analysis", "parse_classification"]
