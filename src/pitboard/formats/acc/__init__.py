"""Assetto Corsa Competizione results (JSON): the server's files and the game's own saves."""

from pitboard.domain.timing import TimingSession
from pitboard.formats.acc.reader import (
    CLIENT_SOURCE_FORMAT,
    SOURCE_FORMAT,
    parse_acc,
    parse_acc_client,
)
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


class AccClientReader(TimingReader):
    name = CLIENT_SOURCE_FORMAT
    description = "Assetto Corsa Competizione session saved by the game itself (sessionDef)"

    def sniff(self, head: bytes, name: str) -> bool:
        """The game's saves hold the session settings in sessionDef, the result in snapShot."""
        text = head_text(head)
        return '"sessionDef"' in text or '"snapShot"' in text

    def read(self, data: bytes, name: str) -> tuple[TimingSession, ...]:
        return (parse_acc_client(data, name),)


READER = AccReader()
CLIENT_READER = AccClientReader()

__all__ = ["CLIENT_READER", "READER", "parse_acc", "parse_acc_client"]
