"""Automobilista 2 / Project CARS 2 dedicated-server statistics (`sms_stats` JSON)."""

from pitboard.domain.timing import TimingSession
from pitboard.formats.automobilista2.reader import SOURCE_FORMAT, parse_ams2_sessions
from pitboard.formats.jsondoc import head_text
from pitboard.formats.registry import TimingReader


class Automobilista2Reader(TimingReader):
    name = SOURCE_FORMAT
    description = "Automobilista 2 / Project CARS 2 dedicated-server sms_stats JSON"

    def sniff(self, head: bytes, name: str) -> bool:
        """The addon names itself in the file's first comment line; else its first key."""
        text = head_text(head)
        return "'sms_stats'" in text or '"next_history_index"' in text

    def read(self, data: bytes, name: str) -> tuple[TimingSession, ...]:
        return parse_ams2_sessions(data, name)


READER = Automobilista2Reader()

__all__ = ["READER", "parse_ams2_sessions"]
