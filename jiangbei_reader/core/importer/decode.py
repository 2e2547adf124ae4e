"""Raw page text from bytes: UTF-8, GB18030/GBK, UTF-16 and mixed files, every bad byte named."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

#: Text that is mostly not printable is not page text at all.
_MIN_PRINTABLE = 0.9
#: Control characters that have no place in page text (tab, line breaks and form feed do).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
#: Share of the characters that must be CJK, ASCII or common punctuation for a guess to count.
_MIN_PLAUSIBLE = 0.97
_PLAUSIBLE = re.compile(
    r"[\t\n\f\r\x20-\x7e\u00a0-\u024f\u2000-\u206f\u2190-\u27bf\u3000-\u30ff"
    r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\ufffd]"
)


@dataclass(frozen=True, slots=True)
class DecodeProblem:
    """Bytes that could not be decoded (or a control character), with where they are."""

    offset: int
    line: int
    message: str


@dataclass(frozen=True, slots=True)
class DecodedRaw:
    """Raw page text, its encoding named for people, and every problem.

    ``text`` is None when the bytes are not text at all; ``error`` says why.
    """

    text: str | None
    encoding: str
    problems: tuple[DecodeProblem, ...] = ()
    error: str = ""


def _plausible_share(text: str) -> float:
    if not text:
        return 1.0
    return len(_PLAUSIBLE.findall(text)) / len(text)


def _printable_share(text: str) -> float:
    if not text:
        return 1.0
    return 1 - len(_CONTROL.findall(text)) / len(text)


def _utf16_guess(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NUL bytes sit on one side of the byte pairs, as in UTF-16."""
    sample = data[:65536]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if even + odd == 0:
        return None
    if odd >= 0.9 * (even + odd):
        return "utf-16-le"
    if even >= 0.9 * (even + odd):
        return "utf-16-be"
    return None


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _controls_replaced(text: str, codec: str) -> tuple[str, list[DecodeProblem]]:
    """Control characters become U+FFFD, each reported (NUL would make the draft 'binary')."""
    problems = []
    offset, line, last = 0, 1, 0
    for match in _CONTROL.finditer(text):
        before = text[last : match.start()]
        offset += len(before.encode(codec, errors="replace"))
        line += before.count("\n")
        problems.append(
            DecodeProblem(
                offset, line, f"control character U+{ord(match.group()):04X} replaced by �"
            )
        )
        last = match.start()
    return _CONTROL.sub("\ufffd", text), problems


def _utf8_replacing(raw: bytes, offset: int, line: int) -> tuple[str, list[DecodeProblem]]:
    """UTF-8 with every undecodable byte turned into U+FFFD and reported with its offset."""
    text, position, problems = "", 0, []
    while position < len(raw):
        try:
            text += raw[position:].decode("utf-8")
            break
        except UnicodeDecodeError as exc:
            text += raw[position : position + exc.start].decode("utf-8")
            for bad in range(position + exc.start, position + exc.end):
                text += "\ufffd"
                problems.append(
                    DecodeProblem(
                        offset + bad,
                        line,
                        f"byte 0x{raw[bad]:02x} is neither UTF-8 nor GB18030; replaced by �",
                    )
                )
            position += exc.end
    return text, problems


def _line_by_line(data: bytes) -> tuple[str, list[str], list[DecodeProblem]]:
    """Decode each line as UTF-8, else GB18030; bytes neither can read become U+FFFD."""
    pieces: list[str] = []
    used: list[str] = []
    problems: list[DecodeProblem] = []
    offset = 0
    for number, raw in enumerate(data.split(b"\n"), start=1):
        text = _try(raw, "utf-8")
        if text is not None:
            if any(ord(ch) > 127 for ch in text):
                used.append("UTF-8")
        else:
            text = _try(raw, "gb18030")
            if text is not None and _plausible_share(text) >= _MIN_PLAUSIBLE:
                used.append("GB18030")
            else:
                text, bad = _utf8_replacing(raw, offset, number)
                problems += bad
                used.append("UTF-8")
        pieces.append(text)
        offset += len(raw) + 1
    return "\n".join(pieces), used, problems


def decode_raw(data: bytes) -> DecodedRaw:
    """Decode raw page text, naming the encoding; never raises."""
    if not data.strip():
        return DecodedRaw(None, "", error="the file is empty")
    text, codec, encoding = _whole_file(data)
    problems: list[DecodeProblem] = []
    if text is None:
        body = data[3:] if data.startswith(codecs.BOM_UTF8) else data
        if b"\x00" in body[:65536]:
            offset = data.index(b"\x00")
            return DecodedRaw(
                None, "binary", error=f"this is not a text file (NUL byte at byte offset {offset})"
            )
        text, used, problems = _line_by_line(body)
        kinds = sorted(set(used)) or ["UTF-8"]
        encoding = "mixed: " + " + ".join(kinds) if len(kinds) > 1 else kinds[0]
        if len(problems) > 0.02 * len(data):
            guess = _charset_normalizer_guess(data)
            if guess is not None:
                text, codec, encoding = guess
                problems = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, control_problems = _controls_replaced(text, codec)
    problems += control_problems
    if _printable_share(text) < _MIN_PRINTABLE or len(problems) > 0.3 * max(1, len(text)):
        return DecodedRaw(
            None, "binary", error="this is not a text file (mostly undecodable bytes)"
        )
    return DecodedRaw(text, encoding, tuple(problems))


def _whole_file(data: bytes) -> tuple[str | None, str, str]:
    """(text, codec, name) when the whole file decodes in one encoding, else (None, …)."""
    if data.startswith(codecs.BOM_UTF8):
        return _try(data[3:], "utf-8"), "utf-8", "UTF-8 (BOM)"
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return _try(data, "utf-32"), "utf-32", "UTF-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _try(data, "utf-16"), "utf-16", "UTF-16 (BOM)"
    if b"\x00" in data[:65536]:
        guess = _utf16_guess(data)
        if guess is None:
            return None, "utf-8", ""
        text = _try(data, guess)
        ok = text is not None and _plausible_share(text) >= _MIN_PLAUSIBLE
        return (
            (text if ok else None),
            guess,
            guess.upper().replace("-LE", "LE").replace("-BE", "BE"),
        )
    text = _try(data, "utf-8")
    if text is not None:
        return text, "utf-8", "UTF-8"
    text = _try(data, "gb18030")
    if text is not None and _plausible_share(text) >= _MIN_PLAUSIBLE:
        return text, "gb18030", "GB18030 (GBK)"
    return None, "utf-8", ""


def _charset_normalizer_guess(data: bytes) -> tuple[str, str, str] | None:
    """charset-normalizer's best guess for other encodings (Big5, Shift-JIS …), if plausible."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        return None
    text = _try(data, best.encoding)
    if text is None or _plausible_share(text) < _MIN_PLAUSIBLE:
        return None
    return text, best.encoding, best.encoding.upper()
