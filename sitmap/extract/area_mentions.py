"""Areas named as places in ways the capitalised-name matcher of `extract.places` cannot see, resolved to
the gazetteer's area records (`reference.area_places`):

- a side names a border: "the kingdom's northern border" told by Jordan's army is its border with Syria;
- a crossing names a border: smugglers "crossing from Syria" told of by Jordan's army fought on the
  Jordan-Syria border; so do "the border with Syria" told by Jordan's army and "the Iraqi-Syrian border";
- an area written in lower case: "went into the demilitarised zone", "the area of separation";
- a sea told by a distance off a port: "61 nautical miles southwest of Hodeidah", "20 nautical miles off
  Tyre" (UKMTO's and Ambrey's way of placing an incident): the port is a bearing, the event is in the sea
  the stated point lies in.
"""

from __future__ import annotations

import re

from sitmap.extract.place_words import _LOCATIVE, in_motive
from sitmap.geometry import GEOD
from sitmap.reference.area_places import border_name
from sitmap.reference.countries import _COUNTRY_ALIASES, COUNTRIES
from sitmap.reference.feature_kinds import REGION_KIND
from sitmap.reference.gazetteer import _KIND_RANK, SEA_KIND, Gazetteer, PlaceMention, km_between

_BY_WORD: dict[str, str] = {name: name for name in COUNTRIES} | dict(_COUNTRY_ALIASES)
_BY_WORD |= {dem: name for name, (_, dems) in COUNTRIES.items() for dem in dems}
_COUNTRY_WORD = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, _BY_WORD), key=len, reverse=True)) + r")\b"
)
_CROSSING = re.compile(
    r"\b(?:cross(?:ed|es|ing)?|infiltrat(?:e|ed|es|ing)|sneak(?:s|ed|ing)?)\s+(?:\w+\s+){0,3}?"
    r"(?:from|into)\s+(?:the\s+)?$"
)
CONFIDENCE = 0.7


# "the Iraqi-Syrian border", "the Syria–Jordan border", "the border between Jordan and Syria"
_PAIR_GAP = re.compile(r"\s*[-–/]\s*|\s+and\s+")
_BORDER_AFTER = re.compile(r"\s+border\b")
_BORDER_BETWEEN = re.compile(r"\bborder\s+between\s+(?:the\s+)?$")
_BORDER_WITH = re.compile(r"\bborders?\s+with\s+(?:the\s+)?$")  # "near the border with Syria"
_SHARES = re.compile(r"\bshar(?:es|e|ed|ing)\b[^.;,]{0,40}$")  # geography: "Jordan shares a long border with"


def border_mentions(sentence: str, gaz: Gazetteer) -> list[PlaceMention]:
    """The border a sentence names or crosses: its two countries named together ("the Iraqi-Syrian
    border"), or one country's border with, or a crossing from or into, a country another country the
    sentence names shares a border with.

    "crossed from Syria" alone says nothing of which border; another country in the sentence (its name
    or its people's: "Jordan's army", "Jordanian guards") says which. Nothing when the two share none.
    """
    words = [(m.start(), m.end(), _BY_WORD[m.group(0)]) for m in _COUNTRY_WORD.finditer(sentence)]
    for (a, b, first), (c, d, second) in zip(words, words[1:], strict=False):
        gap = _PAIR_GAP.fullmatch(sentence, b, c)
        if gap and first != second:
            border = _BORDER_AFTER.match(sentence, d)
            if border and " and " not in gap.group(0) or _BORDER_BETWEEN.search(sentence[max(0, a - 30) : a]):
                end = border.end() if border else d
                found = _border(sentence, a, end, first, second, gaz, f"{sentence[a:end]!r} names")
                if found:
                    return found
    for a, b, crossed in words:
        head = sentence[max(0, a - 60) : a]
        told = "a crossing from/into" if _CROSSING.search(head) else ""
        if _BORDER_WITH.search(head) and not _SHARES.search(head):
            told = "a border with"
        other = next((c for x, y, c in words if c != crossed and _owns(sentence, x, y, words)), None)
        if not told or other is None:
            continue
        found = _border(sentence, a, b, crossed, other, gaz, f"{told} {crossed} told with {other}:")
        if found:
            return found
    return _border_on_a_side(sentence, words, gaz)


