"""Search normalisation: one folding for indexed text and queries, with a map back to the original.

Text is folded character by character (NFKC, case-folded, diacritics and
invisible characters dropped), so a substring of a text folds to a substring of
the folded text. It is then cut into *chunks*: runs of letters and digits in
which whitespace touching a Chinese character is an extraction artefact and is
dropped (``4.6 亿元`` → ``4.6亿元``, ``专 精特新`` → ``专精特新``). Between two
chunks is either a *soft* gap (whitespace between Latin words or numbers, which
a phrase may span) or a *hard* break (punctuation, a block boundary), which no
hit spans.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import add

#: Joins two chunks across whitespace between Latin words or numbers.
SOFT = " "
#: Joins two chunks across punctuation or a block boundary: never part of a hit.
HARD = "\n"
#: Marks, in the index, a chunk's last character that is followed by a soft gap.
SOFT_END = "\ue001"

_CJK_RANGES = (
    "\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3038-\u303c\u3040-\u30ff\u3100-\u312f"
    "\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff"
    "\U00020000-\U0003ffff"
)
_CJK = re.compile(f"[{_CJK_RANGES}]")
#: A letter, digit or CJK character, or a decimal point / thousands comma / percent sign
#: inside a number (``4.6``, ``1,000``, ``250%``).
_ATOM = re.compile(rf"(?:[\w{_CJK_RANGES}]|(?<=\d)[.,](?=\d)|(?<=\d)[%‰])+")


class _FoldTable(dict[int, str]):
    """``str.translate`` table filled on first use: what each character folds to."""

    def __missing__(self, code: int) -> str:
        folded = fold_char(chr(code))
        self[code] = folded
        return folded


def fold_char(char: str) -> str:
    """What one character becomes: NFKC, case-folded, without diacritics or invisibles."""
    category = unicodedata.category(char)
    if char.isspace():
        return " "
    if category in ("Cc", "Cf", "Co", "Cs", "Mn", "Me"):
        # Controls, zero-width characters, private use (our own markers live there),
        # lone surrogates and combining marks never count.
        return ""
    decomposed = unicodedata.normalize("NFKD", char.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    folded = unicodedata.normalize("NFKC", stripped).casefold()
    return "".join(" " if c.isspace() else c for c in folded if unicodedata.category(c) != "Co")


_FOLD = _FoldTable()
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    r"""Text that every encoder takes: surrogate pairs joined, lone surrogates made U+FFFD.

    A terminal's undecodable bytes reach ``sys.argv`` as lone surrogates
    (``$'\xff'`` is ``'\udcff'``); SQLite and OpenCC refuse them. U+FFFD is not
    a letter, so it separates like punctuation.
    """
    if _SURROGATE.search(text) is None:
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


@lru_cache(maxsize=1)
def _bmp_table() -> list[str]:
    # A list indexed by code point translates about twice as fast as a dict.
    return [fold_char(chr(code)) if not 0xD800 <= code < 0xE000 else "" for code in range(0x10000)]


def fold(text: str) -> str:
    """The folded text (no offsets): what the index sees."""
    if _ASTRAL.search(text):
        return text.translate(_FOLD)
    return text.translate(_bmp_table())


@lru_cache(maxsize=1)
def _unusual_sources() -> dict[str, str]:
    """The characters folding makes from others, each with all it is made from.

    A character not here is made only from itself, as most Chinese characters are.
    """
    table = _bmp_table()
    sources: dict[str, list[str]] = {}
    for code, folded in enumerate(table):
        if folded != chr(code):
            for made in folded:
                sources.setdefault(made, []).append(chr(code))
    for made, found in sources.items():
        if ord(made) < len(table) and table[ord(made)] == made:
            found.append(made)  # it is also made from itself
    return {made: "".join(found) for made, found in sources.items()}


def may_fold_to(text: str, chars: str) -> bool:
    """False when ``fold(text)`` surely lacks one of ``chars``: cheaper than folding."""
    if _ASTRAL.search(text):
        return True  # folded through a dict: not worth an exact answer
    unusual = _unusual_sources()
    for char in chars:
        sources = unusual.get(char)
        if sources is None:
            if char not in text:
                return False
        elif not any(source in text for source in sources):
            return False
    return True


@dataclass(frozen=True, slots=True)
class Chunk:
    """A run of searchable characters, as (start, end) pieces of the folded text."""

    pieces: tuple[tuple[int, int], ...]
    text: str
    #: True when a soft gap (Latin word space) follows; False at punctuation or the end.
    soft_after: bool


def chunks(folded: str) -> list[Chunk]:
    """Cut folded text into chunks, dropping whitespace that touches a Chinese character."""
    found: list[Chunk] = []
    pieces: list[tuple[int, int]] = []
    prev_end = -1
    for match in _ATOM.finditer(folded):
        start, end = match.span()
        if pieces:
            gap = folded[prev_end:start]
            if gap.isspace() and (_CJK.match(folded[prev_end - 1]) or _CJK.match(folded[start])):
                pieces.append((start, end))
                prev_end = end
                continue
            found.append(_chunk(folded, pieces, gap.isspace()))
        pieces = [(start, end)]
        prev_end = end
    if pieces:
        found.append(_chunk(folded, pieces, False))
    return found


def _chunk(folded: str, pieces: list[tuple[int, int]], soft_after: bool) -> Chunk:
    text = "".join(folded[s:e] for s, e in pieces) if len(pieces) > 1 else folded[slice(*pieces[0])]
    return Chunk(tuple(pieces), text, soft_after)


def chunk_texts(text: str) -> list[tuple[str, bool]]:
    """The chunks of raw text as (normalised text, soft gap after)."""
    return [(c.text, c.soft_after) for c in chunks(fold(text))]


def index_tokens(parts: Iterable[str], chars: set[str] | None = None) -> str:
    """The token stream the index stores for some blocks of text, separated by spaces.

    Every character of a chunk but the last starts one token, the bigram it
    begins; the last character is a token of its own only when a soft gap follows
    (marked, so a phrase can go on across the gap) or when the chunk is one
    character long. A query of n >= 2 characters is the phrase of its bigrams;
    single characters are looked up in a table of their own. The characters
    seen are added to ``chars`` when given.
    """
    tokens: list[str] = []
    for part in parts:
        folded = fold(part)
        if " " in folded:
            found = [(c.text, c.soft_after) for c in chunks(folded)]
        else:
            # No whitespace (most Chinese text): chunks are the plain runs.
            found = [(text, False) for text in _ATOM.findall(folded)]
        for text, soft_after in found:
            if len(text) > 1:
                tokens.append(" ".join(map(add, text, text[1:])))
            if soft_after:
                tokens.append(text[-1] + SOFT_END)
            elif len(text) == 1:
                tokens.append(text)
        if chars is not None:
            chars.update("".join(text for text, _ in found))
    return " ".join(tokens)


def phrase_tokens(pieces: Sequence[str]) -> tuple[list[str], bool]:
    """Tokens for a phrase of chunks separated by soft gaps, and whether the last is a prefix.

    Only the last chunk's end is open: ``江`` is any token starting with 江,
    ``江北`` is the bigram, ``led l`` is ``le ed d<soft> l*``.
    """
    tokens: list[str] = []
    for index, text in enumerate(pieces):
        tokens.extend(map(add, text, text[1:]))
        if index < len(pieces) - 1:
            tokens.append(text[-1] + SOFT_END)
    if len(pieces[-1]) == 1:
        tokens.append(pieces[-1])
        return tokens, True
    return tokens, False


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """Normalised text (chunks joined by SOFT or HARD) with a map back to the original.

    The map is kept as segments, not one entry a character: from ``at[k]`` on,
    normalised characters come one by one from the original characters starting at
    ``origin[k]`` (``step[k]`` 1), or all stand at the offset ``origin[k]`` (``step[k]``
    0: the gap between two chunks). Most text folds character for character, so a
    paragraph is a few segments a clause, and a search reads a few hits out of it.
    """

    text: str
    at: tuple[int, ...]
    origin: tuple[int, ...]
    step: tuple[int, ...]

    def _start(self, index: int) -> int:
        k = bisect_right(self.at, index) - 1
        return self.origin[k] + (index - self.at[k]) * self.step[k]

    def _end(self, index: int) -> int:
        k = bisect_right(self.at, index) - 1
        return self.origin[k] + (index - self.at[k] + 1) * self.step[k]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original (start, end) of a normalised span (end exclusive, end > start)."""
        return self._start(start), self._end(end - 1)

    @property
    def starts(self) -> tuple[int, ...]:
        """Original offset of each normalised character."""
        return tuple(self._start(i) for i in range(len(self.text)))

    @property
    def ends(self) -> tuple[int, ...]:
        """The original offset just after each normalised character (its start for a gap)."""
        return tuple(self._end(i) for i in range(len(self.text)))


