"""The fixed chart colours: complete, distinct, colour-blind safe, readable on white."""

from __future__ import annotations

import itertools
import re

import pytest

from dashboard.palette import (
    ACTOR_COLORS,
    AREA_COLORS,
    HEATMAP_COLORSCALE,
    OKABE_ITO,
    PHASE_COLORS,
    contrast_ratio,
    relative_luminance,
)
from dashboard.schema import ACTOR_CODES, AREA_CODES, PHASE_CODES

HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


def test_one_colour_per_actor_area_and_phase():
    """Every actor, area and phase code has exactly one colour, and nothing else does."""
    assert set(ACTOR_COLORS) == set(ACTOR_CODES)
    assert set(AREA_COLORS) == set(AREA_CODES)
    assert set(PHASE_COLORS) == set(PHASE_CODES)


@pytest.mark.parametrize("colors", [ACTOR_COLORS, AREA_COLORS, PHASE_COLORS], ids=["actor", "area", "phase"])
def test_colours_are_hex_and_distinct(colors):
    """Colours are '#RRGGBB' and no two members of one dimension share a colour."""
    assert all(HEX.match(c) for c in colors.values())
    assert len({c.upper() for c in colors.values()}) == len(colors)


def test_actor_and_area_colours_come_from_okabe_ito():
    """Actors and areas use the colour-blind-safe Okabe–Ito palette."""
    okabe = {c.upper() for c in OKABE_ITO.values()}
    assert {c.upper() for c in ACTOR_COLORS.values()} <= okabe
    assert {c.upper() for c in AREA_COLORS.values()} <= okabe


def test_no_pale_colours_on_white():
    """Actor colours (markers, thin lines, labels) reach 3:1 on white; no area colour is pale yellow."""
    assert all(contrast_ratio(c) >= 3 for c in ACTOR_COLORS.values())
    assert all(contrast_ratio(c) >= 2 for c in AREA_COLORS.values())
    assert OKABE_ITO["yellow"].upper() not in {c.upper() for c in AREA_COLORS.values()}


def test_the_actor_pair_differs_in_lightness():
    """The two actor colours stay apart in greyscale (and so for every colour-vision type)."""
    a, b = (ACTOR_COLORS[c] for c in ACTOR_CODES)
    assert contrast_ratio(a, b) >= 1.3


def test_heatmap_scale_is_sequential():
    """The heatmap scale runs 0 → 1 and gets strictly darker, so order reads without hue."""
    stops = [s for s, _ in HEATMAP_COLORSCALE]
    assert stops[0] == 0 and stops[-1] == 1
    assert stops == sorted(stops) and len(set(stops)) == len(stops)
    lum = [relative_luminance(c) for _, c in HEATMAP_COLORSCALE]
    assert all(x > y for x, y in itertools.pairwise(lum))
    # The darkest end is dark enough for white numbers printed on it.
    assert contrast_ratio(HEATMAP_COLORSCALE[-1][1]) >= 7


def test_phase_colours_darken_with_time():
    """Phases are ordered, so their colours get darker from 2024 to 2026～."""
    lum = [relative_luminance(PHASE_COLORS[p]) for p in PHASE_CODES]
    assert lum == sorted(lum, reverse=True)


def test_contrast_ratio_matches_wcag_reference_values():
    """contrast_ratio gives WCAG's known values (black/white 21, identical 1, #767676 ≈ 4.54)."""
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast_ratio("#0072B2", "#0072B2") == pytest.approx(1)
    assert contrast_ratio("#767676") == pytest.approx(4.54, abs=0.01)
