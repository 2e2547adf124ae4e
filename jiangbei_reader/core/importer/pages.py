"""Which page each article is on: form feeds where the extraction kept them, else a guess."""

from __future__ import annotations

from collections.abc import Sequence

from jiangbei_reader.core.importer.structure import Article, Kind
from jiangbei_reader.core.markers import find_jump_markers
from jiangbei_reader.core.model import JumpDirection


def _starts_with_continuation(article: Article) -> bool:
    items = [i for s in article.sections for i in s.items]
    if not items or items[0].kind is not Kind.MARKER:
        return False
    return any(m.direction is JumpDirection.FROM for m in find_jump_markers(items[0].text))


def _boundary_score(before: Article, after: Article) -> int:
    """How much a page break between two articles looks like the end of a printed page."""
    score = 0
    if before.kind in ("公益广告", "广告"):
        score += 2  # ads close a page
    if _starts_with_continuation(after):
        score += 1  # a continuation (上接) opens its page's text
    return score


def split_pages(parts: Sequence[list[Article]], count: int) -> tuple[list[list[Article]], bool]:
    """Articles of ``count`` pages from the parts between form feeds; True when guessed."""
    pages = [list(part) for part in parts]
    guessed = False
    while len(pages) < count:
        best: tuple[int, int, int, int] | None = None
        for page_index, page in enumerate(pages):
            for cut in range(1, len(page)):
                balance = -abs(len(page) - 2 * cut)
                key = (_boundary_score(page[cut - 1], page[cut]), balance, page_index, cut)
                if best is None or key[:2] > best[:2]:
                    best = key
        if best is None:
            break
        _, _, page_index, cut = best
        page = pages[page_index]
        pages[page_index : page_index + 1] = [page[:cut], page[cut:]]
        guessed = True
    return pages, guessed
