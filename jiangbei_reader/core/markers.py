"""Page ids and jump markers as papers print them: （下转3版）, (上接第一版), 接A1版 …"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

from jiangbei_reader.core.model import JumpDirection

_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_NUMBER = "〇零一二两三四五六七八九十百"

#: A page id as written: ``3``, ``03``, ``A3``, ``a 3``, ``三``, ``十二``.
PAGE_TOKEN = rf"[A-Za-zＡ-Ｚａ-ｚ]?\s*[0-9０-９]+|[{_CN_NUMBER}]+"

#: A jump marker as printed, ASCII or full-width brackets: （下转3版）, (上接第一版), （接A1版）.
JUMP_PATTERN = (
    r"[（(]\s*(?P<verb>上接|下转|接|转)\s*(?:第\s*)?"
    rf"(?P<page>{PAGE_TOKEN})\s*版\s*[）)]"
)
JUMP_RE = re.compile(JUMP_PATTERN)


def chinese_numeral(text: str) -> int | None:
    """Value of a Chinese numeral up to 999 (``十二`` → 12, ``一〇`` → 10), or ``None``."""
    if not text or any(ch not in _DIGITS and ch not in "十百" for ch in text):
        return None
    if "十" not in text and "百" not in text:
        value = 0
        for ch in text:
            value = value * 10 + _DIGITS[ch]
        return value
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:  # 十
            total += (current or 1) * 10
            current = 0
    return total + current


def normalize_page_id(token: str) -> str | None:
    """The canonical page id for a written one (``第３版`` → ``3``, ``a03`` → ``A3``)."""
    text = unicodedata.normalize("NFKC", token).strip()
    text = re.sub(r"^第\s*|\s*版$", "", text).replace(" ", "")
    match = re.fullmatch(r"([A-Za-z]?)0*([0-9]+)", text)
    if match:
        return f"{match.group(1).upper()}{int(match.group(2))}"
    value = chinese_numeral(text)
    return str(value) if value is not None and value > 0 else None


def page_sort_key(page_id: str) -> tuple[str, int]:
    """Printed order of pages: 1, 2, … 10, then A1, A2, … B1."""
    match = re.fullmatch(r"([A-Z]?)([0-9]+)", page_id)
    if not match:
        return (page_id, 0)
    return (match.group(1), int(match.group(2)))


class MarkerMatch(NamedTuple):
    """A jump marker found in a line of text."""

    direction: JumpDirection
    page: str
    text: str
    start: int
    end: int


def find_jump_markers(text: str) -> Iterator[MarkerMatch]:
    """Every jump marker in ``text``, with its span."""
    for match in JUMP_RE.finditer(text):
        page = normalize_page_id(match.group("page"))
        if page is None:
            continue
        verb = match.group("verb")
        direction = JumpDirection.FROM if verb in ("上接", "接") else JumpDirection.TO
        yield MarkerMatch(direction, page, match.group(0), match.start(), match.end())


_HEADLINE_DROP = re.compile(r"[\s\W_]+", re.UNICODE)


def normalize_headline(headline: str) -> str:
    """A headline reduced for matching: NFKC, no punctuation, quotes or spaces, lower case."""
    return _HEADLINE_DROP.sub("", unicodedata.normalize("NFKC", headline)).lower()
