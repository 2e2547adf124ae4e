"""Read-aloud text: an article or a whole story as sentences to speak, each mapped to the page.

Order: 引题, headline, 副题, then the body — paragraphs and 小标题 (picture captions
only when asked), and in whole-story mode the continuation fragments' bodies in
order, as the reading pane shows them (the renderer prints only the first
fragment's headline). Bylines are not read: the body's 本报讯（记者 …） says it.

Jump markers are never read as printed. Between two fragments of the story being
read, （下转3版） and （上接1版） are skipped, so the story reads through. Where the
other end is not being read — a single fragment, or a page not bundled — the marker
is read as 下转第三版 / 上接第一版, so the listener knows the story goes on elsewhere.

Each :class:`Utterance` is one sentence: split at 。！？； (keeping closing quotes and
brackets with it) and at line ends. It says where it is printed — fragment, part,
block index and the character span in that part's text *as shown* (Markdown
inline markup removed: see :func:`display_text`) — so the UI can highlight it and
keep it in view, and carries the words given to the engine (:mod:`spoken`).
"""

from __future__ import annotations

import enum
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from jiangbei_reader.core.markers import find_jump_markers
from jiangbei_reader.core.model import Article, Figure, JumpDirection, Paragraph, Story, Subhead
from jiangbei_reader.core.spoken import Piece, Spoken, speak
from jiangbei_reader.core.voices import VoiceChoice, VoiceInfo, choose_voice

if TYPE_CHECKING:
    import markdown

__all__ = [
    "Part",
    "Utterance",
    "VoiceChoice",
    "VoiceInfo",
    "article_utterances",
    "choose_voice",
    "display_text",
    "jump_words",
    "sentence_spans",
    "story_utterances",
]

#: Characters that end a sentence.
SENTENCE_END = "。！？；!?;"
#: Closing quotes and brackets that belong to the sentence before them: “好。”
_CLOSERS = "”’」』）)】》〉\"'"
_BLANK = " \t\u3000\r"


class Part(enum.Enum):
    """Which printed part of an article a sentence comes from."""

    KICKER = "kicker"
    HEADLINE = "headline"
    SUBTITLE = "subtitle"
    PARAGRAPH = "paragraph"
    SUBHEAD = "subhead"
    CAPTION = "caption"


@dataclass(frozen=True, slots=True)
class Utterance:
    """One sentence to speak, and where it is printed."""

    #: Position in the utterance sequence, from 0.
    index: int
    article_id: str
    #: Position of the fragment in the story (0 for a single article).
    fragment: int
    part: Part
    #: Index into ``Article.blocks`` for body parts; ``None`` for kicker, headline, subtitle.
    block: int | None
    #: Span of the sentence in ``source`` (the part's text as shown).
    start: int
    end: int
    #: The whole part (paragraph, headline …) as shown, without the renderer's indent.
    source: str
    #: The sentence as printed (``source[start:end]``) and what is said for it.
    speech: Spoken
    #: True for a jump marker read as 下转第三版.
    is_jump: bool = False

    @property
    def text(self) -> str:
        """The sentence as printed."""
        return self.speech.text

    @property
    def spoken(self) -> str:
        """The words to give the speech engine."""
        return self.speech.spoken


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text``: split at 。！？； and line ends, blanks trimmed.

    Spans holding no letter or digit (stray punctuation) are dropped.
    """
    spans: list[tuple[int, int]] = []

    def emit(start: int, end: int) -> None:
        while start < end and text[start] in _BLANK:
            start += 1
        while end > start and text[end - 1] in _BLANK:
            end -= 1
        if any(ch.isalnum() for ch in text[start:end]):
            spans.append((start, end))

    start = i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\n":
            emit(start, i)
            start = i = i + 1
        elif ch in SENTENCE_END:
            i += 1
            while i < len(text) and (text[i] in SENTENCE_END or text[i] in _CLOSERS):
                i += 1
            emit(start, i)
            start = i
        else:
            i += 1
    emit(start, len(text))
    return spans


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


_MARKUP = re.compile(r"[*_`\[\]\\&<!]")
_BLOCK_SYNTAX = ("indent", "code", "hashheader", "setextheader", "hr", "olist", "ulist", "quote")


@cache
def _inline_converter() -> markdown.Markdown:
    # Made on the first paragraph with markup: Python-Markdown's import is not
    # needed to show the window, nor for the many paragraphs without markup.
    import markdown

    md = markdown.Markdown(output_format="html")
    for name in _BLOCK_SYNTAX:
        md.parser.blockprocessors.deregister(name, strict=False)
    # Raw HTML is shown as text by the reader, so it is text here too.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


def display_text(markdown_inline: str) -> str:
    """A paragraph's Markdown inline text as the reader shows it: ``*强调*`` → 强调."""
    if not _MARKUP.search(markdown_inline):
        return markdown_inline  # nearly every paragraph: no markup at all
    converter = _inline_converter().reset()
    parser = _TextOnly()
    parser.feed(converter.convert(markdown_inline))
    parser.close()
    return html.unescape("".join(parser.parts)).strip("\n")


