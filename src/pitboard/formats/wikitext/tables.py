"""Tables of a record-book page as rows of located cells, from wikitext or flattened text.

Two spellings are read: MediaWiki `{| ... |}` tables (cells, attributes, rowspan and colspan),
and the flattened `| a | b |` lines a page becomes when copied as text, where every row is one
line and spanned cells are simply missing. Interpreting the cells is the reader's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pitboard.domain import InputError, Problem
from pitboard.domain.limits import MAX_TABLE_CELLS

_HEADING = re.compile(r"^(=+)\s*(.*?)\s*\1\s*$")
_SPAN = re.compile(r'\b(rowspan|colspan)\s*=\s*"?([0-9]{1,9})"?', re.IGNORECASE)
# Larger spans are read as these, as browsers do (HTML: colspan at most 1000, rowspan 65534), so
# a damaged `colspan="99999999"` cannot lay out a billion cells.
_LARGEST_SPAN = {"colspan": 1000, "rowspan": 65534}
_BACKGROUND = re.compile(r"background(?:-color)?\s*:\s*(#[0-9A-Fa-f]{3,6})")


@dataclass(frozen=True, slots=True)
class Cell:
    text: str  # the cell's content, markup kept
    line: int
    attrs: str = ""
    header: bool = False
    spanned: bool = False  # a copy of a rowspan/colspan cell, not written on this row

    @property
    def background(self) -> str | None:
        match = _BACKGROUND.search(self.attrs)
        return match.group(1).upper() if match else None


@dataclass(slots=True)
class Row:
    line: int
    cells: list[Cell] = field(default_factory=list)

    def texts(self) -> list[str]:
        return [c.text.strip() for c in self.cells]

    def written(self) -> list[Cell]:
        """The cells written on this row (not copies of a span from above)."""
        return [c for c in self.cells if not c.spanned]


@dataclass(slots=True)
class TextTable:
    file: str
    line: int
    section: tuple[str, ...]  # the page headings above the table, outermost first
    rows: list[Row] = field(default_factory=list)

    @property
    def title(self) -> str:
        return " / ".join(self.section)


def _split_outside_brackets(text: str, separator: str) -> list[str]:
    """Split on a separator that is not inside [[links]] or {{templates}}."""
    parts: list[str] = []
    depth = 0
    start = 0
    i = 0
    while i < len(text):
        pair = text[i : i + 2]
        if pair in {"[[", "{{"}:
            depth += 1
            i += 2
            continue
        if pair in {"]]", "}}"}:
            depth = max(0, depth - 1)
            i += 2
            continue
        if depth == 0 and text.startswith(separator, i):
            parts.append(text[start:i])
            i += len(separator)
            start = i
            continue
        i += 1
    parts.append(text[start:])
    return parts


def _wiki_cells(body: str, line: int, header: bool) -> list[Cell]:
    separator = "!!" if header else "||"
    pieces = []
    for chunk in _split_outside_brackets(body, separator):
        pieces += _split_outside_brackets(chunk, "||") if header else [chunk]
    cells = []
    for piece in pieces:
        parts = _split_outside_brackets(piece, "|")
        if len(parts) > 1 and "=" in parts[0]:
            cells.append(Cell("|".join(parts[1:]).strip(), line, parts[0].strip(), header))
        else:
            cells.append(Cell(piece.strip(), line, "", header))
    return cells


@dataclass(slots=True)
class _Budget:
    """The cells a page may still lay out (domain.limits.MAX_TABLE_CELLS in all)."""

    file: str
    left: int = MAX_TABLE_CELLS

    def spend(self, count: int, line: int) -> None:
        self.left -= count
        if self.left < 0:
            raise InputError([Problem(
                self.file, line, "table",
                f"tables of at most {MAX_TABLE_CELLS:,} cells on a page, spans laid out",
                "more (rowspan and colspan that repeat cells thousands of times?)")])


def _expand_spans(rows: list[list[Cell]], lines: list[int], budget: _Budget) -> list[Row]:
    """Lay rowspan and colspan cells out on the grid, marking the copies as spanned."""
    pending: dict[int, tuple[Cell, int]] = {}  # column -> (cell, rows still to fill)
    out: list[Row] = []
    for cells, line in zip(rows, lines, strict=True):
        row = Row(line)
        column = 0
        queue = cells[::-1]  # taken from the end: the first cell last
        # Spans from rows above reach no further than this column; cells of this row only
        # add spans for the rows below.
        furthest = max(pending, default=-1)
        counted = 0
        while queue or column <= furthest:
            if len(row.cells) - counted >= 1000:  # counted as laid out: one row can be long
                budget.spend(len(row.cells) - counted, line)
                counted = len(row.cells)
            if column in pending:
                cell, left = pending[column]
                row.cells.append(Cell(cell.text, cell.line, cell.attrs, cell.header, True))
                if left <= 1:
                    del pending[column]
                else:
                    pending[column] = (cell, left - 1)
                column += 1
                continue
            if not queue:
                break
            cell = queue.pop()
            spans = {k.lower(): min(int(v), _LARGEST_SPAN[k.lower()])
                     for k, v in _SPAN.findall(cell.attrs)}
            for offset in range(spans.get("colspan", 1)):
                copy = cell if offset == 0 else Cell(cell.text, cell.line, cell.attrs,
                                                     cell.header, True)
                row.cells.append(copy)
                if spans.get("rowspan", 1) > 1:
                    pending[column] = (cell, spans["rowspan"] - 1)
                column += 1
        budget.spend(len(row.cells) - counted, line)
        out.append(row)
    return out


def _read_wiki_table(
    lines: list[tuple[int, str]], file: str, section: tuple[str, ...], budget: _Budget
) -> TextTable:
    table = TextTable(file, lines[0][0], section)
    grid: list[list[Cell]] = []
    grid_lines: list[int] = []
    current: list[Cell] | None = None
    for number, raw in lines[1:]:
        text = raw.strip()
        if text.startswith("|}"):
            break
        if text.startswith("|+"):
            continue
        if text.startswith("|-"):
            current = None
            continue
        if text.startswith(("!", "|")):
            if current is None:
                current = []
                grid.append(current)
                grid_lines.append(number)
            current += _wiki_cells(text[1:], number, header=text.startswith("!"))
        elif current:  # a cell's content running on to the next line
            last = current[-1]
            current[-1] = Cell(f"{last.text}\n{text}".strip(), last.line, last.attrs, last.header)
    table.rows = _expand_spans(grid, grid_lines, budget)
    return table


def _flat_cells(text: str, line: int) -> list[Cell]:
    inner = text.strip()[1:]
    inner = inner[:-1] if inner.endswith("|") else inner
    return [Cell(part.strip(), line) for part in inner.split("|")]


def read_tables(text: str, file: str) -> list[TextTable]:
    """Every table of a page, in page order, each with the headings it sits under."""
    tables: list[TextTable] = []
    section: list[tuple[int, str]] = []  # (heading level, title)
    lines = text.splitlines()
    i = 0
    flat: TextTable | None = None
    budget = _Budget(file)
    while i < len(lines):
        number, raw = i + 1, lines[i]
        stripped = raw.strip()
        heading = _HEADING.match(stripped)
        if heading:
            level = len(heading.group(1))
            section = [(lvl, title) for lvl, title in section if lvl < level]
            section.append((level, heading.group(2)))
        titles = tuple(title for _, title in section)
        if stripped.startswith("{|"):
            flat = None
            block = [(number, raw)]
            depth = 1
            i += 1
            while i < len(lines) and depth:
                inner = lines[i].strip()
                depth += inner.startswith("{|") - inner.startswith("|}")
                block.append((i + 1, lines[i]))
                i += 1
            tables.append(_read_wiki_table(block, file, titles, budget))
            continue
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            if flat is None:
                flat = TextTable(file, number, titles)
                tables.append(flat)
            flat.rows.append(Row(number, _flat_cells(stripped, number)))
            budget.spend(len(flat.rows[-1].cells), number)
        else:
            flat = None
        i += 1
    return tables