# "Jordan's northern border", "the kingdom's northern border" (told by Jordan's army), "its southern border"
_SIDE_BORDER = re.compile(
    r"\b(?:(?:the\s+(?i:country|kingdom|state)['’]s|its)\s+|(?P<country>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)['’]s\s+)"
    r"(?P<side>(?:north|south)-?(?:east|west)|north|south|east|west)ern\s+border\b(?!\s+(?:with|between))"
)
_SIDES = {"north": 0, "northeast": 45, "east": 90, "southeast": 135, "south": 180, "southwest": 225}
_SIDES |= {"west": 270, "northwest": 315}
SIDE_DEGREES, SIDE_MARGIN_DEGREES = 45, 45


def _border_on_a_side(sentence: str, words: list[tuple[int, int, str]], gaz: Gazetteer) -> list[PlaceMention]:
    """A country's border on one side ("the country's northern border", told by Jordan's army): its border
    with the one neighbour lying that way from its centre (within 45°, the next neighbour at least 45°
    further off); nothing when two lie that way (Iraq's western border is Syria's and Jordan's)."""
    m = _SIDE_BORDER.search(sentence)
    if m is None or gaz.areas is None:
        return []
    owner = _BY_WORD.get(m.group("country") or "")
    if m.group("country") is None:  # "the country's": the country whose army or guards tell it
        owner = next((c for x, y, c in words if _owns(sentence, x, y, words)), None)
    shape = gaz.areas.countries[gaz.areas.countries["iso3"] == COUNTRIES[owner][0]] if owner else None
    if owner is None or shape is None or shape.empty:
        return []
    centre = shape.geometry.iloc[0].centroid
    side = _SIDES[m.group("side").lower().replace("-", "")]
    off: list[tuple[float, str]] = []
    for neighbour in COUNTRIES:
        ids, _ = gaz.lookup(border_name(owner, neighbour)) if neighbour != owner else ([], None)
        if len(ids) == 1:
            rec = gaz.records[ids[0]]
            azimuth = GEOD.inv(centre.x, centre.y, rec["lon"], rec["lat"])[0]
            off.append((abs((azimuth - side + 180) % 360 - 180), neighbour))
    off.sort()
    if not off or off[0][0] > SIDE_DEGREES or len(off) > 1 and off[1][0] - off[0][0] < SIDE_MARGIN_DEGREES:
        return []
    a, b = m.span()
    return _border(sentence, a, b, owner, off[0][1], gaz, f"{owner}'s {m.group('side')}ern border lies on")


# The country whose border it is: its possessive ("Jordan's army"), its ground forces ("Jordanian troops"),
# or the subject of "its/their border with"; not a demonym of aircraft or of whoever struck ("Israeli jets")
_OWNER_AFTER = re.compile(
    r"['’]s\b|\s+(?:army|armed\s+forces|troops|soldiers|(?:border\s+)?guards?|border\s+police)\b", re.I
)
_ITS_BORDER = re.compile(r"\b(?:its|their)\s+borders?\s+with\s+(?:the\s+)?$")


def _owns(sentence: str, a: int, b: int, words: list[tuple[int, int, str]]) -> bool:
    """Whether the country word at `sentence[a:b]` names the border's owner, not only who acted there."""
    if _OWNER_AFTER.match(sentence, b):
        return True
    return a == words[0][0] and any(_ITS_BORDER.search(sentence[max(0, c - 40) : c]) for c, _, _ in words)


def _border(
    sentence: str, a: int, b: int, one: str, other: str, gaz: Gazetteer, why: str
) -> list[PlaceMention]:
    """The mention of the border record of `one` and `other` at `sentence[a:b]`, if the gazetteer has it."""
    ids, _ = gaz.lookup(border_name(one, other))
    if len(ids) != 1:
        return []
    rec = gaz.records[ids[0]]
    # "in response to militants crossing into Israel": the motive's border, not this event's
    role = "motive" if in_motive(sentence, a) else "locative"
    return [_record_mention(sentence, a, b, rec, role, f"{why} the {rec['name']}")]


