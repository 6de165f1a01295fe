"""A season's points adjustments survive the store: imported, the site and the API show the
standings `pitboard standings season.yaml` prints."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select
from tests.test_adjustments import CRAFT_DEDUCTION, season_2013_with
from tests.web.conftest import serve
from typer.testing import CliRunner

from pitboard.cli import app
from pitboard.domain import InputError
from pitboard.engine.standings import season_standings
from pitboard.ingest import load_season_file
from pitboard.ingest.imports import Target
from pitboard.office import import_paths, open_store
from pitboard.store import schema as t
from pitboard.store.store import Store

SEASON_2013 = "asian-le-mans-series/2013"

# One more, awarded rather than deducted, in half points and with no round.
AWARDED = """\
  - class: LMP2
    table: teams
    who: KCMG
    points: 0.5
    reason: points restored on appeal
"""


def test_an_imported_season_keeps_its_adjustments(database_url: str, tmp_path: Path) -> None:
    path = season_2013_with(tmp_path, CRAFT_DEDUCTION + AWARDED)
    loaded = load_season_file(path)
    result = CliRunner().invoke(app, ["import", str(path), "--database", database_url])
    assert result.exit_code == 0, result.output

    store = open_store(database_url)
    try:
        with store.engine.connect() as conn:
            stored = list(conn.execute(select(t.adjustments).order_by(t.adjustments.c.seq)))
        assert [(a.class_code, a.points, a.round) for a in stored] == [
            ("GTC", "-40", 3), ("LMP2", "0.5", None)]
        view = store.view(SEASON_2013)
        assert view is not None
        assert view.season.adjustments == loaded.season.adjustments
        assert view.tables == season_standings(loaded.season, loaded.rules)

        # The API serves the document the command prints for the season file.
        printed = CliRunner().invoke(app, ["standings", str(path), "--format", "json"])
        with serve(store) as url, httpx.Client(base_url=url) as client:
            served = client.get(f"/api/v1/seasons/{SEASON_2013}/standings").json()
            html = client.get(f"/seasons/{SEASON_2013}/standings",
                              params={"class": "GTC", "table": "teams"}).text
        assert served == json.loads(printed.output)
        lmp2_teams = next(x for x in served["standings"]
                          if x["class"] == "LMP2" and x["table"] == "teams")
        kcmg = next(r for r in lmp2_teams["rows"] if r["name"] == "KCMG")
        assert (kcmg["total"], kcmg["adjustments"]) == (
            87.5, [{"points": 0.5, "round": None, "reason": "points restored on appeal"}])

        # The site's table has the Pen. column, the round's mark and the reason.
        assert re.search(r'data-name="#007 Craft Racing">.*?<td class="num adj"[^>]*>-40</td>'
                         r'\s*<td class="num total">17</td>', html, re.S)
        assert '<sup class="adj" title="-40: technical infringement">*</sup>' in html
        assert "#007 Craft Racing: -40 (round 3, technical infringement)" in html
    finally:
        store.close()


def test_a_results_import_that_leaves_an_adjustment_no_row_is_refused(
    store: Store, tmp_path: Path
) -> None:
    path = season_2013_with(tmp_path, CRAFT_DEDUCTION)
    import_paths(store, [path], Target())
    # Zhuhai's results again, without #007: its round-3 deduction would name no row.
    lines = (tmp_path / "results.csv").read_text(encoding="utf-8").splitlines()
    zhuhai = [ln for ln in lines if ln.startswith("3,") and not ln.startswith("3,GTC,3,007,")]
    zhuhai = [re.sub(r"^3,GTC,([45]),", lambda m: f"3,GTC,{int(m[1]) - 1},", ln)
              for ln in zhuhai]
    corrected = tmp_path / "zhuhai.csv"
    corrected.write_text("\n".join([lines[0], *zhuhai]) + "\n", encoding="utf-8")
    before = store.view(SEASON_2013)
    assert before is not None
    with pytest.raises(InputError) as caught:
        import_paths(store, [corrected], Target(season=SEASON_2013, replace=True))
    assert [(p.file, p.field, p.expected) for p in caught.value.problems] == [
        (SEASON_2013, "adjustments.0", "a row of the GTC drivers table"),
        (SEASON_2013, "adjustments.0", "a row of the GTC teams table"),
    ]
    store.invalidate()
    after = store.view(SEASON_2013)
    assert after is not None and after.tables == before.tables
