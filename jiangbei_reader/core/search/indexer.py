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
import json
import logging
import os
import pickle
import sqlite3
import sys
import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from jiangbei_reader.core.library import EditionRef
from jiangbei_reader.core.search.partitions import (
    Partition,
    ensure_partition,
    partition_of,
    partitions,
)
from jiangbei_reader.core.search.prepare import (
    Prepared,
    decode_text,
    head_keys,
    prepare,
    stored_headline,
    tokens,
)
from jiangbei_reader.core.search.results import UpdateReport
from jiangbei_reader.core.search.store import (
    KIND_CODES,
    SLOTS,
)
from jiangbei_reader.core.search.vocab import pinyin_for
from jiangbei_reader.core.search.worker import WorkerPool

log = logging.getLogger(__name__)

#: Changes are committed about this often during an update.
COMMIT_SECONDS = 1.0
#: After this many editions added, changed or removed, the index is compacted.
OPTIMIZE_AFTER = 100
#: From this many files to index on, worker processes prepare them (at most
#: MAX_WORKERS, each AHEAD files ahead of the writer).
PARALLEL_AFTER = 50
MAX_WORKERS = 2
AHEAD = 3
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
    committed: Callable[[], None] | None = None,
) -> None:
    """Bring the index in line with the edition files; fills ``report``.

    ``committed()`` is called after each commit (and a rollback): what readers
    cached of the index may be stale from then on.
    """
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
    last_commit = time.perf_counter()
    ahead = _Ahead(todo)
    try:
        for path, old in recorded.items():
            remove_edition(conn, old.edition)
            conn.execute("DELETE FROM files WHERE path = ?", (path,))
            report.removed += 1
            done += 1
            if progress:
                progress(done, total)
        for index, (ref, old) in enumerate(todo):
            if cancel is not None and cancel():
                report.cancelled = True
                break
            prepared = ahead.get(index)
            if prepared is None:
                _update_file(conn, ref, old, report)
            else:
                _apply(conn, prepared, old, report)
            done += 1
            # Commit about once a second: each commit flushes an FTS5 segment.
            if time.perf_counter() - last_commit > COMMIT_SECONDS:
                conn.commit()
                if committed is not None:
                    committed()
                last_commit = time.perf_counter()
            if progress:
                progress(done, total)
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    finally:
        if committed is not None:
            committed()
        ahead.close(finished=done == total)
    if report.added + report.changed + report.removed >= OPTIMIZE_AFTER:
        _compact(conn)
    report.seconds += time.perf_counter() - started


def _pool_size(files: int) -> int:
    """How many worker processes prepare editions: none for a few files or one CPU.

    Not in a frozen build: there ``sys.executable`` is the program itself.
    """
    cpus = os.cpu_count() or 1
    if files < PARALLEL_AFTER or cpus < 2 or getattr(sys, "frozen", False):
        return 0
    return min(MAX_WORKERS, cpus)


class _Ahead:
    """Worker processes preparing the files to do a few files ahead of the writer.

    Many files (a first start over an archive) are prepared by workers
    (``worker.py``); the updating thread then only writes to SQLite. If the
    workers cannot start or fail, ``get`` answers ``None`` from then on and the
    updating thread prepares the rest itself.
    """

    def __init__(self, todo: list[tuple[EditionRef, _Recorded | None]]) -> None:
        self._tasks = [(str(ref.path), ref.key, old.sha256 if old else None) for ref, old in todo]
        self._workers = _pool_size(len(todo))
        self._pool: WorkerPool | None = None
        if self._workers:
            try:
                self._pool = WorkerPool(self._workers)
            except OSError as exc:
                log.warning("indexing without worker processes: %s", exc)

    def get(self, index: int) -> Prepared | None:
        """The prepared ``todo[index]`` (asked in order), or ``None``: prepare it here."""
        pool = self._pool
        if pool is None:
            return None
        try:
            while pool.submitted < min(len(self._tasks), index + 1 + AHEAD * self._workers):
                pool.submit(self._tasks[pool.submitted])
            prepared = pool.result()
        except (OSError, EOFError, pickle.UnpicklingError) as exc:
            log.warning("indexing worker failed, going on without: %s", exc)
            self.close(finished=False)
            return None
        return prepared if isinstance(prepared, Prepared) else None

    def close(self, finished: bool) -> None:
        """Stop the workers; at once unless every file was done (cancelled, failed)."""
        if self._pool is not None:
            self._pool.close(kill=not finished)
            self._pool = None


