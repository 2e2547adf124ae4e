"""SearchIndex: the one object the window, the kiosk and the commands use to search.

Thread-safety: every thread gets its own SQLite connection (made on first use,
kept by thread id: a QThreadPool job's Python thread state, and with it any
``threading.local``, lasts only one job, so thread-local connections leaked one
per search in the window);
``update()`` may run in a worker thread while other threads call ``search()``
and ``suggest()``, which then see the last committed edition (WAL). Only one
``update()`` runs at a time. No method touches Qt; progress and cancellation
are plain callables.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import threading
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

from jiangbei_reader.core.library import EditionRef, Library
from jiangbei_reader.core.search import store
from jiangbei_reader.core.search.hits import make_hits
from jiangbei_reader.core.search.indexer import CancelCheck, ProgressCallback, update_index
from jiangbei_reader.core.search.normalize import (
    clean_text,
    normalize,
    normalize_parts,
    normalize_query_text,
)
from jiangbei_reader.core.search.query import Query, Term, parse_query
from jiangbei_reader.core.search.results import SearchResults, Span, Suggestion, UpdateReport
from jiangbei_reader.core.search.searcher import Filters, TextCache, find_candidates, rank
from jiangbei_reader.core.search.suggest import suggest_prefix
from jiangbei_reader.core.search.variants import to_simplified
from jiangbei_reader.core.search.vocab import is_pinyin

log = logging.getLogger(__name__)

#: How many vocabulary words a pinyin term stands for when it is searched.
PINYIN_EXPANSION = 6
#: A failed search leads to a rebuild this many times per SearchIndex: a search that
#: fails on a fresh index is not the file's fault, and must not rebuild in a loop.
MAX_REPAIRS = 1


class SearchIndex:
    """Full-text search over the editions of a Library, kept in one SQLite file."""

    def __init__(self, location: store.Location, library: Library | Sequence[EditionRef]) -> None:
        self._location = location
        self._refs = tuple(library.refs if isinstance(library, Library) else library)
        self._generation = 0
        self._update_lock = threading.Lock()
        self._damaged = False
        self._repairs = 0
        # True until a first update has filled a newly created (or rebuilt) file.
        self._fresh = location.created
        #: Thread id → (connection, generation it was made for).
        self._connections: dict[int, tuple[sqlite3.Connection, int]] = {}
        self._connections_lock = threading.Lock()
        self._texts = TextCache()
        self.warnings: tuple[str, ...] = location.warnings
        #: Called (in the searching thread) when a search finds the index damaged, so
        #: whoever runs updates can start one: the window does, for every caller
        #: (the kiosk keyboard searches the index directly).
        self.on_damaged: Callable[[], None] | None = None
        # An in-memory database lives as long as one connection to it is open.
        self._keeper = store.connect(location) if location.path is None else None
        if self._keeper is not None:
            store.create_schema(self._keeper)
        for warning in self.warnings:
            log.warning("%s", warning)

    @classmethod
    def open(cls, path: Path | None, library: Library | Sequence[EditionRef]) -> SearchIndex:
        """Open (or create) the index file; ``None``: the library's file in the user cache dir.

        Cheap: the full integrity check and the indexing happen in ``update()``.
        """
        if path is None:
            roots = library.roots if isinstance(library, Library) else ()
            path = store.default_index_path(roots)
        return cls(store.open_location(path), library)

    @classmethod
    def in_memory(cls, library: Library | Sequence[EditionRef]) -> SearchIndex:
        """An index kept in memory only (tests, read-only systems)."""
        return cls(store.open_memory(), library)

    @property
    def path(self) -> Path | None:
        """The index file, or ``None`` for an in-memory index."""
        return self._location.path

    def _conn(self) -> sqlite3.Connection:
        thread = threading.get_ident()
        with self._connections_lock:
            entry = self._connections.get(thread)
        if entry is not None and entry[1] == self._generation:
            return entry[0]
        if entry is not None:
            entry[0].close()
        conn = store.connect(self._location)
        with self._connections_lock:
            self._connections[thread] = (conn, self._generation)
        return conn

    @property
    def connection_count(self) -> int:
        """How many threads hold a connection (one per thread that used the index)."""
        with self._connections_lock:
            return len(self._connections)

    def close(self) -> None:
        """Close every connection (call when no other thread uses the index any more)."""
        with self._connections_lock:
            for conn, _generation in self._connections.values():
                conn.close()
            self._connections.clear()
        if self._keeper is not None:
            self._keeper.close()
            self._keeper = None

    def update(
        self,
        progress: ProgressCallback | None = None,
        cancel: CancelCheck | None = None,
        *,
        rebuild: bool = False,
    ) -> UpdateReport:
        """Index added and changed editions, forget removed ones; safe in a worker thread.

        ``progress(done, total)`` is called after each edition; ``cancel()`` is
        polled between editions. A corrupt index is rebuilt from scratch, and so
        is one a search failed on (``SearchResults.damaged``): the failure is the
        evidence, whether or not ``PRAGMA quick_check`` sees the damage (FTS5 data
        can be garbage in pages that are sound b-tree pages).
        """
        report = UpdateReport()
        with self._update_lock:
            problem = None
            if self._damaged:
                problem = "检索时读到了损坏的数据"
                self._repairs += 1
            elif self.path is not None:
                problem = store.problem_with(self._conn(), self.path, deep=True)
            self._damaged = False
            if problem is not None or rebuild:
                if problem is not None:
                    self.warnings += (f"检索索引 {self.path} {problem}，已重新建立。",)
                self._recreate()
                self._fresh = True
            report.rebuilt = self._fresh
            try:
                update_index(self._conn(), self._refs, report, progress, cancel, self._texts.bump)
            finally:
                self._texts.bump()
            self._fresh = self._fresh and report.cancelled
        return report

    def _recreate(self) -> None:
        """Start from an empty index (other threads reconnect on their next call)."""
        self._generation += 1
        self._texts.bump()
        if self.path is None:
            if self._keeper is not None:
                self._keeper.close()
            self._location = store.open_memory(self.warnings)
            self._keeper = store.connect(self._location)
            store.create_schema(self._keeper)
            return
        with self._connections_lock:
            own = self._connections.pop(threading.get_ident(), None)
        if own is not None:
            own[0].close()
        try:
            store.remove_files(self.path)
        except OSError as exc:
            self.warnings += (f"无法删除损坏的检索索引 {self.path}（{exc}），改用内存索引。",)
        self._location = store.open_location(self.path)
        if self._location.path is None:
            self._keeper = store.connect(self._location)
            store.create_schema(self._keeper)
        self.warnings += self._location.warnings

    def parse(self, text: str) -> Query:
        """The parsed query (terms, phrases, exclusions, 繁體 variants)."""
        return parse_query(text, to_simplified)

    def highlight(self, query: str | Query, text: str) -> list[Span]:
        """Where a query's terms occur in any text (e.g. one paragraph of the reader pane)."""
        parsed = self.parse(query) if isinstance(query, str) else query
        return parsed.spans(normalize(text))

    def highlight_blocks(self, query: str | Query, text: str) -> list[Span]:
        """Like ``highlight``, for text whose lines are blocks (paragraphs): no hit spans two.

        ``highlight`` takes a line break next to a Chinese character for an
        extraction artefact; between the paragraphs of a rendered article it is not.
        """
        parsed = self.parse(query) if isinstance(query, str) else query
        return parsed.spans(normalize_parts(text.split("\n"), "\n"))

    def article_count(self) -> int:
        """How many articles (fragments) the index holds."""
        return int(self._conn().execute("SELECT count(*) FROM docs").fetchone()[0])

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        edition: str | None = None,
        page: str | None = None,
    ) -> SearchResults:
        """Ranked results for what the user typed; never raises for any input."""
        query = clean_text(query)
        parsed = self.parse(query)
        filters = Filters(date_from, date_to, edition, page)
        if parsed.is_empty or parsed.contradiction is not None:
            # Nothing to look for, or nothing can match (江北 -江北): the notice says why.
            return SearchResults(parsed, (), notices=parsed.notices)
        during_update = self._updating_in_memory()
        try:
            results = self._run(parsed, filters, max(1, limit))
            if not results.hits:
                results = self._with_pinyin(parsed, filters, max(1, limit)) or results
            if not results.hits:
                alternatives = tuple(self.alternatives(query))
                results = SearchResults(
                    parsed, (), 0, True, results.notices, alternatives=alternatives
                )
            return results
        except (sqlite3.DatabaseError, zlib.error, UnicodeDecodeError) as exc:
            if during_update or self._updating_in_memory():
                # In memory (a shared cache read uncommitted, so that an update does not
                # lock searches out) a search may read the update's half-written pages:
                # no damage, and no reason to rebuild.
                log.info("search during an in-memory update failed: %s", exc)
                notice = "检索索引正在建立，请稍后再试。"
                return SearchResults(parsed, (), notices=(*parsed.notices, notice))
            return self._failed(parsed, exc)

    def _updating_in_memory(self) -> bool:
        """True while an update writes this in-memory index (searches may read its pages)."""
        return self.path is None and self._update_lock.locked()

    def _failed(self, parsed: Query, exc: Exception) -> SearchResults:
        """No results for a search the index failed on; mark the index for a rebuild."""
        if isinstance(exc, sqlite3.OperationalError) and store.is_busy(exc):
            notice = "检索索引正被另一个程序写入，请稍后再试。"
            return SearchResults(parsed, (), notices=(*parsed.notices, notice))
        if self._repairs >= MAX_REPAIRS:
            log.error("search failed again after a rebuild: %s", exc)
            notice = f"检索出错（{exc}），重建索引也没有解决，请重新启动程序。"
            return SearchResults(parsed, (), notices=(*parsed.notices, notice))
        log.warning("search failed, the index will be rebuilt: %s", exc)
        self._damaged = True
        if self.on_damaged is not None:
            self.on_damaged()
        notice = "检索索引已损坏，正在重建，请稍后再试。"
        return SearchResults(parsed, (), notices=(*parsed.notices, notice), damaged=True)

    @property
    def damaged(self) -> bool:
        """True when a search failed on the index and ``update()`` has not rebuilt it yet."""
        return self._damaged

    def _run(self, parsed: Query, filters: Filters, limit: int) -> SearchResults:
        conn = self._conn()
        found = find_candidates(conn, parsed, filters, self._texts)
        candidates = found.candidates
        hits = make_hits(conn, parsed, rank(candidates, limit), self._texts)
        notices = list(parsed.notices)
        if found.timed_out and len(hits) < limit:
            notices.append("只查了较新的文章，更早的可能还有，可加上日期范围再查。")
        elif not found.complete:
            notices.append(f"按相关度排列的是最新的{len(candidates)}篇。")
        return SearchResults(parsed, tuple(hits), len(candidates), found.complete, tuple(notices))

    def _with_pinyin(self, parsed: Query, filters: Filters, limit: int) -> SearchResults | None:
        """Search again with pinyin terms (``jiangbei``) replaced by the archive's words.

        Pinyin typed with spaces (``jiang bei``, as a kiosk keyboard may) is first
        tried as one word.
        """
        terms = parsed.required
        if len(terms) > 1 and all(is_pinyin(t.raw) and not t.phrase for t in terms):
            joined = "".join(t.raw for t in terms)
            if any(s.kind != "headline" for s in self.suggest(joined, PINYIN_EXPANSION)):
                terms = (Term(joined, ((joined,),)),)
        required: list[Term] = []
        used: list[str] = []
        for term in terms:
            if not is_pinyin(term.raw):
                required.append(term)
                continue
            words = [
                s.text for s in self.suggest(term.raw, PINYIN_EXPANSION) if s.kind != "headline"
            ]
            variants = tuple(tuple(normalize_query_text(w)) for w in words)
            if not variants:
                return None
            used.extend(words)
            required.append(Term(term.raw, variants, term.phrase))
        if not used:
            return None
        expanded = Query(parsed.text, tuple(required), parsed.excluded, parsed.notices)
        results = self._run(expanded, filters, limit)
        if not results.hits:
            return None
        notice = f"按拼音查找：{'、'.join(used)}"
        return SearchResults(
            parsed,
            results.hits,
            results.total,
            results.exact_total,
            (*results.notices, notice),
            pinyin_words=tuple(used),
        )

    def suggest(self, prefix: str, limit: int = 10) -> list[Suggestion]:
        """Words, names and headlines of the archive for a pinyin or text prefix.

        ``jiangbei`` (full pinyin) and ``jbq`` (initials) both find 江北区;
        ``江北`` finds words starting with 江北. For the kiosk keyboard and the
        search box's completion.
        """
        return suggest_prefix(self._conn(), prefix, limit)

    def alternatives(self, query: str, limit: int = 6) -> list[Suggestion]:
        """What the user may have meant when nothing was found: 简体 form, pinyin words."""
        found: list[Suggestion] = []
        # Undecodable bytes (U+FFFD after cleaning) are no part of a suggestion.
        query = clean_text(query).replace("\ufffd", " ").strip()
        simplified = to_simplified(query)
        if simplified != query:
            found.append(Suggestion(simplified, "", "simplified", 0))
        parsed = self.parse(query)
        for term in parsed.required:
            if is_pinyin(term.raw):
                found.extend(s for s in self.suggest(term.raw, limit) if s.kind != "headline")
        return found[:limit]