def normalize(text: str) -> NormalizedText:
    """Normalise a text and keep where each normalised character came from."""
    return normalize_parts([text], "")


def one_for_one_fold(text: str) -> str | None:
    """``fold(text)`` when normalising the text only puts hard breaks between its runs.

    That is when nothing in it is whitespace or folds to more or fewer than one
    character (most paragraphs): a query piece found in the folded text is then a
    hit at the same offsets in the text. ``None`` otherwise.
    """
    folded = fold(text)
    return folded if _one_for_one(text, folded) else None


def _one_for_one(text: str, folded: str) -> bool:
    return " " not in folded and _resizing().search(text) is None


@lru_cache(maxsize=1)
def _resizing() -> re.Pattern[str]:
    """Characters that do not fold to exactly one character (and astral ones)."""
    table = _bmp_table()
    codes = [code for code in range(0x10000) if len(table[code]) != 1]
    ranges: list[str] = []
    first = last = codes[0]
    for code in [*codes[1:], -1]:
        if code == last + 1:
            last = code
            continue
        ranges.append(f"{re.escape(chr(first))}-{re.escape(chr(last))}")
        first = last = code
    return re.compile(f"[{''.join(ranges)}\U00010000-\U0010ffff]")


def _fast_chunks(folded: str) -> list[Chunk] | None:
    """The chunks of folded text without whitespace: the plain runs (most Chinese text)."""
    if " " in folded:
        return None
    return [Chunk((m.span(),), m.group(), False) for m in _ATOM.finditer(folded)]


