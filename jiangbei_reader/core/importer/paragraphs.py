"""Paragraphs from hard-wrapped raw lines: where the text shows one, not at every line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from jiangbei_reader.core.importer.lines import clean_line, display_width, has_indent, join_pieces
from jiangbei_reader.core.importer.patterns import (
    AD_LABEL,
    BYLINE,
    LIST_ITEM,
    QR,
    ends_sentence,
    is_marker_only,
)
from jiangbei_reader.core.markers import find_jump_markers
from jiangbei_reader.core.model import JumpDirection

#: Lines either side that set the local column width.
_WINDOW = 5
#: A line this much narrower than its column (in em) is short: a paragraph's end or indent.
_SHORT = 2.0
_INDENT = 1.5
#: A line at most this share of its column is short whatever follows it.
_CLEARLY_SHORT = 0.7
#: Lines narrower than this do not count when measuring the column.
_MIN_COUNTED = 6.0


@dataclass(frozen=True, slots=True)
class RawLine:
    """One line of raw text: its number in the file, cleaned text and printed width."""

    number: int
    text: str
    width: float
    indent: bool = False
    spaced: bool = False


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph candidate: consecutive raw lines joined into one text."""

    lines: tuple[RawLine, ...]
    text: str

    @property
    def line(self) -> int:
        """The number of its first raw line."""
        return self.lines[0].number


def read_lines(text: str, first_number: int = 1) -> list[RawLine]:
    """Clean every line of the raw text; blank lines are kept, with empty text."""
    out = []
    for offset, raw in enumerate(text.split("\n")):
        cleaned = clean_line(raw)
        out.append(
            RawLine(
                first_number + offset,
                cleaned,
                display_width(cleaned),
                has_indent(raw),
                bool(cleaned) and raw != raw.rstrip(),
            )
        )
    return out


def _zones(lines: Sequence[RawLine]) -> list[int]:
    """Zone number per line: a column's text, cut at bylines, markers and lines standing alone."""
    zones = []
    zone = 0
    for index, line in enumerate(lines):
        if not line.text:
            zones.append(zone)
            continue
        before = index > 0 and bool(lines[index - 1].text)
        after = index + 1 < len(lines) and bool(lines[index + 1].text)
        alone = not before and not after
        if alone or is_marker_only(line.text):
            zones.append(zone + 1)
            zone += 2
        else:
            if BYLINE.match(line.text):
                zone += 1
            zones.append(zone)
    return zones


def column_widths(lines: Sequence[RawLine]) -> list[float]:
    """For each line, the width of a full line of its column around it.

    Only lines printed next to another line (no blank line between) measure the column:
    headlines and other lines standing alone would make a title zone look narrow. The
    window stays inside the line's zone when that zone has enough lines to measure.
    """
    zones = _zones(lines)
    counted: list[tuple[int, float]] = []
    for index, line in enumerate(lines):
        if not line.text or line.width < _MIN_COUNTED:
            continue
        before = index > 0 and bool(lines[index - 1].text)
        after = index + 1 < len(lines) and bool(lines[index + 1].text)
        if before or after:
            counted.append((index, line.width))
    result: list[float] = []
    position = 0
    for index, line in enumerate(lines):
        while position < len(counted) and counted[position][0] < index:
            position += 1
        near = counted[max(0, position - _WINDOW) : position + _WINDOW + 1]
        window = sorted(w for i, w in near if zones[i] == zones[index])
        if len(window) < 3:
            window = sorted(w for _, w in near)
        if len(window) < 3:
            result.append(max([*window, line.width]))
        else:
            result.append(window[int(0.7 * (len(window) - 1) + 0.5)])
    return result


def _title_like(text: str) -> bool:
    return len(text) <= 40 and not any(ch in text for ch in "。；;") and text.count("，") <= 2


def _continues_on(text: str) -> bool:
    """A line that is only a 下转 marker ends the paragraph above it."""
    return is_marker_only(text) and any(
        m.direction is JumpDirection.TO for m in find_jump_markers(text)
    )


