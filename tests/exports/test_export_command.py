"""`pitboard export`: formats, the class filter and the command-line problems it reports."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from pitboard.cli import app

runner = CliRunner()


def test_wikitext_export_of_a_class_holds_only_that_class(tmp_path: Path):
    out = tmp_path / "gtc.wiki"
    result = runner.invoke(app, ["export", "2013", "--class", "gtc", "--output", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "=== GTC Drivers' championship ===" in text
    assert "LMP2 Drivers' championship" not in text
    assert "! GTC winning team" in text
    assert "! LMP2 winning team" not in text


def test_json_export_is_the_standings_document_of_schema_1():
    result = runner.invoke(app, ["export", "2013", "--format", "json", "--class", "LMP2"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["schema"] == 1
    teams = next(t for t in document["standings"] if t["table"] == "teams")
    assert (teams["rows"][0]["name"], teams["rows"][0]["total"]) == ("OAK Racing", 89)


def test_csv_and_markdown_exports_carry_the_champions_totals():
    csv_out = runner.invoke(app, ["export", "2013", "--format", "csv", "--class", "GTC"])
    assert "GTC,teams,1,AF Corse" in csv_out.output
    markdown = runner.invoke(app, ["export", "2013", "--format", "markdown"])
    assert "| 1 | David Cheng | OAK Racing | 19 | 19 | 26 | 25 | 89 |" in markdown.output


def test_html_classification_of_a_round_names_event_and_circuit():
    result = runner.invoke(app, ["export", "2013", "--round", "FUJ", "--format", "html"])
    assert result.exit_code == 0, result.output
    assert "3 Hours of Fuji" in result.output
    assert "Fuji Speedway" in result.output


def test_command_line_mistakes_are_listed_together_with_exit_status_2():
    result = runner.invoke(app, ["export", "2013", "--race", "2", "--format", "pdf"])
    assert result.exit_code == 2
    output = " ".join(result.output.split())
    assert "--race: expected --round with it" in output
    assert "--output: expected a file for the PDF" in output
    unknown = runner.invoke(app, ["export", "2013", "--class", "LMP1"])
    assert unknown.exit_code == 2
    assert "--class: expected one of LMP2, LMPC, GTE, GTC, GTC Am, SGT" in " ".join(
        unknown.output.split())
