"""The words around a name that say whether it is a place, and what kind of mention it is.

Lists and patterns read by `extract.places`: capitalised words that are never places, organisation words,
locative / near / anchor / origin cues.
"""

from __future__ import annotations

import re

from sitmap.reference.countries import COUNTRIES, find_countries, introduced_as
from sitmap.reference.names import normalise_name

# Capitalised words that start sentences or name organisations, never places on their own.
_NOT_PLACES = {
    "the", "a", "an", "this", "that", "these", "local", "israeli", "iranian", "syrian", "russian", "us",
    "u.s", "un", "idf", "irgc", "undof", "unifil", "reuters", "bloomberg", "ctp-isw", "isw", "ctp",
    "western", "eastern", "northern", "southern", "central", "according", "israel", "iran", "syria",
    # compound directions ("Raid in Southwestern Syria"): a part of a country, not a place's name
    "southwestern", "southeastern", "northwestern", "northeastern",
    "south-western", "south-eastern", "north-western", "north-eastern",
    "hezbollah", "houthis", "houthi", "hamas", "army", "forces", "province", "governorate", "district",
    "sources", "officials", "on", "in", "at", "and", "but", "after", "before", "during", "while", "he",
    "she", "they", "it", "we", "night", "morning", "evening", "unnamed",
    # a kind of place, capitalised after a name ("Tafs City"), is no place of its own
    "city", "town", "village", "camp", "neighborhood", "neighbourhood", "area", "region",
    # continents: "the longer route around Africa" names no place an event can be pinned to
    "africa", "europe", "asia",
}  # fmt: skip
# Goods and substances that reports capitalise ("seized Captagon pills"): things seized, not places
SUBSTANCES = (
    "captagon",
    "hashish",
    "cannabis",
    "marijuana",
    "heroin",
    "cocaine",
    "methamphetamine",
    "tramadol",
)
_NOT_PLACES |= set(SUBSTANCES)
GOODS = (
    r"(?:pills|tablets|capsules|drugs|narcotics|weapons|arms|ammunition|munitions|explosives|shipments?"
    r"|consignments?|cargo|" + "|".join(SUBSTANCES) + ")"
)
# ... and a weapon's model: a name with its model number ("the Hermes 450 drone")
_MODEL_AFTER = (
    r"|\s+\d{2,4}\s+(?:drones?|UAVs?|aircraft|jets?|planes?|helicopters?|missiles?|rockets?|tanks?"
    r"|systems?|launchers?)\b"
)
_GOODS_AFTER = re.compile(r"\s+(?:[a-z]+\s+)?" + GOODS + r"\b" + _MODEL_AFTER)
# ... and those of the countries whose ships and forces the reports name from outside the region ("the
# British ship", "French jets"): adjectives, never a place's name
DEMONYMS = {d.lower() for _, ds in COUNTRIES.values() for d in ds} | {
    "british", "french", "german", "italian", "greek", "dutch", "chinese", "indian", "european", "emirati",
    "qatari", "kuwaiti", "bahraini", "omani", "sudanese", "libyan", "kurdish",
    # communities named as parties to fighting ("between Bedouin Arabs and Druze fighters")
    "bedouin", "bedouins", "druze", "alawite", "alawites", "arabs", "kurds", "yazidi", "yazidis",
}  # fmt: skip
# A capitalised word ending in -ing ("Endangering", "Regarding") is English, so a capitalised run holding
# one is a headline's words, not a place's name.
_HEADLINE_WORD = re.compile(r"[A-Z][a-z]{3,}ing")
_CAPITALISED_BEFORE = re.compile(r"(?:[A-Z][\w'’]*(?:-[\w'’]+)*,?\s+)*$")
_CAPITALISED_AFTER = re.compile(r"(?:,?\s+[A-Z][\w'’]*(?:-[\w'’]+)*)*")


def in_headline(text: str, a: int, b: int) -> bool:
    """Whether the name at text[a:b] lies in a run of capitalised words holding an English -ing word
    ("Clashes Erupt in Sweida, Endangering Ceasefire"; "Statement on Ship Attack Regarding the ship")."""
    before = _CAPITALISED_BEFORE.search(text[max(0, a - 80) : a])
    after = _CAPITALISED_AFTER.match(text, b)
    run = f"{before.group(0) if before else ''}{text[a:b]}{after.group(0) if after else ''}"
    return any(_HEADLINE_WORD.fullmatch(w.strip(",")) for w in run.split())