def jump_words(marker: str) -> str:
    """A jump marker as said aloud: （下转3版） → 下转第三版, (接A1版) → 上接第A一版."""
    found = next(find_jump_markers(marker), None)
    if found is None:
        return speak(marker).spoken
    verb = "上接" if found.direction is JumpDirection.FROM else "下转"
    return verb + speak(f"第{found.page}版").spoken


def _segments(text: str, skip_jumps: frozenset[JumpDirection]) -> Iterator[tuple[int, int, bool]]:
    """Spans of ``text`` to read: sentences, and jump markers not in ``skip_jumps``."""
    position = 0
    for marker in find_jump_markers(text):
        for start, end in sentence_spans(text[position : marker.start]):
            yield position + start, position + end, False
        if marker.direction not in skip_jumps:
            yield marker.start, marker.end, True
        position = marker.end
    for start, end in sentence_spans(text[position:]):
        yield position + start, position + end, False


class _Builder:
    def __init__(self, include_captions: bool) -> None:
        self.include_captions = include_captions
        self.out: list[Utterance] = []

    def add_part(
        self,
        article: Article,
        fragment: int,
        part: Part,
        block: int | None,
        source: str,
        skip_jumps: frozenset[JumpDirection] = frozenset(),
    ) -> None:
        for start, end, is_jump in _segments(source, skip_jumps):
            printed = source[start:end]
            speech = _marker_speech(printed) if is_jump else speak(printed)
            self.out.append(
                Utterance(
                    len(self.out),
                    article.id,
                    fragment,
                    part,
                    block,
                    start,
                    end,
                    source,
                    speech,
                    is_jump,
                )
            )

    def heading(self, article: Article) -> None:
        for part, text in (
            (Part.KICKER, article.kicker),
            (Part.HEADLINE, article.headline),
            (Part.SUBTITLE, article.subtitle),
        ):
            if text:
                self.add_part(article, 0, part, None, text)

    def body(self, article: Article, fragment: int, skip_jumps: frozenset[JumpDirection]) -> None:
        for index, block in enumerate(article.blocks):
            if isinstance(block, Paragraph):
                text = display_text(block.text)
                self.add_part(article, fragment, Part.PARAGRAPH, index, text, skip_jumps)
            elif isinstance(block, Subhead):
                self.add_part(article, fragment, Part.SUBHEAD, index, block.text, skip_jumps)
            elif isinstance(block, Figure) and self.include_captions:
                self.add_part(article, fragment, Part.CAPTION, index, block.caption)


def _marker_speech(printed: str) -> Spoken:
    words = jump_words(printed)
    return Spoken(printed, words, (Piece(0, len(printed), 0, len(words), printed == words),))


def article_utterances(
    article: Article, *, include_captions: bool = False
) -> tuple[Utterance, ...]:
    """The sentences of one article (or one fragment) in reading order; markers read aloud."""
    builder = _Builder(include_captions)
    builder.heading(article)
    builder.body(article, 0, frozenset())
    return tuple(builder.out)


def story_utterances(story: Story, *, include_captions: bool = False) -> tuple[Utterance, ...]:
    """The sentences of a whole story: the first fragment's heading, then every body in order.

    Markers between fragments of the story are skipped; a marker pointing at a page
    that is not bundled is read.
    """
    builder = _Builder(include_captions)
    fragments = story.fragments
    if not fragments:
        return ()
    builder.heading(fragments[0])
    for position, fragment in enumerate(fragments):
        skip: set[JumpDirection] = set()
        if position > 0:
            skip.add(JumpDirection.FROM)
        if position < len(fragments) - 1:
            skip.add(JumpDirection.TO)
        builder.body(fragment, position, frozenset(skip))
    return tuple(builder.out)
