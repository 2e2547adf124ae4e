"""Linking jump markers: a （下转3版） fragment to its （上接1版） continuation, both ways."""

from __future__ import annotations

from pathlib import Path

from jiangbei_reader.core.diagnostics import Diagnostic, Severity
from jiangbei_reader.core.markers import find_jump_markers, normalize_headline
from jiangbei_reader.core.model import Article, Block, Jump, JumpDirection, Paragraph
from jiangbei_reader.core.wrapping import join_with_positions


class ArticleDraft:
    """An article while its file is being read; frozen into an `Article` once linked."""

    # A plain class: a dataclass costs ~0.5 ms of start-up to make (docs/performance.md).
    __slots__ = ("blocks", "explicit_slug", "fields", "headline", "id", "jumps", "line",
                 "page_id", "path", "slug")  # fmt: skip

    def __init__(
        self,
        headline: str,
        page_id: str,
        line: int,
        slug: str,
        explicit_slug: bool,
        path: Path | None,
    ) -> None:
        self.headline = headline
        self.page_id = page_id
        self.line = line
        self.slug = slug
        self.explicit_slug = explicit_slug
        self.path = path
        self.id = ""
        self.fields: dict[str, str] = {}
        self.blocks: list[Block] = []
        self.jumps: list[Jump] = []

    def add_paragraph(self, lines: list[tuple[int, str]]) -> None:
        """Join a paragraph's lines and note the jump markers printed in it."""
        text, spans = join_with_positions(lines)
        self.blocks.append(Paragraph(text, lines[0][0]))
        for marker in find_jump_markers(text):
            offset, line, col = next(s for s in reversed(spans) if s[0] <= marker.start)
            self.jumps.append(
                Jump(marker.direction, marker.page, marker.text, line, col + marker.start - offset)
            )

    def freeze(self) -> Article:
        """The immutable article."""
        return Article(
            id=self.id,
            slug=self.slug,
            explicit_slug=self.explicit_slug,
            headline=self.headline,
            page_id=self.page_id,
            line=self.line,
            blocks=tuple(self.blocks),
            jumps=tuple(self.jumps),
            **self.fields,
        )


def _same_story(start: ArticleDraft, continuation: ArticleDraft) -> bool:
    if start.explicit_slug and continuation.explicit_slug:
        return start.slug == continuation.slug
    return normalize_headline(start.headline) == normalize_headline(continuation.headline)


_MARKER_NAMES = {JumpDirection.TO: "下转", JumpDirection.FROM: "上接"}


def link_jumps(
    pages: dict[str, list[ArticleDraft]], missing_pages: set[str]
) -> tuple[dict[str, Article], tuple[Diagnostic, ...]]:
    """Resolve every jump marker of an edition; return frozen articles by id and problems.

    A 下转 marker on page p pointing to page q is linked to the one article on q
    that says 上接p版 and has the same normalised headline (or the same explicit
    ``{#id}`` when both fragments give one).
    """
    diagnostics: list[Diagnostic] = []
    linked: dict[tuple[str, int], str] = {}  # (article id, jump index) -> other end's id
    #: Jumps already reported as ambiguous or unmatched, both ends: said once is enough.
    explained: set[tuple[str, int]] = set()

    def report(draft: ArticleDraft, jump: Jump, severity: Severity, code: str, text: str) -> None:
        diagnostics.append(Diagnostic(draft.path, jump.line, jump.col, severity, code, text))

    for drafts in pages.values():
        for start in drafts:
            for index, jump in enumerate(start.jumps):
                if jump.direction is not JumpDirection.TO or jump.target_page not in pages:
                    continue
                candidates = [
                    (other, other_index)
                    for other in pages[jump.target_page]
                    for other_index, back in enumerate(other.jumps)
                    if back.direction is JumpDirection.FROM
                    and back.target_page == start.page_id
                    and (other.id, other_index) not in linked
                ]
                matches = [c for c in candidates if _same_story(start, c[0])]
                if len(matches) == 1:
                    other, other_index = matches[0]
                    linked[(start.id, index)] = other.id
                    linked[(other.id, other_index)] = start.id
                elif len(matches) > 1:
                    explained.add((start.id, index))
                    explained.update((other.id, other_index) for other, other_index in matches)
                    report(
                        start,
                        jump,
                        Severity.ERROR,
                        "ambiguous-jump",
                        f"{jump.text} matches {len(matches)} continuations on page "
                        f"{jump.target_page}; give the fragments the same {{#id}}",
                    )
                elif candidates:
                    explained.add((start.id, index))
                    names = "、".join(f"“{c[0].headline}”" for c in candidates)
                    report(
                        start,
                        jump,
                        Severity.ERROR,
                        "unmatched-jump",
                        f"{jump.text}: page {jump.target_page} has continuations from page "
                        f"{start.page_id} ({names}) but none with this headline; "
                        "give both fragments the same {#id}",
                    )

    for drafts in pages.values():
        for draft in drafts:
            for index, jump in enumerate(draft.jumps):
                if (draft.id, index) in linked or (draft.id, index) in explained:
                    continue
                end = "continuation" if jump.direction is JumpDirection.TO else "start"
                if jump.target_page in missing_pages:
                    report(
                        draft,
                        jump,
                        Severity.NOTE,
                        "jump-not-bundled",
                        f"{jump.text}: the story's {end} is on page {jump.target_page}, "
                        "which is not bundled (未收录)",
                    )
                elif jump.target_page not in pages:
                    report(
                        draft,
                        jump,
                        Severity.WARNING,
                        "jump-unknown-page",
                        f"{jump.text}: page {jump.target_page} is not in this edition; "
                        f"declare it with '# 第{jump.target_page}版' and 未收录 "
                        "if it exists but is not bundled",
                    )
                elif jump.target_page == draft.page_id:
                    report(
                        draft,
                        jump,
                        Severity.ERROR,
                        "jump-same-page",
                        f"{jump.text} points to the page it is printed on",
                    )
                else:
                    want = _MARKER_NAMES[
                        JumpDirection.FROM
                        if jump.direction is JumpDirection.TO
                        else JumpDirection.TO
                    ]
                    report(
                        draft,
                        jump,
                        Severity.ERROR,
                        "jump-no-other-end",
                        f"{jump.text}: no article on page {jump.target_page} says "
                        f"（{want}{draft.page_id}版） under this headline",
                    )

    articles: dict[str, Article] = {}
    for drafts in pages.values():
        for draft in drafts:
            draft.jumps = [
                jump.replace(target_id=linked.get((draft.id, index)))
                for index, jump in enumerate(draft.jumps)
            ]
            articles[draft.id] = draft.freeze()
    return articles, tuple(diagnostics)
