"""How much a headline or caption is about a body: shared Chinese word pairs."""

from __future__ import annotations

import re

_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_LATIN_WORD = re.compile(r"[A-Za-z0-9]{2,}")


def grams(text: str) -> frozenset[str]:
    """Character bigrams of the Chinese runs and the Latin words and numbers of a text."""
    found: set[str] = set()
    for run in _HAN_RUN.findall(text):
        found.update(run[i : i + 2] for i in range(len(run) - 1))
    found.update(word.lower() for word in _LATIN_WORD.findall(text))
    return frozenset(found)


def containment(title: frozenset[str], body: frozenset[str]) -> float:
    """Share of a title's grams that occur in a body (0 when the title has none)."""
    if not title:
        return 0.0
    return len(title & body) / len(title)