_ADJ_SUFFIX = re.compile(
    r"-(?:made|backed|led|linked|aligned|affiliated|controlled|held|based|run|flagged|owned|operated)$", re.I
)  # ... and a ship's flag or owner ("the US-flagged oil tanker")
_WATER = re.compile(r"\b(?:Gulf|Bay|Strait|Straits|Sea|Lake|Port|University|Governor|Battle)\s+of\s+$")
# Words that introduce a place and never a person ("to", "from", "against", "between" and "targeted" take
# people as well): one list, read by `_LOCATIVE` and by `_PLACE_ONLY_CUE`; a verb in either form ("shelled",
# "responded by shelling").
_PLACE_ONLY_WORDS = (
    r"in|at|near|outside|inside|into|entered|entering|raided|raiding|stormed|storming|shelled|shelling"
)
_LOCATIVE = re.compile(
    r"(?:\b(?:(?:(?<![^.;:]\s)(?:In|At|Near|Outside|Inside|Around))|"  # opening a sentence or clause
    + _PLACE_ONLY_WORDS
    + r"|on|around|toward|towards|through|from|to|against|"
    r"patrolled|struck|targeted|bombed|captured|seized|visited|reached|hit|between|linking|connecting|"
    # "into a Quneitra village": the indefinite after "into" only (after "in", "at" ... it let in names of
    # people and groups: "in a Hezbollah ...")
    r"villages? of|towns? of|settlements? of|neighbou?rhoods? of|city of|hill of|areas? of|"
    r"into\s+an?)\s+(?:the\s+)?"
    r"(?:(?:(?:[a-z]+\s+)?region|villages?|towns?|localit(?:y|ies)|city|hill|area|port|"
    r"outskirts|edges?|countryside|vicinity|suburbs|centre|center|district|outpost|middle|heart|hills|"
    r"mountains|entrance)\s+of\s+(?:the\s+)?)?"
    # "hit Israeli positions including A, B and C": the targets listed are the places
    r"|\b(?:positions|sites|targets|bases|posts|villages|towns|localities)\s+(?:including|such\s+as)\s+)$"
)
# A list of places going on ("Nawa, Jasim and Tafas"), and a possessor before a province ("in Syria's
# Sweida province": still "in" it).
_LIST_CONTINUES = re.compile(r"(?:,|\band|\bor)\s+(?:the\s+|in\s+|at\s+)?$")
_POSSESSOR = re.compile(r"\b[A-Z][\w-]*['’]s\s+$")
_NEAR = re.compile(
    r"\b(?:near|outside|around|close to|on the outskirts of|in the vicinity of|in the countryside of)\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
_ANCHOR = re.compile(
    r"\b(?:(?:north|south|east|west)(?:east|west)?(?:ern)?\s+of|(?:kilomet(?:er|re)s?|km|miles?)\s+"
    r"(?:\w+\s+){0,2}(?:of|from)|(?:road|highway|route|way)\s+(?:to|from|between))\s+(?:the\s+)?"
    r"(?:(?:village|town|city)\s+of\s+)?$",  # "north of the town of Khiam": a bearing, not the place
    re.IGNORECASE,
)
# A place described as lying between two towns ("Mazraat X, a town of Nabatieh governorate between Sidon and
# Tyre"): the towns locate it, as a bearing does
_BETWEEN_TOWNS = re.compile(
    r"\b(?:town|village|city|locality|hamlet|located|situated|lying|lies)\b[^.;:()]{0,50}?\bbetween\s+"
    r"(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?\s+and\s+)?$"
)


def between_towns(text: str, start: int) -> bool:
    """Whether the name at `start` is one of two towns named to say where a place lies (`_BETWEEN_TOWNS`)."""
    return bool(_BETWEEN_TOWNS.search(text[max(0, start - 90) : start]))


# A place that is where someone or something came from or was heading, not where the event happened:
# an origin, a person's home town ("four men from X"), where the detained or wounded were taken ("transferred
# them to a prison in X"), where a force set out from ("advanced from X"). Where it advanced towards is the
# incursion's place, as the labels read it (an unplaced incursion lost a labelled place on a held-out batch).
PEOPLE = (  # people an event happens to (types: who was "held")
    r"\b(?:man|men|woman|women|youths?|boys?|girls?|child(?:ren)?|civilians?|residents?|shepherds?|farmers?"
    r"|citizens?|individuals|persons?|people|villagers?|brothers?|famil(?:y|ies)|pair|detainees?|suspects?)\b"
)
_ORIGIN = re.compile(
    r"(?:\b(?:came|come|comes|coming|hails?|hailed|fired|launched|sent|cross(?:ed|es|ing)?|flown|originat\w+|"
    r"smuggled|fled|returned|advanc(?:ed|ing)|moved|moving|progress(?:ed|ing))\s+(?:\w+\s+){0,3}?from"
    r"|" + PEOPLE + r"\s+from|\bnative\s+of|\bhome\s*town\s+(?:of|was)"
    r"|\b(?:was|were|is|are)\s+(?:originally\s+)?from"  # "he was from X": where a person comes from
    r"|\b(?:taken|transferr(?:ed|ing)|brought|rushed)\s+(?:\w+\s+){0,3}?to(?:\s+(?:an?\s+)?(?:\w+\s+){0,2}?(?:in|at|near))?"
    r"|\btook\s+(?:\w+\s+){1,3}?to(?:\s+(?:an?\s+)?(?:\w+\s+){0,2}?(?:in|at|near))?"
    r"|\b(?:heading|headed|bound|sailing|flying|flew|travell?ing|en\s+route|on\s+(?:its|their|the)\s+way)\s+(?:for|to|toward|towards|in\s+the\s+direction\s+of)"
    r"|\b(?:belong(?:ed|ing|s)?|loyal|affiliated|allied|linked|hostile|opposed)\s+(?:to|with))\s+(?:the\s+)?"
    # the words of the origin's name, not a target after it: "fired from Lebanon at X", "toward X"
    r"(?:(?!(?:at|on|toward|towards|into|against)\b)\w+\s+){0,2}?$",
    re.IGNORECASE,
)
# Words that make a capitalised name an organisation, not a place ("al-Jamaa al-Islamiya", "Popular Front").
_ORG_WORDS = {
    "islamiya", "islamiyya", "islamiyah", "brigade", "brigades", "front", "party", "movement", "council",
    "ministry", "observatory", "agency", "network", "organisation", "organization", "committee",
    "resistance", "guard", "guards", "corps", "army", "forces", "company", "channel", "tv", "news", "media",
    "broadcaster", "group", "brotherhood", "battalion", "battalions", "jamaa", "jabhat", "harakat",
    "liwa", "saraya", "state", "staff", "command", "headquarters",
}  # fmt: skip


# Given names and family names of public figures that are also names of villages in the village-scale
# table ("a letter to Abbas", "talks between Sharaa and ..."): such a village needs a cue that only a place
# takes (`village_named_like_a_person`). Folded with `normalise_name` when compared.
_PERSON_NAMES = {
    "abbas", "ali", "hassan", "hussein", "omar", "umar", "mahmoud", "khaled", "khalid", "ahmad", "ahmed",
    "mohammed", "muhammad", "mustafa", "ibrahim", "yusuf", "youssef", "saleh", "salem", "salim", "said",
    "nasser", "jamal", "karim", "rami", "fares", "adnan", "jaber", "amer", "sharaa", "shara", "assad",
    "hamza", "bilal", "suleiman", "khalil", "nabil", "walid", "maher", "sami", "samir", "tarek", "issa",
    "musa", "sultan", "qassem", "nasrallah", "haniyeh", "sinwar", "jolani",
}  # fmt: skip
# Cues that introduce a place and not a person: the words above, "village of", "outskirts of" ...
_PLACE_ONLY_CUE = re.compile(
    r"\b(?:" + _PLACE_ONLY_WORDS + r"|(?:village|town|hamlet|outskirts)"
    r"\s+of)\s+(?:the\s+)?(?:(?:village|town|outskirts|countryside|vicinity)\s+of\s+)?$",
    re.IGNORECASE,
)


_PERSON_KEYS = frozenset(normalise_name(n) for n in _PERSON_NAMES)


def village_named_like_a_person(surface: str, text: str, start: int) -> bool:
    """A village-scale name that is also a person's ("Abbas", "Sharaa") without a place-only cue before it."""
    before = text[max(0, start - 45) : start]
    return normalise_name(surface) in _PERSON_KEYS and not _PLACE_ONLY_CUE.search(before)


# Words after a name that make it an adjective of people ("Druze groups", "Bedouin tribes"), not a place.
_PEOPLE_AFTER = re.compile(
    r"\s+(?:groups?|tribes?|tribal|tribesmen|fighters?|militias?|militiamen|gunmen|clans?|factions?|"
    r"members?|leaders?|elders?|residents?|famil(?:y|ies)|communit(?:y|ies)|civilians|youths?|notables|"
    r"dignitaries|sheikhs?|armed\s+groups?)\b",
    re.IGNORECASE,
)


# The words that name an earlier event as the reason for this one ("in retaliation for", "in the aftermath
# of"): read here for places and by `extract.filters` for triggers (the one motive rule).
# ("reply" and "answer" only after "in" / "as a": "did not reply to a request for comment on the strike"
# names no motive, and took a held-out batch's event)
MOTIVE_NOUNS = r"(?:response|retaliation|revenge|reprisal|aftermath)"
# The reason an event was carried out, named before a place: "as a reply to Israel's war on Gaza",
# "in solidarity with Gaza", "in the immediate aftermath of a rocket strike in X". The place belongs to the
# motive, not to the event.
_MOTIVE = re.compile(
    r"\b(?:in|as\s+an?)\s+(?:the\s+)?(?:immediate\s+)?"
    r"(?:" + MOTIVE_NOUNS + r"|reply|answer|solidarity|support)\s+(?:to|for|with|of)\b[^,;:.()]{0,60}$",
    re.IGNORECASE,
)


def in_motive(text: str, start: int) -> bool:
    """Whether the name at `start` is inside a clause naming the event's motive ("in response to ...")."""
    return bool(_MOTIVE.search(text[max(0, start - 90) : start]))


# "the Druze town", "a Christian village": a people's name before a settlement noun, after an article
_SETTLEMENT_AFTER = re.compile(r"\s+(?:towns?|villages?|city|cities|hamlets?)\b")
_ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an)\s+$", re.IGNORECASE)


