"""The colour arithmetic the palette is judged by: WCAG contrast, CIEDE2000, colour-blindness."""

from __future__ import annotations

import pytest

from annotator.core.colours import (
    DARK_TEXT,
    FIND_CURRENT,
    FIND_MATCH,
    LIGHT_TEXT,
    MIN_CONTRAST,
    VISIONS,
    blend,
    contrast,
    delta_e,
    delta_e_lab,
    luminance,
    on_theme,
    palette_problems,
    simulate,
    text_on,
)
from annotator.core.schema import default_schema


def test_contrast_ratio() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#777777") == pytest.approx(1.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the classic AA grey


@pytest.mark.parametrize(
    ("one", "two", "expected"),
    [  # Sharma, Wu and Dalal (2005), test data for CIEDE2000
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
        ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
        ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
        ((22.7233, 20.0904, -46.694), (23.0331, 14.973, -42.5619), 2.0373),
    ],
)
def test_ciede2000_reference_pairs(one, two, expected) -> None:
    assert delta_e_lab(one, two) == pytest.approx(expected, abs=1e-4)
    assert delta_e_lab(two, one) == pytest.approx(expected, abs=1e-4)


def test_colour_blindness_simulation() -> None:
    for vision in VISIONS:
        assert delta_e(simulate("#808080", vision), "#808080") < 1.5  # greys stay grey
    red, green = "#d03030", "#30a030"
    assert delta_e(red, green) > 40
    assert delta_e(simulate(red, "deuteranopia"), simulate(green, "deuteranopia")) < delta_e(red, green) / 2


def test_palette_problems_name_what_fails() -> None:
    assert blend("#000000", "#ffffff", 0.5) == "#808080"
    found = palette_problems({"A": "#f4c26b", "B": "#f4c36c"}, [("A", "B")])
    assert any("A and B differ" in p for p in found) and any("B inside A" in p for p in found)
    assert palette_problems({"A": "#e8a33d", "B": "#5b9ee0"}) == []
    assert any("contrast" in p for p in palette_problems({"A": "#202020"}))


def test_the_default_palette_passes_every_check_in_both_themes() -> None:
    """Every label pair side by side, every label nested in every other, and the find matches: far
    enough apart in the light and the dark theme, for normal vision and the three dichromacies, and
    the text readable on each (the palette before this test had 76 such problems)."""
    labels = {label.name: label.colour for label in default_schema().labels}
    assert len(labels) >= 8
    pairs = [(a, b) for a in labels for b in labels if a != b]
    extra = {"find match": FIND_MATCH, "current find match": FIND_CURRENT}
    assert palette_problems(labels, pairs, extra) == []


def test_find_matches_invert_the_text_lightness() -> None:
    for light_bg, dark_bg in (FIND_MATCH, FIND_CURRENT):
        assert text_on(light_bg) == DARK_TEXT and text_on(dark_bg) == LIGHT_TEXT
        assert contrast(light_bg, DARK_TEXT) >= MIN_CONTRAST and contrast(dark_bg, LIGHT_TEXT) >= MIN_CONTRAST


def test_dark_theme_keeps_hue_and_darkens() -> None:
    for colour in ("#f4c26b", "#7fb3f0", "#79d1a6"):
        dark = on_theme(colour, True)
        assert luminance(dark) < luminance(colour) / 2 and contrast(dark, DARK_TEXT) >= MIN_CONTRAST
        assert delta_e(simulate(dark, "normal"), dark) == 0
    assert on_theme("#f4c26b", False) == "#f4c26b"
