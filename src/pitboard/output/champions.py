"""A series' roll of champions and its class history: the document `pitboard champions --format
json` and the API give (docs/json-schema.md)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from pitboard.domain import Season
from pitboard.domain.published import ClassTitle
from pitboard.domain.standings import StandingTable
from pitboard.engine.published import season_titles
from pitboard.output.schema import SCHEMA_VERSION


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class ChampionOut(_Out):
    class_: str = Field(alias="class")
    table: str
    names: list[str]
    computed: bool  # True: from the results pitboard holds; False: transcribed as published


class SeasonChampionsOut(_Out):
    season: str
    classes: list[str]
    champions: list[ChampionOut]


class ChampionsDocument(_Out):
    schema_: int = Field(SCHEMA_VERSION, alias="schema")
    series: str
    seasons: list[SeasonChampionsOut]

    def to_json_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)


SeasonTables = tuple[Season, list[StandingTable]]


def oldest_first(seasons: list[SeasonTables]) -> list[SeasonTables]:
    """A series' seasons in the order they were run (their names sort so: 2009 ... 2018-19)."""
    return sorted(seasons, key=lambda pair: pair[0].name)


def roll(seasons: list[SeasonTables]) -> list[tuple[Season, list[ClassTitle]]]:
    """Each season, oldest first, with its classes' drivers' and teams' champions."""
    return [(season, season_titles(season, tables)) for season, tables in oldest_first(seasons)]


def champions_document(series_id: str, seasons: list[SeasonTables]) -> ChampionsDocument:
    return ChampionsDocument(series=series_id, seasons=[
        SeasonChampionsOut(
            season=season.name, classes=season.class_codes(),
            champions=[ChampionOut(class_=t.class_code, table=t.table.value,
                                   names=list(t.names), computed=t.computed) for t in titles])
        for season, titles in roll(seasons)
    ])


def class_history(seasons: list[Season]) -> tuple[list[str], list[tuple[str, set[str]]]]:
    """Which classes ran when: the seasons oldest first, and each class (in the order classes
    first appear) with the seasons it ran in."""
    ordered = sorted(seasons, key=lambda s: s.name)
    codes: dict[str, set[str]] = {}
    for season in ordered:
        for code in season.class_codes():
            codes.setdefault(code, set()).add(season.name)
    return [s.name for s in ordered], list(codes.items())
