"""繁體 → 简体 for queries, with OpenCC (the official binding, ``opencc`` on PyPI)."""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Protocol

from jiangbei_reader.core.search.normalize import clean_text

log = logging.getLogger(__name__)

#: Han characters (with the compatibility ideographs): only text with one is converted.
_HAN = re.compile("[\u2e80-\u2fdf\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


@lru_cache(maxsize=1)
def _converter() -> _Converter | None:
    try:
        import opencc
    except ImportError:  # pragma: no cover - a declared dependency
        log.warning("opencc is not installed: 繁體 queries are searched as typed")
        return None
    converter: _Converter = opencc.OpenCC("t2s")
    return converter


@lru_cache(maxsize=4096)
def to_simplified(text: str) -> str:
    """Text in simplified characters (phrases too: 後來 → 后来); unchanged without OpenCC."""
    text = clean_text(text)
    if _HAN.search(text) is None:
        # Pinyin, digits, Latin: nothing to convert, and OpenCC need not be loaded.
        return text
    converter = _converter()
    return converter.convert(text) if converter is not None else text
