"""WCAG 2.2 relative luminance and contrast ratio of sRGB colours, and palette checks."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

#: An opaque colour as 0–255 channels.
RGB = tuple[int, int, int]
#: A colour with alpha, 0–255 each (255 = opaque).
RGBA = tuple[int, int, int, int]
#: What the functions here accept: ``#rgb``, ``#rrggbb``, ``#rrggbbaa`` (CSS order), or a tuple.
Color = str | RGB | RGBA

#: WCAG 2.2 success criterion 1.4.6 (AAA) for body text, and 1.4.3 (AA) for other text.
BODY_TEXT_RATIO = 7.0
OTHER_TEXT_RATIO = 4.5
#: The page colour a translucent background is composited over when nothing else is said.
WHITE: RGB = (255, 255, 255)

_HEX = re.compile(r"#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")


def parse_color(color: Color) -> RGBA:
    """The channels of a colour; raises ``ValueError`` naming the bad value.

    Eight hex digits are read in CSS order, ``#RRGGBBAA`` — not Qt's ``#AARRGGBB``.
    """
    if isinstance(color, str):
        match = _HEX.fullmatch(color.strip())
        if match is None:
            raise ValueError(f"not a colour: {color!r} (expected #rgb, #rrggbb or #rrggbbaa)")
        digits = match.group(1)
        if len(digits) == 3:
            digits = "".join(ch * 2 for ch in digits)
        if len(digits) == 6:
            digits += "ff"
        r, g, b, a = (int(digits[i : i + 2], 16) for i in range(0, 8, 2))
        return (r, g, b, a)
    channels = tuple(color)
    if len(channels) not in (3, 4) or not all(
        isinstance(c, int) and 0 <= c <= 255 for c in channels
    ):
        raise ValueError(f"not a colour: {color!r} (expected 3 or 4 integers 0–255)")
    if len(channels) == 3:
        return (channels[0], channels[1], channels[2], 255)
    return (channels[0], channels[1], channels[2], channels[3])


def to_hex(color: Color) -> str:
    """``#rrggbb`` for an opaque colour, ``#rrggbbaa`` otherwise."""
    r, g, b, a = parse_color(color)
    text = f"#{r:02x}{g:02x}{b:02x}"
    return text if a == 255 else f"{text}{a:02x}"


def composite(color: Color, background: Color = WHITE) -> RGB:
    """The opaque colour seen when ``color`` is painted over ``background`` (source-over)."""
    r, g, b, a = parse_color(color)
    br, bg, bb, ba = parse_color(background)
    if ba != 255:
        # A translucent background is itself seen over white, like a page.
        br, bg, bb = composite((br, bg, bb, ba), WHITE)
    alpha = a / 255
    return (
        round(r * alpha + br * (1 - alpha)),
        round(g * alpha + bg * (1 - alpha)),
        round(b * alpha + bb * (1 - alpha)),
    )


def _linear(channel: int) -> float:
    # WCAG 2.2 uses the sRGB threshold 0.04045 (2.0 printed 0.03928; no 8-bit value differs).
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(color: Color, background: Color = WHITE) -> float:
    """WCAG relative luminance, 0 (black) to 1 (white); alpha is composited over ``background``."""
    r, g, b = composite(color, background)
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def contrast_ratio(foreground: Color, background: Color, backdrop: Color = WHITE) -> float:
    """WCAG contrast ratio, 1 to 21, of ``foreground`` painted on ``background``.

    A translucent background is first composited over ``backdrop``; a translucent
    foreground is then composited over the result.
    """
    bg = composite(background, backdrop)
    fg = composite(foreground, bg)
    lighter, darker = sorted((relative_luminance(fg), relative_luminance(bg)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@dataclass(frozen=True, slots=True)
class ContrastRule:
    """A foreground role that must reach ``minimum`` against a background role."""

    foreground: str
    background: str
    minimum: float
    #: What the pair is, in words, for the failure message.
    what: str = ""


@dataclass(frozen=True, slots=True)
class ContrastFailure:
    """A rule a palette does not meet; ``ratio`` is NaN when a role is missing or invalid."""

    rule: ContrastRule
    ratio: float
    reason: str = ""

    def __str__(self) -> str:
        rule = self.rule
        pair = f"{rule.foreground} on {rule.background}"
        what = f" ({rule.what})" if rule.what else ""
        if math.isnan(self.ratio):
            return f"{pair}{what}: {self.reason}"
        return f"{pair}{what}: {self.ratio:.2f}:1, needs {rule.minimum:g}:1"


def check_palette(
    colors: Mapping[str, Color], rules: Iterable[ContrastRule], backdrop: Color = WHITE
) -> list[ContrastFailure]:
    """Every rule the palette ``colors`` (role → colour) fails, in rule order; empty when all pass.

    A missing role or an unreadable colour is a failure too, never an exception.
    """
    failures: list[ContrastFailure] = []
    for rule in rules:
        missing = [r for r in (rule.foreground, rule.background) if r not in colors]
        if missing:
            failures.append(ContrastFailure(rule, math.nan, f"no colour for {', '.join(missing)}"))
            continue
        try:
            ratio = contrast_ratio(colors[rule.foreground], colors[rule.background], backdrop)
        except ValueError as error:
            failures.append(ContrastFailure(rule, math.nan, str(error)))
            continue
        # Round down to 2 places as checkers report; 6.999 is not 7.
        if math.floor(ratio * 100) / 100 < rule.minimum:
            failures.append(ContrastFailure(rule, ratio))
    return failures
