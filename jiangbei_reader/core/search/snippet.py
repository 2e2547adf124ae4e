"""Snippets: a short piece of an article around its first hit, with the hits marked."""

from __future__ import annotations

from collections.abc import Sequence

#: Characters of context shown before the hit, and the snippet's length.
BEFORE = 24
LENGTH = 90
ELLIPSIS = "…"


def make_snippet(
    text: str, spans: Sequence[tuple[int, int]], body_start: int
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """(snippet, hit spans inside it) for a plain text whose body starts at ``body_start``.

    The snippet stays inside the paragraph of the first hit in the body (or in
    the headline when only the headline matches).
    """
    first = next((s for s in spans if s[0] >= body_start), spans[0] if spans else None)
    if first is None:
        end = text.find("\n", body_start)
        piece = text[body_start : end if end >= 0 else len(text)][:LENGTH]
        return piece, ()
    para_start = text.rfind("\n", 0, first[0]) + 1
    para_end = text.find("\n", first[1])
    if para_end < 0:
        para_end = len(text)
    start = max(para_start, first[0] - BEFORE)
    end = min(para_end, max(start + LENGTH, first[1]))
    if end - start < LENGTH:
        start = max(para_start, end - LENGTH)
    prefix = ELLIPSIS if start > para_start else ""
    suffix = ELLIPSIS if end < para_end else ""
    shift = len(prefix) - start
    inside = tuple(
        (max(s, start) + shift, min(e, end) + shift) for s, e in spans if s < end and e > start
    )
    return prefix + text[start:end] + suffix, inside
