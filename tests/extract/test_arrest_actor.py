"""An arrest's first actor is the side arresting, whatever the order of the words (sentences our own)."""

import pytest

from sitmap.reference.layers import Reference
from tests.extract.one_paragraph import candidates


@pytest.mark.parametrize(
    "text",
    [
        "Jordanian border guards killed five smugglers near Ruwaished on Tuesday and detained 15 others.",
        "Jordanian border guards shot dozens of smugglers near Ruwaished on Tuesday and detained 15 others.",
        "Five smugglers were killed and 15 detained by Jordanian border guards near Ruwaished on Tuesday.",
    ],
)
def test_the_guards_arrest_the_smugglers(reference: Reference, text: str) -> None:
    arrests = [c for c in candidates(reference, text, "2025-03-12") if c.event_type == "arrest"]
    assert [c.actors[:1] for c in arrests] == [["Jordanian Armed Forces"]]
