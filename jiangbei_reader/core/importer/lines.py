"""The raw line joiner: artefact spaces out, wrapped lines joined, widths as printed."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

#: Whitespace an extraction leaves in a line: ASCII, tab, no-break and ideographic spaces.
_SPACE_RUN = re.compile(r"[ \t\u00a0\u3000]+")
_LATIN = re.compile(r"[A-Za-z0-9]")


def is_cjk(ch: str) -> bool:
    """True for a Han character (or another CJK letter that is not punctuation)."""
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2FFFF
        or 0x3040 <= code <= 0x30FF
    )


def char_width(ch: str) -> float:
    """Printed width in em: half for ASCII (digits and Latin letters are set half-width)."""
    if " " <= ch <= "~":
        return 0.5
    if unicodedata.combining(ch):
        return 0.0
    return 1.0


def display_width(text: str) -> float:
    """Printed width of a line in em."""
    return sum(char_width(ch) for ch in text)


def _keeps_space(before: str, after: str) -> bool:
    """A space the source meant: between two Latin words, or between two Chinese words.

    Between Chinese and Latin (``今年 4月``, ``江北城 CBD``) or next to full-width
    punctuation (``本报讯 （记者``) the space is an artefact of the extraction.
    """
    if before.isascii() and after.isascii():
        return True
    return is_cjk(before) and is_cjk(after)


def clean_line(line: str) -> str:
    """A line without padding and with artefact spaces removed (meant spaces become one)."""
    text = line.strip(" \t\u00a0\u3000")

    def replace(match: re.Match[str]) -> str:
        before, after = text[match.start() - 1], text[match.end()]
        return " " if _keeps_space(before, after) else ""

    return _SPACE_RUN.sub(replace, text)


def has_indent(line: str) -> bool:
    """True when a line starts with whitespace (an indented paragraph start, 首行缩进)."""
    return bool(line) and line[0] in " \t\u00a0\u3000" and bool(line.strip())


def join_pieces(pieces: Sequence[str], spaced: Sequence[bool] = ()) -> str:
    """Join cleaned wrapped lines: Chinese with no space, Latin words with one.

    A line break inside a number or a word (``故事61`` / ``个``, ``百姓hua`` / ``望江``)
    joins with none; ``spaced[i]`` says the raw line ``i`` ended in whitespace, which is
    the only evidence that the source meant a space between two Latin words there.
    """
    text = ""
    for index, piece in enumerate(pieces):
        if not piece:
            continue
        if text and index > 0 and index - 1 < len(spaced) and spaced[index - 1]:
            if _LATIN.match(text[-1]) and _LATIN.match(piece[0]):
                text += " "
        text += piece
    return text
