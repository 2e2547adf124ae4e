"""Stable, readable article slugs: pinyin of the headline's first characters."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_MAX_SYLLABLES = 4


def is_valid_slug(text: str) -> bool:
    """True for lower-case ASCII words joined by single hyphens."""
    return _SLUG_RE.fullmatch(text) is not None


@lru_cache(maxsize=4096)
def slug_for_headline(headline: str) -> str:
    """``“碳”寻发展新路径`` → ``tan-xun-fa-zhan``; ASCII words are kept as they are."""
    from pypinyin import lazy_pinyin  # imported late: only parsing needs it, not start-up

    text = unicodedata.normalize("NFKC", headline)
    words: list[str] = []
    for syllable in lazy_pinyin(text):
        # Non-Chinese runs come back whole ("LED灯" -> "LED", "deng"): keep their words.
        words.extend(re.findall(r"[a-z0-9]+", syllable.lower()))
    return "-".join(words[:_MAX_SYLLABLES]) or "article"
