"""Record-book tables read back into results and standings, every unreadable cell reported.

`read_race_results` turns a race table (Pos / Class / No / Team / Drivers / Chassis / Laps, with
"21 DNF", "20 NC", "DNS" and an Engine second line) into result lines; `read_standings` turns a
drivers', teams' or manufacturers' table into rows of per-column points. Both collect every
problem of the table and raise them together as one InputError.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from pitboard.domain import FinishStatus, InputError, Problem, ResultLine, SourceRef
from pitboard.domain.cells import CellKind
from pitboard.domain.problems import show_found
from pitboard.domain.published import PublishedRow, PublishedTable
from pitboard.domain.recordbook import (
    BLANK_WORDS,
    KIND_BY_BACKGROUND,
    STATUS_WORDS,
)
from pitboard.domain.standings import TableKind
from pitboard.formats.text import whole_number
from pitboard.formats.wikitext.markup import flagged_names, has_pole_mark, plain
from pitboard.formats.wikitext.tables import Cell, Row, TextTable, read_tables

# Race tables: the record-book heading of each field, folded to lower case.
RACE_HEADINGS: dict[str, str] = {
    "pos": "pos", "pos.": "pos", "position": "pos",
    "class": "class", "cl": "class",
    "no": "number", "no.": "number", "#": "number", "car": "number",
    "team": "team", "entrant": "team",
    "drivers": "drivers", "driver": "drivers",
    "chassis": "chassis", "engine": "engine", "tyre": "tyre", "tyres": "tyre",
    "laps": "laps", "time": "time", "time/retired": "time", "time/reason": "time",
}
RACE_REQUIRED = ("pos", "class", "team", "laps")
_PLACE_WITH_STATUS = re.compile(r"^([0-9]{1,9})\s+([A-Za-z]+)$")

# Standings tables: the name column, the descriptive columns beside it, the total.
NAME_HEADINGS = {"driver", "drivers", "team", "teams", "entrant", "manufacturer", "make"}
TEXT_HEADINGS = {"team", "teams", "chassis", "engine", "car", "entrant", "no", "no.", "tyre"}
TOTAL_HEADINGS = {"total", "points", "pts", "pts."}


def _problem(table: TextTable, line: int, field_name: str, expected: str, found: str) -> Problem:
    return Problem(table.file, line, field_name, expected, show_found(found))


def _heading_row(table: TextTable, wanted: set[str]) -> int | None:
    for index, row in enumerate(table.rows):
        names = {plain(t).lower() for t in row.texts()}
        if wanted <= names:
            return index
    return None


def _second_line(row: Row) -> Cell | None:
    """The one written, non-blank cell of a row that only carries a car's second line."""
    written = [c for c in row.written() if plain(c.text) not in BLANK_WORDS]
    firsts = [c for c in row.cells if not c.spanned]
    if len(written) == 1 and firsts and (written[0] is firsts[0] or
                                         all(c.spanned for c in row.cells[:1])):
        return written[0]
    return None


# --- race results ------------------------------------------------------------------------------


def _parse_pos(text: str) -> tuple[FinishStatus, int | None] | None:
    place = whole_number(text)
    if place is not None and place > 0:
        return FinishStatus.CLASSIFIED, place
    if text.upper() in STATUS_WORDS:
        return STATUS_WORDS[text.upper()], None
    match = _PLACE_WITH_STATUS.match(text)
    if match and match.group(2).upper() in STATUS_WORDS:
        return STATUS_WORDS[match.group(2).upper()], int(match.group(1))
    return None


