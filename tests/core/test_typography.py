"""Font steps and the 长辈版 size and spacing rules, in pixels and points."""

import pytest

from jiangbei_reader.core.typography import (
    BODY_MAX_CHARS,
    DEFAULT_STEP,
    ELDER_MIN_TARGET_PX,
    FONT_STEPS,
    SPACING,
    Mode,
    base_point_size,
    body_px,
    nearest_step,
    px_to_pt,
    step_down,
    step_up,
)


def test_steps_reach_three_times_the_standard_size():
    assert FONT_STEPS[0] == DEFAULT_STEP == 100
    assert FONT_STEPS[-1] >= 300
    assert list(FONT_STEPS) == sorted(set(FONT_STEPS))


def test_normal_base_size_scales_with_the_step():
    assert base_point_size(100, Mode.NORMAL) == 12.0
    assert base_point_size(300, Mode.NORMAL) == 36.0
    assert body_px(300, Mode.NORMAL) / body_px(100, Mode.NORMAL) == pytest.approx(3.0)


def test_elder_body_is_24_px_at_the_first_step_and_over_40_at_the_largest():
    assert body_px(FONT_STEPS[0], Mode.ELDER) >= 24
    assert body_px(FONT_STEPS[-1], Mode.ELDER) >= 40
    assert base_point_size(100, Mode.ELDER, dpi=96) == pytest.approx(18.0)  # 24 px at 96 dpi


@pytest.mark.parametrize("dpi", [72.0, 96.0, 120.0, 144.0])
def test_elder_pixel_rule_holds_at_any_logical_dpi(dpi):
    first = base_point_size(FONT_STEPS[0], Mode.ELDER, dpi) * dpi / 72
    last = base_point_size(FONT_STEPS[-1], Mode.ELDER, dpi) * dpi / 72
    assert first >= 24 - 1e-9 and last >= 40


@pytest.mark.parametrize("step", FONT_STEPS)
def test_elder_is_never_smaller_than_normal_and_grows_with_the_step(step):
    for dpi in (72.0, 96.0, 144.0):
        assert base_point_size(step, Mode.ELDER, dpi) >= base_point_size(step, Mode.NORMAL, dpi)
    if step != FONT_STEPS[-1]:
        assert body_px(step_up(step), Mode.ELDER) > body_px(step, Mode.ELDER)


def test_px_to_pt_uses_72_points_an_inch():
    assert px_to_pt(24, 96) == 18.0
    assert px_to_pt(40, 96) == 30.0
    assert px_to_pt(24, 72) == 24.0
    with pytest.raises(ValueError):
        px_to_pt(24, 0)


def test_step_up_and_down_stop_at_the_ends():
    assert step_up(100) == 125 and step_up(300) == 300
    assert step_down(125) == 100 and step_down(100) == 100
    with pytest.raises(ValueError, match="not one of"):
        step_up(110)
    with pytest.raises(ValueError):
        base_point_size(110, Mode.NORMAL)


def test_nearest_step_repairs_a_stored_value():
    assert nearest_step(110) == 100
    assert nearest_step(180) == 200
    assert nearest_step(1000) == 300
    assert nearest_step(-5) == 100


def test_elder_spacing_meets_wcag_1_4_8():
    spacing = SPACING[Mode.ELDER]
    assert spacing.line_height >= 1.5
    font = 24.0
    line = spacing.line_px(font)
    # Paragraph spacing read as baseline to baseline across the break (see SPACING).
    assert spacing.paragraph_pitch_px(font) >= 1.5 * line
    assert spacing.paragraph_pitch_px(font) == line + spacing.paragraph_gap_px(font)
    # The gap is blank space a reader sees, not a whole empty line or more.
    assert 0 < spacing.paragraph_gap_px(font) < line
    assert SPACING[Mode.NORMAL].line_height >= 1.5


def test_the_gap_in_em_is_the_gap_in_px_over_the_font_size():
    for spacing in SPACING.values():
        assert spacing.paragraph_gap_em() * 24.0 == pytest.approx(spacing.paragraph_gap_px(24.0))
    assert SPACING[Mode.NORMAL].paragraph_gap_em() == pytest.approx(0.6)


def test_layout_constants():
    assert ELDER_MIN_TARGET_PX >= 60
    assert BODY_MAX_CHARS <= 40
