"""The pinyin vocabulary: the archive's words, names and headlines, with full pinyin and initials.

Built at index time, per edition: two- to four-character runs of Han characters
that recur in its headlines; place and organisation names that recur in its text
(three or four characters ending in 区, 嘴, 街 …: no word segmentation, so local
names like 江北嘴 are kept); the byline names; the headlines. A prefix of full
pinyin (``jiangbei``) or of initials (``jbq``) finds them; body characters are
never indexed as pinyin.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from operator import add

from jiangbei_reader.core.model import Edition, Figure
from jiangbei_reader.core.search.normalize import fold

_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{2,}")
#: Place and organisation names end in one of these (江北区, 江北嘴, 郭家沱街道 …): such
#: names are counted in the whole text, other words in headlines and ledes only.
_SUFFIXES = "区县镇乡村街路嘴湾岛港桥园寺山湖江河局委院厅站馆校司厂城楼场"
_SUFFIX = re.compile(f"[{_SUFFIXES}]")
_ALL_HAN = re.compile(r"[\u4e00-\u9fff]+")
_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_PINYIN_PREFIX = re.compile(r"^[a-z]+$")
#: Characters that rarely start or end a word: n-grams touching them are noise.
_EDGE_NOISE = frozenset("的了在是和与及等为对将也都而就并把被从向于以其之这那有个上下中")
#: Per edition: how many frequent n-grams are kept, and how often one must occur.
WORDS_PER_EDITION = 200
MIN_COUNT = 2
#: Headlines longer than this are suggested by their start only.
HEADLINE_CHARS = 24
#: Syllables of a headline's pinyin kept for prefix matching.
HEADLINE_SYLLABLES = 6


def _lazy_pinyin(text: str) -> list[str]:
    # pypinyin's dictionaries take 0.2-0.4 s to import: only when a vocabulary is
    # built (in the indexing worker) or suggested from, never while the window opens.
    from pypinyin import lazy_pinyin

    result: list[str] = lazy_pinyin(text, errors="ignore")
    return result


@lru_cache(maxsize=200_000)
def word_pinyin(word: str) -> tuple[str, str]:
    """(full pinyin with spaces, initials) of a word, with pypinyin's phrase readings."""
    syllables = [s.lower() for s in _lazy_pinyin(word) if s.strip()]
    return " ".join(syllables), "".join(s[0] for s in syllables)


@lru_cache(maxsize=20_000)
def _char_pinyin(char: str) -> str:
    result = _lazy_pinyin(char)
    return result[0].lower() if result else ""


def fast_pinyin(text: str) -> tuple[str, str]:
    """Pinyin of a longer text (headlines) char by char: fast, without phrase readings."""
    syllables: list[str] = []
    for piece in re.findall(r"[\u3400-\u9fff]|[a-z0-9]+", fold(text)):
        syllable = _char_pinyin(piece) if len(piece) == 1 and piece > "\u3400" else piece
        if syllable:
            syllables.append(syllable)
    return " ".join(syllables), "".join(s[0] for s in syllables)


def ngram_counts(texts: Iterable[str]) -> Counter[str]:
    """Counts of 2-, 3- and 4-character runs of Han characters in some texts."""
    grams: list[str] = []
    for run in _HAN_RUN.findall("\n".join(texts)):
        bigrams = list(map(add, run, run[1:]))
        trigrams = list(map(add, bigrams, run[2:]))
        grams += bigrams
        grams += trigrams
        grams.extend(map(add, trigrams, run[3:]))
    return Counter(grams)


def place_names(text: str) -> list[str]:
    """Three- and four-character runs of Han characters ending in a place suffix."""
    found = []
    for match in _SUFFIX.finditer(text):
        end = match.end()
        for length in (3, 4):
            candidate = text[end - length : end] if end >= length else ""
            if _ALL_HAN.fullmatch(candidate):
                found.append(candidate)
    return found


def _standalone(places: Counter[str]) -> Counter[str]:
    """Drop names that only occur inside a longer one (北嘴江) or that overrun one (江北嘴江)."""
    around: Counter[str] = Counter()
    for word, count in places.items():
        if len(word) == 4:
            around[word[1:]] = max(around[word[1:]], count)
    return Counter(
        {
            word: count
            for word, count in places.items()
            if places.get(word[:-1], 0) < count and around.get(word, 0) < count
        }
    )


def edition_words(edition: Edition) -> dict[str, tuple[str, int]]:
    """The vocabulary one edition contributes: word → (kind, count)."""
    texts: list[str] = []
    words: dict[str, tuple[str, int]] = {}
    for article in edition.articles():
        # Headlines name what an article is about; counting every n-gram of
        # every paragraph would cost more than the rest of indexing.
        texts += [article.headline, article.subtitle, article.kicker]
        for name in re.split(r"[\s、，,]+", article.author):
            if _NAME.match(name):
                words[name] = ("name", words.get(name, ("name", 0))[1] + 1)
        headline = article.headline.strip()[:HEADLINE_CHARS]
        if len(headline) >= 2:
            words.setdefault(headline, ("headline", 1))
    counts = ngram_counts(texts)
    full = "\n".join(
        b.caption if isinstance(b, Figure) else b.text
        for article in edition.articles()
        for b in article.blocks
    )
    counts.update(_standalone(Counter(place_names(full))))
    frequent = heapq.nlargest(
        WORDS_PER_EDITION,
        (
            (count, word)
            for word, count in counts.items()
            if count >= MIN_COUNT and word[0] not in _EDGE_NOISE and word[-1] not in _EDGE_NOISE
        ),
    )
    for count, word in frequent:
        words.setdefault(word, ("word", count))
    return words


def pinyin_for(word: str, kind: str) -> tuple[str, str]:
    """Pinyin keys of a vocabulary entry; headlines use the fast char-by-char reading."""
    if kind != "headline":
        return word_pinyin(word)
    pinyin, initials = fast_pinyin(word)
    return " ".join(pinyin.split()[:HEADLINE_SYLLABLES]), initials


def normalize_prefix(prefix: str) -> str:
    """What the user typed, as a pinyin key: lower case, no spaces or apostrophes."""
    return re.sub(r"[\s'’]+", "", fold(prefix))


def is_pinyin(prefix: str) -> bool:
    """True when a typed prefix can only be pinyin (Latin letters only)."""
    return bool(_PINYIN_PREFIX.match(normalize_prefix(prefix)))
