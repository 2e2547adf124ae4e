"""Font steps, body sizes and spacing as data, for the normal mode and 长辈版.

The UI sets ONE application font, in points, from :func:`base_point_size`; every
control and the article (whose HTML sizes are relative to the base) follow it.

Assumptions, stated once:

* "px" here are logical pixels, the unit of Qt widget geometry and of CSS. Qt turns
  points into logical pixels with the screen's *logical* DPI
  (``QScreen.logicalDotsPerInch()``): px = pt × dpi / 72. It is 96 on X11 without
  an Xft.dpi setting, on Windows at 100 % and on the offscreen platform; 72 on
  macOS. High-DPI scaling (device pixel ratio) comes on top and is not our concern.
* So pt = px × 72 / dpi, and at 96 dpi 24 px = 18 pt, 40 px = 30 pt.
* The normal mode's standard size is given in points, like a desktop font, so it
  grows with the user's DPI setting; 长辈版 sizes are given in pixels (the MIIT
  适老化 rule is in px) and never fall below the normal mode's size at the same step.
"""

from __future__ import annotations

import enum
from typing import NamedTuple


class Mode(enum.Enum):
    """The reader's two presentation modes."""

    NORMAL = "normal"
    #: 长辈版: bigger type, more spacing, high contrast, big targets.
    ELDER = "elder"


#: Font steps, percent of the standard size: Ctrl+= / Ctrl+- walk them, Ctrl+0 resets.
FONT_STEPS: tuple[int, ...] = (100, 125, 150, 200, 250, 300)
DEFAULT_STEP = 100

#: The DPI the pixel figures are quoted at.
REFERENCE_DPI = 96.0
#: Normal mode base (and body) size at 100 %: 12 pt = 16 px at 96 dpi, the web's body size.
NORMAL_BASE_PT = 12.0
#: 长辈版 body size at the first and at the largest step (MIIT: ≥ 24 px, and ≥ 40 px at the top).
ELDER_FIRST_PX = 24.0
ELDER_LARGEST_PX = 48.0

#: 长辈版: every clickable target at least this many logical px square.
ELDER_MIN_TARGET_PX = 60
#: The body column holds at most this many characters a line, at every step.
BODY_MAX_CHARS = 40


def check_step(step: int) -> int:
    """``step`` itself when it is one of ``FONT_STEPS``; raises ``ValueError`` otherwise."""
    if step not in FONT_STEPS:
        raise ValueError(f"font step {step!r} is not one of {FONT_STEPS}")
    return step


def nearest_step(value: float) -> int:
    """The font step closest to ``value`` (for a stored setting that is out of range)."""
    return min(FONT_STEPS, key=lambda s: (abs(s - value), s))


def step_up(step: int) -> int:
    """The next larger step (the largest stays)."""
    index = FONT_STEPS.index(check_step(step))
    return FONT_STEPS[min(index + 1, len(FONT_STEPS) - 1)]


def step_down(step: int) -> int:
    """The next smaller step (the smallest stays)."""
    index = FONT_STEPS.index(check_step(step))
    return FONT_STEPS[max(index - 1, 0)]


def px_to_pt(px: float, dpi: float = REFERENCE_DPI) -> float:
    """Points that Qt draws as ``px`` logical pixels at logical ``dpi``."""
    if dpi <= 0:
        raise ValueError(f"dpi must be positive, not {dpi!r}")
    return px * 72.0 / dpi


def pt_to_px(pt: float, dpi: float = REFERENCE_DPI) -> float:
    """Logical pixels Qt draws for ``pt`` points at logical ``dpi``."""
    return pt * dpi / 72.0


def elder_body_px(step: int) -> float:
    """长辈版 body size in px: 24 px at 100 %, growing half as fast as the step, 48 px at 300 %.

    Half as fast because 长辈版 starts 1.5x bigger; both modes meet at 48 px at the
    largest step, so the window has one worst case to fit in 1280x800.
    """
    fraction = (check_step(step) - FONT_STEPS[0]) / (FONT_STEPS[-1] - FONT_STEPS[0])
    return ELDER_FIRST_PX + fraction * (ELDER_LARGEST_PX - ELDER_FIRST_PX)


def base_point_size(step: int, mode: Mode, dpi: float = REFERENCE_DPI) -> float:
    """The application font size in points for a font step, a mode and the logical DPI.

    Body text is set at the base size (1em), so this is also the body size.
    """
    normal = NORMAL_BASE_PT * check_step(step) / 100
    if mode is Mode.NORMAL:
        return normal
    return max(px_to_pt(elder_body_px(step), dpi), normal)


def body_px(step: int, mode: Mode, dpi: float = REFERENCE_DPI) -> float:
    """Body text size in logical px for a step and mode at ``dpi``."""
    return pt_to_px(base_point_size(step, mode, dpi), dpi)


class Spacing(NamedTuple):
    """Line height and paragraph spacing of body text."""

    #: Line pitch as a multiple of the font size (CSS ``line-height``; Qt ProportionalHeight/100).
    line_height: float
    #: Blank space between paragraphs, in line pitches.
    paragraph_spacing: float

    def line_px(self, font_px: float) -> float:
        """Baseline-to-baseline distance within a paragraph, in px."""
        return font_px * self.line_height

    def paragraph_gap_px(self, font_px: float) -> float:
        """The margin between two paragraphs, in px (rich-text margins are pixel-only)."""
        return self.line_px(font_px) * self.paragraph_spacing

    def paragraph_gap_em(self) -> float:
        """The same margin in em, as the article HTML gives it."""
        return self.line_height * self.paragraph_spacing

    def paragraph_pitch_px(self, font_px: float) -> float:
        """Baseline to baseline across a paragraph break: a line pitch plus the gap."""
        return self.line_px(font_px) + self.paragraph_gap_px(font_px)


#: Spacing by mode; the window uses exactly these (``ui/elder_mode.py``).
#:
#: 长辈版 (WCAG 1.4.8, MIIT): line height ≥ 1.5, and "paragraph spacing ≥ 1.5x the
#: line spacing". Reading used: the paragraph spacing is the distance from the last
#: baseline of one paragraph to the first of the next (the way line spacing is the
#: distance between two baselines), so it must be ≥ 1.5 line pitches. A gap of 0.75
#: pitch gives 1.75. (A 1.5-pitch *gap*, 2.5 pitches across, was tried: under Qt it
#: left 5 em between paragraphs, too far apart to read as one text.)
#: The normal mode keeps the pane's 1.8 line height and a 0.6 em gap (1/3 pitch).
SPACING: dict[Mode, Spacing] = {
    Mode.NORMAL: Spacing(line_height=1.8, paragraph_spacing=1 / 3),
    Mode.ELDER: Spacing(line_height=1.6, paragraph_spacing=0.75),
}

#: The headline's size against the body (a CSS keyword: ``xx-large`` is 2×, ``x-large``
#: 1.5×). In 长辈版 the body is big already: at 300 % a 2× headline in two lines
#: filled the first screen, and the story's first words were below it.
HEADLINE_SIZE: dict[Mode, str] = {Mode.NORMAL: "xx-large", Mode.ELDER: "x-large"}
