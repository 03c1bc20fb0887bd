"""ISO 3166-1 numeric codes of the theatre's countries, for the ACLED CSV's `iso` column.

The codes come from Debian's `iso-codes` package (4.15.0, `/usr/share/iso-codes/json/iso_3166-1.json`,
maintained from the ISO 3166 Maintenance Agency's list); tests/exports/test_acled_iso.py checks this table
against that file where it is installed. Countries are the ones `geodata/countries.geojson` names with an
alpha-3 code, plus those the gazetteer can place an event in (Russia, United States).
"""

from __future__ import annotations

NUMERIC_BY_ALPHA3: dict[str, int] = {
    "AFG": 4, "ARE": 784, "ARM": 51, "AZE": 31, "BHR": 48, "CYP": 196, "DJI": 262, "EGY": 818,
    "ERI": 232, "ETH": 231, "GEO": 268, "GRC": 300, "IRN": 364, "IRQ": 368, "ISR": 376, "JOR": 400,
    "KWT": 414, "LBN": 422, "LBY": 434, "OMN": 512, "PAK": 586, "PSE": 275, "QAT": 634, "RUS": 643,
    "SAU": 682, "SDN": 729, "SOM": 706, "SYR": 760, "TKM": 795, "TUR": 792, "USA": 840, "YEM": 887,
}  # fmt: skip

# Names an event's `country` may carry (Natural Earth's, the gazetteer's, ACLED's, ISO's own) -> alpha-3.
_ALPHA3_BY_NAME: dict[str, str] = {
    "afghanistan": "AFG", "united arab emirates": "ARE", "armenia": "ARM", "azerbaijan": "AZE",
    "bahrain": "BHR", "cyprus": "CYP", "djibouti": "DJI", "egypt": "EGY", "eritrea": "ERI",
    "ethiopia": "ETH", "georgia": "GEO", "greece": "GRC", "iran": "IRN", "iran, islamic republic of": "IRN",
    "iraq": "IRQ", "israel": "ISR", "jordan": "JOR", "kuwait": "KWT", "lebanon": "LBN", "libya": "LBY",
    "oman": "OMN", "pakistan": "PAK", "palestine": "PSE", "palestine, state of": "PSE",
    "palestinian territory": "PSE", "qatar": "QAT", "russia": "RUS", "russian federation": "RUS",
    "saudi arabia": "SAU", "sudan": "SDN", "somalia": "SOM", "syria": "SYR",
    "syrian arab republic": "SYR", "turkmenistan": "TKM", "turkey": "TUR", "türkiye": "TUR",
    "united states": "USA", "yemen": "YEM",
}  # fmt: skip


def iso_numeric(country: str | None) -> int | None:
    """The ISO 3166-1 numeric code of a country name (or alpha-3 code); None when it is not in the table."""
    if not country:
        return None
    key = country.strip()
    alpha3 = key.upper() if key.upper() in NUMERIC_BY_ALPHA3 else _ALPHA3_BY_NAME.get(key.casefold())
    return NUMERIC_BY_ALPHA3.get(alpha3) if alpha3 else None
