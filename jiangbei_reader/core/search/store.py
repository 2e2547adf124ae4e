"""The index file: schema, opening with validation, rebuilding what cannot be trusted.

One SQLite file in WAL mode. A file that is not ours (application id), of an
older schema, truncated or corrupt (``PRAGMA quick_check``) is deleted and
created anew; it is a cache, everything in it can be rebuilt from the editions.
"""

from __future__ import annotations

import itertools
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jiangbei_reader.core.ref_cache import library_cache_path

#: "JBS1": marks the file as a 江北报 search index.
APPLICATION_ID = 0x4A425331
#: Bump when the schema, the normalisation or the tokens change: old files are rebuilt.
SCHEMA_VERSION = 6
#: The full page check runs at most this often.
CHECK_SECONDS = 24 * 3600
#: Article ids are ``date ordinal * SLOTS + position``: row order is date order.
SLOTS = 1024
#: Separates the parts (kicker, headline, …, paragraphs) in stored text; same length as "\n".
PART_SEPARATOR = "\x1e"

#: Tokens are made in Python (bigrams, characters, words) and joined by spaces.
TOKENIZER = "ascii tokenchars '.,%_'"
_SCHEMA = f"""
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files(
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL, edition TEXT NOT NULL
);
CREATE TABLE docs(
    id INTEGER PRIMARY KEY, article_id TEXT NOT NULL, page TEXT NOT NULL,
    story INTEGER NOT NULL, head_parts INTEGER NOT NULL, headline_at INTEGER NOT NULL,
    text BLOB NOT NULL
);
-- The bigram tables (body, head), one a year, are made as editions come (partitions.py).
CREATE VIRTUAL TABLE chars USING fts5(
    c, tokenize="{TOKENIZER}", content='', detail=none, columnsize=0
);
CREATE TABLE words(
    id INTEGER PRIMARY KEY, word TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
    key TEXT NOT NULL, initials TEXT NOT NULL, total INTEGER NOT NULL
);
CREATE INDEX words_key ON words(kind, key);
CREATE INDEX words_initials ON words(kind, initials);
CREATE TABLE edition_words(edition TEXT PRIMARY KEY, words BLOB NOT NULL);
CREATE TABLE stories(id INTEGER PRIMARY KEY, story INTEGER NOT NULL);
CREATE TABLE heads(k TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY(k, id)) WITHOUT ROWID;
"""

#: Keys of a headline in ``heads`` (with the article's rowid): its pinyin, its
#: initials and its first HEAD_TEXT characters, each after its one-letter kind. The
#: text itself is the article's, read from ``docs`` when suggested.
HEAD_PINYIN, HEAD_INITIALS, HEAD_TEXT_KEY = "p", "i", "t"
HEAD_TEXT = 6

#: How a vocabulary entry's kind is stored (one letter: the indexes repeat it per row).
KIND_CODES = {"word": "w", "name": "n", "headline": "h"}
KIND_NAMES = {code: kind for kind, code in KIND_CODES.items()}

_memory_names = itertools.count(1)


def in_rows(ids: Sequence[int]) -> str:
    """A WHERE clause for the rows of these ids (as many ``?`` as ids)."""
    return f"WHERE id IN ({','.join('?' * len(ids))})"


def rows_by_id(conn: sqlite3.Connection, select: str, ids: Sequence[int]) -> list[Any]:
    """The rows of ``select`` (``SELECT … FROM table``) whose id is one of ``ids``.

    A statement per 500 ids: SQLite takes only so many parameters in one.
    """
    rows: list[Any] = []
    for start in range(0, len(ids), 500):
        batch = list(ids[start : start + 500])
        rows += conn.execute(f"{select} {in_rows(batch)}", batch).fetchall()
    return rows


def default_index_path(roots: Sequence[Path]) -> Path:
    """Where the index of the library over ``roots`` lives: one file in the user cache dir.

    One file per set of folders: the reader started with other ``--editions``
    must not re-index (or forget) this set's editions.
    """
    return library_cache_path(roots, "search", ".sqlite3")


@dataclass(frozen=True, slots=True)
class Location:
    """Where an index is: a file, or a named in-memory database shared by this process."""

    uri: str
    path: Path | None
    #: True when the file was just created (first start, or after a rebuild).
    created: bool
    #: Chinese warnings for the user (corrupt file rebuilt, read-only cache dir …).
    warnings: tuple[str, ...] = ()


