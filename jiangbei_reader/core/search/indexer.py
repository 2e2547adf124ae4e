"""Incremental index update: only added, changed or removed edition files are re-indexed.

A file is unchanged when its size and mtime are those recorded; otherwise its
content hash decides. Changes are committed about once a second, whole editions
at a time, so a cancelled or interrupted update leaves a consistent index that
the next update completes. Editions are parsed here with the loader directly,
never through the shared Library cache, so the UI thread may use the Library
meanwhile.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from jiangbei_reader.core.library import EditionRef, load_edition_file
from jiangbei_reader.core.model import Article, Edition, Figure
from jiangbei_reader.core.search.normalize import index_tokens
from jiangbei_reader.core.search.results import UpdateReport
from jiangbei_reader.core.search.store import KIND_CODES, PART_SEPARATOR, SLOTS
from jiangbei_reader.core.search.vocab import edition_words, pinyin_for

#: Changes are committed about this often during an update.
COMMIT_SECONDS = 1.0
#: After this many editions added, changed or removed, the index is compacted.
OPTIMIZE_AFTER = 100
#: Called with (editions done, editions to do) after each edition.
ProgressCallback = Callable[[int, int], None]
#: Returns True when the update should stop (checked between editions).
CancelCheck = Callable[[], bool]


@dataclass(frozen=True, slots=True)
class _Recorded:
    size: int
    mtime_ns: int
    sha256: str
    edition: str


def article_parts(article: Article) -> tuple[list[str], int]:
    """The parts of ``Article.plain_text()`` and how many of them are title parts."""
    head = [p for p in (article.kicker, article.headline, article.subtitle) if p]
    body = [b.caption if isinstance(b, Figure) else b.text for b in article.blocks]
    return head + body, len(head)


def encode_text(parts: Sequence[str]) -> bytes:
    """Stored form of an article's text: parts joined by PART_SEPARATOR, compressed."""
    text = PART_SEPARATOR.join(p.replace(PART_SEPARATOR, " ") for p in parts)
    # UTF-16 is two bytes a Chinese character where UTF-8 takes three.
    return zlib.compress(text.encode("utf-16-le"), 6)


def decode_text(blob: bytes) -> list[str]:
    """The parts of a stored article text."""
    return zlib.decompress(blob).decode("utf-16-le").split(PART_SEPARATOR)


def _tokens(parts: Sequence[str], head_parts: int) -> tuple[str, str, str]:
    chars: set[str] = set()
    body = index_tokens(parts[head_parts:], chars)
    head = index_tokens(parts[:head_parts], chars)
    return body, head, " ".join(sorted(chars))


def edition_rows(edition_key: str) -> tuple[int, int]:
    """The rowid range [low, high) of an edition's articles."""
    day = dt.date.fromisoformat(edition_key).toordinal()
    return day * SLOTS, (day + 1) * SLOTS


