"""Every real timing file is recognised by content and read by its own format's reader."""

from __future__ import annotations

import pytest

from pitboard.domain import InputError
from tests.conftest import (
    reader_of,
    real_file,
)

EXPECTED = {
    ("alkamel", "wec_2024_le_mans_24h_race_analysis.csv"): "alkamel-analysis",
    ("alkamel", "wec_2019_spa_6h_race_analysis_hour6.csv"): "alkamel-analysis",
    ("alkamel", "elms_2014_imola_4h_race_classification.csv"): "alkamel-classification",
    ("rfactor2", "rf2_2014_cpsa_blancpain_monza_60min_race.xml"): "rfactor2-xml",
    ("rfactor2", "rf2_2013_sebring_lolat280_qualify.xml"): "rfactor2-xml",
    ("acc", "acc_silverstone_race_40cars.json"): "acc-json",
    ("acc", "acc_2019_brands_hatch_qualify.json"): "acc-json",
    ("iracing", "iracing_2021_bathurst_hosted_multiclass_36788868.json"): "iracing-json",
}


@pytest.mark.parametrize(("folder", "name"), sorted(EXPECTED))
def test_each_real_file_is_detected_as_its_format(folder: str, name: str) -> None:
    assert reader_of(real_file(folder, name)).name == EXPECTED[(folder, name)]


def test_an_unknown_file_is_a_located_problem(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "notes.txt"
    path.write_text("nothing to see\n")
    with pytest.raises(InputError) as caught:
        reader_of(path)
    (problem,) = caught.value.problems
    assert problem.field == "format" and "rfactor2-xml" in problem.expected
