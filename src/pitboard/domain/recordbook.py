"""The record-book vocabulary: result-cell colours, the words for statuses, flag templates.

Record books colour every result cell by how the car ended the race; the colours and the
words below are the standard motorsport key, one explicit mapping each.
"""

from __future__ import annotations

from dataclasses import dataclass

from pitboard.domain import FinishStatus
from pitboard.domain.cells import CellKind


@dataclass(frozen=True, slots=True)
class CellColour:
    background: str  # CSS hex as record books write it
    text: str | None  # text colour where the background needs one (white on black)
    legend: str


COLOURS: dict[CellKind, CellColour] = {
    CellKind.WINNER: CellColour("#FFFFBF", None, "Winner"),
    CellKind.SECOND: CellColour("#DFDFDF", None, "Second place"),
    CellKind.THIRD: CellColour("#FFDF9F", None, "Third place"),
    CellKind.POINTS: CellColour("#DFFFDF", None, "Other points position"),
    CellKind.NO_POINTS: CellColour("#CFCFFF", None, "Other classified position"),
    CellKind.NOT_CLASSIFIED: CellColour("#EFCFFF", None, "Not classified (NC) or retired (Ret)"),
    CellKind.DID_NOT_START: CellColour("#FFFFFF", None, "Did not start (DNS)"),
    CellKind.DISQUALIFIED: CellColour("#000000", "#FFFFFF", "Disqualified (DSQ) or excluded (EX)"),
}

# The background a reader meets, back to what it says (record books write hex in either case).
KIND_BY_BACKGROUND: dict[str, CellKind] = {c.background.upper(): k for k, c in COLOURS.items()}

# How a result cell that scored nothing is written, by status; record books write "Ret" for DNF.
STATUS_TEXT: dict[FinishStatus, str] = {
    FinishStatus.NC: "NC",
    FinishStatus.DNF: "Ret",
    FinishStatus.DNS: "DNS",
    FinishStatus.DSQ: "DSQ",
    FinishStatus.EXC: "EX",
}

# Status words met in record-book cells ("21 DNF", "Ret", "NC" ...), read back to a status.
STATUS_WORDS: dict[str, FinishStatus] = {
    "NC": FinishStatus.NC,  # not classified
    "DNF": FinishStatus.DNF,  # did not finish
    "RET": FinishStatus.DNF,  # retired: record books' word for DNF
    "DNS": FinishStatus.DNS,  # did not start
    "DSQ": FinishStatus.DSQ,  # disqualified
    "DQ": FinishStatus.DSQ,
    "EX": FinishStatus.EXC,  # excluded
    "EXC": FinishStatus.EXC,
}

# Cells that mean "nothing here" in a record-book table (no laps, no points, not entered).
BLANK_WORDS = {"", "-", "–", "—"}

POLE_MARK = "P"  # written as a superscript after the cell's figure

# Templates that put a country's flag before a name; their one argument is an ISO/IOC code.
FLAG_TEMPLATES = ("flagicon", "flagcountry", "flag")
