"""Display settings for reading: font step, theme colours, typeface and column measure.

Both are NamedTuples, not dataclasses: made at every start, a frozen dataclass
costs ~0.6 ms (Python 3.11 compiles its methods); changed with ``_replace``.
"""

from __future__ import annotations

from typing import NamedTuple


class ArticleColours(NamedTuple):
    """The colours the article HTML uses (``#rrggbb``); a theme maps its roles onto these."""

    text: str = "#1a1a1a"
    background: str = "#ffffff"
    headline: str = "#111111"
    kicker: str = "#8a1c1c"
    subtitle: str = "#333333"
    #: Bylines, captions, seams between story fragments.
    secondary: str = "#4d4d4d"
    link: str = "#0b4f9c"
    #: Jump markers such as （下转3版）.
    jump: str = "#0b4f9c"
    #: Search hits, in the article and in the results' snippets.
    search_hit: str = "#ffd27a"
    search_hit_text: str = "#1a1a1a"


class DisplaySettings(NamedTuple):
    """How an article is shown; the renderer and the article view both read it.

    Sizes in the rendered HTML are relative to the base font, so ``font_step`` is
    applied by the UI to the application font (the whole window grows, 长辈版)
    and never written into the HTML: the same HTML serves every step.
    """

    #: Font step in percent of the standard size (100 = standard).
    font_step: int = 100
    #: Name of the colour theme the colours come from.
    theme: str = "light"
    colours: ArticleColours = ArticleColours()
    #: Font family of the article text; empty means the application font.
    typeface: str = ""
    #: Width of the body column in characters (a comfortable measure is 30–40).
    measure: int = 36
    #: Line pitch of body text as a multiple of the font size (CSS ``line-height``).
    line_height: float = 1.8
    #: The font's own line spacing as a multiple of its size (about 1.45 for Noto CJK).
    #: Qt's proportional line height multiplies this, not the size, so the renderer
    #: divides by it; the view measures it from the font it shows.
    font_line_spacing: float = 1.0
    #: Space between paragraphs, in em.
    paragraph_spacing: float = 0.6
    #: Size of the headline: a CSS size keyword (``x-large``, ``xx-large``).
    headline_size: str = "xx-large"
