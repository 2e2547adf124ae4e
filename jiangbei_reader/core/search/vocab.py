"""The pinyin vocabulary: the archive's words, names and headlines, with full pinyin and initials.

Built at index time, per edition: two- to four-character runs of Han characters
that recur in its text (headlines and body alike), unless they are mostly a
piece of a longer recurring run (专精特 inside 专精特新, 级绿色园 inside
级绿色园区): no word segmentation, so local names like 江北嘴 are kept; the
byline names; the headlines. A prefix of full pinyin (``jiangbei``) or of
initials (``jbq``) finds them; body characters are never indexed as pinyin.
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
_NOT_HAN = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff]+")
_STRETCH = re.compile("1+")
_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_PINYIN_PREFIX = re.compile(r"^[a-z]+$")
#: Characters that rarely start or end a word: n-grams touching them are noise.
_EDGE_NOISE = frozenset("的了在是和与及等为对将也都而就并把被从向于以其之这那有个上下中")
#: Per edition: how many recurring n-grams are kept, and how often one must occur.
WORDS_PER_EDITION = 400
MIN_COUNT = 2
#: At most this many recurring bigrams of an edition are extended to longer runs.
CANDIDATES = 600
#: Characters of article text counted per edition (the start of each article), and at
#: least this many of each article.
VOCAB_CHARS = 6_000
SAMPLE_MIN = 60
#: An n-gram this often inside one longer run (left or right) is a fragment of it.
FRAGMENT_SHARE = 0.75
#: The longest word kept.
MAX_WORD = 5
#: A run that starts with one of these (区融媒体中心, 市经信委) is the rest with a place mark.
_LEFT_MARKS = frozenset("区市县省镇乡村全各本该我")
#: Headlines longer than this are suggested by their start only.
HEADLINE_CHARS = 24
#: Syllables of a headline's pinyin, and initials, kept for prefix matching.
HEADLINE_SYLLABLES = 6
HEADLINE_INITIALS = 10


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
    """Counts of 2-, 3- and 4-character runs of Han characters in some texts (every one)."""
    grams: list[str] = []
    for run in _HAN_RUN.findall("\n".join(texts)):
        bigrams = list(map(add, run, run[1:]))
        trigrams = list(map(add, bigrams, run[2:]))
        grams += bigrams
        grams += trigrams
        grams.extend(map(add, trigrams, run[3:]))
    return Counter(grams)


def recurring_ngrams(text: str, min_count: int = MIN_COUNT) -> Counter[str]:
    """2- to 5-character Han runs occurring ``min_count`` times or more, fragments dropped.

    Longest first, an n-gram is dropped as a fragment when a one-character-longer
    run holding it (kept, or itself a fragment of a kept one) makes up
    FRAGMENT_SHARE of its occurrences: 专精特 and 精特 are pieces of 专精特新,
    北嘴 of 江北嘴, 级绿色园 of 级绿色园区. A run grown on the left by a district
    or city mark (区融媒体中心) does not make the rest (融媒体中心) a fragment.
    """
    # The n-grams at every position, counted at C speed (map, Counter), no Python loop
    # per character; grams across a non-Han character hold "\n" and are dropped.
    text = _NOT_HAN.sub("\n", text)
    longest = MAX_WORD + 1
    counts: dict[str, int] = {}
    grams = list(map(add, text, text[1:]))
    for n in range(2, longest + 1):
        if n > 2:
            grams = list(map(add, grams, text[n - 1 :]))
        found = {g: k for g, k in Counter(grams).items() if k >= min_count and "\n" not in g}
        if n == 2 and len(found) > CANDIDATES:
            # A long edition: only its most frequent bigrams can lead to kept words
            # (each costs Python work below); the bar rises for the longer runs too.
            min_count = sorted(found.values(), reverse=True)[CANDIDATES]
            found = {g: k for g, k in found.items() if k > min_count}
            min_count += 1
        if not found:
            break
        counts.update(found)
        if n == 2:
            # Longer runs recur only in stretches of recurring bigrams: keep those.
            flags = "".join(map(str, map(int, map(found.__contains__, grams))))
            text = "\n".join(text[m.start() : m.end() + 1] for m in _STRETCH.finditer(flags))
            grams = list(map(add, text, text[1:]))
    by_length: dict[int, list[tuple[str, int]]] = {}
    for gram, k in counts.items():
        by_length.setdefault(len(gram), []).append((gram, k))
    kept: Counter[str] = Counter()
    # For each n-gram: the count of the largest longer run around it (kept or a fragment).
    around: dict[str, int] = {}
    for length in range(longest, 1, -1):
        for gram, k in by_length.get(length, ()):
            if length < longest and around.get(gram, 0) < FRAGMENT_SHARE * k:
                kept[gram] = k
            if length > 2:
                parts = (gram[:-1],) if gram[0] in _LEFT_MARKS else (gram[:-1], gram[1:])
                for part in parts:
                    if around.get(part, 0) < k:
                        around[part] = k
    return kept


def edition_words(edition: Edition) -> dict[str, tuple[str, int]]:
    """The vocabulary one edition contributes: word → (kind, count)."""
    texts: list[str] = []
    words: dict[str, tuple[str, int]] = {}
    articles = list(edition.articles())
    # The start of every article, VOCAB_CHARS in all: counting every n-gram of a
    # whole edition costs about as much as indexing it; its words recur early on.
    share = max(SAMPLE_MIN, VOCAB_CHARS // max(1, len(articles)))
    for article in articles:
        texts += [article.kicker, article.headline, article.subtitle]
        body = "\n".join(b.caption if isinstance(b, Figure) else b.text for b in article.blocks)
        texts.append(body[:share])
        for name in re.split(r"[\s、，,]+", article.author):
            if _NAME.match(name):
                words[name] = ("name", words.get(name, ("name", 0))[1] + 1)
        headline = article.headline.strip()[:HEADLINE_CHARS]
        if len(headline) >= 2:
            words.setdefault(headline, ("headline", 1))
    counts = recurring_ngrams("\n".join(texts))
    # Longer runs say more (江北嘴 over 江北 at the same count).
    frequent = heapq.nlargest(
        WORDS_PER_EDITION,
        (
            (count * len(word), count, word)
            for word, count in counts.items()
            if word[0] not in _EDGE_NOISE and word[-1] not in _EDGE_NOISE
        ),
    )
    for _score, count, word in frequent:
        words.setdefault(word, ("word", count))
    return words


def pinyin_for(word: str, kind: str) -> tuple[str, str]:
    """Pinyin keys of a vocabulary entry; headlines use the fast char-by-char reading."""
    if kind != "headline":
        return word_pinyin(word)
    pinyin, initials = fast_pinyin(word)
    return " ".join(pinyin.split()[:HEADLINE_SYLLABLES]), initials[:HEADLINE_INITIALS]


def normalize_prefix(prefix: str) -> str:
    """What the user typed, as a pinyin key: lower case, no spaces or apostrophes.

    ü is ``v`` as in the keys (pypinyin's plain style): ``lü``, ``lu:`` and ``lv`` alike.
    """
    for u in ("ü", "Ü", "u:", "U:", "ǖ", "ǘ", "ǚ", "ǜ"):
        prefix = prefix.replace(u, "v")
    return re.sub(r"[\s'’]+", "", fold(prefix))


def is_pinyin(prefix: str) -> bool:
    """True when a typed prefix can only be pinyin (Latin letters only)."""
    return bool(_PINYIN_PREFIX.match(normalize_prefix(prefix)))