def names_people(text: str, end: int, start: int | None = None) -> bool:
    """Whether the name ending at `end` qualifies people ("Druze groups", "Bedouin tribes"), or, starting at
    `start`, the people of a settlement ("rockets targeting the Druze town")."""
    if _PEOPLE_AFTER.match(text, end):
        return True
    return start is not None and bool(
        _SETTLEMENT_AFTER.match(text, end) and _ARTICLE_BEFORE.search(text[max(0, start - 8) : start])
    )


def names_goods(text: str, end: int) -> bool:
    """Whether the name ending at `end` is a brand of goods ("Captagon pills", "Kornet missiles" aside) or a
    weapon's model ("the Hermes 450 drone")."""
    return bool(_GOODS_AFTER.match(text, end))


def in_organisation_name(text: str, start: int) -> bool:
    """Whether the name at `start` ends an organisation's name ("Islamic Resistance in Iraq")."""
    before = re.search(r"\b([A-Z][\w-]*)\s+(?:in|of|for)\s+(?:the\s+)?$", text[max(0, start - 40) : start])
    return before is not None and before.group(1).lower() in _ORG_WORDS


def possessed_organisation(text: str, end: int) -> bool:
    """ "Iran's Revolutionary Guards", "Syria's defence ministry": a country owning an actor, not a place."""
    m = re.match(r"['’]s\s+((?:[\w-]+\s+){0,2}[\w-]+)", text[end:])
    return m is not None and any(w.lower() in _ORG_WORDS | _FORCE_WORDS for w in m.group(1).split())


