"""Nationalities as ISO 3166-1 alpha-3 codes.

Record books and timing sheets mix ISO codes (DEU, MYS) with the IOC/FIA codes sport uses
(GER, MAS, TPE). Everything is stored as ISO alpha-3; an ISO code is taken as ISO first, so the
few IOC codes that are also a different country's ISO code (BRN: Bahrain for the IOC, Brunei
for ISO) read as ISO.
"""

from __future__ import annotations

from functools import lru_cache

import pycountry

# IOC / FIA three-letter codes that are not the country's ISO alpha-3 code.
IOC_TO_ISO: dict[str, str] = {
    "ALG": "DZA", "ANG": "AGO", "ANT": "ATG", "ARU": "ABW", "BAH": "BHS", "BAN": "BGD",
    "BAR": "BRB", "BER": "BMU", "BRU": "BRN", "BUL": "BGR", "CAM": "KHM", "CAY": "CYM",
    "CHI": "CHL", "CRC": "CRI", "CRO": "HRV", "DEN": "DNK", "ESA": "SLV", "FIJ": "FJI",
    "GER": "DEU", "GRE": "GRC", "GUA": "GTM", "HON": "HND", "INA": "IDN", "IRI": "IRN",
    "ISV": "VIR", "IVB": "VGB", "KSA": "SAU", "KUW": "KWT", "LAT": "LVA", "LBA": "LBY",
    "LIB": "LBN", "MAS": "MYS", "MGL": "MNG", "MON": "MCO", "MRI": "MUS", "MYA": "MMR",
    "NCA": "NIC", "NED": "NLD", "NEP": "NPL", "NGR": "NGA", "OMA": "OMN", "PAR": "PRY",
    "PHI": "PHL", "POR": "PRT", "PUR": "PRI", "RSA": "ZAF", "SAM": "WSM", "SKN": "KNA",
    "SLO": "SVN", "SOL": "SLB", "SRI": "LKA", "SUD": "SDN", "SUI": "CHE", "TAN": "TZA",
    "TGA": "TON", "TPE": "TWN", "UAE": "ARE", "URU": "URY", "VAN": "VUT", "VIE": "VNM",
    "VIN": "VCT", "ZAM": "ZMB", "ZIM": "ZWE",
    # Codes record books still use for states that changed name.
    "UK": "GBR", "ENG": "GBR", "SCO": "GBR", "WAL": "GBR", "NIR": "GBR",
}


@lru_cache(maxsize=1024)
def to_iso_alpha3(code: str) -> str:
    """ISO 3166-1 alpha-3 from an ISO alpha-2/alpha-3 or IOC/FIA code; ValueError if unknown."""
    text = code.strip().upper()
    if len(text) == 3 and pycountry.countries.get(alpha_3=text) is not None:
        return text
    if text in IOC_TO_ISO:
        return IOC_TO_ISO[text]
    if len(text) == 2:
        country = pycountry.countries.get(alpha_2=text)
        if country is not None:
            return str(country.alpha_3)
    raise ValueError(f"{code!r} is not an ISO 3166 or IOC/FIA country code")


def country_name(alpha3: str) -> str:
    """The common English name of an ISO alpha-3 country, for display."""
    country = pycountry.countries.get(alpha_3=alpha3)
    if country is None:
        return alpha3
    return str(getattr(country, "common_name", None) or country.name)
