"""Controlled vocabularies: event types, precisions, claim status — defined here and nowhere else.

Event types map to ACLED's codebook (event_type / sub_event_type) so exports and imports speak ACLED.
Their colours live with the other cartographic constants in `sitmap.style` (a colour-blind-safe palette).
"""

from __future__ import annotations

from dataclasses import dataclass

from sitmap.actors import alias_groups
from sitmap.style import OTHER_COLOUR, TYPE_COLOURS, glyph_ink


@dataclass(frozen=True)
class EventType:
    key: str
    label: str
    marker: str  # a letter drawn inside the marker (no icon font needed offline): never colour alone
    acled_event_type: str
    acled_sub_event_type: str

    @property
    def colour(self) -> str:
        """The type's colour, declared in `sitmap.style.TYPE_COLOURS` (map, snapshot, legend, timeline)."""
        return TYPE_COLOURS.get(self.key, OTHER_COLOUR)

    @property
    def ink(self) -> str:
        """The colour of the letter on a solid marker of this type (dark on light fills)."""
        return glyph_ink(self.colour)


_TYPES = (
    EventType("raid", "Raid", "R", "Battles", "Armed clash"),
    EventType(
        "ground_incursion",
        "Ground incursion",
        "G",
        "Strategic developments",
        "Non-violent transfer of territory",
    ),
    EventType("patrol", "Patrol", "P", "Strategic developments", "Other"),
    EventType("airstrike", "Airstrike", "A", "Explosions/Remote violence", "Air/drone strike"),
    EventType(
        "missile_strike",
        "Missile strike",
        "M",
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    ),
    EventType(
        "drone_attack",
        "Drone attack",
        "D",
        "Explosions/Remote violence",
        "Air/drone strike",
    ),
    EventType(
        "shelling",
        "Shelling",
        "S",
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    ),
    EventType("armed_clash", "Armed clash", "C", "Battles", "Armed clash"),
    EventType(
        "attack_on_shipping",
        "Attack on shipping",
        "W",
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    ),
    EventType(
        "deployment",
        "Deployment",
        "Y",
        "Strategic developments",
        "Change to group/activity",
    ),
    EventType("visit_meeting", "Visit / meeting", "V", "Strategic developments", "Other"),
    EventType("agreement", "Agreement", "T", "Strategic developments", "Agreement"),
    EventType(
        "arms_transfer",
        "Arms transfer",
        "X",
        "Strategic developments",
        "Other",
    ),
    # ACLED categories outside military activity proper, kept as their own types so an import loses none.
    EventType(
        "explosive_device",
        "Explosive device",
        "E",
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
    ),
    EventType("interception", "Interception", "I", "Strategic developments", "Disrupted weapons use"),
    EventType(
        "attack_on_civilians",
        "Attack on civilians",
        "H",
        "Violence against civilians",
        "Attack",
    ),
    EventType("arrest", "Arrest", "J", "Strategic developments", "Arrests"),
    # A missile or weapons test: a strike on nobody, kept apart so tests never read as attacks.
    EventType("weapons_test", "Weapons test", "K", "Strategic developments", "Other"),
    # ACLED sub-event types our users code separately (issue 11); older keys above keep their meaning.
    EventType(
        "abduction",
        "Abduction",
        "F",
        "Violence against civilians",
        "Abduction/forced disappearance",
    ),
    EventType(
        "base_established",
        "Base / position established",
        "B",
        "Strategic developments",
        "Headquarters or base established",
    ),
    EventType(
        "property_destruction",
        "Property destruction",
        "L",
        "Strategic developments",
        "Looting/property destruction",
    ),
    EventType(
        "weapons_development",
        "Weapons production / development",
        "N",
        "Strategic developments",
        "Other",
    ),
    EventType("airdrop", "Airdrop", "U", "Strategic developments", "Other"),
    EventType("protest", "Protest", "O", "Protests", "Peaceful protest"),
    EventType("riot", "Riot", "!", "Riots", "Violent demonstration"),
    EventType("other", "Other", "?", "Strategic developments", "Other"),
)

# ACLED's disorder_type for each of its event types (the codebook groups them so).
ACLED_DISORDER_TYPES: dict[str, str] = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}

EVENT_TYPES: dict[str, EventType] = {t.key: t for t in _TYPES}

# ACLED geo_precision codes 1/2/3 plus country-level placement.
GEO_PRECISIONS: dict[str, dict] = {
    "exact": {"label": "Exact", "acled": 1, "default_uncertainty_m": 500},
    "near": {"label": "Near (within a few km)", "acled": 2, "default_uncertainty_m": 5000},
    "region": {"label": "Region (province / district)", "acled": 3, "default_uncertainty_m": 50000},
    "country": {"label": "Country", "acled": 3, "default_uncertainty_m": 300000},
}

# ACLED time_precision codes: 1 day, 2 week, 3 month (ACLED has no year code; year exports as 3).
TIME_PRECISIONS: dict[str, dict] = {
    "day": {"label": "Day", "acled": 1},
    "week": {"label": "Week", "acled": 2},
    "month": {"label": "Month", "acled": 3},
    "year": {"label": "Year", "acled": 3},
}

CLAIM_STATUSES: dict[str, dict] = {
    # `solid` drives styling: only confirmed events are drawn with solid strokes.
    "confirmed": {"label": "Confirmed", "solid": True, "dash": None},
    "reported": {"label": "Reported", "solid": False, "dash": "6 4"},
    "claimed": {"label": "Claimed", "solid": False, "dash": "2 4"},
    "assessed": {"label": "Assessed", "solid": False, "dash": "8 3 2 3"},
}


def event_type(key: str) -> EventType:
    """The vocabulary entry for `key`; unknown keys fall back to `other` (validation rejects them earlier)."""
    return EVENT_TYPES.get(key, EVENT_TYPES["other"])


# Actors' other names, from the one actor table (`sitmap.actors`): a search for any name of a group finds
# events naming any other (sitmap.view.search). The first name is the one the event files use.
ACTOR_ALIASES: tuple[tuple[str, ...], ...] = alias_groups()
