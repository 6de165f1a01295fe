"""The printable official classification: HTML for any classification rows, PDF that renders."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from pitboard.cli import app
from pitboard.ingest.catalog import find_season
from pitboard.output.printable.classification import (
    SheetHeader,
    sheet_from_rows,
    sheets_from_round_document,
)
from pitboard.output.printable.render import classification_html
from pitboard.output.round_report import round_document


@pytest.fixture(scope="module")
def okayama_race2():
    loaded = find_season("2009")
    return round_document(loaded.season, loaded.rules, loaded.season.rounds[0])


def test_a_class_sheet_holds_its_cars_in_class_order_with_gaps_in_laps(okayama_race2):
    (sheet,) = sheets_from_round_document(okayama_race2, race_number=2, class_code="GT1")
    (group,) = sheet.groups()
    assert [r.number for r in group.classified] == ["61", "69", "50", "68"]
    # #61 won GT1 by a lap: 115 laps to 114.
    assert group.classified[1].class_gap == "+1 lap"
    assert group.classified[0].class_gap == ""
    assert sheet.header.circuit == "Okayama International Circuit"


def test_cars_not_classified_print_their_status_below_the_classified_ones(okayama_race2):
    (sheet,) = sheets_from_round_document(okayama_race2, race_number=2, class_code="GT2")
    (group,) = sheet.groups()
    assert [(r.number, r.status) for r in group.not_classified] == [
        ("81", "NC"), ("85", "DNF"), ("77", "DNF")]
    html = classification_html([sheet])
    assert html.index("Not classified") < html.index("Scuderia Forme")
    assert "Chairman of the Stewards" in html


@dataclass
class _TimedRow:
    """A row as a timing classification gives it: objects, seconds and penalty lists."""

    position: int
    class_code: str
    class_position: int
    number: str
    team: str
    drivers: tuple[str, ...]
    laps: int
    status: str
    gap: float | None
    class_gap: float | None
    best_lap: float
    penalties: tuple[str, ...]


def test_timing_rows_with_seconds_and_penalties_print_as_times():
    rows = [
        _TimedRow(1, "LMP2", 1, "18", "KCMG", ("James Winslow",), 96, "classified", None, None,
                  92.345, ()),
        _TimedRow(2, "LMP2", 2, "24", "OAK Racing", ("David Cheng",), 96, "classified", 12.5,
                  12.5, 92.9, ("drive-through: pit lane speeding",)),
    ]
    sheet = sheet_from_rows(SheetHeader("Asian Le Mans Series", "2013", "3 Hours of Inje"), rows)
    second = sheet.groups()[0].classified[1]
    assert (second.gap, second.best_lap) == ("+0:12.500", "1:32.900")
    assert second.penalties == "drive-through: pit lane speeding"


def _pdf_tools() -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (Debian poppler-utils, in .ci/apt-packages) is not installed")


def test_the_pdf_of_a_class_classification_renders_to_a_non_blank_page(tmp_path: Path):
    _pdf_tools()
    pdf = tmp_path / "gt2.pdf"
    result = CliRunner().invoke(app, ["export", "2009", "--round", "1", "--race", "2",
                                      "--class", "GT2", "--format", "pdf", "--output", str(pdf)])
    assert result.exit_code == 0, result.output
    assert pdf.read_bytes().startswith(b"%PDF")
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "page")], check=True)
    (page,) = tmp_path.glob("page*.png")
    with Image.open(page) as image:
        grey = image.convert("L")
        dark = sum(grey.histogram()[:128])
        assert grey.width > grey.height  # A4 landscape
        assert dark > 500  # printed text and rules, not an empty page


def test_pdf_without_its_library_fails_with_one_line_not_a_traceback(tmp_path: Path,
                                                                    monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if WeasyPrint could not load
    result = CliRunner().invoke(app, ["export", "2013", "--round", "1", "--format", "pdf",
                                      "--output", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert "PDF output needs WeasyPrint" in lines[0]
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.pdf").exists()
