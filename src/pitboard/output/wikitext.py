"""Season tables as MediaWiki wikitext, the way motorsport record books print them.

A results table (round, circuit, each class's winners) and a standings table per class and kind
whose cells carry a race's points, coloured by how the car ended that race, the pole as a
superscript P, and the colour key below them. One column per race: a round of two races
(Okayama 2009) gets two columns, headed "OKA 1" and "OKA 2".
"""

from __future__ import annotations

from decimal import Decimal

from pitboard.domain import FinishStatus, Season
from pitboard.domain.cells import CellKind, best_result, cell_kind
from pitboard.domain.recordbook import COLOURS, POLE_MARK, STATUS_TEXT
from pitboard.domain.standings import RaceCell, RoundCell, StandingRow, StandingTable, TableKind
from pitboard.engine.points import score_race
from pitboard.output.columns import RaceColumn, race_columns
from pitboard.output.schema import number
from pitboard.rules import RuleSet

TABLE_OPEN = '{| class="wikitable" style="font-size: 85%; text-align: center;"'
LEFT = 'style="text-align:left;"'


def flagged(name: str, nationality: str | None) -> str:
    """A name with its flag template before it, as record books write people and teams."""
    return f"{{{{flagicon|{nationality}}}}} {name}" if nationality else name


def _style(kind: CellKind) -> str:
    colour = COLOURS[kind]
    text = f" color:{colour.text};" if colour.text else ""
    return f'style="background:{colour.background};{text}"'


def race_cell(races: list[RaceCell], dropped: bool = False) -> str:
    """One race's cell line: coloured, its points (or the status when it scored nothing)."""
    kind = cell_kind(races)
    if kind is None:
        return "| "
    points = sum((c.points for c in races), Decimal(0))
    best = best_result(races)
    shown_as_zero = best.status is FinishStatus.DNS and best.took_part  # the AsLMS record
    if points == 0 and best.class_position is None and not shown_as_zero:
        text = STATUS_TEXT.get(best.status, best.status.value)
    else:
        text = str(number(points))
    if any(c.pole for c in races):
        text += f"<sup>{POLE_MARK}</sup>"
    if dropped:
        text = f"({text})"
    return f"| {_style(kind)} | {text}"


def _row_cells(row: StandingRow, columns: list[RaceColumn]) -> list[str]:
    lines = []
    for column in columns:
        cell: RoundCell | None = row.round_cell(column.round)
        races = [c for c in cell.races if c.race == column.race] if cell else []
        lines.append(race_cell(races, dropped=bool(cell and cell.dropped)))
    return lines


def _name_cell(season: Season, table: StandingTable, row: StandingRow) -> str:
    if table.kind is TableKind.MANUFACTURERS:
        return f"| {LEFT} | {row.name}"
    return f"| {LEFT} | {flagged(row.name, row.nationality)}"


def _teams_cell(season: Season, row: StandingRow) -> str:
    names = row.teams or ((row.team,) if row.team else ())
    flagged_names = []
    for name in names:
        team = season.team(name)
        flagged_names.append(flagged(name, team.nationality if team else None))
    return f"| {LEFT} | " + "<br />".join(flagged_names)


def standings_table(season: Season, rules: RuleSet, table: StandingTable) -> str:
    """One class's drivers', teams' or manufacturers' table, a line per cell."""
    columns = race_columns(season)
    kind_heading = {TableKind.DRIVERS: "Driver", TableKind.TEAMS: "Team",
                    TableKind.MANUFACTURERS: "Manufacturer"}[table.kind]
    lines = [TABLE_OPEN, "! Pos", f"! {kind_heading}"]
    if table.kind is TableKind.DRIVERS:
        lines.append("! Team")
    lines += [f"! {c.heading}" for c in columns]
    adjusted = any(row.adjustments for row in table.rows)
    if adjusted:
        lines.append("! Pen.")
    lines.append("! Points")
    notes: list[str] = []
    for row in table.rows:
        lines.append("|-")
        lines.append(f"! {row.position if row.position is not None else '–'}")
        lines.append(_name_cell(season, table, row))
        if table.kind is TableKind.DRIVERS:
            lines.append(_teams_cell(season, row))
        lines += _row_cells(row, columns)
        if adjusted:
            lines.append(_adjustment_cell(row, notes))
        lines.append(f"! {number(row.total)}")
    lines.append("|}")
    lines += [f"<sup>{i}</sup> {note}<br />" for i, note in enumerate(notes, start=1)]
    return "\n".join(lines)


