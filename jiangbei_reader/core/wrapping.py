"""Joining hard-wrapped lines: Chinese joins with no space, Latin words keep one."""

from __future__ import annotations

_LINE_PADDING = " \t\u3000"
_DIGITS = "0123456789"
_LETTERS_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" + _DIGITS
#: What a Latin word (or number) may end and start with, around a line break.
_WORD_END = frozenset(_LETTERS_DIGITS + "%.,;:!?)]'\"")
_WORD_START = frozenset(_LETTERS_DIGITS + "(['\"")


def needs_space(before: str, after: str) -> bool:
    """True when two wrapped pieces are Latin words that need a space between them.

    A number wrapped mid-way (``5`` / ``0余家``, ``4.`` / ``6亿元``) joins with none.
    Only the last character of ``before`` and the first of ``after`` are looked at
    (a paragraph joins line by line: ``before`` is all of it so far).
    """
    if not (before and after and before[-1] in _WORD_END and after[0] in _WORD_START):
        return False
    # A number cut after a digit, or after its decimal point or thousands comma.
    number_end = before[-1] in _DIGITS or (
        before[-1] in ".," and len(before) > 1 and before[-2] in _DIGITS
    )
    return not (number_end and after[0].isdigit())


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
