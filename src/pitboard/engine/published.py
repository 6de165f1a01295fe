"""Computed standings against published figures, and the champions a season's roll shows.

Pure functions of a season and the tables the engine computed for it: `compare_published` lists
every published place, total and champion that differs from the computed one (both values);
`season_titles` gives each class's champions, computed where the season's results are all held,
transcribed from the published record otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pitboard.domain import Season
from pitboard.domain.names import person_key
from pitboard.domain.published import (
    ClassTitle,
    FigureDifference,
    FigureKind,
    PublishedTable,
)
from pitboard.domain.standings import StandingRow, StandingTable, TableKind

ROLL_TABLES = (TableKind.DRIVERS, TableKind.TEAMS)


def computed_table(tables: Iterable[StandingTable], class_code: str, kind: TableKind,
                   championship: str = "") -> StandingTable | None:
    """The computed table a published one is about: by its championship's title where it
    names one, else the first table of its class and kind."""
    for table in tables:
        if championship:
            if table.title.casefold() == championship.casefold():
                return table
        elif table.class_code == class_code and table.kind is kind:
            return table
    return None


def _key(season: Season, kind: TableKind, name: str) -> str:
    """A name as the season knows it (aliases, spellings), folded for comparing."""
    if kind is TableKind.DRIVERS:
        return person_key(season.canonical_driver(name))
    if kind is TableKind.TEAMS:
        return person_key(season.canonical_team(name))
    return person_key(name)


def _row_keys(season: Season, kind: TableKind, row: StandingRow) -> set[str]:
    """Every name a computed row answers to: its own (a car: `#69 JLOC`) and its team's."""
    keys = {_key(season, kind, row.name)}
    keys.update(_key(season, kind, team) for team in (row.team, *row.teams) if team)
    return keys


def _shown(row: StandingRow, kind: TableKind) -> str:
    """A champion row as a roll names it: a team by its name, not its car's number."""
    return row.team if kind is TableKind.TEAMS and row.team else row.name


def _total(value: object) -> str:
    text = str(value)
    return text.rstrip("0").rstrip(".") if "." in text else text


def compare_published(season: Season, tables: list[StandingTable]) -> list[FigureDifference]:
    """Every published figure of a season pitboard has results for that differs from the
    computed one: each published row's place and total, and each class's champions once the
    calendar is run. A season without results or without published figures has none."""
    published = season.published
    if published is None or not season.has_results:
        return []
    out: list[FigureDifference] = []
    for table in published.standings:
        out.extend(_table_differences(season, tables, table))
    if not season.is_complete:
        return out
    for champion in published.champions:
        if champion.table not in ROLL_TABLES:
            continue
        computed = computed_table(tables, champion.class_code, champion.table)
        wanted = " / ".join(champion.names)
        title = computed.title if computed else f"{champion.class_code} {champion.table.value}"
        if computed is None:
            out.append(FigureDifference(
                class_code=champion.class_code, table=champion.table, championship=title,
                figure=FigureKind.CHAMPION, who=wanted, published=wanted,
                computed="no table", source=champion.source))
            continue
        firsts = [row for row in computed.rows if row.position == 1]
        names = {_key(season, champion.table, name) for name in champion.names}
        rows = [_row_keys(season, champion.table, row) for row in firsts]
        if not (all(any(n in keys for keys in rows) for n in names)
                and all(keys & names for keys in rows)):
            shown = " / ".join(dict.fromkeys(_shown(r, champion.table) for r in firsts))
            out.append(FigureDifference(
                class_code=champion.class_code, table=champion.table, championship=title,
                figure=FigureKind.CHAMPION, who="champions", published=wanted,
                computed=shown or "none", source=champion.source))
    return out


def _table_differences(season: Season, tables: list[StandingTable],
                       table: PublishedTable) -> list[FigureDifference]:
    kind = table.table
    computed = computed_table(tables, table.class_code, kind, table.championship)
    title = computed.title if computed else (table.championship
                                             or f"{table.class_code} {kind.value}")

    def difference(figure: FigureKind, who: str, published: str,
                   now: str) -> FigureDifference:
        return FigureDifference(class_code=table.class_code, table=kind, championship=title,
                                figure=figure, who=who, published=published, computed=now,
                                source=table.source)

    if computed is None:
        return [difference(FigureKind.TABLE, title, f"{len(table.rows)} rows", "no table")]
    out = []
    for published_row in table.rows:
        for name in published_row.names:
            key = _key(season, kind, name)
            row = next((r for r in computed.rows if key in _row_keys(season, kind, r)), None)
            if row is None:
                place = f"place {published_row.place}" if published_row.place else "a row"
                out.append(difference(FigureKind.ROW, name, place, "no row"))
                continue
            if published_row.place is not None and published_row.place != row.position:
                out.append(difference(FigureKind.PLACE, name, str(published_row.place),
                                      str(row.position) if row.position else "no place"))
            if published_row.total is not None and published_row.total != row.total:
                out.append(difference(FigureKind.TOTAL, name, _total(published_row.total),
                                      _total(row.total)))
    return out


def season_titles(season: Season, tables: list[StandingTable], *,
                  leaders: bool = False) -> list[ClassTitle]:
    """Each class's drivers' and teams' champions, in the season's class order: computed from
    the results where the season's calendar is run on results pitboard holds, transcribed from
    the published record where it holds none (or none for that class and table). With
    `leaders`, a season still running gives its leaders (a page says they are not champions)."""
    computing = season.has_results and (season.is_complete or leaders)
    published = season.published
    out: list[ClassTitle] = []
    for code in season.class_codes():
        for kind in ROLL_TABLES:
            table = computed_table(tables, code, kind) if computing else None
            firsts = [r for r in table.rows if r.position == 1] if table else []
            if firsts:
                names = tuple(dict.fromkeys(_shown(r, kind) for r in firsts))
                out.append(ClassTitle(class_code=code, table=kind, names=names, computed=True))
                continue
            found = published.champions_of(code, kind) if published else None
            if found is not None:
                source = found.source or "; ".join(published.sources if published else ())
                out.append(ClassTitle(class_code=code, table=kind, names=found.names,
                                      computed=False, source=source))
    return out


def published_report(season: Season, differences: list[FigureDifference]) -> dict[str, Any]:
    """What `pitboard check --format json` says of the published figures: whether there was
    anything to compare (results and published figures both), and every figure that differs."""
    return {
        "compared": season.published is not None and season.has_results,
        "differences": [
            {"class": d.class_code, "table": d.table.value, "championship": d.championship,
             "figure": d.figure.value, "who": d.who, "published": d.published,
             "computed": d.computed, "source": d.source}
            for d in differences
        ],
    }
