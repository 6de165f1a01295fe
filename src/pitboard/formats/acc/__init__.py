"""Assetto Corsa Competizione server results (JSON)."""

from pitboard.domain.timing import TimingSession
from pitboard.formats.acc.reader import SOURCE_FORMAT, parse_acc
from pitboard.formats.jsondoc import head_text
from pitboard.formats.registry import TimingReader


class AccReader(TimingReader):
    name = SOURCE_FORMAT
    description = "Assetto Corsa Competizione server results JSON (UTF-16 or UTF-8)"

    def sniff(self, head: bytes, name: str) -> bool:
        """ACC results open with sessionType, then trackName / sessionResult."""
        text = head_text(head)
        return '"sessionType"' in text and ('"sessionResult"' in text or '"trackName"' in text)

    def read(self, data: bytes, name: str) -> tuple[TimingSession, ...]:
        return (parse_acc(data, name),)


READER = AccReader()

__all__ = ["READER", "parse_acc"]
