"""The trigger table checked against how conflict reporting tells each ACLED event and sub-event type
(issue 11, s21-vocab): for each, the verbs and nominalisations in the active, the passive, the noun and the
"came under" form. Our own sentences, in the reports' manner; no phrase copied from an evaluation passage.
A broad word ("attack", "fire", "combat", "landed") is listed with a guard case beside it."""

from __future__ import annotations

import pytest

from sitmap.extract.types import find_triggers

VOCABULARY: dict[str, list[str]] = {
    # Battles: armed clash
    "armed_clash": [
        "Government forces clashed with tribal fighters near the village.",
        "Clashes erupted between the two sides on the outskirts of the town.",
        "The two groups exchanged fire at the junction.",
        "Fighters fought army units for hours in the old market.",
        "Heavy fighting was reported in the eastern districts.",
        "Hard fighting took place in two villages on the highway.",
        "Fighting occurred around the checkpoint before dawn.",
        "Heavy combat broke out in the two villages on the highway.",
        "Fierce battles raged on the edge of the town.",
        "A gun battle erupted at the entrance of the camp.",
        "An exchange of fire between troops and gunmen lasted an hour.",
        "Armed confrontations took place between the tribes and local militias.",
        "The convoy came under fire on the road to the town.",
        "The post came under attack by gunmen after midnight.",
        "The army came under attack by armed groups on the outskirts of the city.",
        "Militants ambushed a patrol outside the town.",
        "Gunmen attacked army positions near the crossing.",
        "An army post was attacked by gunmen near the crossing.",
    ],
    # Explosions/remote violence: shelling/artillery
    "shelling": [
        "Army artillery shelled the outskirts of the village.",
        "The village was shelled overnight.",
        "Artillery shelling hit the edge of the town.",
        "Army artillery bombarded the outskirts of the town.",
        "The area came under artillery fire at dawn.",
        "The village came under shelling in the afternoon.",
        "Mortar rounds landed near the school.",
        "Two shells fell in an open field near the village.",
        "Tank fire hit a house on the edge of the village.",
        "Artillery pounded hilltops around the village.",
    ],
    # Explosions/remote violence: shelling/artillery/missile attack
    "missile_strike": [
        "The group fired rockets at the northern town.",
        "Militants launched two missiles toward the base.",
        "The group fired projectiles at the valley.",
        "Rockets were fired at the town from across the border.",
        "Two rocket salvos were aimed at the town.",
        "Rocket barrages were launched into the region.",
        "Nine people were hurt after the salvos fired at the region.",
        "Three launches from across the border were detected.",
        "A rocket landed in an open area near the town.",
        "Two missiles fell near the port.",
        "A missile came down on Thursday near a merchant ship.",
        "A missile slammed into a residential building.",
        "The base came under rocket fire overnight.",
        "Rocket fire targeted the town in the evening.",
        "A barrage of rockets hit the town.",
        "A missile attack on the city killed two.",
    ],
    # Explosions/remote violence: air/drone strike
    "airstrike": [
        "Warplanes struck a building in the town.",
        "An airstrike hit a house in the village.",
        "Air raids targeted the outskirts of the city.",
        "The town was bombed overnight.",
        "Jets bombed a depot near the airport.",
        "The air force hit military compounds around the village.",
        "The air force overnight on Tuesday hit compounds around the town.",
        "Israeli aircraft levelled several buildings in the suburbs.",
        "Helicopter gunships fired on a convoy near the town.",
        "Fighter jets pounded hills near the town.",
        "The town came under air attack at dawn.",
        "The news agency counted five strikes, on the suburb and on the town.",
        "A depot was hit by an airstrike.",
        # a bombardment with no weapon named: the table reads it as from the air, as it reads "bombing"
        "The town was bombarded for a second day.",
        "The bombardment of the town went on all night.",
    ],
    "drone_attack": [
        "A drone attack hit the oil field.",
        "The group launched drones at the port.",
        "Drones struck the airport at night.",
        "A kamikaze drone exploded near the base.",
    ],
    # Explosions/remote violence: remote explosive/landmine/IED, grenade, suicide bomb
    "explosive_device": [
        "A roadside bomb exploded next to an army vehicle.",
        "An improvised explosive device went off near the checkpoint.",
        "An IED targeted a military convoy.",
        "A landmine blast killed a shepherd near the village.",
        "A boy stepped on a landmine in a field.",
        "A car bomb exploded in the market.",
        "An explosive device planted under a car detonated.",
        "A booby-trapped motorcycle blew up near the mosque.",
        "A bomb went off at the bus station.",
        "Gunmen threw a hand grenade at the shop.",
        "A grenade attack wounded two guards.",
        "A suicide bomber blew himself up at the checkpoint.",
        "A suicide bombing killed ten at the mosque.",
        "A suicide car bomb struck the base.",
    ],
    # Violence against civilians: attack, abduction/forced disappearance, sexual violence
    "attack_on_civilians": [
        "Gunmen shot dead two farmers near the village.",
        "A man was shot dead in the market.",
        "Soldiers opened fire on protesters in the square.",
        "Masked men executed three villagers.",
        "Militiamen massacred civilians in the village.",
        "A massacre of villagers was reported in the valley.",
        "Fighters raped women in the village.",
        "Cases of sexual violence against women were reported in the town.",
    ],
    "abduction": [
        "Gunmen abducted a teacher in the town.",
        "Two men were kidnapped on the road.",
        "The activist was forcibly disappeared after the raid.",
        "Militants took three farmers hostage near the village.",
    ],
    # Violence against civilians / strategic developments: looting, property destruction
    "property_destruction": [
        "Troops demolished two houses in the village.",
        "Bulldozers razed farmland near the town.",
        "Soldiers blew up three houses in the village.",
        "Troops pulled down a building on the edge of the town.",
        "Soldiers tore down a shop in the village.",
        "Fighters burned houses in the village.",
        "Fighters set fire to homes in the village.",
        "Settlers torched cars in the village.",
        "Gunmen looted shops in the town.",
        "Widespread looting was reported in the town.",
    ],
    # Strategic developments: base or fortification works
    "base_established": [
        "The army began a large building project along the ceasefire line.",
        "Troops carried out construction works along the border fence.",
    ],
    # Arrests
    "arrest": [
        "Security forces arrested five men in the town.",
        "Troops detained a shepherd near the fence.",
        "Five of them, men from the town, were held in the village.",
        "Police rounded up dozens of young men in the town.",
        "Soldiers took two men into custody at the checkpoint.",
    ],
    # Protests and riots
    "protest": [
        "Hundreds protested in the main square.",
        "Demonstrators gathered outside the governor's office.",
        "Residents took to the streets of the town.",
        "Thousands marched through the city centre.",
        "Teachers staged a sit-in outside the ministry.",
    ],
    "riot": [
        "Rioters set tyres alight in the town.",
        "Riots broke out in the city after the verdict.",
        "Youths threw stones at the police station.",
        "A mob attacked the police station in the town.",
    ],
}

# what a broad word must not make an event of: the guards beside the new words
NOT_EVENTS: list[str] = [
    "The air force commander said on Monday the country was ready.",  # no verb of striking follows
    "A worker was hurt in an accident at the phosphate mine.",  # "mine" alone is no device
    "Riot police guarded the ministry on Monday.",  # the police unit, no riot
    "The council discussed combat readiness with the minister.",  # "combat" without fighting told
    "Barrel bombs were stored at the airbase, the report said.",  # a bomb that does not go off
    "Crowds gathered near the burning vehicle.",  # an adjective, no act
    "Two more projectiles fell in the waters around the vessel, far from the port.",  # a ship attack's misses
]


@pytest.mark.parametrize("text", NOT_EVENTS)
def test_broad_words_keep_their_guards(text: str) -> None:
    assert find_triggers(text) == [], [t.reason for t in find_triggers(text)]


@pytest.mark.parametrize(
    ("kind", "text"), [(kind, text) for kind, texts in VOCABULARY.items() for text in texts]
)
def test_the_table_knows_how_reports_tell_the_type(kind: str, text: str) -> None:
    assert kind in [t.event_type for t in find_triggers(text)], text