def _result_line(
    values: dict[str, str], table: TextTable, problems: list[Problem]
) -> ResultLine | None:
    """One car's line, or None after recording what could not be read in it.

    A car with a status but no place (DNS) keeps no place (order None), as in the results CSV.
    """
    line = int(values["_line"])
    before = len(problems)
    pos = _parse_pos(values["pos"])
    if pos is None:
        problems.append(_problem(table, line, "Pos",
                                 "a place (1, 2 ...), a place and status (21 DNF), or "
                                 "NC, DNF, Ret, DNS, DSQ", values["pos"]))
    if not values["class"]:
        problems.append(_problem(table, line, "Class", "a class such as LMP1", ""))
    teams = flagged_names(values["team"])
    if not teams:
        problems.append(_problem(table, line, "Team", "the team", values["team"]))
    laps_text = values.get("laps", "")
    laps = None
    if laps_text not in BLANK_WORDS:
        laps = whole_number(laps_text)
        if laps is None:
            problems.append(_problem(table, line, "Laps", "a number of laps or –", laps_text))
    if len(problems) > before or pos is None:
        return None
    status, order = pos
    number = values.get("number", "").removeprefix("No.").lstrip("#").strip()
    chassis = values.get("chassis", "")
    return ResultLine(
        class_code=values["class"],
        status=status,
        order=order,
        number=number or None,
        team="/".join(name for _, name in teams),
        drivers=tuple(name for _, name in flagged_names(values.get("drivers", ""))),
        chassis=chassis,
        engine=values.get("engine", ""),
        manufacturer=chassis.split(maxsplit=1)[0] if chassis else "",
        tyre=values.get("tyre", ""),
        laps=laps,
        time=values.get("time") or None,
        pole=values["_pole"] == "yes",
        source=SourceRef(table.file, line),
    )


def read_race_results(table: TextTable) -> list[ResultLine]:
    """Result lines of a race table, in table order; a car's second line (Engine) is folded in."""
    header_index = _heading_row(table, {"pos", "class"})
    if header_index is None:
        raise InputError([_problem(table, table.line, "header",
                                   "a heading row with Pos, Class, Team and Laps",
                                   " | ".join(table.rows[0].texts()) if table.rows else "")])
    header = table.rows[header_index]
    columns = {RACE_HEADINGS.get(plain(t).lower(), ""): i for i, t in enumerate(header.texts())}
    columns.pop("", None)
    problems = [
        _problem(table, header.line, name, "a column for it in the heading row", "none")
        for name in RACE_REQUIRED if name not in columns
    ]
    if problems:
        raise InputError(problems)
    rows = table.rows[header_index + 1 :]
    second_field: str | None = None
    if rows and (cell := _second_line(rows[0])) is not None:
        heading = plain(cell.text).lower()
        if heading in RACE_HEADINGS and RACE_HEADINGS[heading] not in columns:
            second_field = RACE_HEADINGS[heading]
            rows = rows[1:]
    lines: list[ResultLine] = []
    fields: list[dict[str, str]] = []
    for row in rows:
        if second_field and fields and (cell := _second_line(row)) is not None:
            fields[-1][second_field] = plain(cell.text)
            continue
        texts = row.texts()

        def get(name: str, texts: list[str] = texts) -> str:
            index = columns.get(name)
            return plain(texts[index]) if index is not None and index < len(texts) else ""

        values = {name: get(name) for name in columns}
        values["_line"] = str(row.line)
        values["_pole"] = "yes" if has_pole_mark(texts[columns["pos"]]) else ""
        fields.append(values)
    for values in fields:
        line = _result_line(values, table, problems)
        if line is not None:
            lines.append(line)
    if problems:
        raise InputError(problems)
    return lines




# --- standings ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReadCell:
    """One result cell of a standings row as the table wrote it."""

    points: Decimal
    status: FinishStatus | None  # a status word (Ret, NC, DNS ...) where one stood for the points
    pole: bool
    dropped: bool  # written in brackets: not counted in the total
    colour: CellKind | None
    line: int


@dataclass(slots=True)
class ReadStandingRow:
    line: int
    position: int | None
    name: str
    nationality: str | None
    texts: dict[str, list[str]] = field(default_factory=dict)  # Team, Chassis ... per line
    cells: dict[str, ReadCell] = field(default_factory=dict)  # by column heading
    total: Decimal | None = None

    def counted(self) -> Decimal:
        return sum((c.points for c in self.cells.values() if not c.dropped), Decimal(0))


