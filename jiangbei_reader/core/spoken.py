"""Numbers, dates and 版次 written out in Chinese, so a TTS engine reads them as a person would.

eSpeak NG's Mandarin voice reads ``2023年`` as 二千二十三年 and drops the point in
``3.63``; other engines spell long numbers digit by digit. :func:`speak` rewrites
what the reader prints into what a newsreader says, and keeps a map from every
part of the spoken text back to the printed one (for word highlighting):

* a year — four digits before 年 — digit by digit: 2023年 → 二〇二三年;
* every other number as a quantity: 1804吨 → 一千八百零四吨, 3.63亿元 → 三点六三亿元,
  第3版 → 第三版, 7月 14日 → 七月十四日; 两 where Mandarin says it: 2000余种 → 两千余种,
  2个 → 两个, 2万 → 两万;
* 80% → 百分之八十, 9:30 → 九点三十分, 1/3 → 三分之一, 3~5 → 三至五, -5℃ → 零下五摄氏度,
  2023-07-13 → 二〇二三年七月十三日, a list item 1. → 一、;
* codes read digit by digit: a leading zero (0571) or seven and more digits standing alone;
* letters (LED, CBD, APP) and everything else are left as printed; spaces between a
  number and a Chinese character are dropped, as they are typographic only.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_DIGIT_NAMES = "零一二三四五六七八九"
_YEAR_DIGITS = "〇一二三四五六七八九"
_SMALL_UNITS = ("", "十", "百", "千")
_BIG_UNITS = ("", "万", "亿", "万亿")

#: Measure words and units after which a lone 2 is 两 (两个, 两吨), not 二 (二月, 二号).
_LIANG_AFTER = frozenset(
    "个位名家种条件次年天人项所只台辆座栋间张本部场批届套对双把口头匹株棵吨元块角万亿千百"
    "斤公米克倍类户幅笔支首篇句页周小分秒枚艘架处"
)
#: Words before a four-digit number + 年 that make it a duration, not a year (近1000年).
_DURATION_BEFORE = frozenset("近约逾超达")

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_D = "0-9０-９"
_NUMBER = rf"[{_D}]{{1,3}}(?:,[{_D}]{{3}})+(?:[.．][{_D}]+)?|[{_D}]+(?:[.．][{_D}]+)?"
# Typographic spaces between a number and a Chinese character are not read.
_LEAD = rf"(?:(?<=[{_CJK}])[ \u3000]+)?"
_TRAIL = rf"(?:[ \u3000]+(?=[{_CJK}℃]))?"

_TOKEN = re.compile(
    _LEAD
    + r"(?:"
    + rf"(?P<item>(?:^|(?<=\n))[{_D}]{{1,2}}[.．](?![{_D}])[ \u3000]*)"
    + rf"|(?P<time>(?<![{_D}:：])(?P<hour>[0-2]?[{_D}])[:：](?P<minute>[0-5][{_D}])(?![{_D}:：]))"
    + rf"|(?P<isodate>(?<![{_D}])(?P<iy>[{_D}]{{4}})-(?P<im>[01]?[{_D}])-(?P<id>[0-3]?[{_D}])"
    + rf"(?![{_D}]))"
    + rf"|(?P<years>(?P<y1>[{_D}]{{4}})\s*[-—–~～至到]\s*(?P<y2>[{_D}]{{4}})(?=\s*年))"
    + rf"|(?P<year>(?<![{_D}.．])[{_D}]{{4}}(?=[ \u3000]*年))"
    + rf"|(?P<frac>(?P<num>[{_D}]+)/(?P<den>[{_D}]+)(?![{_D}/]))"
    + rf"|(?P<range>(?P<r1>{_NUMBER})(?P<r1pct>[%％])?\s*[~～—]\s*"
    + rf"(?P<r2>{_NUMBER})(?P<rpct>[%％])?)"
    + rf"|(?P<pct>(?P<sign>(?<![0-9A-Za-z.．])-)?(?P<pnum>{_NUMBER})\s*(?P<psym>[%％‰]))"
    + rf"|(?P<neg>(?<![0-9A-Za-z.．])-(?=[{_D}]))"
    + rf"|(?P<number>{_NUMBER})"
    + r"|(?P<unit>℃|°C|㎡)"
    + r")"
    + _TRAIL
)


def _ascii_digits(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(",", "")


def read_digits(digits: str, names: str = _DIGIT_NAMES) -> str:
    """Digit by digit: ``0571`` → 零五七一 (``names`` ``_YEAR_DIGITS`` gives 〇 for years)."""
    return "".join(names[int(d)] for d in _ascii_digits(digits) if d.isdigit())


def _section(value: int, *, leading: bool) -> str:
    """A number below 10000: 1804 → 一千八百零四; 10 → 十 when it leads the whole number."""
    digits = f"{value:04d}"
    out: list[str] = []
    zero_pending = False
    for position, ch in enumerate(digits):
        d = int(ch)
        unit = _SMALL_UNITS[3 - position]
        if d == 0:
            zero_pending = bool(out)
            continue
        if zero_pending:
            out.append("零")
            zero_pending = False
        if unit == "十" and d == 1 and leading and not out:
            out.append("十")  # 十二, not 一十二, at the start of a number
        else:
            out.append(_DIGIT_NAMES[d] + unit)
    return "".join(out)


def read_integer(value: int) -> str:
    """A whole number as a quantity: 1804 → 一千八百零四, 100500 → 十万零五百, 0 → 零."""
    if value < 0:
        return "负" + read_integer(-value)
    if value == 0:
        return "零"
    if value >= 10**16:
        return read_digits(str(value))
    sections: list[int] = []
    while value:
        sections.append(value % 10000)
        value //= 10000
    out: list[str] = []
    zero_pending = False
    for index in range(len(sections) - 1, -1, -1):
        section = sections[index]
        if section == 0:
            zero_pending = bool(out)
            continue
        if out and (zero_pending or section < 1000):
            out.append("零")
        zero_pending = False
        out.append(_section(section, leading=not out) + _BIG_UNITS[index])
    text = "".join(out)
    # 两千, 两万, 两亿: a leading 2 before 千/万/亿 is 两 in speech; 二十, 二百 stay.
    if text.startswith("二") and len(text) > 1 and text[1] in "千万亿":
        text = "两" + text[1:]
    return text


def read_number(written: str) -> str:
    """A printed number (``1,804`` ``3.63`` ``０.５``) as a quantity: 三点六三."""
    text = _ascii_digits(written)
    whole, _, fraction = text.partition(".")
    spoken = read_integer(int(whole)) if whole else "零"
    if fraction:
        # 2.2万 is 二点二万: the 两 rule is for whole numbers only.
        if spoken.startswith("两"):
            spoken = "二" + spoken[1:]
        spoken += "点" + read_digits(fraction)
    return spoken


def _is_code(written: str, before: str, after: str) -> bool:
    """True for digits that name rather than count: 0571, a seven-digit phone number."""
    digits = _ascii_digits(written)
    if "." in digits:
        return False
    if len(digits) > 1 and digits.startswith("0"):
        return True
    # Seven or more digits with no unit after them (a quantity has one: 1200000人).
    standing_alone = not after or not re.match(rf"[{_CJK}]", after)
    return len(digits) >= 7 and standing_alone and not before.endswith("第")


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of the printed text and what is said for it."""

    start: int
    end: int
    spoken_start: int
    spoken_end: int
    #: True when the spoken text is the printed text unchanged.
    same: bool