def _record_mention(
    sentence: str, a: int, b: int, rec: dict, role: str, reason: str, country: str | None = None
) -> PlaceMention:
    """The mention at sentence[a:b] of the gazetteer record `rec` (a border, an area, a sea)."""
    return PlaceMention(
        a, b, sentence[a:b], rec["id"], rec["name"], country=country, lon=rec["lon"], lat=rec["lat"],
        uncertainty_m=rec["uncertainty_m"], kind=rec["kind"], role=role, confidence=CONFIDENCE, reason=reason,
    )  # fmt: skip


def zone_mentions(sentence: str, gaz: Gazetteer) -> list[PlaceMention]:
    """Area records' names written in lower case after "the" ("into the area of separation")."""
    out = []
    for rec in gaz.records.values():
        if rec.get("layer") != "areas" or rec["kind"] == "border":
            continue
        for name in (rec["name"], *rec.get("alt_names", ())):
            for m in re.finditer(r"\bthe\s+(" + re.escape(name.lower()) + r")\b", sentence):
                a, b = m.span(1)
                role = (
                    "locative"
                    if _LOCATIVE.search(sentence[max(0, m.start() - 45) : m.start()] + "the ")
                    else "mention"
                )
                why = f"{sentence[a:b]!r} names the reference area {rec['name']}"
                out.append(_record_mention(sentence, a, b, rec, role, why, country=rec["country"]))
    return out


NM_KM = 1.852
_BEARINGS = {"north": 0, "northeast": 45, "east": 90, "southeast": 135, "south": 180, "southwest": 225}
_BEARINGS |= {"west": 270, "northwest": 315}
# "61 nautical miles southwest of", "63 nm west of", "20 nautical miles off": nautical miles are said at sea
_OFFSHORE = re.compile(
    r"\b(?P<num>\d+(?:\.\d+)?)\s*(?:nautical\s+miles?|nm)\s+(?:(?P<dir>(?:north|south)?-?(?:east|west)|north|south)"
    r"(?:ern)?\s+(?:of|from)|off(?:\s+the\s+coast\s+of)?)\s+(?:the\s+)?(?:[A-Z][\w-]*['’]s\s+|[A-Z][\w-]*\s+(?=(?:port\s+)?(?:city|town|port)\s))?"
    r"(?:(?:port\s+)?(?:city|town|port)\s+of\s+)?",  # "Yemen's port city of Aden", "the Yemeni city of Aden"
    re.IGNORECASE,
)


def sea_of(lat: float, lon: float, gaz: Gazetteer) -> dict | None:
    """The sea record whose extent (its point ± its uncertainty) holds the point, the smallest such: a
    strait or gulf before the sea it opens on."""
    seas = [
        rec
        for rec in gaz.records.values()
        if rec.get("kind") == SEA_KIND and rec.get("lat") is not None and rec.get("lon") is not None
        if km_between(lat, lon, rec["lat"], rec["lon"]) * 1000 <= rec["uncertainty_m"]
    ]
    return min(seas, key=lambda rec: rec["uncertainty_m"], default=None)


_PORT = re.compile(r"([A-Z][\w'’-]*)(\s+[A-Z][\w'’-]*)?")


def _port(after: str, gaz: Gazetteer) -> tuple[dict, int] | None:
    """The place named at the start of `after` (two words, else one), its largest kind first, and the
    length of its name."""
    words = _PORT.match(after)
    if words is None:
        return None
    for name in (words.group(1) + (words.group(2) or ""), words.group(1)):
        ids = [i for i in gaz.lookup(name, exact_only=True)[0] if gaz.records[i].get("lat") is not None]
        if ids:
            best = max(ids, key=lambda i: _KIND_RANK.get(gaz.records[i]["kind"] or "", 0))
            return gaz.records[best], len(name)
    return None


