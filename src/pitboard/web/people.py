"""Drivers and teams across every stored season and series, from the standings tables."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from pitboard.domain.standings import StandingRow, TableKind
from pitboard.output.schema import Number, number
from pitboard.store.store import SeasonView


@dataclass(frozen=True)
class SeasonLine:
    """A person's (or car's) line in one season's table."""

    season_id: str
    season_title: str
    series: str
    class_code: str
    position: int | None
    total: Number
    team: str | None
    wins: int
    podiums: int
    starts: int


@dataclass
class Person:
    name: str
    nationality: str | None = None
    seasons: list[SeasonLine] = field(default_factory=list)

    @property
    def titles(self) -> int:
        return sum(1 for s in self.seasons if s.position == 1)

    @property
    def wins(self) -> int:
        return sum(s.wins for s in self.seasons)


def _line(view: SeasonView, class_code: str, row: StandingRow) -> SeasonLine:
    races = [c for cell in row.rounds for c in cell.races]
    return SeasonLine(
        season_id=view.season.id,
        season_title=view.season.title,
        series=view.season.series.name,
        class_code=class_code,
        position=row.position,
        total=number(row.total),
        team=row.team,
        wins=sum(1 for c in races if c.class_position == 1),
        podiums=sum(1 for c in races if c.class_position is not None and c.class_position <= 3),
        starts=sum(1 for c in races if c.status.took_part),
    )


def people(views: list[SeasonView], kind: TableKind) -> dict[str, Person]:
    """Everyone in the tables of this kind, by name; for teams, a team's cars count together."""
    found: dict[str, Person] = {}
    for view in views:
        for table in view.tables:
            if table.kind is not kind:
                continue
            for row in table.rows:
                name = row.team if kind is TableKind.TEAMS and row.team else row.name
                person = found.setdefault(name, Person(name))
                person.nationality = person.nationality or row.nationality
                line = _line(view, table.class_code, row)
                if kind is TableKind.TEAMS and row.number and row.name != name:
                    line = replace(line, team=row.name)  # the car, e.g. "#007 Craft Racing"
                person.seasons.append(line)
    return dict(sorted(found.items(), key=lambda item: item[0].casefold()))
