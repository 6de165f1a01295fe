"""rFactor 2 / Le Mans Ultimate results (XML)."""

from pitboard.domain.timing import TimingSession
from pitboard.formats.registry import TimingReader
from pitboard.formats.rfactor2.reader import (
    SOURCE_FORMAT,
    parse_rfactor2,
    parse_rfactor2_sessions,
)


class RFactor2Reader(TimingReader):
    name = SOURCE_FORMAT
    description = "rFactor 2 / Le Mans Ultimate results XML (practice, qualifying, race)"

    def sniff(self, head: bytes, name: str) -> bool:
        return b"<rFactorXML" in head

    def read(self, data: bytes, name: str) -> tuple[TimingSession, ...]:
        return parse_rfactor2_sessions(data, name)


READER = RFactor2Reader()

__all__ = ["READER", "parse_rfactor2", "parse_rfactor2_sessions"]
