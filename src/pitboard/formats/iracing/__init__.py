"""iRacing results (JSON of /data/results/get)."""

from pitboard.domain.timing import TimingSession
from pitboard.formats.iracing.reader import (
    SOURCE_FORMAT,
    parse_iracing,
    parse_iracing_sessions,
)
from pitboard.formats.jsondoc import head_text
from pitboard.formats.registry import TimingReader


class IRacingReader(TimingReader):
    name = SOURCE_FORMAT
    description = "iRacing subsession results JSON (every session of the event)"

    def sniff(self, head: bytes, name: str) -> bool:
        return '"subsession_id"' in head_text(head)

    def read(self, data: bytes, name: str) -> tuple[TimingSession, ...]:
        return parse_iracing_sessions(data, name)


READER = IRacingReader()

__all__ = ["READER", "parse_iracing", "parse_iracing_sessions"]
