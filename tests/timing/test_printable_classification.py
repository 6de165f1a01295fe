"""A timed race prints as an official classification: HTML, and a PDF that renders."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pitboard.cli import app
from tests.conftest import real_file

LE_MANS_2024 = ("alkamel", "wec_2024_le_mans_24h_race_analysis.csv")


def test_le_mans_2024_lmp2_sheet_lists_the_class_in_order_with_gaps() -> None:
    result = CliRunner().invoke(app, [
        "classify", str(real_file(*LE_MANS_2024)), "--format", "html", "--class", "LMP2",
        "--event", "24 Hours of Le Mans",
    ])
    assert result.exit_code == 0, result.stderr
    html = result.stdout
    assert "24 Hours of Le Mans" in html
    assert html.index("United Autosports") < html.index("Inter Europol Competition")
    assert "+0:18.651" in html  # #34 behind #22, as published
    assert "HYPERCAR" not in html.split("<body", 1)[1]


def test_le_mans_2024_class_pdf_renders_to_a_non_blank_page(tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (Debian poppler-utils) is not installed")
    pdf = tmp_path / "lmgt3.pdf"
    result = CliRunner().invoke(app, [
        "classify", str(real_file(*LE_MANS_2024)), "--format", "pdf", "--class", "LMGT3",
        "--output", str(pdf),
    ])
    if result.exit_code == 1 and "Pango" in result.stderr:
        pytest.skip(result.stderr.strip())
    assert result.exit_code == 0, result.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    subprocess.run(["pdftoppm", "-r", "30", "-gray", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "page")], check=True)
    page = next(tmp_path.glob("page*.pgm")).read_bytes()
    pixels = page.split(b"\n", 3)[3]  # after the P5 header: width height, maxval
    dark = sum(1 for value in pixels if value < 128)
    assert dark > 500  # text and rules, not an empty page


def test_pdf_without_an_output_file_is_refused() -> None:
    result = CliRunner().invoke(app, ["classify", str(real_file(*LE_MANS_2024)),
                                      "--format", "pdf"])
    assert result.exit_code == 2
    assert "--output" in result.stderr


def test_a_penalty_for_a_number_several_sim_cars_share_is_refused(tmp_path: Path) -> None:
    penalties = tmp_path / "penalties.csv"
    penalties.write_text("number,kind,value,reason\n01,time,5,pit lane speeding\n")
    result = CliRunner().invoke(app, [
        "classify", str(real_file("rfactor2", "rf2_2013_sebring_lolat280_20min_race.xml")),
        "--penalties", str(penalties),
    ])
    assert result.exit_code == 2
    assert f"{penalties}:2: number:" in result.stderr and "carried by 3 cars" in result.stderr