_FORCE_WORDS = {"troops", "soldiers", "military", "navy", "police", "government", "officials", "leaders"}


# Other clauses' places that are not where the event happened: where a warning sounded ("and sirens sounded
# in X"), where a force went after it ("then withdrew towards X"), a statement of intent ("said it would
# respond from X"), where a source spoke, troops stay or talks were held, where people fled.
_SIREN = (
    r"\bsirens?\s+(?:\w+\s+){0,2}?(?:sounded|sounding|went\s+off|going\s+off|wailed|blared|rang"
    r"|were\s+(?:activated|triggered|heard))"
    r"|\b(?:(?:set|sets|setting)\s+off|triggered|triggering|activated|activating|activation\s+of)"
    r"\s+(?:[\w-]+\s+){0,2}?sirens?"
)
_NOT_WHERE = re.compile(
    rf"(?:(?:{_SIREN})\s+(?:\w+\s+){{0,3}}?(?:in|across|over|at)"
    r"|\b(?:withdr[ae]wn?|withdrawing|retreat(?:ed|ing)?|pulled\s+back|pulling\s+back)\s+(?:\w+\s+){0,2}?"
    r"(?:to|towards?|into)"
    r"|\b(?:would|will|vow(?:ed|s)\s+to|threaten(?:ed|s)\s+to)\s+(?:\w+\s+){1,3}?(?:from|in|at|on|to|towards?)"
    # where a source spoke ("the spokesman said in X"), where troops stay, where talks were held
    r"|\b(?:(?:said|speaking|spoke)(?:\s+on\s+\w+)?|told\s+\w+)\s+(?:in|from)"
    r"|\b(?:reported|reporting|reports|writing|wrote)\s+from"  # "TASS reported from Tel Aviv": the reporter's
    # ("troops who remain in X blew up houses": a relative clause tells where the actors are: there)
    r"|(?<!\bwho\s)(?<!\bthat\s)(?<!\bwhich\s)\b(?:remains?|remained|stays?|stayed)\s+(?:\w+\s+){0,2}?(?:in|at|on)"
    r"|\b(?:after|before|following|ahead\s+of|amid)\s+(?:\w+\s+){0,3}?(?:talks|meetings?|summit|conference"
    r"|negotiations|visit)\s+(?:\w+\s+){0,2}?(?:in|at|to)"
    # where people fled to or were displaced from
    r"|\b(?:fled|fleeing|flee|evacuated)\s+(?:\w+\s+){0,3}?(?:to|towards?|into)"
    r"|\b(?:displaced|evacuated|fleeing)\s+(?:\w+\s+){0,2}?from)"
    r"\s+(?:the\s+)?(?:\w+\s+)?$",
    re.IGNORECASE,
)


