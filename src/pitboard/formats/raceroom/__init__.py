"""RaceRoom Racing Experience dedicated-server results (JSON): every session of an event."""

from pitboard.domain.timing import TimingSession
from pitboard.formats.jsondoc import head_text
from pitboard.formats.raceroom.reader import SOURCE_FORMAT, parse_raceroom_sessions
from pitboard.formats.registry import TimingReader


class RaceRoomReader(TimingReader):
    name = SOURCE_FORMAT
    description = "RaceRoom dedicated-server results JSON (every session of the event)"

    def sniff(self, head: bytes, name: str) -> bool:
        """The server opens its file with the event's rules (Experience, FlagRules, CutRules)
        and then its Sessions."""
        text = head_text(head)
        return '"Sessions"' in text and '"Experience"' in text and '"CutRules"' in text

    def read(self, data: bytes, name: str) -> tuple[TimingSession, ...]:
        return parse_raceroom_sessions(data, name)


READER = RaceRoomReader()

__all__ = ["READER", "parse_raceroom_sessions"]