def _minus(points: Decimal) -> str:
    """Signed points as record books print them, a true minus sign (U+2212) for a deduction."""
    return f"{number(points):+}".replace("-", "\u2212")


def _adjustment_cell(row: StandingRow, notes: list[str]) -> str:
    """The "Pen." cell: the points a row's adjustments add, each with a footnote mark; the
    footnotes (points, round, reason) go under the table."""
    if not row.adjustments:
        return "| "
    marks = ""
    for adjustment in row.adjustments:
        where = f", round {adjustment.round}" if adjustment.round is not None else ""
        notes.append(f"{_minus(adjustment.points)} points{where}: {adjustment.reason}")
        marks += f"<sup>{len(notes)}</sup>"
    return f"| {_minus(row.adjusted_points)}{marks}"


def results_table(season: Season, rules: RuleSet, classes: list[str] | None = None) -> str:
    """The season's results: a row pair per race, the winning car then its drivers, per class."""
    codes = classes if classes is not None else season.class_codes()
    lines = [TABLE_OPEN, '! rowspan="2" | Rnd', '! rowspan="2" | Circuit']
    lines += [f"! {code} winning team" for code in codes]
    lines.append("|-")
    lines += [f"! {code} winning drivers" for code in codes]
    for rnd in season.held_rounds():
        if rnd.number is None:
            continue
        for race in rnd.races:
            scored = score_race(race, rules, season, rnd)
            circuit = rnd.circuit or rnd.name
            where = f"{circuit}<br />{race.name}" if len(rnd.races) > 1 else circuit
            winners = {
                code: next((s.line for s in lines_ if s.class_position == 1), None)
                for code, lines_ in scored.items()
            }
            lines += ["|-", f'! rowspan="2" | {rnd.number}', f'| rowspan="2" | {where}']
            for code in codes:
                line = winners.get(code)
                if line is None:
                    lines.append('| rowspan="2" | No entries')
                    continue
                team = season.team(line.team)
                car = f"No. {line.number} {line.team}" if line.number else line.team
                lines.append(f"| {flagged(car, team.nationality if team else None)}")
            lines.append("|-")
            for code in codes:
                line = winners.get(code)
                if line is None:
                    continue
                drivers = []
                for raw in line.drivers:
                    person = season.driver(raw)
                    drivers.append(flagged(season.canonical_driver(raw),
                                           person.nationality if person else None))
                lines.append("| " + "<br />".join(drivers))
    lines.append("|}")
    return "\n".join(lines)


def legend() -> str:
    """The colour key record books print under their standings tables."""
    lines = ['{| class="wikitable" style="font-size: 85%;"', "! Colour", "! Result"]
    for kind in CellKind:
        lines += ["|-", f"| {_style(kind)} | ", f"| {COLOURS[kind].legend}"]
    lines += ["|-", f"| <sup>{POLE_MARK}</sup>", "| Class pole position", "|}"]
    return "\n".join(lines)


def season_wikitext(
    season: Season,
    rules: RuleSet,
    tables: list[StandingTable],
    classes: list[str] | None = None,
) -> str:
    """The whole page section: results, then each class's standings tables, then the key."""
    parts = [f"== {season.title} ==", "", "=== Season results ===",
             results_table(season, rules, classes), ""]
    for table in tables:
        parts += [f"=== {table.title} ===",
                  standings_table(season, rules, table), ""]
    parts += ["=== Key ===", legend(), ""]
    return "\n".join(parts)
