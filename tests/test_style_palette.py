"""The event types' palette is colour-blind safe (issue 13: airstrike vs missile strike was ΔE 2.5 and
patrol vs visit 4.6 under protanopia): pairwise CIEDE2000 ΔE of every two different type colours, for normal
vision and simulated protanopia and deuteranopia (Machado et al. 2009, full severity), is at least 10; types
that share a colour carry different letters."""

from __future__ import annotations

import itertools
import warnings

import colour  # test extra (colour-science): the test must run, not skip
import numpy as np
import pytest

from sitmap import style
from sitmap.vocabulary import EVENT_TYPES

MIN_DELTA_E = 10.0
VISIONS = ("Normal", "Protanomaly", "Deuteranomaly")


def _lab(hex_colour: str, vision: str) -> np.ndarray:
    rgb = np.array([int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    if vision != "Normal":
        linear = colour.cctf_decoding(rgb, function="sRGB")
        matrix = colour.blindness.matrix_cvd_Machado2009(vision, 1.0)
        rgb = colour.cctf_encoding(np.clip(matrix @ linear, 0, 1), function="sRGB")
    return colour.XYZ_to_Lab(colour.sRGB_to_XYZ(rgb))


def delta_e(a: str, b: str, vision: str) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(colour.delta_E(_lab(a, vision), _lab(b, vision), method="CIE 2000"))


def test_every_two_type_colours_stay_apart_for_colour_blind_eyes():
    colours = sorted({t.colour for t in EVENT_TYPES.values()})
    close = [
        (a, b, vision, round(d, 1))
        for a, b in itertools.combinations(colours, 2)
        for vision in VISIONS
        if (d := delta_e(a, b, vision)) < MIN_DELTA_E
    ]
    assert not close, close


@pytest.mark.parametrize(("a", "b"), [("airstrike", "missile_strike"), ("patrol", "visit_meeting")])
def test_the_pairs_the_issue_measured(a, b):
    for vision in VISIONS:
        assert delta_e(EVENT_TYPES[a].colour, EVENT_TYPES[b].colour, vision) >= MIN_DELTA_E


def test_colour_is_never_the_only_cue():
    glyphs = [t.marker for t in EVENT_TYPES.values()]
    assert len(set(glyphs)) == len(glyphs) and all(len(g) == 1 for g in glyphs)
    assert set(style.TYPE_COLOURS) == set(EVENT_TYPES)  # declared once, for every type


def test_the_letter_is_legible_on_its_marker():
    def luminance(c: str) -> float:
        lin = [(v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4) for v in
               (int(c[i : i + 2], 16) / 255 for i in (1, 3, 5))]  # fmt: skip
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    for t in EVENT_TYPES.values():
        hi, lo = sorted((luminance(t.colour), luminance(t.ink)), reverse=True)
        assert (hi + 0.05) / (lo + 0.05) >= 3.0, t.key  # WCAG's minimum for large, bold text
