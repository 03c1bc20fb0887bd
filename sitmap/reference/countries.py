"""The countries of the reports' region and how a text names one: by name or alias ("in Syria", "Türkiye"),
or by a demonym before a kind of site ("Iranian missile sites"); ISO3 codes for event ids and exports.
"""

from __future__ import annotations

import re

# Countries of the reports' region, with the demonyms that mark them; ISO3 builds event ids.
COUNTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "Syria": ("SYR", ("Syrian",)),
    "Lebanon": ("LBN", ("Lebanese",)),
    "Iraq": ("IRQ", ("Iraqi",)),
    "Iran": ("IRN", ("Iranian",)),
    "Israel": ("ISR", ("Israeli",)),
    "Yemen": ("YEM", ("Yemeni",)),
    "Jordan": ("JOR", ("Jordanian",)),
    "Russia": ("RUS", ("Russian",)),
    "Turkey": ("TUR", ("Turkish",)),
    "Saudi Arabia": ("SAU", ("Saudi",)),
    "Egypt": ("EGY", ("Egyptian",)),
    "Palestinian Territory": ("PSE", ("Palestinian",)),
    "United States": ("USA", ("American",)),
}
_COUNTRY_ALIASES = {
    "Türkiye": "Turkey",
    "Gaza Strip": "Palestinian Territory",
    "West Bank": "Palestinian Territory",
}
_COUNTRY_ALIASES |= {"Palestine": "Palestinian Territory", "the United States": "United States"}
_DEMONYM_AREA = re.compile(
    r"\b(?P<dem>" + "|".join(d for _, ds in COUNTRIES.values() for d in ds) + r")\s+"
    r"(?:(?:missile|military|air|nuclear|naval|army|government|border)\s+)*"
    r"(?:sites?|bases?|facilit(?:y|ies)|territory|airspace|positions?|border|coast|soil)\b"
)


# Not where anything is: a distance measured from a country ("10 km (6 miles) from the Israeli border"), the
# people who speak for it ("no comment from officials in Jordan").
_NOT_LOCATION_BEFORE = re.compile(
    r"(?:\b(?:kilomet(?:re|er)s|km|miles|metres|meters)\)?\s+(?:\w+\s+)?from\s+(?:the\s+)?"
    r"|\b(?:authorities|officials|sources|spokesm[ae]n|government|ministry)\s+)$",
    re.IGNORECASE,
)


def find_countries(text: str) -> list[tuple[int, int, str, str]]:
    """Countries named as locations ("in Syria", "Iranian missile sites"): (start, end, name, why)."""
    out = []
    names = list(COUNTRIES) + list(_COUNTRY_ALIASES)
    for m in re.finditer(
        r"\b(?:[Ii]n|to|into|from|[Ii]nside|[Aa]cross|over)\s+(?P<c>" + "|".join(names) + r")\b", text
    ):
        if _NOT_LOCATION_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            continue
        name = _COUNTRY_ALIASES.get(m.group("c"), m.group("c"))
        out.append((m.start("c"), m.end("c"), name, f"country named as a location: {m.group(0)!r}"))
    for m in _DEMONYM_AREA.finditer(text):
        if _NOT_LOCATION_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            continue
        name = next(c for c, (_, ds) in COUNTRIES.items() if m.group("dem") in ds)
        out.append((m.start(), m.end(), name, f"country from {m.group(0)!r}"))
    return sorted(out)


def iso3(country: str | None) -> str | None:
    return COUNTRIES[country][0] if country in COUNTRIES else None


# The countries layer's name where it differs from COUNTRIES' (gazetteer records carry the layer's).
LAYER_NAMES = {"Palestinian Territory": "Palestine"}
_DEMONYM = re.compile(r"\b(?P<dem>" + "|".join(d for _, ds in COUNTRIES.values() for d in ds) + r")\b")


def demonym_countries(text: str) -> set[str]:
    """Countries whose people, forces or institutions the text names ("Syrian government artillery", "the
    Israeli army"), as the countries layer names them: what a passage is about, not where an event is."""
    out = set()
    for m in _DEMONYM.finditer(text):
        name = next(c for c, (_, ds) in COUNTRIES.items() if m.group("dem") in ds)
        out.add(LAYER_NAMES.get(name, name))
    return out


# A sentence that opens on a country ("In Syria, ...", "Elsewhere in Lebanon, ..."): its places are there.
_OPENING = re.compile(
    r"(?:^|[.!?]\s+)\s*(?:In|Inside|Across|Elsewhere\s+in)\s+(?:the\s+)?"
    r"(?:(?:south|north|east|west)(?:ern)?\s+)?(?P<c>"
    + "|".join(sorted([*COUNTRIES, *_COUNTRY_ALIASES], key=len, reverse=True))
    + r")\s*,"
)
_SENTENCE_END = re.compile(r"[.!?]\s")


# The words right before a name that introduce it as a settlement, perhaps with its country: "the southern
# Lebanese town of Taibah", "Lebanon's southern city of Tyre", "the city of Sweida"; "a Syrian village, X" is
# not read (the comma may end a list).
_SIDE = r"(?:(?:far\s+)?(?:south|north|east|west)(?:-?(?:east|west))?(?:ern)?\s+)?"
_INTRODUCED = re.compile(
    rf"(?:\b(?P<dem>{'|'.join(d for _, ds in COUNTRIES.values() for d in ds)})\s+{_SIDE}(?:border\s+)?"
    rf"|\b(?P<c>{'|'.join(sorted(COUNTRIES, key=len, reverse=True))})['’]s\s+{_SIDE}(?:border\s+)?)?"
    r"\b(?i:(?P<kind>(?:port\s+)?town|village|(?:port\s+)?city|hamlet))\s+of\s+$"
)


def introduced_as(text: str, at: int) -> tuple[str, str | None] | None:
    """How the words right before offset `at` introduce the name there: (the kind of settlement they call
    it, its last word: "town", "city", "village", "hamlet"; the country they give, else None), or None
    ("the southern Lebanese town of Taibah": town, Lebanon; "the city of Sweida": city, None)."""
    m = _INTRODUCED.search(text[max(0, at - 60) : at])
    if m is None:
        return None
    if m.group("dem"):
        return m.group("kind").split()[-1].lower(), next(
            c for c, (_, ds) in COUNTRIES.items() if m.group("dem") in ds
        )
    return m.group("kind").split()[-1].lower(), m.group("c")


def opening_country(text: str, at: int) -> str | None:
    """The country the words right before offset `at` give the name there ("the southern Lebanese town of
    Taibah": Lebanon), else the one the sentence holding it opens on ("In Syria, government artillery shelled
    Ariha": Syria), else None."""
    if (introduced := introduced_as(text, at)) and introduced[1]:
        return introduced[1]
    found = None
    for m in _OPENING.finditer(text, 0, at):
        if not _SENTENCE_END.search(text, m.end(), at):
            found = _COUNTRY_ALIASES.get(m.group("c"), m.group("c"))
    return found
