"""An edition file made ready for the index: everything but the SQLite writes.

Reading, hashing and parsing the file, the tokens of each article's text, the
compressed stored text, the headline keys and the edition's vocabulary. Pure
Python without a database, so it runs in the index's worker processes as well
as in the updating thread (``indexer``).
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from jiangbei_reader.core.library import parse_edition_bytes
from jiangbei_reader.core.model import Article, Edition, Figure
from jiangbei_reader.core.search.normalize import index_tokens
from jiangbei_reader.core.search.store import (
    HEAD_INITIALS,
    HEAD_PINYIN,
    HEAD_TEXT,
    HEAD_TEXT_KEY,
    PART_SEPARATOR,
    SLOTS,
)
from jiangbei_reader.core.search.vocab import HEADLINE_CHARS, edition_words, pinyin_for


def article_parts(article: Article) -> tuple[list[str], int]:
    """The parts of ``Article.plain_text()`` and how many of them are title parts."""
    head = [p for p in (article.kicker, article.headline, article.subtitle) if p]
    body = [b.caption if isinstance(b, Figure) else b.text for b in article.blocks]
    return head + body, len(head)


#: GB18030 is two bytes a common Chinese character (UTF-8: three) and one an ASCII
#: character (UTF-16: two), and encodes every code point; compressed, 12-14 % smaller
#: than UTF-16 (docs/search.md).
TEXT_ENCODING = "gb18030"


def encode_text(parts: Sequence[str]) -> bytes:
    """Stored form of an article's text: parts joined by PART_SEPARATOR, compressed."""
    text = PART_SEPARATOR.join(p.replace(PART_SEPARATOR, " ") for p in parts)
    return zlib.compress(text.encode(TEXT_ENCODING), 6)


def decode_text(blob: bytes) -> list[str]:
    """The parts of a stored article text."""
    return zlib.decompress(blob).decode(TEXT_ENCODING).split(PART_SEPARATOR)


def stored_headline(parts: Sequence[str], head_parts: int, headline_at: int) -> str:
    """The headline as the vocabulary keys it (its start), from an article's stored parts."""
    return parts[headline_at].strip()[:HEADLINE_CHARS] if headline_at < head_parts else ""


def head_keys(headline: str) -> list[str]:
    """The ``heads`` keys of a headline (pinyin, initials, text start), none if too short."""
    if len(headline) < 2:
        return []
    pinyin, initials = pinyin_for(headline, "headline")
    keys = [HEAD_TEXT_KEY + headline[:HEAD_TEXT]]
    if pinyin:
        keys.append(HEAD_PINYIN + pinyin.replace(" ", ""))
    if initials:
        keys.append(HEAD_INITIALS + initials)
    return keys


def tokens(parts: Sequence[str], head_parts: int) -> tuple[str, str, str]:
    chars: set[str] = set()
    body = index_tokens(parts[head_parts:], chars)
    head = index_tokens(parts[:head_parts], chars)
    return body, head, " ".join(sorted(chars))


@dataclass(slots=True)
class Prepared:
    """One edition file made ready for the index (in a worker process or in place).

    Everything but the SQLite writes: reading, hashing, parsing, the text's tokens,
    the compressed stored text, headline keys and the edition's vocabulary.
    """

    path: str
    key: str
    #: (path, size, mtime_ns, sha256, edition) for ``files``; None when unreadable.
    file_row: tuple[str, int, int, str, str] | None = None
    #: True when the content hash is the one recorded (a touched file).
    unchanged: bool = False
    #: True when the file is no readable edition (recorded, not indexed).
    unreadable: bool = False
    docs: list[tuple[int, str, str, int, int, int, bytes]] = field(default_factory=list)
    fts: list[tuple[int, str, str]] = field(default_factory=list)
    chars: list[tuple[int, str]] = field(default_factory=list)
    heads: list[tuple[str, int]] = field(default_factory=list)
    #: The vocabulary (words and names; headlines are in ``heads``): word → (kind, count).
    words: dict[str, tuple[str, int]] = field(default_factory=dict)
    text_bytes: int = 0
    problems: list[str] = field(default_factory=list)


def prepare(path: Path, key: str, recorded_sha256: str | None) -> Prepared:
    """Read and tokenise one edition file; no database needed (runs in a worker process)."""
    prepared = Prepared(str(path), key)
    try:
        data = path.read_bytes()
        stat = path.stat()
    except OSError as exc:
        prepared.problems.append(f"{path}: 无法读取（{exc.strerror or exc}）")
        return prepared
    digest = hashlib.sha256(data).hexdigest()
    prepared.file_row = (str(path.resolve()), stat.st_size, stat.st_mtime_ns, digest, key)
    if recorded_sha256 == digest:
        prepared.unchanged = True
        return prepared
    result = parse_edition_bytes(data, path)
    if result.edition is None:
        prepared.unreadable = True
        prepared.problems.append(f"{path}: 不是可读的版面文件，未编入索引")
        return prepared
    _prepare_edition(result.edition, prepared)
    return prepared


def _prepare_edition(edition: Edition, prepared: Prepared) -> None:
    base = edition.date.toordinal() * SLOTS
    articles = list(edition.articles())
    positions = {article.id: n for n, article in enumerate(articles)}
    for position, article in enumerate(articles):
        if position >= SLOTS:
            prepared.problems.append(
                f"{edition.path}: 超过{SLOTS}篇文章，其余未编入索引"  # never in a real paper
            )
            break
        parts, head_parts = article_parts(article)
        story = edition.story(article.id)
        first = story.fragments[0] if story else article
        rowid = base + position
        headline_at = 1 if article.kicker else 0
        prepared.docs.append(
            (
                rowid,
                article.id,
                article.page_id,
                base + positions.get(first.id, position),
                head_parts,
                headline_at,
                encode_text(parts),
            )
        )
        body, head, chars = tokens(parts, head_parts)
        prepared.fts.append((rowid, body, head))
        prepared.chars.append((rowid, chars))
        stored = [p.replace(PART_SEPARATOR, " ") for p in parts[:head_parts]]
        headline = stored_headline(stored, head_parts, headline_at)
        prepared.heads.extend((k, rowid) for k in head_keys(headline))
        prepared.text_bytes += len("\n".join(parts).encode("utf-8"))
    # Headlines are keyed by article in ``heads``, their text left in ``docs``.
    prepared.words = {w: v for w, v in edition_words(edition).items() if v[0] != "headline"}
