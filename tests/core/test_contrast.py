"""WCAG 2.2 luminance, contrast ratio, alpha compositing and palette checks."""

import math

import pytest

from jiangbei_reader.core.contrast import (
    ContrastRule,
    check_palette,
    composite,
    contrast_ratio,
    parse_color,
    relative_luminance,
    to_hex,
)


@pytest.mark.parametrize(
    ("text", "channels"),
    [
        ("#fff", (255, 255, 255, 255)),
        ("#000000", (0, 0, 0, 255)),
        ("1a2B3c", (0x1A, 0x2B, 0x3C, 255)),
        ("#11223380", (0x11, 0x22, 0x33, 0x80)),  # CSS order: alpha last
        ((1, 2, 3), (1, 2, 3, 255)),
        ((1, 2, 3, 4), (1, 2, 3, 4)),
    ],
)
def test_parse_color_reads_hex_and_tuples(text, channels):
    assert parse_color(text) == channels


@pytest.mark.parametrize("bad", ["#12", "red", "#ggg", (0, 0), (0, 0, 256), (0.5, 0, 0)])
def test_parse_color_names_the_bad_value(bad):
    with pytest.raises(ValueError, match="not a colour"):
        parse_color(bad)


def test_to_hex_round_trips():
    assert to_hex("#ABC") == "#aabbcc"
    assert to_hex((1, 2, 3, 4)) == "#01020304"


@pytest.mark.parametrize(
    ("color", "luminance"),
    [
        ("#000000", 0.0),
        ("#ffffff", 1.0),
        ("#ff0000", 0.2126),
        ("#00ff00", 0.7152),
        ("#808080", 0.2158605),
    ],
)
def test_relative_luminance_matches_wcag_formula(color, luminance):
    assert relative_luminance(color) == pytest.approx(luminance, abs=1e-6)


@pytest.mark.parametrize(
    ("fg", "bg", "ratio"),
    [
        # Reference values as published by WebAIM's contrast checker.
        ("#000000", "#ffffff", 21.0),
        ("#ffffff", "#ffffff", 1.0),
        ("#767676", "#ffffff", 4.54),
        ("#777777", "#ffffff", 4.48),
        ("#595959", "#ffffff", 7.0),
        ("#0000ff", "#ffffff", 8.59),
        ("#ff0000", "#ffffff", 4.0),
    ],
)
def test_contrast_ratio_matches_reference_values(fg, bg, ratio):
    assert contrast_ratio(fg, bg) == pytest.approx(ratio, abs=0.01)
    assert contrast_ratio(bg, fg) == pytest.approx(ratio, abs=0.01)  # symmetric


def test_translucent_foreground_is_composited_over_its_background():
    assert composite((0, 0, 0, 128), "#ffffff") == (127, 127, 127)
    half_black = contrast_ratio((0, 0, 0, 128), "#ffffff")
    assert half_black == pytest.approx(contrast_ratio("#7f7f7f", "#ffffff"))
    assert half_black < contrast_ratio("#000000", "#ffffff")


def test_translucent_background_is_seen_over_the_backdrop():
    # 50 % black over a white page is mid grey, so white text on it is not 21:1.
    on_white = contrast_ratio("#ffffff", "#00000080")
    on_black = contrast_ratio("#ffffff", "#00000080", backdrop="#000000")
    assert on_white == pytest.approx(contrast_ratio("#ffffff", "#7f7f7f"), abs=0.02)
    assert on_black == pytest.approx(21.0)


def test_check_palette_reports_only_failures_in_rule_order():
    colors = {"text": "#777777", "bg": "#ffffff", "ok": "#000000"}
    rules = [
        ContrastRule("ok", "bg", 7.0, "fine"),
        ContrastRule("text", "bg", 4.5, "grey"),
        ContrastRule("text", "bg", 3.0, "large"),
    ]
    failures = check_palette(colors, rules)
    assert [f.rule.what for f in failures] == ["grey"]
    assert "4.48:1, needs 4.5:1" in str(failures[0])


def test_a_ratio_just_under_the_minimum_fails():
    # #767676 is 4.54:1, #777777 4.48:1: the line between them is 4.5.
    rule = ContrastRule("fg", "bg", 4.5)
    assert check_palette({"fg": "#767676", "bg": "#fff"}, [rule]) == []
    assert len(check_palette({"fg": "#777777", "bg": "#fff"}, [rule])) == 1


def test_missing_or_bad_colours_are_failures_not_exceptions():
    rules = [ContrastRule("fg", "bg", 4.5), ContrastRule("fg", "nowhere", 4.5)]
    failures = check_palette({"fg": "purple-ish", "bg": "#fff"}, rules)
    assert [math.isnan(f.ratio) for f in failures] == [True, True]
    assert "not a colour" in str(failures[0])
    assert "no colour for nowhere" in str(failures[1])
