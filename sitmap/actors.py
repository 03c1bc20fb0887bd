"""The actor table: every armed force, group and state sitmap names, declared once.

Each entry gives the canonical name event files store, its other names (aliases, spellings), the demonyms
that name it before a forces word ("Israeli soldiers", "Houthi drone") and the state whose forces it is
("Israel's army"). Search groups (`sitmap.vocabulary.ACTOR_ALIASES`) and the extractor's patterns
(`sitmap.extract.actors`) are derived from it. Affiliation (friend/hostile) is not here: it is the
analyst's choice, set per map (`sitmap.symbology`).
"""

from __future__ import annotations

from dataclasses import dataclass

# What follows a demonym when it names a force ("Israeli soldiers", "a Houthi drone", "US warplanes").
FORCE_NOUNS = (
    "forces", "troops", "soldiers", "army", "military", "units?", "tanks?", "infantry", "bulldozers?",
    "patrols?", "convoys?", "positions?", "outposts?", "fighters?", "militias?", "gunmen", "militants",
    "drones?", "UAVs?", "gunboats?", "navy", "warships?", "vessels", "artillery", "snipers?",
    "strikes?", "airstrikes?", "air[ -]?raids?", "air attacks?", "attacks?", "shelling", "fire",
    "missile fire", "missiles?", "rockets?", "border guards?", "guards?", "security forces", "special forces",
    # what a force fires, by its demonym: "Israeli bombardment", "Turkish shells", "Syrian air defences"
    "bombardment", "bombing", "bombs?", "shells?", "air defen[cs]es?",
)  # fmt: skip
# The same for an air force: what only aircraft do.
AIR_NOUNS = (
    "warplanes?", "aircraft", "jets?", "fighter jets?", "helicopters?", "air force", "planes?", "F-16s?",
    "F-35s?",
)  # fmt: skip
# Every state's forces are told by their aircraft too ("Turkish warplanes", "Iraqi F-16s", "Russian jets");
# Israel's have their own actor for them (the Israeli Air Force).
STATE_NOUNS = (*FORCE_NOUNS, *AIR_NOUNS)
# What a people's armed men are called ("Druze fighters", "Bedouin gunmen"): not their drones or army.
GROUP_NOUNS = ("fighters?", "gunmen", "groups?", "militias?", "militiamen", "factions?", "tribes?", "clans?")


@dataclass(frozen=True)
class Actor:
    """One actor: its canonical name and every way a report names it."""

    name: str  # as event files store it (kept stable: stored events and searches use it)
    aliases: tuple[str, ...] = ()  # other names, matched as whole words; ALL-CAPS ones case-sensitively
    demonyms: tuple[str, ...] = ()  # "Israeli": a demonym before one of `nouns` names this actor
    nouns: tuple[str, ...] = FORCE_NOUNS  # regular expressions of the words after a demonym
    state: str | None = None  # the state whose forces these are: "Israel's army"; searched together
    kind: str = "force"  # force | group | state | people (people and states never continue a story)