@dataclass(frozen=True, slots=True)
class _Layout:
    headings: list[str]
    name: int
    texts: list[int]  # descriptive columns after the name
    results: list[int]
    total: int | None


def _layout(table: TextTable, header: Row, problems: list[Problem]) -> _Layout | None:
    headings = [plain(t) for t in header.texts()]
    folded = [h.lower() for h in headings]
    name = next((i for i, h in enumerate(folded) if h in NAME_HEADINGS), None)
    total = next((i for i, h in enumerate(folded) if h in TOTAL_HEADINGS), None)
    if name is None:
        problems.append(_problem(table, header.line, "header",
                                 "a Driver, Team or Manufacturer column", " | ".join(headings)))
        return None
    if total is None:
        problems.append(_problem(table, header.line, "Total",
                                 "a column headed Total or Points", " | ".join(headings)))
        return None
    texts = []
    index = name + 1
    while index < total and folded[index] in TEXT_HEADINGS:
        texts.append(index)
        index += 1
    return _Layout(headings, name, texts, list(range(index, total)), total)


def _read_points(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace("½", ".5").replace(",", "."))
    except InvalidOperation:
        return None


def _read_cell(cell: Cell, heading: str, table: TextTable,
               problems: list[Problem]) -> ReadCell | None:
    """A result cell; None when blank (the row was not in that race)."""
    text = plain(cell.text)
    dropped = text.startswith("(") and text.endswith(")")
    text = text.strip("()").strip()
    if text in BLANK_WORDS:
        return None
    colour = KIND_BY_BACKGROUND.get(cell.background or "")
    pole = has_pole_mark(cell.text.strip().strip("()"))
    if text.upper() in STATUS_WORDS:
        return ReadCell(Decimal(0), STATUS_WORDS[text.upper()], pole, dropped, colour, cell.line)
    points = _read_points(text)
    if points is None:
        problems.append(_problem(table, cell.line, heading,
                                 "points, a status (Ret, NC, DNS, DSQ, EX) or blank", text))
        return None
    return ReadCell(points, None, pole, dropped, colour, cell.line)


def _try_cells(
    cells: list[Cell], layout: _Layout, table: TextTable
) -> dict[str, ReadCell | None] | None:
    """Result cells read quietly: None if any of them is not a result."""
    quiet: list[Problem] = []
    out = {layout.headings[col]: _read_cell(cell, layout.headings[col], table, quiet)
           for col, cell in zip(layout.results, cells, strict=False)}
    return None if quiet else out


def _text_value(heading: str, cell: Cell) -> str:
    """A descriptive cell as text; team cells lose their flags."""
    if heading.lower() in {"team", "teams", "entrant"}:
        return "/".join(name for _, name in flagged_names(cell.text))
    return plain(cell.text)


def _full_row(row: Row, layout: _Layout, table: TextTable, problems: list[Problem],
              position: int | None) -> ReadStandingRow:
    cells = row.cells
    names = flagged_names(cells[layout.name].text)
    nationality, name = names[0] if names else (None, plain(cells[layout.name].text))
    read = ReadStandingRow(row.line, position, name, nationality)
    for col in layout.texts:
        heading = layout.headings[col]
        read.texts[heading] = [_text_value(heading, cells[col])] if col < len(cells) else []
    for col in layout.results:
        if col < len(cells):
            value = _read_cell(cells[col], layout.headings[col], table, problems)
            if value is not None:
                read.cells[layout.headings[col]] = value
    total_text = plain(cells[layout.total].text) if layout.total is not None and \
        layout.total < len(cells) else ""
    read.total = _read_points(total_text)
    if read.total is None:
        problems.append(_problem(table, row.line, layout.headings[layout.total or 0],
                                 "the row's total points", total_text))
    return read


