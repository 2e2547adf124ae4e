"""What printed lines look like: sentence ends, bylines, captions, QR blurbs, ads, markers."""

from __future__ import annotations

import re

from jiangbei_reader.core.markers import find_jump_markers

#: Closing quotes and brackets that may follow the punctuation ending a sentence.
CLOSERS = "”’」』）)】》\"'"
#: Punctuation that ends a sentence (and may end a paragraph).
SENTENCE_END = "。！？!?…；;"
#: Punctuation a headline does not contain (it has no sentences).
_NOT_IN_TITLES = re.compile(r"[。；;]")

#: 本报讯（记者 黄丽丽）, 本报讯 （记者 杨洛 唐柱）, 本报记者 王偲媞, 新华社北京7月12日电（记者 …）.
BYLINE = re.compile(
    r"^(?:本报讯|本报记者|本刊讯|(?:新华社|中新社|人民日报)[^，。]{0,12}?电)"
    r"\s*(?:[（(]\s*(?P<inner>[^）)]{1,40})[）)])?"
)
#: ``…唐安冰摄/光明图片``, ``（记者 王偲媞 摄）``, ``图为…``, ``摄影：…``.
CAPTION = re.compile(
    r"(?:[\u4e00-\u9fff]{1,4}\s*摄(?:\s*[/／]\s*\S{1,12})?[）)]?\s*$)|^图为|^(?:图|摄影)\s*[:：]"
)
#: A QR-code blurb: 扫一扫 / 扫码 / 扫描二维码 …
QR = re.compile(r"^(?:扫一扫|扫码|扫描(?:上方|下方|右侧|左侧)?二维码|扫描)")
#: A numbered item: ``1.``, ``2、``, ``（三）``, ``①`` (not a wrapped number like ``2.2``).
LIST_ITEM = re.compile(
    r"^(?:[0-9]{1,2}[.．、](?![0-9])|[（(][一二三四五六七八九十0-9]{1,3}[）)]|[①-⑳])"
)
#: The label that marks an advertisement block.
AD_LABEL = re.compile(r"^(?:公益广告|广告)$")
#: The credit closing an advertisement: ``江北区融媒体中心 宣`` (宣 = 宣传, 制 = 制作).
AD_CREDIT = re.compile(r"^[^\s。，！？；、“”]{2,20}\s+[宣制]$")


def ends_sentence(text: str) -> bool:
    """True when the text ends with a sentence end, perhaps followed by closing quotes."""
    stripped = text.rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in SENTENCE_END


def is_marker_only(text: str) -> bool:
    """True when the text is nothing but one jump marker, ``（上接1版）``."""
    markers = list(find_jump_markers(text))
    return len(markers) == 1 and markers[0].text == text.strip()


def looks_like_title(text: str, lines: int) -> bool:
    """A headline, 副题/引题 or subhead candidate: short, one to three lines, no sentences."""
    stripped = text.strip()
    if not stripped or len(stripped) > 40 or lines > 3:
        return False
    if _NOT_IN_TITLES.search(stripped) or stripped[-1] in "，、：:,":
        return False
    if stripped.count("，") > 2 or BYLINE.match(stripped):
        return False
    if next(find_jump_markers(stripped), None) is not None:
        return False  # a jump marker belongs to the body it ends or continues
    if stripped.rstrip(CLOSERS)[-1:] in "！？!?" and len(stripped) > 20:
        return False
    return any(ch.isalnum() for ch in stripped)


def byline_author(text: str) -> str:
    """The names in a byline, ``本报讯（记者 杨洛 唐柱）`` → ``杨洛 唐柱``; empty when none."""
    match = BYLINE.match(text)
    if match is None:
        return ""
    inner = (match.group("inner") or "").strip()
    return re.sub(r"^(?:本报)?(?:见习|特约)?记者\s*", "", inner).strip()
