"""The series file: a series' name and its history as dated events (docs/season-file.md).

It sits beside the series' season folders (`data/<series>/series.yaml`); its schema is strict
like the season file's, and every problem is reported at once with its line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, StrictStr, ValidationError, field_validator

from pitboard.domain import InputError
from pitboard.domain.published import (
    PARTIAL_DATE,
    SeriesEvent,
    SeriesEventKind,
    SeriesHistory,
)
from pitboard.formats.yamldoc import load_yaml_with_lines
from pitboard.ingest.files import checked, read_text
from pitboard.ingest.season_file import validation_problems
from pitboard.ingest.season_schema import SeriesSpec

SERIES_FILE = "series.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class EventSpec(_Strict):
    date: StrictStr  # YYYY, YYYY-MM or YYYY-MM-DD: as precise as the record is
    kind: Literal["held", "cancelled", "relaunched", "format", "classes", "organiser",
                  "partnership"]
    title: StrictStr
    text: StrictStr = ""
    season: StrictStr | None = None
    source: StrictStr = ""

    @field_validator("date")
    @classmethod
    def _partial_date(cls, value: str) -> str:
        if not PARTIAL_DATE.match(value):
            raise ValueError("a date as YYYY, YYYY-MM or YYYY-MM-DD")
        return value


class SeriesFileSpec(_Strict):
    series: SeriesSpec
    about: StrictStr = ""
    sources: list[StrictStr] = []
    history: list[EventSpec] = []


def parse_series(text: str, file: str) -> SeriesHistory:
    """A series file's text as the series' history, oldest event first; InputError lists every
    problem with its line."""
    data, lines = load_yaml_with_lines(text, file)
    if isinstance(data, dict):
        for event in data.get("history") or []:
            if isinstance(event, dict):
                for key in ("date", "season"):
                    if isinstance(event.get(key), int):  # `date: 2010` means the text "2010"
                        event[key] = str(event[key])
    try:
        spec = SeriesFileSpec.model_validate(data)
        events = [SeriesEvent(date=e.date, kind=SeriesEventKind(e.kind), title=e.title,
                              text=e.text, season=e.season, source=e.source)
                  for e in spec.history]
    except ValidationError as err:
        raise InputError(validation_problems(err, file, lines)) from None
    history = SeriesHistory(
        series_id=spec.series.id, name=spec.series.name, short_name=spec.series.short_name,
        about=spec.about, sources=tuple(spec.sources),
        events=tuple(sorted(events, key=lambda e: e.date)),
    )
    return checked(history, file)


def load_series_file(path: Path) -> SeriesHistory:
    return parse_series(read_text(path), str(path))
