"""繁體 → 简体 for queries, with OpenCC (the official binding, ``opencc`` on PyPI)."""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Protocol

from jiangbei_reader.core.search.normalize import clean_text

log = logging.getLogger(__name__)


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
    converter = _converter()
    return converter.convert(text) if converter is not None else text