def normalize_parts(parts: Sequence[str], joiner: str) -> NormalizedText:
    """Normalise ``joiner.join(parts)`` with a hard break between parts (paragraphs)."""
    out: list[str] = []
    at: list[int] = []
    origins: list[int] = []
    steps: list[int] = []
    length = 0  # of the normalised text so far
    last_end = 0  # original offset just after the last normalised character
    base = 0
    separator = ""
    resizing = _resizing()
    for part in parts:
        folded_text = fold(part)
        origin: list[int] | None = None
        if resizing.search(part) is not None:
            # Some characters fold to none or to several: map each.
            origin = []
            for index, char in enumerate(part):
                origin.extend([base + index] * len(_FOLD[ord(char)]))
        found = _fast_chunks(folded_text)
        for chunk in chunks(folded_text) if found is None else found:
            if out:
                # The gap stands where the previous chunk ended.
                out.append(separator)
                at.append(length)
                origins.append(last_end)
                steps.append(0)
                length += 1
            for start, end in chunk.pieces:
                out.append(folded_text[start:end])
                if origin is None:
                    at.append(length)
                    origins.append(base + start)
                    steps.append(1)
                    length += end - start
                    last_end = base + end
                    continue
                for o in origin[start:end]:
                    # One segment per run of consecutive original characters.
                    if not (steps and steps[-1] and origins[-1] + length - at[-1] == o):
                        at.append(length)
                        origins.append(o)
                        steps.append(1)
                    length += 1
                    last_end = o + 1
            separator = SOFT if chunk.soft_after else HARD
        # A soft gap never crosses a part boundary.
        separator = HARD
        base += len(part) + len(joiner)
    return NormalizedText("".join(out), tuple(at), tuple(origins), tuple(steps))


def normalize_query_text(text: str) -> list[str]:
    """A query term's searchable pieces: its chunks joined by soft gaps, split at hard breaks."""
    pieces: list[str] = []
    current: list[str] = []
    for chunk in chunks(fold(text)):
        current.append(chunk.text)
        if not chunk.soft_after:
            pieces.append(SOFT.join(current))
            current = []
    if current:
        pieces.append(SOFT.join(current))
    return pieces


def normalized_plain(parts: Sequence[str]) -> str:
    """The normalised text of some parts, without the offset map (cheaper, for checking)."""
    out: list[str] = []
    for part in parts:
        folded = fold(part)
        if " " not in folded:
            out.append(HARD.join(_ATOM.findall(folded)))
            continue
        pieces: list[str] = []
        for chunk in chunks(folded):
            pieces += [chunk.text, SOFT if chunk.soft_after else HARD]
        out.append("".join(pieces[:-1]))
    return HARD.join(p for p in out if p)