def _continuation(row: Row, parent: ReadStandingRow, layout: _Layout,
                  table: TextTable) -> bool:
    """Fold a further line of the row above (another team or car) into it, if one fits.

    Flattened text drops spanned cells, so which columns the line fills is not written: the
    reading taken is the one whose figures land only in the parent's blank columns and make
    its total add up. None or several such readings: not a continuation.
    """
    texts = [c for c in row.cells if not c.spanned]
    fits = []
    for width in range(len(layout.texts) + 1):
        results = texts[width : width + len(layout.results)]
        read = _try_cells(results, layout, table)
        if read is None or any(h in parent.cells for h, v in read.items() if v is not None):
            continue
        added = sum((v.points for v in read.values() if v is not None and not v.dropped),
                    Decimal(0))
        if parent.total is not None and parent.counted() + added == parent.total and \
                any(v is not None for v in read.values()):
            fits.append((width, read))
    if len(fits) != 1:
        return False
    width, read = fits[0]
    for col, cell in zip(layout.texts, texts[:width], strict=False):
        heading = layout.headings[col]
        parent.texts.setdefault(heading, []).append(_text_value(heading, cell))
    parent.cells.update({h: v for h, v in read.items() if v is not None})
    return True


def read_standings(table: TextTable) -> list[ReadStandingRow]:
    """The rows of a standings table with their per-column cells and totals.

    Rows that share the place above write no Pos cell; a driver who changed team has further
    lines with the other team's results. Every row's counted cells must add up to its total.
    """
    problems: list[Problem] = []
    header_index = _heading_row(table, {"pos"})
    if header_index is None:
        raise InputError([_problem(table, table.line, "header", "a heading row with Pos",
                                   " | ".join(table.rows[0].texts()) if table.rows else "")])
    layout = _layout(table, table.rows[header_index], problems)
    if layout is None:
        raise InputError(problems)
    rows: list[ReadStandingRow] = []
    width = len(layout.headings)
    for row in table.rows[header_index + 1 :]:
        texts = [plain(t) for t in row.texts()]
        if not any(texts) or texts[0].lower().startswith("source"):
            continue
        first = row.cells[0]
        if rows and row.cells[layout.name].spanned:  # wikitext: a rowspan name, a further line
            parent = rows[-1]
            for col in layout.texts:
                heading = layout.headings[col]
                parent.texts.setdefault(heading, []).append(_text_value(heading, row.cells[col]))
            for col in layout.results:
                value = _read_cell(row.cells[col], layout.headings[col], table, problems)
                if value is not None and not row.cells[col].spanned:
                    parent.cells[layout.headings[col]] = value
            continue
        position_text = texts[0]
        position = whole_number(position_text)
        if position is not None or (
            position_text in BLANK_WORDS and not first.spanned and len(row.cells) >= width
        ):
            rows.append(_full_row(row, layout, table, problems, position))
            continue
        if first.spanned and rows:  # wikitext: a shared place written once with a rowspan
            rows.append(_full_row(row, layout, table, problems, rows[-1].position))
            continue
        # Flattened text: a row sharing the place above, or a further line of the row above.
        shifted = Row(row.line, [Cell("", row.line, spanned=True), *row.cells])
        quiet: list[Problem] = []
        candidate = _full_row(shifted, layout, table, quiet, rows[-1].position if rows else None)
        if not quiet and candidate.total == candidate.counted():
            rows.append(candidate)
            continue
        if rows and _continuation(row, rows[-1], layout, table):
            continue
        problems.append(_problem(
            table, row.line, "row",
            "a place and a full row, a row sharing the place above, or a further line of the "
            "row above whose points make up its total", " | ".join(texts)))
    for read in rows:
        if read.total is not None and read.counted() != read.total:
            problems.append(_problem(
                table, read.line, layout.headings[layout.total or 0],
                f"the sum of the row's counted results ({read.counted()})", str(read.total)))
    if problems:
        raise InputError(problems)
    return rows


