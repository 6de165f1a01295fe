"""Assetto Corsa dedicated-server results (JSON), as the server or Server Manager saves them."""

from pitboard.domain.timing import TimingSession
from pitboard.formats.assettocorsa.reader import SOURCE_FORMAT, parse_assetto_corsa
from pitboard.formats.jsondoc import head_text
from pitboard.formats.registry import TimingReader


class AssettoCorsaReader(TimingReader):
    name = SOURCE_FORMAT
    description = "Assetto Corsa server results JSON (acServer or Server Manager)"

    def sniff(self, head: bytes, name: str) -> bool:
        """The server's file opens with TrackName and TrackConfig; Server Manager's with the
        entry list (Cars with each slot's Guid and Skin)."""
        text = head_text(head)
        if '"TrackName"' in text and '"TrackConfig"' in text:
            return True
        return text.lstrip().startswith('{') and all(
            key in text for key in ('"Cars"', '"CarId"', '"Guid"', '"Skin"'))

    def read(self, data: bytes, name: str) -> tuple[TimingSession, ...]:
        return (parse_assetto_corsa(data, name),)


READER = AssettoCorsaReader()

__all__ = ["READER", "parse_assetto_corsa"]