def _compact(conn: sqlite3.Connection) -> None:
    """Merge the FTS5 segments into one (faster queries) and give freed pages back."""
    for partition in partitions(conn):
        if conn.execute(
            "SELECT 1 FROM docs WHERE id >= ? AND id < ? LIMIT 1", (partition.low, partition.high)
        ).fetchone():
            conn.execute(f"INSERT INTO {partition.name}({partition.name}) VALUES('optimize')")
        else:  # every edition of that year is gone
            conn.execute(f"DROP TABLE {partition.name}")
    conn.execute("INSERT INTO chars(chars) VALUES('optimize')")
    conn.commit()
    # executescript steps the pragma to the end; execute() would free one page.
    conn.executescript("PRAGMA incremental_vacuum;")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


def _update_file(
    conn: sqlite3.Connection, ref: EditionRef, old: _Recorded | None, report: UpdateReport
) -> None:
    """Prepare and write one edition file here, in the updating thread."""
    _apply(conn, prepare(ref.path, ref.key, old.sha256 if old else None), old, report)


def _apply(
    conn: sqlite3.Connection, prepared: Prepared, old: _Recorded | None, report: UpdateReport
) -> None:
    """Write a prepared edition file into the index (the caller commits)."""
    report.problems.extend(prepared.problems)
    if prepared.file_row is None:
        return
    if prepared.unchanged and old is not None and old.edition == prepared.key:
        conn.execute("INSERT OR REPLACE INTO files VALUES(?, ?, ?, ?, ?)", prepared.file_row)
        report.unchanged += 1
        return
    if old is not None:
        remove_edition(conn, old.edition)
    # Another file may have held this date before.
    remove_edition(conn, prepared.key)
    if not prepared.unreadable:
        conn.executemany("INSERT INTO docs VALUES(?, ?, ?, ?, ?, ?, ?)", prepared.docs)
        # An edition is one day: its rows all go to that year's table.
        table = _year_table(prepared.key)
        ensure_partition(conn, table)
        conn.executemany(
            f"INSERT INTO {table.name}(rowid, body, head) VALUES(?, ?, ?)", prepared.fts
        )
        conn.executemany("INSERT INTO chars(rowid, c) VALUES(?, ?)", prepared.chars)
        conn.executemany("INSERT OR IGNORE INTO heads VALUES(?, ?)", prepared.heads)
        # The fragments that continue a story begun elsewhere (jumps): few.
        jumps = [(doc[0], doc[3]) for doc in prepared.docs if doc[3] != doc[0]]
        conn.executemany("INSERT INTO stories VALUES(?, ?)", jumps)
        _add_words(conn, prepared.key, prepared.words)
        report.articles += len(prepared.docs)
        report.text_bytes += prepared.text_bytes
    conn.execute("INSERT OR REPLACE INTO files VALUES(?, ?, ?, ?, ?)", prepared.file_row)
    if old is None:
        report.added += 1
    else:
        report.changed += 1


def _year_table(edition_key: str) -> Partition:
    """The bigram table of an edition's year."""
    return partition_of(dt.date.fromisoformat(edition_key).year)


def _add_words(
    conn: sqlite3.Connection, edition_key: str, words: dict[str, tuple[str, int]]
) -> None:
    counts = {word: count for word, (_, count) in words.items()}
    blob = zlib.compress(json.dumps(counts, ensure_ascii=False).encode("utf-8"))
    conn.execute("INSERT OR REPLACE INTO edition_words VALUES(?, ?)", (edition_key, blob))
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
        "SELECT id, head_parts, headline_at, text FROM docs WHERE id >= ? AND id < ?", (low, high)
    ).fetchall()
    heads: list[tuple[str, int]] = []
    table = _year_table(edition_key).name
    for rowid, head_parts, headline_at, blob in rows:
        parts = decode_text(blob)
        heads.extend(
            (key, rowid) for key in head_keys(stored_headline(parts, head_parts, headline_at))
        )
        # A contentless FTS5 table forgets a row only when given the tokens it indexed.
        body, head, chars = tokens(parts, head_parts)
        conn.execute(
            f"INSERT INTO {table}({table}, rowid, body, head) VALUES('delete', ?, ?, ?)",
            (rowid, body, head),
        )
        conn.execute("INSERT INTO chars(chars, rowid, c) VALUES('delete', ?, ?)", (rowid, chars))
    conn.execute("DELETE FROM docs WHERE id >= ? AND id < ?", (low, high))
    conn.execute("DELETE FROM stories WHERE id >= ? AND id < ?", (low, high))
    conn.executemany("DELETE FROM heads WHERE k = ? AND id = ?", heads)
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