def is_origin(text: str, start: int) -> bool:
    """Whether the name at `start` is an origin or destination ("came from X", "heading to X"), or another
    clause's place that is not where anything happened (`_NOT_WHERE`)."""
    before = text[max(0, start - 60) : start]
    return bool(_ORIGIN.search(before) or _NOT_WHERE.search(before))


def _organisation(surface: str) -> bool:
    words = re.split(r"[\s-]+", surface.lower())
    return any(w.strip("'’") in _ORG_WORDS for w in words)


def country_locations(text: str) -> list[tuple[int, int, str, str]]:
    """Countries named as where something happened: not an origin or destination ("crossed from Syria"),
    not in a motive ("in response to an attack on Israel"), not part of an actor's name ("Islamic Resistance
    in Iraq", "Iran's Revolutionary Guards")."""
    return [
        c
        for c in find_countries(text)
        if not is_origin(text, c[0])
        and not in_motive(text, c[0])  # "in response to militants crossing into Israel": the motive's
        and not in_organisation_name(text, c[0])
        and not possessed_organisation(text, c[1])
    ]


_DISTRICT_AFTER = re.compile(  # "Bint" of "Bint Jbeil district" where "Jbeil district" read as a qualifier
    r"(?:\s+[A-Z][\w'’-]*){0,2}\s+(?i:district|sub-?district|county|municipality)\b"
)


_LISTED = re.compile(r"\b(?:and|or)\s+(?:the\s+)?$")


def qualifying_district(text: str, start: int, end: int, earlier_place: bool) -> bool:
    """ "a car was hit in Kafra, in the Bint Jbeil district": a district named after a place qualifies it;
    one listed after it is another place ("in the A district in B and the C district", dev p80)."""
    listed = _LISTED.search(text[max(0, start - 10) : start])
    return earlier_place and not listed and bool(_DISTRICT_AFTER.match(text, end))


def introduced_as_a_city(text: str, start: int) -> bool:
    """ "the city of Sweida": the text calls the name a city, so it is the city, not its namesake province."""
    introduced = introduced_as(text, start)
    return introduced is not None and introduced[0] in ("city", "town")


# "the al-Zahra quarter of Tyre", "a busy neighbourhood in western Mosul": a quarter of a
# town is located by the town (a same-named village elsewhere is no match)
QUARTER_OF = re.compile(r"\s+(?:neighbou?rhoods?|quarters?)\s+(?:of|in)\b", re.IGNORECASE)
# ... and "Piroozi Street in eastern Tehran", "Hamra Street in Beirut": a street named with its town
_STREET = re.compile(r"\s(?:Street|St|Avenue|Boulevard|Square)$")
_IN_TOWN = re.compile(
    r"\s+(?:in|of)\s+(?:the\s+)?(?:(?:north|south|east|west|central)\w*\s+(?:of\s+)?)?[A-Z]"
)


def part_of_town(text: str, surface: str, end: int) -> bool:
    """Whether the name ending at `end` is a quarter or a street of the town named next (`QUARTER_OF`)."""
    return bool(QUARTER_OF.match(text, end) or (_STREET.search(surface) and _IN_TOWN.match(text, end)))
