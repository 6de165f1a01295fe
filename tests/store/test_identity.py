"""One person, one entry: names are compared without case, accents or spacing across seasons
and sources, a series' aliases join real renames, and people are listed by family name."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import real_file

from pitboard.domain.names import family_name, person_key, preferred, sort_key
from pitboard.domain.standings import TableKind
from pitboard.ingest.imports import Target
from pitboard.office import Records, import_paths
from pitboard.web.people import people, person_named

LE_MANS_2019 = "wec_2019_le_mans_24h_race_analysis_hour24.csv"


@pytest.mark.parametrize(("a", "b"), [
    ("Kamui KOBAYASHI", "Kamui Kobayashi"),
    ("Sébastien Buemi", "Sebastien  BUEMI"),
    ("Giorgio RODA JR", "Giorgio Roda Jr."),
    ("Jean-Éric Vergne", "Jean Eric VERGNE"),
])
def test_spellings_of_one_name_share_a_key(a: str, b: str) -> None:
    assert person_key(a) == person_key(b)


def test_different_people_keep_different_keys() -> None:
    assert person_key("Kamui Kobayashi") != person_key("Kazuki Nakajima")


def test_a_name_in_ordinary_case_with_its_accents_is_shown() -> None:
    assert preferred(["Kamui KOBAYASHI", "Kamui Kobayashi"]) == "Kamui Kobayashi"
    assert preferred(["Sebastien Buemi", "Sébastien BUEMI", "Sébastien Buemi"]) == \
        "Sébastien Buemi"


@pytest.mark.parametrize(("name", "family"), [
    ("Nyck DE VRIES", "DE VRIES"), ("Giorgio RODA JR", "RODA"), ("Dave N", "N"),
    ("Ho-Pin Tung", "Tung"), ("Giorgio Roda Jr.", "Roda"),
])
def test_the_family_name_is_the_capitals_or_the_last_word(name: str, family: str) -> None:
    assert family_name(name) == family


def _wec_le_mans(folder: Path) -> Path:
    folder.mkdir()
    path = folder / "season.yaml"
    path.write_text(f"""series: {{id: fia-wec, name: FIA World Endurance Championship}}
season: "2018-19"
calendar:
  - round: 8
    name: 24 Hours of Le Mans
    short_name: LMS
    races: [{{number: 1, timing: "{real_file('alkamel', LE_MANS_2019)}"}}]
""", encoding="utf-8")
    return path


@pytest.mark.real_data
def test_a_driver_of_two_series_and_two_sources_has_one_page(
    store: Records, tmp_path: Path
) -> None:
    """Kamui Kobayashi drove a GTE Ferrari at Inje 2013 (the record: "Kamui Kobayashi") and the
    #7 Toyota at Le Mans 2019 (Al Kamel's timing: "Kamui KOBAYASHI")."""
    import_paths(store, [_wec_le_mans(tmp_path / "wec")], Target())
    drivers = people(store.views(), TableKind.DRIVERS)
    kobayashi = [p for p in drivers.values() if person_key(p.name) == "kamui kobayashi"]
    assert len(kobayashi) == 1
    (him,) = kobayashi
    assert him.name == "Kamui Kobayashi"
    assert {race.season_id for race in him.races} == {"asian-le-mans-series/2013",
                                                      "fia-wec/2018-19"}
    assert person_named(drivers, "Kamui KOBAYASHI") is him


def test_the_drivers_index_is_in_order_of_family_name(store: Records) -> None:
    names = list(people(store.views(), TableKind.DRIVERS))
    assert names == sorted(names, key=sort_key)
    assert names.index("Andrea Bertolini") < names.index("David Cheng") < names.index(
        "Steve Wyatt")


def test_a_series_alias_joins_a_renamed_driver(store: Records, tmp_path: Path) -> None:
    """A season file's series aliases give one person under a name no season lists."""
    folder = tmp_path / "renamed"
    folder.mkdir()
    (folder / "results.csv").write_text(
        "round,class,pos,number,team,drivers\n1,GT,1,7,Team Seven,Jun-San Chen Renamed\n",
        encoding="utf-8")
    (folder / "season.yaml").write_text("""series:
  id: asian-le-mans-series
  name: Asian Le Mans Series
  aliases: {Jun-San Chen Renamed: Jun San Chen}
season: "2099"
calendar: [{round: 1, name: One}]
results: [results.csv]
""", encoding="utf-8")
    import_paths(store, [folder / "season.yaml"], Target())
    drivers = people(store.views(), TableKind.DRIVERS)
    chen = person_named(drivers, "Jun San Chen")
    assert chen is not None
    assert {race.season_id for race in chen.races} >= {"asian-le-mans-series/2013",
                                                       "asian-le-mans-series/2099"}
