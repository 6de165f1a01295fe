"""MediaWiki wikitext in the record-book style: the race tables of a published page, read."""

from pitboard.domain.results import ResultsFile, RoundKey
from pitboard.formats.registry import RecordBookReader
from pitboard.formats.text import decode
from pitboard.formats.wikitext.reader import read_page_races


class WikitextReader(RecordBookReader):
    name = "recordbook-wikitext"
    description = "record-book page (wikitext or flattened tables): its race tables, in order"

    def sniff(self, head: bytes, name: str) -> bool:
        text = head.decode("utf-8", errors="replace")
        return "{|" in text and ("wikitable" in text or "!" in text)

    def read(self, data: bytes, name: str) -> ResultsFile:
        """The page's race tables as the races of one round, numbered 1 (ingest puts them in
        the round they are imported into)."""
        races = read_page_races(decode(data, name), name)
        return ResultsFile(name, {RoundKey(1, "1"): dict(enumerate(races, start=1))})


READER = WikitextReader()

__all__ = ["READER", "read_page_races"]
