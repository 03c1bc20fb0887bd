"""The words event triggers are built of: weapons, volleys, vessels, projectiles told as the subject, who
strikes from the air, whom violence against civilians hits (read by `types`; MUNITIONS_TOLD by `filters`)."""

from __future__ import annotations

import re

WEAPON = r"(?:missiles?|drones?|weapons|arms|munitions|rockets|ammunition|UAVs?)"
VOLLEY = r"(?:(?:swarm|wave|barrage|salvo|volley|number)s?\s+of\s+)?"  # "with a swarm of drones"
VESSEL = r"(?:shipping|vessels?|ships?|tankers?|bulk carriers?|freighters?|warships?|destroyers?)"
# Projectiles told as the subject, fired or seen: "rockets were fired", "shells fired toward", "missiles were
# detected" (a count before such a trigger counts the projectiles of one attack: `filters.not_an_event`)
# (without "were", only a target right after: "a barrage of rockets launched by X toward Y" names a cause)
LAUNCHED = (
    r"(?:(?:were|was|had\s+been|have\s+been)\s+(?:fired|launched|detected|identified)\b"
    r"|(?:fired|launched)\s+(?:at|toward|towards|into|on|against)\b)"
)
MUNITIONS_TOLD = re.compile(
    r"(?:missiles?|rockets?|projectiles?|launch(?:es)?|shells?|rounds?)\s+" + LAUNCHED, re.I
)
# "near", "in close proximity to", "a distance from": where a maritime agency puts an explosion by a ship
CLOSE_TO = (
    r"(?:near|close\s+to|in\s+(?:the\s+)?(?:close\s+)?(?:vicinity|proximity)\s+(?:of|to)|"
    r"(?:at\s+)?a\s+distance\s+from)\s+"
)
AIR_FORCE = r"(?:Israeli?|US|UK|American|British|coalition|Russian|Turkish|Jordanian)"  # who strikes
# whom violence against civilians hits: the victims decide the type, not the weapon
VICTIMS = (
    r"(?:civilians?|man|men|woman|women|child(?:ren)?|boys?|girls?|teenagers?|shepherds?|farmers?|residents?"
    r"|villagers?|protesters|demonstrators)"
)

# Where one statement ends and another begins inside a sentence: a semicolon, colon or dash, or ", and" /
# ", but" opening a clause with its own time ("have repeatedly struck X, and on Monday a drone struck Y"):
# the second act is neither merged into the first nor read with the first's background
STATEMENT_BREAK = (
    r"[;:—–]|\s-\s|,\s+(?:and|but|while)\s+(?=(?:then\s+)?(?:on|late|early|overnight|yesterday"
    r"|today|last|this)\b)"
)