def update_index(
    conn: sqlite3.Connection,
    refs: Sequence[EditionRef],
    report: UpdateReport,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> None:
    """Bring the index in line with the edition files; fills ``report``."""
    started = time.perf_counter()
    recorded = {
        row[0]: _Recorded(*row[1:])
        for row in conn.execute("SELECT path, size, mtime_ns, sha256, edition FROM files")
    }
    todo: list[tuple[EditionRef, _Recorded | None]] = []
    for ref in refs:
        key = str(ref.path.resolve())
        old = recorded.pop(key, None)
        try:
            stat = ref.path.stat()
        except OSError as exc:
            report.problems.append(f"{ref.path}: 无法读取（{exc.strerror or exc}）")
            continue
        if old is not None and (old.size, old.mtime_ns, old.edition) == (
            stat.st_size,
            stat.st_mtime_ns,
            ref.key,
        ):
            report.unchanged += 1
        else:
            todo.append((ref, old))
    total = len(todo) + len(recorded)
    done = 0
    committed = time.perf_counter()
    try:
        for path, old in recorded.items():
            remove_edition(conn, old.edition)
            conn.execute("DELETE FROM files WHERE path = ?", (path,))
            report.removed += 1
            done += 1
            if progress:
                progress(done, total)
        for ref, old in todo:
            if cancel is not None and cancel():
                report.cancelled = True
                break
            _update_file(conn, ref, old, report)
            done += 1
            # Commit about once a second: each commit flushes an FTS5 segment.
            if time.perf_counter() - committed > COMMIT_SECONDS:
                conn.commit()
                committed = time.perf_counter()
            if progress:
                progress(done, total)
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    if report.added + report.changed + report.removed >= OPTIMIZE_AFTER:
        _compact(conn)
    report.seconds += time.perf_counter() - started


def _compact(conn: sqlite3.Connection) -> None:
    """Merge the FTS5 segments into one (faster queries) and give freed pages back."""
    conn.execute("INSERT INTO fts(fts) VALUES('optimize')")
    conn.execute("INSERT INTO chars(chars) VALUES('optimize')")
    conn.commit()
    # executescript steps the pragma to the end; execute() would free one page.
    conn.executescript("PRAGMA incremental_vacuum;")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


def _update_file(
    conn: sqlite3.Connection, ref: EditionRef, old: _Recorded | None, report: UpdateReport
) -> None:
    try:
        data = ref.path.read_bytes()
        stat = ref.path.stat()
    except OSError as exc:
        report.problems.append(f"{ref.path}: 无法读取（{exc.strerror or exc}）")
        return
    digest = hashlib.sha256(data).hexdigest()
    row = (str(ref.path.resolve()), stat.st_size, stat.st_mtime_ns, digest, ref.key)
    if old is not None and (old.sha256, old.edition) == (digest, ref.key):
        conn.execute("INSERT OR REPLACE INTO files VALUES(?, ?, ?, ?, ?)", row)
        report.unchanged += 1
        return
    result = load_edition_file(ref.path)
    if old is not None:
        remove_edition(conn, old.edition)
    # Another file may have held this date before.
    remove_edition(conn, ref.key)
    if result.edition is None:
        report.problems.append(f"{ref.path}: 不是可读的版面文件，未编入索引")
    else:
        _add_edition(conn, result.edition, report)
    conn.execute("INSERT OR REPLACE INTO files VALUES(?, ?, ?, ?, ?)", row)
    if old is None:
        report.added += 1
    else:
        report.changed += 1


def _add_edition(conn: sqlite3.Connection, edition: Edition, report: UpdateReport) -> None:
    base = edition.date.toordinal() * SLOTS
    positions = {article.id: n for n, article in enumerate(edition.articles())}
    for position, article in enumerate(edition.articles()):
        if position >= SLOTS:
            report.problems.append(
                f"{edition.path}: 超过{SLOTS}篇文章，其余未编入索引"  # never in a real paper
            )
            break
        parts, head_parts = article_parts(article)
        story = edition.story(article.id)
        first = story.fragments[0] if story else article
        rowid = base + position
        conn.execute(
            "INSERT INTO docs VALUES(?, ?, ?, ?, ?, ?, ?)",
            (
                rowid,
                article.id,
                article.page_id,
                base + positions.get(first.id, position),
                head_parts,
                1 if article.kicker else 0,
                encode_text(parts),
            ),
        )
        body, head, chars = _tokens(parts, head_parts)
        conn.execute("INSERT INTO fts(rowid, body, head) VALUES(?, ?, ?)", (rowid, body, head))
        conn.execute("INSERT INTO chars(rowid, c) VALUES(?, ?)", (rowid, chars))
        report.articles += 1
        report.text_bytes += len("\n".join(parts).encode("utf-8"))
    _add_words(conn, edition)


def _add_words(conn: sqlite3.Connection, edition: Edition) -> None:
    words = edition_words(edition)
    counts = {word: count for word, (_, count) in words.items()}
    blob = zlib.compress(json.dumps(counts, ensure_ascii=False).encode("utf-8"))
    conn.execute("INSERT OR REPLACE INTO edition_words VALUES(?, ?)", (edition.key, blob))
    known: set[str] = set()
    names = list(words)
    for start in range(0, len(names), 500):
        batch = names[start : start + 500]
        marks = ",".join("?" * len(batch))
        known.update(
            r[0] for r in conn.execute(f"SELECT word FROM words WHERE word IN ({marks})", batch)
        )
    conn.executemany(
        "UPDATE words SET total = total + ? WHERE word = ?",
        [(count, word) for word, count in counts.items() if word in known],
    )
    rows = []
    for word, (kind, count) in words.items():
        if word not in known:
            pinyin, initials = pinyin_for(word, kind)
            rows.append((word, KIND_CODES[kind], pinyin.replace(" ", ""), initials, count))
    conn.executemany(
        "INSERT INTO words(word, kind, key, initials, total) VALUES(?, ?, ?, ?, ?)", rows
    )


def remove_edition(conn: sqlite3.Connection, edition_key: str) -> None:
    """Delete an edition's articles and vocabulary (the caller commits)."""
    low, high = edition_rows(edition_key)
    rows = conn.execute(
        "SELECT id, head_parts, text FROM docs WHERE id >= ? AND id < ?", (low, high)
    ).fetchall()
    for rowid, head_parts, blob in rows:
        # A contentless FTS5 table forgets a row only when given the tokens it indexed.
        body, head, chars = _tokens(decode_text(blob), head_parts)
        conn.execute(
            "INSERT INTO fts(fts, rowid, body, head) VALUES('delete', ?, ?, ?)", (rowid, body, head)
        )
        conn.execute("INSERT INTO chars(chars, rowid, c) VALUES('delete', ?, ?)", (rowid, chars))
    conn.execute("DELETE FROM docs WHERE id >= ? AND id < ?", (low, high))
    row = conn.execute(
        "SELECT words FROM edition_words WHERE edition = ?", (edition_key,)
    ).fetchone()
    if row is None:
        return
    counts: dict[str, int] = json.loads(zlib.decompress(row[0]).decode("utf-8"))
    conn.executemany(
        "UPDATE words SET total = total - ? WHERE word = ?",
        [(count, word) for word, count in counts.items()],
    )
    conn.executemany(
        "DELETE FROM words WHERE word = ? AND total <= 0", [(word,) for word in counts]
    )
    conn.execute("DELETE FROM edition_words WHERE edition = ?", (edition_key,))
