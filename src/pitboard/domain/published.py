"""What was published about a season (its champions, its final tables, with their sources), and
a series' history as dated events: figures pitboard keeps beside what it computes, to show where
it holds no results and to compare where it does."""

from __future__ import annotations

import re
from decimal import Decimal
from enum import StrEnum

from pydantic import field_validator

from pitboard.domain.base import Record
from pitboard.domain.standings import TableKind

# A history date as precise as the record is: a year, a month or a day.
PARTIAL_DATE = re.compile(r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$")


class PublishedChampion(Record):
    """A class's champions in one table, as a source printed them (a crew shares a title)."""

    class_code: str
    table: TableKind
    names: tuple[str, ...]
    source: str = ""  # where this title is settled, when not the figures' own sources
    note: str = ""


class PublishedRow(Record):
    """A row of a published final table: its place (None: printed without one), the name or
    names it gives, and its total (None: the source prints none)."""

    place: int | None
    names: tuple[str, ...]
    total: Decimal | None = None


class PublishedTable(Record):
    """A published final table of one class (or of one championship, by its title)."""

    class_code: str
    table: TableKind
    championship: str = ""  # a championship's title, where the season's rules name its tables
    rows: tuple[PublishedRow, ...] = ()
    source: str = ""


class PublishedFigures(Record):
    """Everything published about a season that pitboard keeps: sources, champions, tables."""

    sources: tuple[str, ...] = ()
    champions: tuple[PublishedChampion, ...] = ()
    standings: tuple[PublishedTable, ...] = ()
    note: str = ""

    def champions_of(self, class_code: str, table: TableKind) -> PublishedChampion | None:
        return next((c for c in self.champions
                     if c.class_code == class_code and c.table is table), None)


class SeriesEventKind(StrEnum):
    """What a dated event of a series' history was."""

    HELD = "held"  # an event run (the first race, a race run under another championship)
    CANCELLED = "cancelled"  # an event or season announced and not run
    RELAUNCHED = "relaunched"  # the series started again after a pause
    FORMAT = "format"  # the season's shape changed (a winter calendar, the number of rounds)
    CLASSES = "classes"  # classes added, merged, renamed or dropped
    ORGANISER = "organiser"  # who runs or promotes the series
    PARTNERSHIP = "partnership"  # a joint classification or a shared event with another series


class SeriesEvent(Record):
    """One event of a series' history, dated as precisely as the record dates it."""

    date: str  # YYYY, YYYY-MM or YYYY-MM-DD
    kind: SeriesEventKind
    title: str
    text: str = ""
    season: str | None = None  # the season it belongs to, where it belongs to one
    source: str = ""

    @field_validator("date")
    @classmethod
    def _partial_date(cls, value: str) -> str:
        if not PARTIAL_DATE.match(value):
            raise ValueError("a date as YYYY, YYYY-MM or YYYY-MM-DD")
        return value

    @property
    def year(self) -> int:
        return int(self.date[:4])


class SeriesHistory(Record):
    """A series and its history, oldest event first."""

    series_id: str
    name: str
    short_name: str = ""
    about: str = ""
    events: tuple[SeriesEvent, ...] = ()
    sources: tuple[str, ...] = ()


class FigureKind(StrEnum):
    """Which published figure differs from the computed one."""

    PLACE = "place"
    TOTAL = "total"
    CHAMPION = "champion"
    ROW = "row"  # a published row the computed table does not have
    TABLE = "table"  # a published table the season's rules do not make


class FigureDifference(Record):
    """A published figure and what pitboard computes for it, where the two differ."""

    class_code: str
    table: TableKind
    championship: str  # the computed table's title (or the published one's)
    figure: FigureKind
    who: str  # the row or champion the figure is about
    published: str
    computed: str
    source: str = ""

    def describe(self) -> str:
        return (f"{self.championship}: {self.who}: {self.figure.value} published "
                f"{self.published}, computed {self.computed}")


class ClassTitle(Record):
    """A class's champions in one table as the roll shows them: computed from the results
    pitboard holds, or transcribed from what was published."""

    class_code: str
    table: TableKind
    names: tuple[str, ...]
    computed: bool
    source: str = ""  # for a transcribed title: where it was published
