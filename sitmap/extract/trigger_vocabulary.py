"""Trigger patterns for the ACLED event types the table's first words missed (issue 11, s21-vocab).

Checked against how conflict reporting tells each ACLED event and sub-event type, active, passive, noun
and "came under" (`tests/extract/test_trigger_vocabulary.py`): explosive devices, grenades and suicide
bombs; aircraft as the subject of the strike; projectiles that are aimed, detected or land; battles told
as a noun that "took place"; looting and arson; riots. Read by `trigger_table`, which places them.
"""

from __future__ import annotations

# ACLED's remote explosive/landmine/IED, grenade and suicide bomb. A device is named ("a roadside bomb",
# "an IED", "a landmine", "a grenade") and goes off or is used; "bombing" alone stays the air strike's and
# "mine" alone is left out (the phosphate mine); a bare "bomb" only goes off (bombs that "hit" or "killed"
# are dropped from the air as often as planted). A device only named ("sentenced over a car bomb", "defused a
# roadside bomb") is no event: the noun needs an act; an army that "detonated explosives in houses" destroys
# property (ACLED), so only explosives planted count
_DEVICE = (
    r"(?:(?:roadside|car|truck|motorcycle|suicide(?:\s+car)?|nail|pipe|sticky|magnetic|time)\s+bombs?"
    r"|(?:improvised\s+)?explosive\s+devices?|IEDs?|VBIEDs?|(?:land|anti-personnel\s+|anti-tank\s+)mines?"
    r"|(?:booby[- ]trapped|explosive[- ]laden)\s+(?!drones?\b|UAVs?\b)[\w-]+|(?:hand\s+)?grenades?)"
)
_WENT_OFF = r"(?:exploded|detonated|went\s+off|blew\s+up)"
EXPLOSIVE_DEVICE = (
    rf"\b(?:{_DEVICE}\s+(?:[\w-]+\s+){{0,4}}?(?:{_WENT_OFF}|struck|hit|targeted|killed|wounded|injured)"
    rf"|bombs?\s+(?:[\w-]+\s+){{0,4}}?{_WENT_OFF}"
    r"|(?:roadside|car|suicide(?:\s+car)?)\s+bombings?"
    r"|(?:IED|landmine|land\s+mine|grenade)\s+(?:blasts?|explosions?|attacks?)"
    r"|suicide\s+(?:attacks?(?!\s+drones?)|vests?|belts?)|blew\s+(?:himself|herself|themselves)\s+up"
    r"|(?:stepped\s+on|planted|detonated)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?(?:(?:land)?mines?|bombs?"
    r"|(?:explosive\s+)?devices?|IEDs?)|planted\s+explosives"
    r"|(?:threw|hurled|lobbed|tossed)\s+(?:an?\s+|two\s+|a\s+hand\s+)?(?:hand\s+)?grenades?)\b"
)

# The aircraft as the subject of the strike: "the air force hit compounds", "aircraft levelled buildings",
# "helicopter gunships fired on a convoy" (not "the air force commander said": a verb must follow). Only
# words of time may stand between: any other lets through "did not hit", the aircraft as victim ("a
# helicopter carrying the governor was hit") and "an air force base ... was attacked"; "anti-aircraft" is
# a gun
AIRCRAFT_ACTS = (
    r"(?<![\w-])(?:air\s+force|aircraft(?!\s+carriers?)|helicopters?|(?:helicopter\s+)?gunships?)\s+"
    r"(?:(?:on|early|late|later|overnight|also|again|then|reportedly|\w+day|morning|evening|night|afternoon"
    r"|yesterday|today|\d+)\s+){0,4}?"
    r"(?:hit|struck|bombed|targeted|attacked|pounded|levell?ed|flattened|destroyed|fired\s+(?:on|at|missiles?"
    r"|rockets?))\b"
)