ACTORS: tuple[Actor, ...] = (
    Actor(
        "Israeli Air Force",
        ("Israeli Air Force", "IAF", "Israeli Air Force jets"),
        ("Israeli",),
        AIR_NOUNS,
        state="Israel",
    ),
    Actor(
        "Israel Defense Forces",
        (
            "IDF",
            "Israel Defense Forces",
            "Israel Defence Forces",
            "Israeli forces",
            "Israeli army",
            "Israeli military",
            "Israeli soldiers",
            "Israeli troops",
            "Tsahal",
            "IOF",  # "Israeli Occupation Forces (IOF)": Jordanian and Syrian outlets' name for the army
            "Israeli occupation forces",
        ),
        ("Israeli",),
        state="Israel",
    ),  # fmt: skip
    Actor("Kataib Hezbollah", ("Kataib Hezbollah", "Kata'ib Hezbollah", "Kataeb Hezbollah"), kind="group"),
    # Iraq's armed factions claim their attacks under this name since October 2023; "Iraqi militias" are
    # not the Iraqi state's forces (the demonym below would make them so)
    Actor(
        "Islamic Resistance in Iraq",
        (
            "Islamic Resistance in Iraq",
            "Islamic Resistance of Iraq",
            "Iraqi militias",
            "Iraqi militia",
            "Iraqi armed factions",
            "Iraqi factions",
            "Iraqi armed groups",
        ),
        kind="group",
    ),  # fmt: skip
    Actor(
        "Hezbollah",
        # "the Lebanese resistance (fighters)": Iranian and Lebanese outlets' name for it (not the Lebanese
        # army, which the demonym before "fighters" would make it)
        (
            "Hezbollah",
            "Hizballah",
            "Hizbullah",
            "Lebanese Hezbollah",
            "Islamic Resistance in Lebanon",
            "Lebanese resistance fighters",
            "Lebanese resistance movement",
            "Lebanese resistance",
        ),
        ("Hezbollah", "Hizballah"),
        kind="group",
    ),
    Actor("Hamas", ("Hamas", "Qassam Brigades", "al-Qassam Brigades"), ("Hamas",), kind="group"),
    Actor(
        "Houthis (Ansar Allah)",
        ("Houthis", "Houthi", "Ansar Allah", "Houthi rebels", "Huthis", "Huthi"),  # AFP spells "Huthi"
        ("Houthi", "Huthi"),
    ),
    Actor(
        "Islamic Revolutionary Guard Corps",
        (
            "Islamic Revolutionary Guard Corps",
            "Islamic Revolutionary Guards Corps",
            "IRGC",
            "Revolutionary Guards",
            "Revolutionary Guard",
            "Sepah",
            "Pasdaran",
        ),
        state="Iran",
    ),  # fmt: skip
    # Iran's forces at large ("Iranian drones", "Iranian forces"): the IRGC when a report names it
    Actor(
        "Iranian armed forces",
        ("Iranian armed forces", "Iranian army", "Artesh"),
        ("Iranian",),
        STATE_NOUNS,
        state="Iran",
    ),
    Actor(
        "Iran-backed militias",
        (
            "Iran-backed militias",
            "Iran-backed forces",
            "Iran-backed fighters",
            "Iranian-backed militias",
            "Iranian-backed forces",
            "Iranian-backed fighters",
            "Iran-backed groups",
            "pro-Iran militias",
        ),
        kind="group",
    ),  # fmt: skip
    Actor(
        "Popular Mobilization Forces",
        (
            "Popular Mobilization Forces",
            "Popular Mobilisation Forces",
            "Popular Mobilization Units",
            "PMF",
            "PMU",
            "Hashd al-Shaabi",
            "al-Hashd al-Shaabi",
            "Hashd",
        ),
    ),
    # "ISIS remnants", "Islamic State cells": the group's name is in them
    Actor("Islamic State", ("Islamic State", "ISIS", "ISIL", "Daesh", "ISIS-K"), kind="group"),
    # The YPG leads the SDF; "Kurdish-led forces" is how agency copy names the SDF (the Asayish, the same
    # Autonomous Administration's internal security, are theirs only in Syria: `LOCAL_NAMES`).
    Actor(
        "Syrian Democratic Forces",
        (
            "Syrian Democratic Forces",
            "SDF",
            "QSD",
            "YPG",
            "People's Protection Units",
            "Kurdish-led forces",
            "Kurdish-led fighters",
        ),
    ),
    # Other groups of the region, as ACLED's actor names call them (in our words): al-Qaeda with its Yemeni
    # branch (AQAP) and its Syrian one (Hurras al-Din); the PKK (Turkey's war in northern Iraq); Jaish al-Adl
    # (Sistan-Baluchestan); the Kurdistan Region's Peshmerga.
    Actor(
        "Al-Qaeda",
        (
            "al-Qaeda",
            "al-Qaida",
            "Al Qaeda",
            "AQAP",
            "Al-Qaeda in the Arabian Peninsula",
            "al-Qaida in the Arabian Peninsula",
            "Hurras al-Din",
            "Hurras al-Deen",
        ),
        kind="group",
    ),
    Actor(
        "Kurdistan Workers' Party",
        ("Kurdistan Workers' Party", "Kurdistan Workers Party", "PKK"),
        ("PKK",),
        GROUP_NOUNS,
        kind="group",
    ),
    Actor("Jaish al-Adl", ("Jaish al-Adl", "Jaish ul-Adl", "Jaysh al-Adl", "Jaish al-Adel"), kind="group"),
    Actor("Peshmerga", ("Peshmerga", "Kurdish Peshmerga", "Peshmerga forces")),
    # The Kurdistan Region's security service (Iraq); in Syria the name is the SDF's (`LOCAL_NAMES`)
    Actor("Kurdistan Region Asayish", ("Asayish", "Asayesh", "Asaish")),
    Actor("Hay'at Tahrir al-Sham", ("Hay'at Tahrir al-Sham", "HTS", "Tahrir al-Sham"), kind="group"),
    Actor(
        "Syrian government forces",
        (
            "Syrian government forces",
            "Syrian transitional government forces",
            "Syrian Arab Army",
            "SAA",
            "Syrian army",
            "Syrian regime forces",
            "Syrian military",
            "Syrian troops",
            "General Security",
            "government troops",
        ),
        ("Syrian",),
        STATE_NOUNS,
        state="Syria",
    ),  # fmt: skip
    Actor("Syrian National Army", ("Syrian National Army", "SNA", "Turkish-backed factions")),
    Actor(
        "Iraqi security forces",
        ("Iraqi security forces", "Iraqi army", "Iraqi forces"),
        ("Iraqi",),
        STATE_NOUNS,
        state="Iraq",
    ),
    Actor(
        "Lebanese Armed Forces",
        ("Lebanese Armed Forces", "LAF", "Lebanese army"),
        ("Lebanese",),
        state="Lebanon",
    ),
    Actor(
        "Jordanian Armed Forces",
        ("Jordanian Armed Forces", "Jordanian army"),
        ("Jordanian",),
        STATE_NOUNS,  # its air force strikes smugglers in Syria and downs drones
        state="Jordan",
    ),
    # a coalition's forces as reports name them: the US-led one against the Islamic State (its bases in Iraq
    # and Syria), the naval one guarding Red Sea shipping; the Saudi-led one in Yemen is another actor
    Actor("Saudi-led coalition", ("Saudi-led coalition", "Saudi-led coalition forces", "Arab coalition")),
    Actor(
        "Coalition forces",
        (
            "coalition forces",
            "US-led coalition",
            "U.S.-led coalition",
            "global coalition",
            "international coalition",
            "anti-ISIS coalition",
            "coalition against the Islamic State",
            "coalition against ISIS",
        ),
    ),  # fmt: skip
    Actor("UNDOF", ("UNDOF", "United Nations Disengagement Observer Force")),
    Actor("UNIFIL", ("UNIFIL",)),
    Actor(
        "Turkish forces",
        ("Turkish forces", "Turkish army", "Turkish military"),
        ("Turkish",),
        STATE_NOUNS,
        state="Turkey",
    ),
    Actor("Russian officials", ("Russian weapons experts", "Russian officials", "Russian delegation")),
    Actor(
        "Russian forces",
        (
            "Russian forces",
            "Russian Armed Forces",
            "Russian military",
            "Russian military police",
            "Russian contractors",
            "Russian mercenaries",
        ),
        ("Russian",),
        STATE_NOUNS,
        state="Russia",
    ),  # fmt: skip
    Actor(
        "US forces",
        ("US forces", "US military", "United States forces", "U.S. forces", "CENTCOM", "US Navy"),
        ("US", "U.S.", "American", "United States"),
        STATE_NOUNS,
        state="United States",
    ),
    Actor(
        "UK forces",
        ("UK forces", "British forces", "British military", "Royal Navy", "RAF"),
        ("British", "UK"),
        STATE_NOUNS,
        state="United Kingdom",
    ),
    # Only men under arms: "Druze groups" and "factions" also name communities and parties, and adding them
    # cost held-out precision (evaluation/README.md).
    Actor(
        "Druze armed groups",
        # Sweida's largest Druze militia by its English and Arabic names
        ("Druze armed groups", "Men of Dignity", "Rijal al-Karama"),
        ("Druze",),
        ("fighters?", "gunmen", "militias?", "militiamen"),
        kind="group",
    ),
    Actor(
        "Bedouin tribes",
        ("Bedouin tribes", "tribal fighters", "tribal gunmen", "tribal forces"),
        ("Bedouin",),
        GROUP_NOUNS,
        kind="group",
    ),
    Actor(
        "Unidentified armed group",
        (
            "gunmen",
            "unidentified gunmen",
            "unknown gunmen",
            "masked gunmen",
            "armed men",
            "assailants",
            "unidentified assailants",
        ),
        # "unidentified fighters", "Unknown attackers": whoever it was, the report does not know
        ("unidentified", "Unidentified", "unknown", "Unknown"),
        ("gunmen", "fighters", "attackers", "assailants", "militants", "armed men", "armed groups?"),
        kind="group",
    ),  # fmt: skip
    Actor("Smugglers", ("smugglers", "smuggling gangs", "drug smugglers"), kind="group"),
    Actor("Local fighters", ("armed locals", "local fighters", "local gunmen"), kind="group"),
    Actor("Residents", ("residents", "villagers", "locals", "protesters", "demonstrators"), kind="people"),
    # States, for what a state did as a whole ("Israel struck", "Iran test-fired").
    Actor("Israel", ("Israel",), kind="state"),
    Actor("Iran", ("Iran", "Tehran"), kind="state"),
    Actor("Russia", ("Russia", "Moscow", "the Kremlin"), kind="state"),
    Actor("United States", ("the United States", "Washington"), kind="state"),
)

ACTOR_BY_NAME: dict[str, Actor] = {a.name: a for a in ACTORS}


def alias_groups() -> tuple[tuple[str, ...], ...]:
    """Each actor's names, canonical first, and its state's: a search for any finds events naming any."""
    return tuple(tuple(dict.fromkeys((a.name, *a.aliases, *((a.state,) if a.state else ())))) for a in ACTORS)


# A name two forces share, told apart by the country the event is in: the Asayish of north-east Syria are
# the SDF's Autonomous Administration's, those of Iraq's Kurdistan Region a service of their own.
LOCAL_NAMES: dict[str, dict[str, str]] = {"Kurdistan Region Asayish": {"Syria": "Syrian Democratic Forces"}}


def local_name(name: str, country: str | None) -> str:
    """The actor `name` stands for in `country` (itself unless the name is shared)."""
    return LOCAL_NAMES.get(name, {}).get(country or "", name)