def sea_mentions(sentence: str, gaz: Gazetteer) -> list[PlaceMention]:
    """The sea of each distance in nautical miles off a place the gazetteer knows (the port's point moved
    by the distance along the bearing, when one is told); the mention spans the port's name too."""
    out = []
    for m in _OFFSHORE.finditer(sentence):
        found = _port(sentence[m.end() :], gaz)
        if found is None:
            continue
        port, length = found
        lat, lon = port["lat"], port["lon"]
        if m.group("dir"):
            azimuth = _BEARINGS[m.group("dir").lower().replace("-", "")]
            lon, lat, _ = GEOD.fwd(lon, lat, azimuth, float(m.group("num")) * NM_KM * 1000)
        sea = sea_of(lat, lon, gaz)
        if sea is None:
            continue
        a, b = m.start(), m.end() + length
        why = f"{sentence[a:b]!r}: a point at sea, in the {sea['name']}"
        out.append(_record_mention(sentence, a, b, sea, "locative", why))  # sea["kind"] is SEA_KIND
    return out


SAME_POINT_NM = 10.0  # two agencies' figures for one incident differ by a few miles at most


def apart_at_sea(one: str, other: str) -> bool:
    """Two points at sea stated as distances off a port ("63 nautical miles southwest of Hodeidah", "97
    nautical miles northwest of Hodeidah") that are not one point: another bearing or another distance."""
    a, b = _OFFSHORE.match(one), _OFFSHORE.match(other)
    if a is None or b is None:
        return False
    bearing = [(m.group("dir") or "off").lower().replace("-", "") for m in (a, b)]
    return bearing[0] != bearing[1] or abs(float(a.group("num")) - float(b.group("num"))) > SAME_POINT_NM


def at_sea(sentence: str, places: list[PlaceMention], gaz: Gazetteer) -> list[PlaceMention]:
    """`places` with each port a distance at sea is told from replaced by that sea."""
    seas = sea_mentions(sentence, gaz)
    return [*(p for p in places if not any(s.start <= p.start < s.end for s in seas)), *seas]


def with_borders(sentence: str, places: list[PlaceMention], gaz: Gazetteer) -> list[PlaceMention]:
    """`places` with the sentence's border and zones added; a name the gazetteer lacks within the border's
    words ("the Kingdom's northern border") is part of the border, not a place of its own, and a border a
    zone is said to lie on ("the demilitarised zone on the Israel-Syria border") places the zone, no event."""
    zones = zone_mentions(sentence, gaz)
    borders = border_mentions(sentence, gaz)
    inside = [p for p in places if not p.resolved and any(b.start <= p.start < b.end for b in borders)]
    out = [*(p for p in places if p not in inside), *borders, *zones]
    areas = [*zones, *(p for p in places if p.kind in _LINE_KINDS)]  # "the Alpha Line" written capitalised
    return [p for p in out if not any(_describes(sentence, z, p) for z in areas)]


def _describes(sentence: str, zone: PlaceMention, p: PlaceMention) -> bool:
    """`p` tells where `zone` lies: the border it is on, or a named region it runs beside ("the Alpha Line
    between the occupied Golan Heights and Syria", "…, which divides the Golan Heights from Syria")."""
    if p.kind == "border":
        return bool(_ON.fullmatch(sentence, zone.end, p.start))
    return p.kind == REGION_KIND and bool(_LINE_SIDES.fullmatch(sentence, zone.end, p.start))


_ON = re.compile(r"\s+(?:on|along|at|by)\s+(?:the\s+)?")
_LINE_KINDS = ("area", "line")  # the reference layers' zone and lines (area_places), named capitalised
# a line's sides, at most two words (occupied, Israeli-held) before the region's name
_LINE_SIDES = re.compile(
    r"\s*,?\s+(?:(?:that|which)\s+(?:separates|divides)|separating|dividing|between)\s+(?:the\s+)?"
    r"(?:[a-z][\w-]*\s+|[A-Z][\w]*-[a-z][\w-]*\s+){0,2}"
)
