"""Place cues 'entering' and the indefinite 'into a' (session 18): our own sentences after real wordings.

A real AA report told "tanks ... entered" and "troops entering" villages, and a real MENAFN one "deploying
armored units into a Quneitra province village"; a village the gazetteer knows only by a cue was not read.
"""

import pytest

from tests.extract.one_paragraph import mentions


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Israeli troops entering Jubata al-Khashab searched several homes on Monday.", "Jubata al-Khashab"),
        ("Israeli forces pushed into a Quneitra village on Monday and set up a checkpoint.", "Quneitra"),
    ],
)
def test_the_cue_makes_the_place_locative(gaz, text: str, written: str) -> None:
    found = mentions(gaz, text)
    assert written in found and found[written].role == "locative"
