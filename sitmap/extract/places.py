"""Place names in report sentences, matched against the gazetteer (`Reference.places`).

Matching works on capitalised word sequences (and Arabic-script runs), longest first, with two keys:
`reference.normalise_name` (case, diacritics, articles al-/el-/ad-, Tell/Tal/Tel, doubled letters,
common transliteration pairs) and, as a weaker fallback, a consonant skeleton of that key (vowels dropped,
so Ruwaihaniya, Ruwayhinah and Rwaihina meet) accepted only when it names one gazetteer entry and the
spellings are close. Qualifiers ("Quneitra Province", "western Daraa countryside") choose between
same-named places and set admin-1. A name introduced like a place ("on Tell X", "patrolled X, Y
Province") that the gazetteer lacks is returned as unresolved — never dropped, never given a point.
Which candidate a name is, or why none: `place_ranking`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from sitmap.extract.capitals import capital_mentions
from sitmap.extract.cited import cited_source
from sitmap.extract.name_cuts import continued_on_right, cut_from_longer_name, cut_name
from sitmap.extract.place_context import (
    AREA_NAME_AFTER,
    AREA_WORDS,
    PlaceContext,
    area_qualifiers,
    small_places_only,
    stray_village,
    villages_only,
)
from sitmap.extract.place_ranking import cued_features, qualifier_for, resolved
from sitmap.extract.place_words import (  # noqa: F401 - is_origin re-exported for the pipeline
    _ADJ_SUFFIX,
    _ANCHOR,
    _LIST_CONTINUES,
    _LOCATIVE,
    _NEAR,
    _NOT_PLACES,
    _POSSESSOR,
    _WATER,
    DEMONYMS,
    _organisation,
    between_towns,
    country_locations,
    in_headline,
    in_motive,
    is_origin,
    names_goods,
    names_people,
    part_of_town,
    qualifying_district,
    village_named_like_a_person,
)
from sitmap.extract.region_mentions import drop_admin_qualified, region_mentions
from sitmap.extract.road_between import road_between
from sitmap.reference.countries import _COUNTRY_ALIASES, COUNTRIES, find_countries, iso3, opening_country  # noqa: F401
from sitmap.reference.feature_kinds import generic
from sitmap.reference.gazetteer import (  # noqa: F401 - re-exported for sitmap.extract.pipeline
    _KIND_RANK,
    SEA_KIND,
    Gazetteer,
    PlaceMention,
    Qualifier,
    Region,
    find_qualifiers,
    km_between,
    skeleton,
)
from sitmap.reference.names import ARTICLES, normalise_name

_TOKEN = re.compile(r"[^\W\d_][\w'’‘`ʿʾ-]*", re.UNICODE)
_ARABIC_WORD = re.compile(r"[\u0600-\u06ff]+")
# the article as names write it (`names.ARTICLES`: al-, el-, ash-, Lebanon's French "ej", "ech"...)
_CONNECTORS = set(ARTICLES) | {"of", "bin", "ibn", "abu", "umm", "bani", "de", "du", "la", "le"}
_MONTHS_DAYS = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
}  # fmt: skip
# a word that joins the name after it: a name never ends in it ("Bani Matar", "Abu Ghraib", "Umm Batinah")
_JOINS_NEXT = re.compile(r"\b(?:abu|abou|umm|oum|bani|beni|bin|ibn|bint)$", re.IGNORECASE)
_SEA_SIDE = re.compile(
    r"\s+(?:port|city|town|coast(?:al)?|island|resort|province|governorate)\b", re.IGNORECASE
)
_NOT_NAME_PART = frozenset(_NOT_PLACES | AREA_WORDS | {w.lower() for w in _MONTHS_DAYS})


def _spans(text: str, max_tokens: int) -> list[tuple[int, int]]:
    """Token spans (start, end) that could be names: capitalised ends, connectors inside, no punctuation."""
    toks = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]
    out = []
    for i, (a, _, first) in enumerate(toks):
        if not _capitalised(first):
            continue
        for j in range(i, min(len(toks), i + max_tokens)):
            if j > i and text[toks[j - 1][1] : toks[j][0]].strip():
                break  # punctuation between words ends a name
            word = toks[j][2]
            if j > i and not _capitalised(word) and word.lower() not in _CONNECTORS:
                break
            if _capitalised(word):
                out.append((a, toks[j][1]))
    return out


_CONTINUES = re.compile(
    r"(?:\s+|-)(?:" + "|".join(sorted(ARTICLES, key=len, reverse=True)) + r")(?:\s+|-)[A-Z]"
)
_LOWER_WORD = re.compile(
    r"\s+(?!(?:and|or|of|in|on|at|to|near|the|a|an|by|for|from|with|as|on)\b)([a-z][a-z-]+)"
)


def _extensions(text: str, end: int) -> list[int]:
    """Span ends to try, longest first: the name plus up to three lower-case words ("Abqaiq oil processing
    facility"), then the name alone."""
    ends = [end]
    pos = end
    for _ in range(3):
        m = _LOWER_WORD.match(text, pos)
        if not m:
            break
        pos = m.end()
        ends.append(pos)
    return ends[::-1]


def _arabic_spans(text: str, max_tokens: int) -> list[tuple[int, int]]:
    """Arabic-script word n-grams (start, end), longest first."""
    words = [(m.start(), m.end()) for m in _ARABIC_WORD.finditer(text)]
    out = []
    for i in range(len(words)):
        for j in range(i, min(len(words), i + max_tokens)):
            if j > i and text[words[j - 1][1] : words[j][0]].strip():
                break
            out.append((words[i][0], words[j][1]))
    return sorted(out, key=lambda s: (-(s[1] - s[0]), s[0]))


def _is_region_word(surface: str, ids: list[str], gaz: Gazetteer) -> bool:
    """A name that is an admin-1 region ("Bekaa") and matches no place in that region's country."""
    region = gaz.admin1_for(surface)
    if region is None:
        return False
    return not any(gaz.records[i]["country"] == region[1] for i in ids)


def _capitalised(word: str) -> bool:
    if word[:1].isupper():
        return True
    head, _, tail = word.partition("-")  # al-Qunaytirah, el-Mal
    return bool(tail) and head.lower() in _CONNECTORS and tail[:1].isupper()


def _strip_trailing(text: str, a: int, b: int) -> int:
    """End of a span without a trailing possessive ("Quneitra's")."""
    span = text[a:b]
    for suffix in ("'s", "’s"):
        if span.endswith(suffix):
            return b - len(suffix)
    return b


def find_places(text: str, gaz: Gazetteer, context: PlaceContext | None = None) -> list[PlaceMention]:
    """Every place named in `text` (one sentence), resolved or not, in order; `context` (the paragraph's
    and report's places, `place_context`) ranks same-named candidates and refuses far weak matches."""
    quals = find_qualifiers(text, gaz)
    taken: list[tuple[int, int]] = [(a, b) for a, b, _, _ in quals]
    mentions: list[PlaceMention] = []
    refused: dict[tuple[int, int], str] = {}  # spans whose only candidates lie far from the context
    mentions += capital_mentions(text, gaz)  # "the Iraqi capital": Baghdad
    taken += [(m.start, m.end) for m in mentions]
    spans = sorted(_spans(text, gaz.max_tokens), key=lambda s: (-(s[1] - s[0]), s[0]))
    for a, b in spans:
        b = _strip_trailing(text, a, b)
        if any(a < y and x < b for x, y in taken):
            continue
        surface = text[a:b]
        head = text[max(0, a - 60) : a]  # the words before: not all the text (quadratic in a paragraph)
        if surface.lower() in _NOT_PLACES | AREA_WORDS or surface in _MONTHS_DAYS or _WATER.search(head):
            continue
        if _CONTINUES.match(text, b) or AREA_NAME_AFTER.match(text, b):
            continue  # "Sayda al-Hanout", "Yarmouk Basin": a longer name the gazetteer lacks, not Sayda
        if cited_source(text, a, b) or names_goods(text, b):
            taken.append((a, b))  # "..., SANA added": the agency that told it, not Sanaa; "Hermes 450 drone"
            continue
        if _organisation(surface):
            taken.append((a, b))  # "Muslim Brotherhood": none of its words is a place either
            continue
        if cut_from_longer_name(text, a, _NOT_NAME_PART):
            continue  # "Bint Jbeil": not Jbeil (Byblos); the whole name is read on as unresolved
        for ext in _extensions(text, b):  # "Conoco gas field" before "Conoco"
            ids, how = gaz.lookup(text[a:ext], exact_only=ext != b)
            if cued := cued_features(text, a, ext, gaz):  # "the hill of El Mhanbar": the hill too
                ids, how = sorted({*ids, *cued}), how or "exact"
            if how == "transliteration" and surface.isupper():
                break  # "SOHR" is an acronym, not a spelling of Sohar
            if ids and ext == b and _is_region_word(text[a:b], ids, gaz):
                taken.append((a, b))  # "the Bekaa Valley": the region, not a same-named village elsewhere
                break
            if ids and all(gaz.records[i]["kind"] == SEA_KIND for i in ids) and _SEA_SIDE.match(text, ext):
                taken.append((a, ext))  # "the Red Sea port of Salif": the port is the place, not the sea
                break
            if (
                ids
                and ext == b
                and continued_on_right(text, b)
                and (small_places_only(ids, gaz) or _JOINS_NEXT.search(surface))
            ):
                break  # "Ras Issa", "Ramot Hashavim": a village's name cut from a longer one; "Bani" of "Bani
                # Matar" is no town of its own (Baneh), whatever its size
            cut = ext == b and cut_name(text, b)  # the first words of a longer name: weak evidence
            if ids and cut and generic(normalise_name(surface)):
                break  # "Tel" of "Tel Abu Qubays": a feature word alone is no name
            introduced = _LOCATIVE.search(text[max(0, a - 45) : a]) or _LIST_CONTINUES.search(head)
            if ids and villages_only(ids, gaz, text[a:ext]) and not introduced:
                break  # "al-Hanout", "Assad said": a village only where a place is introduced
            if ids and villages_only(ids, gaz) and village_named_like_a_person(text[a:ext], text, a):
                break  # "a letter to Abbas": the president, not the hamlet
            if ids:
                country = opening_country(text, a)
                found = resolved(text, a, ext, ids, how, gaz, quals, context, country, cut=cut)
                if isinstance(found, str):  # refused: read on as if the gazetteer lacked the name
                    refused[(a, ext)] = found
                    if len(text[a:ext].split()) > 1:  # its words are no places of their own: "Tal" of
                        taken.append((a, ext))  # "Tal Aafar" is not At Tall
                    break
                taken.append((a, ext))
                mentions.append(found)
                break
    for a, b in _arabic_spans(text, gaz.max_tokens):
        if any(a < y and x < b for x, y in taken):
            continue
        word = text[a:b]
        # Attached prepositions and conjunctions (wa-, bi-, li-, fa-) are not part of the name.
        for variant, shift in ((word, 0), (word[1:], 1)):
            if shift and (word[:1] not in "وبلف" or len(word) < 5):
                continue
            ids, _ = gaz.lookup(variant)
            if ids:
                taken.append((a, b))
                found = resolved(text, a + shift, b, ids, "arabic", gaz, quals, context)
                if isinstance(found, str):
                    break
                mentions.append(found)
                break
    for m in _unresolved(text, gaz, taken, quals, [m.end for m in mentions]):
        why = refused.get((m.start, m.end))
        mentions.append(replace(m, reason=why) if why else m)
    # a part of the town named next: the town is the place (before the regions: "Hamra Street in Beirut"
    # leaves Beirut to be read as where it happened, not as the street's qualifier)
    mentions = [m for m in mentions if not part_of_town(text, m.text, m.end)]
    mentions += region_mentions(text, mentions, quals)
    mentions = drop_admin_qualified(text, mentions)
    # a place just before (a district named further on is where something else is: a city told first, then a
    # hill "in the <name> district" outside it; dev p80)
    spans = [(m.start, m.end) for m in mentions] + [(q[0], q[1]) for q in quals]
    mentions = [
        m
        for m in mentions
        if not qualifying_district(
            text, m.start, m.end, any(x < m.start and m.start - y <= 30 for x, y in spans)
        )
    ]
    roles = road_between(text, _with_roles(text, sorted(mentions, key=lambda p: p.start)))
    out = [m for m in roles if not stray_village(m, gaz)]
    return area_qualifiers(out)


# Between a place and the town named to say where it is: "X in Y", "X hill near Y", "X, near the town of Y".
_LOCATOR_GAP = re.compile(
    r"(?:\s+(?!and\b|or\b|then\b|but\b)[a-z]+){0,2}\s*,?\s*(?:near|outside|close\s+to|in)\s+(?:the\s+)?"
    r"(?:(?:town|city|village|district|area)\s+of\s+)?"
)
LOCATOR_KM = 30.0  # a town that locates a site lies within a district's reach of it


def _locates(text: str, prev: PlaceMention, m: PlaceMention) -> bool:
    """Whether `m` is named to say where the locative place just before it is, not as a second place."""
    if prev.role != "locative" or not _LOCATOR_GAP.fullmatch(text, prev.end, m.start):
        return False
    if prev.lat is None or prev.lon is None or m.lat is None or m.lon is None:
        return False
    return km_between(prev.lat, prev.lon, m.lat, m.lon) <= LOCATOR_KM


# "the Jenin town of Qabatiya", "the Gaza Strip town of Beit Lahia": the name says where the next town lies;
# up to two words between ("Strip", "border") but no new phrase ("Jenin and the town of X": two places)
_AREA_OF_TOWN = re.compile(
    r"\s+(?:(?!(?:and|or|the|an?|in|at|near|to|from|on|with)\b)[\w-]+\s+){0,2}?"
    r"(?:town|village|city|camp|refugee\s+camp|suburb|neighbou?rhood)\s+of\s+"
    r"(?:the\s+)?[A-Z]"
)


def _with_roles(text: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """Mark each mention as the event's location, a reference point, or a plain mention (a subject)."""
    out: list[PlaceMention] = []
    for m in mentions:
        before = _POSSESSOR.sub("", text[max(0, m.start - 45) : m.start])  # "in Syria's Sweida"
        if is_origin(text, m.start):
            role = "origin"
        elif in_motive(text, m.start):
            role = "motive"  # "as a reply to Israel's war on Gaza": the reason, not where it happened
        elif _ANCHOR.search(before) or between_towns(text, m.start) or _AREA_OF_TOWN.match(text, m.end):
            role = "anchor"
        elif out and _locates(text, out[-1], m):
            role = "anchor"  # "the Peshkabir field in Zakho", "Tell al-Mal hill near Quneitra": where it is
        elif _LOCATIVE.search(before) or _NEAR.search(before) or m.qualifier and m.match == "unresolved":
            role = "locative"
        elif (
            out
            and out[-1].role == "locative"
            and m.start - out[-1].end <= 40
            and _LIST_CONTINUES.search(text[out[-1].end : m.start])
        ):
            role = "locative"  # "at the Parchin and Khojir complexes", "in A, B and C"
        else:
            role = "mention"
        out.append(replace(m, role=role))
    return out


def _unresolved(
    text: str, gaz: Gazetteer, taken: list[tuple[int, int]], quals: list[Qualifier], resolved_ends: list[int]
) -> list[PlaceMention]:
    """Names introduced like places that the gazetteer lacks; a list of places ("X and Y") continues after
    a resolved place (`resolved_ends`) as after an unresolved one."""
    out: list[PlaceMention] = []
    for a, b in sorted(_spans(text, 5), key=lambda s: (s[0], -(s[1] - s[0]))):
        b = _strip_trailing(text, a, b)
        if any(a < y and x < b for x, y in taken):
            continue
        surface = text[a:b]
        head = text[max(0, a - 60) : a]  # the words before: not all the text (quadratic in a paragraph)
        words = surface.split()
        first = words[0].lower().split("-")[0]
        if words[0].lower() in _NOT_PLACES or first in DEMONYMS or any(w in _MONTHS_DAYS for w in words):
            continue
        if (
            _organisation(surface)
            or names_people(text, b, a)
            or names_goods(text, b)
            or cited_source(text, a, b)
        ):
            taken.append((a, b))  # nor are its words places of their own ("West" of "the West Bank town")
            continue  # "al-Jamaa al-Islamiya", "Druze groups": an organisation or people, not a place
        if in_headline(text, a, b):
            continue  # "Clashes Erupt in Sweida, Endangering Ceasefire": a headline's words
        if any(_ADJ_SUFFIX.search(w) for w in words):
            continue  # "Russian-made", "Iranian-backed": adjectives, not places
        if re.fullmatch(r"[A-Z0-9-]+(?:\s+[A-Z0-9-]+)*", surface) or re.search(r"\baccording\s+to\s+$", head):
            continue  # "SDF", "CENTCOM", "according to X": organisations and sources; "U" of "U.S.", "on X";
            # a ship's name, which reports write in capitals ("fired at the LYCAVITOS")
        if surface in COUNTRIES or surface in _COUNTRY_ALIASES:
            taken.append((a, b))  # "the West Bank": its words are no places of their own ("West")
            continue
        if gaz.admin1_for(surface):
            continue
        qual_after = next(
            (q for q in quals if 0 <= q[0] - b <= 3 and text[b : q[0]].strip() in ("", ",", "(")), None
        )
        last = max((e for e in [*resolved_ends, *(m.end for m in out)] if e <= a), default=None)
        listed = last is not None and a - last <= 12 and _LIST_CONTINUES.search(text[last:a])
        if not (qual_after or listed or _LOCATIVE.search(text[max(0, a - 45) : a])) or _WATER.search(head):
            continue
        taken.append((a, b))
        qual = (qual_after[2], qual_after[3]) if qual_after else qualifier_for(a, b, quals)
        reason = f"{surface!r} reads as a place (after a locative word or before a qualifier) but is not in"
        reason += " the gazetteer"
        reason += f"; falling back to {qual[0]} at region precision" if qual else "; no area to fall back to"
        out.append(
            PlaceMention(
                a, b, surface, None, surface, qual[1] if qual else None, qual[0] if qual else None,
                qualifier=qual[0] if qual else None, match="unresolved", confidence=0.3, reason=reason,
            )
        )  # fmt: skip
    return out