@dataclass(frozen=True, slots=True)
class Spoken:
    """Printed text, what a TTS engine is given for it, and the map between them."""

    text: str
    spoken: str
    pieces: tuple[Piece, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The printed span for a span of the spoken text (e.g. from ``sayingWord``)."""
        if not self.pieces:
            return (0, 0)
        end = max(end, start + 1)
        touched = [p for p in self.pieces if p.spoken_start < end and start < p.spoken_end]
        if not touched:
            last = self.pieces[-1]
            return (last.end, last.end)
        first, last = touched[0], touched[-1]
        # Unchanged text maps character for character; rewritten text maps as a whole.
        lo = first.start
        if first.same and start > first.spoken_start:
            lo += start - first.spoken_start
        hi = last.end
        if last.same and end < last.spoken_end:
            hi = last.start + (end - last.spoken_start)
        return (lo, max(hi, lo))


def _say(match: re.Match[str], text: str) -> str:
    """The words for one token matched in ``text``."""
    before = text[: match.start()]
    after = text[match.end() :]
    if match.group("item"):
        # A numbered list item, "1. 远离危险水域", is read as 一、远离危险水域.
        return read_number(match.group("item").rstrip(" \u3000.．")) + "、"
    if match.group("time"):
        hour = int(_ascii_digits(match.group("hour")))
        minute = int(_ascii_digits(match.group("minute")))
        if hour > 24:
            return read_number(match.group("hour")) + "比" + read_number(match.group("minute"))
        spoken_hour = "两" if hour == 2 else read_integer(hour)
        if minute == 0:
            return spoken_hour + "点"
        return spoken_hour + "点" + ("零" if minute < 10 else "") + read_integer(minute) + "分"
    if match.group("isodate"):
        return (
            read_digits(match.group("iy"), _YEAR_DIGITS)
            + "年"
            + read_number(match.group("im"))
            + "月"
            + read_number(match.group("id"))
            + "日"
        )
    if match.group("years"):
        y1, y2 = match.group("y1"), match.group("y2")
        return read_digits(y1, _YEAR_DIGITS) + "年至" + read_digits(y2, _YEAR_DIGITS)
    if match.group("year"):
        year = match.group("year")
        value = int(_ascii_digits(year))
        if 1000 <= value <= 2199 and not (before and before[-1] in _DURATION_BEFORE):
            return read_digits(year, _YEAR_DIGITS)
        return read_number(year)
    if match.group("frac"):
        return read_number(match.group("den")) + "分之" + read_number(match.group("num"))
    if match.group("range"):
        percent = "百分之" if match.group("rpct") or match.group("r1pct") else ""
        return (
            percent
            + read_number(match.group("r1"))
            + "至"
            + percent
            + read_number(match.group("r2"))
        )
    if match.group("pct"):
        prefix = "千分之" if match.group("psym") == "‰" else "百分之"
        sign = "负" if match.group("sign") else ""
        return sign + prefix + read_number(match.group("pnum"))
    if match.group("neg"):
        # -5℃ is 零下五摄氏度; other negatives are 负.
        return "零下" if re.match(rf"{_NUMBER}\s*(?:℃|°C)", after) else "负"
    if match.group("unit"):
        return "平方米" if match.group("unit") == "㎡" else "摄氏度"
    number = match.group("number")
    if _is_code(number, before, after.lstrip(" \u3000")):
        return read_digits(number)
    spoken = read_number(number)
    following = after.lstrip(" \u3000")[:1]
    if spoken == "二" and following in _LIANG_AFTER and not before.endswith("第"):
        return "两"
    return spoken


def speak(text: str) -> Spoken:
    """What to say for ``text``, with the map back to it."""
    pieces: list[Piece] = []
    parts: list[str] = []
    position = 0
    spoken_length = 0

    def add(start: int, end: int, words: str) -> None:
        nonlocal spoken_length
        same = words == text[start:end]
        pieces.append(Piece(start, end, spoken_length, spoken_length + len(words), same))
        parts.append(words)
        spoken_length += len(words)

    for match in _TOKEN.finditer(text):
        if match.start() > position:
            add(position, match.start(), text[position : match.start()])
        add(match.start(), match.end(), _say(match, text))
        position = match.end()
    if position < len(text):
        add(position, len(text), text[position:])
    return Spoken(text, "".join(parts), tuple(pieces))


def speakable(text: str) -> str:
    """``text`` with numbers, dates and 版次 written out as Mandarin speaks them."""
    return speak(text).spoken