def is_race_table(table: TextTable) -> bool:
    """A race results table: a heading row naming at least Pos, Class, Team and Laps."""
    for row in table.rows[:3]:
        fields = {RACE_HEADINGS.get(text.strip().lower()) for text in row.texts()}
        if set(RACE_REQUIRED) <= fields:
            return True
    return False


def read_page_races(text: str, file: str) -> list[list[ResultLine]]:
    """Every race table of a page, in page order, as result lines; every unreadable cell of
    every table is reported together."""
    tables = [t for t in read_tables(text, file) if is_race_table(t)]
    if not tables:
        raise InputError([Problem(file, None, "tables",
                                  "a race table with Pos, Class, Team and Laps headings", "none")])
    problems: list[Problem] = []
    races: list[list[ResultLine]] = []
    for table in tables:
        try:
            races.append(read_race_results(table))
        except InputError as err:
            problems.extend(err.problems)
    if problems:
        raise InputError(problems)
    return races



# --- published standings -----------------------------------------------------------------------

_KIND_OF_HEADING = {"driver": TableKind.DRIVERS, "drivers": TableKind.DRIVERS,
                    "team": TableKind.TEAMS, "teams": TableKind.TEAMS,
                    "entrant": TableKind.TEAMS, "manufacturer": TableKind.MANUFACTURERS,
                    "make": TableKind.MANUFACTURERS}
# Words of a section heading that are not the class: "LMP2 Standings" is the LMP2 table.
_NOT_CLASS = re.compile(r"\b(standings|championships?|classification|final|table)\b",
                        re.IGNORECASE)


def is_standings_table(table: TextTable) -> bool:
    """A standings table: a heading row with Pos and a Driver, Team or Manufacturer column,
    and not a race table."""
    if is_race_table(table):
        return False
    for row in table.rows[:3]:
        names = {plain(t).lower() for t in row.texts()}
        if "pos" in names and names & set(_KIND_OF_HEADING):
            return True
    return False


def _table_kind(table: TextTable) -> TableKind | None:
    header_index = _heading_row(table, {"pos"})
    if header_index is None:
        return None
    for text in table.rows[header_index].texts():
        kind = _KIND_OF_HEADING.get(plain(text).lower())
        if kind is not None:
            return kind
    return None


def _class_of(table: TextTable) -> str:
    """The class a standings table is of, from the section heading just above it."""
    heading = table.section[-1] if table.section else ""
    return " ".join(_NOT_CLASS.sub(" ", heading).split())


def read_page_standings(text: str, file: str,
                        only: tuple[str, ...] = ()) -> list[PublishedTable]:
    """Every standings table of a page (or those whose heading path holds one of `only`), as
    published tables: the class from its section heading, the kind from its name column, each
    row's place, name and total. Every unreadable table and cell is reported together."""
    tables = [t for t in read_tables(text, file) if is_standings_table(t)]
    if only:
        tables = [t for t in tables if any(part.casefold() in t.title.casefold()
                                           for part in only)]
    if not tables:
        wanted = " whose heading holds " + " or ".join(map(repr, only)) if only else ""
        raise InputError([Problem(file, None, "tables",
                                  f"a standings table (Pos and Driver, Team or Manufacturer "
                                  f"headings){wanted}", "none")])
    problems: list[Problem] = []
    published: list[PublishedTable] = []
    for table in tables:
        class_code = _class_of(table)
        kind = _table_kind(table)
        if not class_code:
            problems.append(_problem(table, table.line, "class",
                                     "a section heading that names the class (LMP2 Standings)",
                                     table.title))
        try:
            rows = read_standings(table)
        except InputError as err:
            problems.extend(err.problems)
            continue
        if kind is None or not class_code:
            continue
        published.append(PublishedTable(
            class_code=class_code, table=kind, source=table.title,
            rows=tuple(PublishedRow(place=r.position, names=(r.name,), total=r.total)
                       for r in rows)))
    if problems:
        raise InputError(problems)
    return published
