"""Regions come from GeoNames' country data, not from hand-made lists."""

from __future__ import annotations

import pytest

from pitboard.domain import DriverRating, Region, region_of
from pitboard.domain.regions import countries_in


@pytest.mark.parametrize("code", ["HKG", "MAC", "TWN", "JPN", "CHN", "MYS", "LKA", "SGP", "KOR"])
def test_asian_nationalities(code: str) -> None:
    assert region_of(code) is Region.ASIA


@pytest.mark.parametrize("code", ["AUS", "NZL"])
def test_australia_and_new_zealand_are_oceania(code: str) -> None:
    assert region_of(code) is Region.OCEANIA


def test_regions_are_computed_for_every_country() -> None:
    assert len(countries_in(Region.ASIA)) > 40
    assert region_of("GBR") is Region.EUROPE
    assert region_of("XXX") is None


def test_ratings_read_in_any_case() -> None:
    assert DriverRating("bronze") is DriverRating.BRONZE
    with pytest.raises(ValueError, match="Copper"):
        DriverRating("Copper")
