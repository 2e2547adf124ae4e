"""Every theme meets its contrast rules; 长辈版 holds all text to 7:1."""

import pytest

from jiangbei_reader.core.contrast import contrast_ratio, parse_color
from jiangbei_reader.core.themes import (
    DEFAULT_THEME,
    ELDER,
    LIGHT,
    PALETTE_ROLES,
    THEMES,
    check_theme,
    contrast_rules,
    theme_named,
)

TEXT_ROLES = {
    "window_text",
    "body_text",
    "secondary_text",
    "headline",
    "kicker",
    "subtitle",
    "link",
    "jump_marker",
    "selection_text",
    "button_text",
    "button_checked_text",
    "read_aloud_text",
    "search_hit_text",
    "tooltip_text",
    "placeholder_text",
    "disabled_text",
}


@pytest.mark.parametrize("name", sorted(THEMES))
def test_theme_meets_every_contrast_rule(name):
    failures = check_theme(THEMES[name])
    assert failures == [], "\n".join(str(f) for f in failures)


@pytest.mark.parametrize("name", sorted(THEMES))
def test_body_text_is_at_least_7_to_1_in_every_theme(name):
    theme = THEMES[name]
    assert contrast_ratio(theme.body_text, theme.base) >= 7.0
    body_rules = [r for r in contrast_rules(theme) if r.foreground == "body_text"]
    assert body_rules and all(r.minimum == 7.0 for r in body_rules)


@pytest.mark.parametrize("name", sorted(THEMES))
def test_every_text_role_has_a_rule(name):
    theme = THEMES[name]
    checked = {r.foreground for r in contrast_rules(theme)}
    assert TEXT_ROLES <= checked
    roles = set(theme.colors())
    assert {r.background for r in contrast_rules(theme)} <= roles
    assert checked <= roles


def test_elder_holds_all_text_but_disabled_to_7_to_1():
    for rule in contrast_rules(ELDER):
        if rule.foreground in TEXT_ROLES - {"disabled_text"}:
            assert rule.minimum == 7.0, rule
        else:
            assert rule.minimum >= 4.5, rule


def test_elder_has_no_light_grey_secondary_text():
    # "Light grey": anything lighter than #595959 (7:1 on white).
    for role in ("secondary_text", "placeholder_text", "subtitle"):
        luminance = sum(parse_color(getattr(ELDER, role))[:3]) / 3
        assert luminance <= 0x59, role
        assert contrast_ratio(getattr(ELDER, role), ELDER.window) >= 7.0


def test_a_light_grey_secondary_text_would_fail_the_elder_check():
    grey = "#666666"  # 5.7:1 on white: fine for AA, not for 长辈版
    failures = check_theme(ELDER._replace(secondary_text=grey))
    assert {f.rule.foreground for f in failures} == {"secondary_text"}
    assert check_theme(LIGHT._replace(secondary_text=grey)) == []


def test_body_check_fails_below_7_to_1_even_in_the_normal_theme():
    failures = check_theme(LIGHT._replace(body_text="#666666"))  # 5.7:1
    assert {(f.rule.foreground, f.rule.minimum) for f in failures} == {("body_text", 7.0)}


@pytest.mark.parametrize("name", sorted(THEMES))
def test_highlights_are_visible_against_the_article_background(name):
    theme = THEMES[name]
    base = parse_color(theme.base)
    for role in ("read_aloud_bg", "search_hit_bg", "selection_bg"):
        # Yellow on white differs in hue more than in luminance: compare channels.
        color = parse_color(getattr(theme, role))
        assert max(abs(a - b) for a, b in zip(color, base, strict=True)) >= 64, role
    assert theme.read_aloud_bg != theme.search_hit_bg


def test_dark_theme_is_dark_and_light_is_light():
    assert THEMES["dark"].dark and not THEMES["light"].dark
    assert contrast_ratio(THEMES["dark"].base, "#000000") < 2
    assert contrast_ratio(THEMES["light"].base, "#ffffff") < 1.1


def test_palette_roles_name_real_theme_roles():
    roles = set(LIGHT.colors())
    assert set(PALETTE_ROLES.values()) <= roles
    assert PALETTE_ROLES["Text"] == "body_text" and PALETTE_ROLES["Base"] == "base"


def test_unknown_theme_name_gives_the_default():
    assert theme_named("no-such-theme") is THEMES[DEFAULT_THEME]
    assert theme_named("elder") is ELDER
