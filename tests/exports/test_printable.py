"""The printable official classification: HTML for any classification rows, PDF that renders."""

from __future__ import annotations

import re
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
from tests.conftest import real_file


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


@pytest.fixture(scope="module")
def season_2013_sheets():
    loaded = find_season("2013")
    return loaded, [
        sheet
        for rnd in loaded.season.held_rounds()
        for sheet in sheets_from_round_document(
            round_document(loaded.season, loaded.rules, rnd))
    ]


def test_classes_print_in_the_seasons_order_not_alphabetically(season_2013_sheets):
    loaded, sheets = season_2013_sheets
    order = [c.code for c in loaded.season.classes]
    for sheet in sheets:
        printed = [group.class_code for group in sheet.groups()]
        assert printed == sorted(printed, key=order.index), (sheet.header.event, printed)
    fuji = next(s for s in sheets if s.header.event == "3 Hours of Fuji")
    assert [g.class_code for g in fuji.groups()] == ["LMP2", "GTE", "GTC", "SGT"]


def test_a_record_of_class_places_has_no_overall_column_and_no_none(season_2013_sheets):
    """2013's results give places in class only; 2009's give the overall order."""
    _, sheets = season_2013_sheets
    html = classification_html(sheets)
    assert all("position" not in [c.field for c in s.columns()] for s in sheets)
    assert ">Overall<" not in html
    assert "#None" not in html and "None" not in html
    assert "Pacific Direction Racing: car number not in the record" in html
    okayama = find_season("2009")
    (race1, _) = sheets_from_round_document(
        round_document(okayama.season, okayama.rules, okayama.season.rounds[0]))
    assert "position" in [c.field for c in race1.columns()]
    assert race1.groups()[1].classified[0].position == 7  # OAK Racing, 7th overall


def test_a_class_that_is_not_scored_prints_no_points(season_2013_sheets):
    """SGT raced at Fuji as guests: its winner scored nothing, and the sheet prints nothing,
    not 0 (a classified GTC car that scored nothing still prints its 0)."""
    _, sheets = season_2013_sheets
    fuji = next(s for s in sheets if s.header.event == "3 Hours of Fuji")
    sgt = next(g for g in fuji.groups() if g.class_code == "SGT")
    assert [r.points for r in sgt.classified] == [""]
    gtc = next(g for g in fuji.groups() if g.class_code == "GTC")
    assert [r.points for r in gtc.not_classified] == ["0", "0"]


def test_no_pdf_page_holds_only_the_signatures(tmp_path: Path):
    """Each sheet's close (notes, publication line, signatures) keeps the last rows of its
    classification with it."""
    _pdf_tools()
    pdf = tmp_path / "season.pdf"
    result = CliRunner().invoke(app, ["export", "2013", "--format", "pdf", "--output", str(pdf)])
    assert result.exit_code == 0, result.output
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                           capture_output=True, text=True).stdout.split("\f")
    signed = [page for page in pages if "Chairman of the Stewards" in page]
    assert len(signed) == 4  # one sheet per round
    for page in signed:
        assert re.search(r"^\s+\d+\s+\S", page, re.MULTILINE), page  # a classified car's row


@pytest.mark.real_data
def test_a_timed_sheet_prints_each_cars_race_time(tmp_path: Path):
    """Le Mans 2019, LMGTE Am: #56 won in 24:03:05.045 (its last crossing in the Analysis);
    the disqualified #85 has no time."""
    html = tmp_path / "am.html"
    path = real_file("alkamel", "wec_2019_le_mans_24h_race_analysis_hour24.csv")
    penalties = tmp_path / "decisions.csv"
    penalties.write_text("number,kind,value,reason\n85,dsq,,Fuel stint irregularity\n")
    result = CliRunner().invoke(app, ["classify", str(path), "--penalties", str(penalties),
                                      "--class", "LMGTE Am", "--format", "html",
                                      "--output", str(html)])
    assert result.exit_code == 0, result.output
    text = html.read_text(encoding="utf-8")
    assert ">Time<" in text
    winner = re.search(r'<tr class="classified">(.*?)</tr>', text, re.S)
    assert winner is not None and ">56<" in winner.group(1)
    assert "24:03:05.045" in winner.group(1)
    keating = re.search(r'<tr class="not-classified">((?:(?!</tr>).)*>85<.*?)</tr>', text, re.S)
    assert keating is not None and not re.search(r"\d+:\d\d:\d\d\.\d{3}", keating.group(1))
