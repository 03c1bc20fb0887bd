"""A group's claim that it targeted soldiers, told without a weapon (sentences our own).

"Hezbollah said it targeted Israeli soldiers in Metula": groups that claim fire on troops across a front
(rockets, guided missiles, drones) name the target, not the weapon; the claim is an event (evaluation
labels count claims) and, without a weapon word, a remote strike. "attacked soldiers" stays a clash.
"""

import pytest

from sitmap.reference.layers import Reference
from tests.extract.one_paragraph import candidates


def _rows(reference: Reference, text: str) -> list[tuple[str | None, str, list[str]]]:
    return [(c.location, c.event_type, list(c.actors)) for c in candidates(reference, text, "2025-03-12")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hezbollah said it targeted Israeli soldiers in Metula on Tuesday.",
            [("Metula", "missile_strike", ["Hezbollah", "Israel Defense Forces"])],
        ),
        (
            "Hezbollah said it targeted a gathering of Israeli troops near Metula on Tuesday.",
            [("Metula", "missile_strike", ["Hezbollah", "Israel Defense Forces"])],
        ),
        (
            "Hezbollah fighters attacked Israeli soldiers near Metula on Tuesday.",
            [("Metula", "armed_clash", ["Hezbollah", "Israel Defense Forces"])],
        ),
        # a weapon named still decides
        (
            "Hezbollah said it targeted Israeli soldiers in Metula with a drone on Tuesday.",
            [("Metula", "drone_attack", ["Hezbollah", "Israel Defense Forces"])],
        ),
    ],
)
def test_targeted_soldiers(reference: Reference, text: str, expected: list) -> None:
    assert _rows(reference, text) == expected
