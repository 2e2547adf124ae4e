"""Joining hard-wrapped lines: Chinese joins with no space, Latin words keep one."""

from __future__ import annotations

import re

_ASCII_WORD_END = re.compile(r"[A-Za-z0-9%.,;:!?)\]'\"]$")
_ASCII_WORD_START = re.compile(r"^[A-Za-z0-9(\['\"]")
_LINE_PADDING = " \t\u3000"


_NUMBER_END = re.compile(r"[0-9][.,]?$")


def needs_space(before: str, after: str) -> bool:
    """True when two wrapped pieces are Latin words that need a space between them.

    A number wrapped mid-way (``5`` / ``0余家``, ``4.`` / ``6亿元``) joins with none.
    """
    if not (before and after and _ASCII_WORD_END.search(before) and _ASCII_WORD_START.match(after)):
        return False
    return not (_NUMBER_END.search(before) and after[0].isdigit())


def join_wrapped_lines(lines: list[str]) -> str:
    """Join the lines of one paragraph."""
    return join_with_positions([(0, line) for line in lines])[0]


def join_with_positions(
    lines: list[tuple[int, str]],
) -> tuple[str, list[tuple[int, int, int]]]:
    """Joined text and, per non-blank line, (offset in the text, line number, 1-based column)."""
    text = ""
    spans: list[tuple[int, int, int]] = []
    for number, raw in lines:
        piece = raw.strip(_LINE_PADDING)
        if not piece:
            continue
        if needs_space(text, piece):
            text += " "
        spans.append((len(text), number, raw.find(piece) + 1))
        text += piece
    return text, spans