# where projectiles come down: "a rocket landed in", "a missile came down (on Monday) near"; not
# "in the sea" or "the waters round the ship" (a ship attack's misses: the place after is only a landmark)
LANDED = (
    r"(?:landed|fell|came\s+down|slammed|crashed|impacted|exploded)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:in|on|into|near|at|inside|beside|next\s+to|outside)\b(?!\s+the\s+(?:sea|waters?)\b)"
)
# projectiles told without a launcher: salvos or barrages fired or aimed at a place, launches detected,
# projectiles that come down somewhere (a count before them counts one attack's projectiles)
PROJECTILES_TOLD = (
    r"(?:(?:rocket|missile)\s+)?(?:salvos?|barrages?)\s+(?:[\w-]+\s+){0,2}?(?:(?:were|was|had\s+been)\s+)?"
    r"(?:fired|launched|aimed|directed)\s+(?:at|toward|towards|into|on|against)\b"
    r"|(?:missiles?|rockets?|projectiles?)\s+(?:(?:were|was|had\s+been)\s+)?(?:aimed|directed)\s+(?:at|toward|towards)\b"
    r"|(?:(?:missile|rocket)\s+)?launches\s+(?:from\s+(?:[\w-]+\s+){1,3}?)?(?:were|was|had\s+been)\s+"
    r"(?:detected|identified|recorded)\b"
    # (no noun between: the shares of "the missile maker fell on the exchange")
    r"|(?:missiles?|rockets?|projectiles?)\s+(?:(?:also|later|then|reportedly|apparently)\s+)?"
    + LANDED
    + r"|(?:barrage|salvo|volley|wave)s?\s+of\s+(?:\w+\s+)?(?:missiles|rockets|projectiles)\s+"
    r"(?:hit|struck|slammed|landed|fell|targeted)\b"
)

# ACLED's armed clash told as a noun: "fighting took place", "heavy combat broke out", "battles raged",
# "an exchange of fire", "armed confrontations"; a force or post attacked ("the army came under attack",
# "a post was attacked by gunmen": a ship or a base "under attack" is the shipping or strike entries' to tell)
BATTLE_TOLD = (
    # an adjective tells fighting only with "fighting": "heavy combat vehicles", "bitter battles over the
    # budget" are no battle ("combat broke out" is told below with its verb; "clashes" is the table's)
    r"(?:fresh|fierce|heavy|hard|intense|renewed|violent|bitter)\s+fighting"
    r"|(?:fighting|combat|battles?|gunfights?|confrontations?)\s+(?:had\s+|has\s+)?(?:took\s+place|occurred"
    r"|broke\s+out|erupted|raged)"
    r"|exchanges?\s+of\s+(?:gun)?fire|armed\s+confrontations?"
    r"|(?:patrols?|convoys?|checkpoints?|posts?|positions?|troops|soldiers|forces|army|units?)\b[^.;]{0,40}?"
    r"\b(?:(?:was|were|had\s+been)\s+(?:also\s+)?(?:attacked|ambushed)"
    r"|(?:came|come|comes|coming)\s+under\s+(?:an?\s+)?(?:heavy\s+)?(?:attack|assault))\b"
    # a weapon named after it is that weapon's event, as for "came under rocket fire"
    r"(?!\s+(?:by|with|from)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?(?:drones?|UAVs?|missiles?|rockets?|shells"
    r"|mortars?|artillery|jets|warplanes?|aircraft|air\s?strikes?)\b)"
)

# ACLED's looting/property destruction: a building pulled down, property burned or looted ("a burning
# vehicle" is an adjective, no act)
_PROPERTY = (
    r"(?:houses?|homes?|residences?|buildings?|shops?|stores?|cars?|vehicles?|crops?|fields?|farmland"
    r"|propert(?:y|ies)|mosques?|churches?|schools?|structures?|walls?|tents?|sheds?)"
)
DESTROYED = (
    # what is pulled down must be property: "tore down posters" is part of a protest
    rf"(?:pulled|tore|torn|knocked)\s+down\s+(?:[\w-]+\s+){{0,3}}?{_PROPERTY}"
    rf"|{_PROPERTY}\s+(?:were|was|had\s+been)\s+(?:pulled|torn|knocked)\s+down"
    # a fire that burned fields is no one's act ("wildfires burned farmland")
    rf"|(?:(?<!fires\s)(?<!fire\s)burn(?:ed|t)|torch(?:ed|ing)|set\s+fire\s+to|set\s+alight)\s+(?:[\w-]+\s+){{0,3}}?{_PROPERTY}"
    r"|loot(?:ed|ing)"
)

# ACLED's riots (violent demonstration, mob violence)
RIOT = (
    r"\b(?:riot(?:ed|ing|s|ers)?(?!\s+(?:police|gear|squads?|control|units?))|mobs?\s+(?:\w+\s+){0,2}?(?:attacked|stormed|torched|burned|set\s+fire)"
    r"|(?:threw|throwing|hurled|hurling|pelted)\s+(?:\w+\s+)?(?:stones|rocks|molotov\s+cocktails|petrol\s+bombs))\b"
)