def connect(location: Location) -> sqlite3.Connection:
    """A new connection to the index (one per thread)."""
    conn = sqlite3.connect(location.uri, uri=True, check_same_thread=False, timeout=30.0)
    if location.path is None:
        # A shared in-memory database locks whole tables; let readers see
        # uncommitted rows rather than fail while an update runs.
        conn.execute("PRAGMA read_uncommitted = 1")
    else:
        conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def create_schema(conn: sqlite3.Connection) -> None:
    """Create the tables of an empty database and stamp it as ours."""
    # Larger pages waste less space around the compressed article texts.
    conn.execute("PRAGMA page_size = 8192")
    conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
    with conn:
        conn.executescript(_SCHEMA)
        conn.execute("INSERT INTO meta VALUES('schema', ?)", (str(SCHEMA_VERSION),))
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def problem_with(
    conn: sqlite3.Connection, path: Path | None = None, deep: bool = False
) -> str | None:
    """Why an index cannot be trusted, or ``None`` when it looks sound.

    The cheap checks (ours? this schema? truncated?) run on every open; ``deep``
    adds ``PRAGMA quick_check``, which reads every page, once every CHECK_SECONDS
    (update() runs it in the worker thread). A search that fails on the file
    makes update() rebuild it without asking this.
    """
    try:
        (app_id,) = conn.execute("PRAGMA application_id").fetchone()
        if app_id != APPLICATION_ID:
            return "不是本程序的索引文件"
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if row is None or row[0] != str(SCHEMA_VERSION):
            return "索引格式已更新"
        if path is not None and not Path(f"{path}-wal").exists():
            (pages,) = conn.execute("PRAGMA page_count").fetchone()
            (page_size,) = conn.execute("PRAGMA page_size").fetchone()
            if path.stat().st_size < pages * page_size:
                return "索引文件不完整"
        if deep and _due(conn):
            if conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
                return "索引文件已损坏"
            with conn:
                conn.execute(
                    "INSERT OR REPLACE INTO meta VALUES('checked', ?)", (str(int(time.time())),)
                )
    except sqlite3.OperationalError as exc:
        if is_busy(exc) or _read_only(exc):
            # Another process is writing, or the file is read-only: not damage,
            # never a reason to delete.
            return None
        return f"索引文件无法读取（{exc}）"
    except (sqlite3.DatabaseError, OSError) as exc:
        return f"索引文件无法读取（{exc}）"
    return None


def _writable(uri: str) -> bool:
    """True when SQLite can write the file (a write is tried and rolled back).

    ``mode=rw`` silently opens a read-only file read-only; only a write tells.
    """
    conn = sqlite3.connect(uri + "?mode=rw", uri=True, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT OR REPLACE INTO meta VALUES('probe', '')")
        conn.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError as exc:
        if is_busy(exc):
            raise  # another process writes: the caller falls back to memory, keeps the file
        if _read_only(exc):
            return False
        raise
    finally:
        conn.close()


def _read_only(exc: sqlite3.OperationalError) -> bool:
    return exc.sqlite_errorname.startswith("SQLITE_READONLY")


def is_busy(exc: sqlite3.OperationalError) -> bool:
    """True when another connection holds a lock: not damage."""
    return "locked" in str(exc) or "busy" in str(exc)


def _due(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT value FROM meta WHERE key = 'checked'").fetchone()
    return row is None or not row[0].isdigit() or time.time() - int(row[0]) > CHECK_SECONDS


def remove_files(path: Path) -> None:
    """Delete an index file and its WAL companions."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def open_location(path: Path) -> Location:
    """Validate or create the index file; fall back to memory when the file cannot be used."""
    warnings: list[str] = []
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        uri = f"file:{_uri_path(path)}"
        created = not path.exists()
        if not created:
            conn = sqlite3.connect(uri + "?mode=rw", uri=True)
            try:
                problem = problem_with(conn, path)
            finally:
                conn.close()
            if problem is None and not _writable(uri):
                # Not damage: keep the file (someone made it read-only), search in memory.
                warnings.append(
                    f"检索索引文件 {path} 是只读的，无法更新；"
                    "本次检索索引只保存在内存中，文件未改动。"
                )
                return open_memory(tuple(warnings))
            if problem is not None:
                warnings.append(f"检索索引 {path} {problem}，已重新建立。")
                remove_files(path)
                created = True
        conn = sqlite3.connect(uri + "?mode=rwc", uri=True)
        try:
            if created:
                create_schema(conn)
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode != "wal":
                raise sqlite3.OperationalError(f"journal mode {mode}")
        finally:
            conn.close()
        return Location(uri + "?mode=rw", path, created, tuple(warnings))
    except (OSError, sqlite3.Error) as exc:
        warnings.append(f"无法写入检索索引 {path}（{exc}），本次检索索引只保存在内存中。")
        return open_memory(tuple(warnings))


def open_memory(warnings: tuple[str, ...] = ()) -> Location:
    """A fresh in-memory index shared by the connections of this process."""
    uri = f"file:jiangbei-search-{next(_memory_names)}?mode=memory&cache=shared"
    return Location(uri, None, True, warnings)


def _uri_path(path: Path) -> str:
    # '?' and '#' would end the path part of a URI.
    return str(path.resolve()).replace("%", "%25").replace("?", "%3f").replace("#", "%23")