def _marker_across(a: str, b: str) -> bool:
    """A jump marker broken over two lines, blank ones between too: ``（下`` / ``转2版）``."""
    tail = a[-6:]
    return any(m.start < len(tail) < m.end for m in find_jump_markers(tail + b[:10]))


def _ends_sentence(block: Sequence[RawLine]) -> bool:
    """The block so far ends a sentence (or a colon), a 下转 marker after it or not."""
    text = block[-1].text
    if len(block) > 1 and _marker_across(block[-2].text, text):
        text = block[-2].text + text
    markers = [m for m in find_jump_markers(text) if m.end == len(text)]
    if markers:
        text = text[: markers[-1].start]
    return ends_sentence(text) or text.endswith(("：", ":"))


def _opens_block(text: str) -> bool:
    """A line that always starts a block: a byline, a jump marker, a QR blurb."""
    return bool(is_marker_only(text) or BYLINE.match(text) or QR.match(text))


def _breaks_after(
    block: Sequence[RawLine],
    b: RawLine,
    blanks: int,
    full_a: float,
    full_b: float,
    b_alone: bool,
    b_next: RawLine | None = None,
) -> bool:
    """True when a paragraph ends after the block so far (``b`` is the next non-blank line)."""
    a = block[-1]
    if (_continues_on(b.text) and not blanks) or _marker_across(a.text, b.text):
        return False
    if is_marker_only(a.text) or AD_LABEL.match(a.text) or _opens_block(b.text):
        return True
    end_a = _ends_sentence(block)
    # The first line of a paragraph is indented (首行缩进), so it is short by about 2 em.
    short_a = a.width <= full_a - _SHORT - (_SHORT if len(block) == 1 else 0)
    if LIST_ITEM.match(b.text) and (
        end_a or a.width <= full_a - _SHORT or LIST_ITEM.match(block[0].text)
    ):
        return True
    if blanks:
        # A blank line inside a sentence is an artefact of the extraction; only a
        # sentence end, a short title-like line or a title after it ends a paragraph there.
        if end_a:
            return True
        if (
            b_alone
            and b.width <= full_b - _SHORT
            and _title_like(b.text)
            and not ends_sentence(b.text)
        ):
            return True
        if not short_a or not _title_like("".join(line.text for line in block)):
            return False
        # Short, but perhaps only as short as an indented first line: then the line
        # after the blank tells. A paragraph goes on with a full line; a body after a
        # title starts with an indented one.
        clearly_short = a.width <= _CLEARLY_SHORT * full_a
        return clearly_short or b.width <= full_b - _INDENT
    # Lines running around a picture are all narrow: measure against the line before.
    if len(block) > 1:
        before = block[-2].width + (_SHORT if len(block) == 2 else 0)
        short_a = a.width <= min(full_a, before) - _SHORT
    # An indented line is about 2 em short (of its column and of the line after it);
    # a much shorter one ends its paragraph instead.
    indented = full_b - 2 * _SHORT <= b.width <= full_b - _INDENT and (
        b_next is None or b.width <= b_next.width - _INDENT
    )
    if end_a and (short_a or b.indent or indented):
        return True
    # A short line with no sentence end, then a full one: a title above a body.
    return (
        short_a
        and not end_a
        and a.width <= 0.7 * full_a
        and b.width >= full_b - _SHORT - 0.5
        and _title_like(a.text)
    )


def split_paragraphs(lines: Sequence[RawLine]) -> list[Block]:
    """Group lines into paragraph candidates."""
    full = column_widths(lines)
    blocks: list[Block] = []
    current: list[RawLine] = []
    blanks = 0
    previous = -1
    for index, line in enumerate(lines):
        if not line.text:
            blanks += 1
            continue
        alone = index + 1 >= len(lines) or not lines[index + 1].text
        after = None if alone else lines[index + 1]
        if current and _breaks_after(
            current, line, blanks, full[previous], full[index], alone, after
        ):
            blocks.append(_block(current))
            current = []
        current.append(line)
        blanks = 0
        previous = index
    if current:
        blocks.append(_block(current))
    return blocks


def _block(lines: list[RawLine]) -> Block:
    return Block(
        tuple(lines), join_pieces([line.text for line in lines], [line.spaced for line in lines])
    )
