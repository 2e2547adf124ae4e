"""Search benchmark: build throughput, index size, query latency vs a str.find scan, RSS.

Archives of synthetic editions (1 and 365 by default; add 3650 with --ten-years)
are written to a temporary folder, never into editions/. For each: index build
(MB of article text per second, index size / text size), query latency (median,
p95) for 1-, 2-, 3-, 4- and 6-character queries and two-term queries, top 20
ranked with snippets, against a plain scan of the same text in this process
(str.find over every article), incremental update after adding one edition, the
pinyin vocabulary's build cost and share of the file, and the peak RSS of two
separate processes searching the index: a bare one (no Qt), and the reader
itself (the window built offscreen by ``create_window``, queries typed into its
search box, the first hit opened and highlighted).
With --compare, the same queries run against FTS5's built-in trigram tokenizer.

    python -m benchmarks.search [--ten-years] [--compare] [--queries 20]

(With ``-m`` from the checkout, this checkout's jiangbei_reader is measured,
whatever an editable install points at.)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import jiangbei_reader
from jiangbei_reader.core.library import Library, load_edition_file
from jiangbei_reader.core.search import SearchIndex, default_index_path
from jiangbei_reader.core.search.normalize import normalize_parts
from jiangbei_reader.core.search.searcher import Filters, TextCache, find_candidates
from jiangbei_reader.core.search.vocab import edition_words
from jiangbei_reader.core.synthetic import SyntheticWriter, write_archive

HAN = re.compile(r"[\u4e00-\u9fff]+")
LENGTHS = (1, 2, 3, 4, 6)

# Peak RSS from VmHWM: ru_maxrss would carry the parent's size across fork and exec.
RSS_PROBE = """
import json, sys
from pathlib import Path
from jiangbei_reader.core.library import Library
from jiangbei_reader.core.search import SearchIndex
index = SearchIndex.open(Path(sys.argv[1]), Library([Path(sys.argv[2])]))
assert index.article_count() > 0 and not index.warnings, index.warnings
found = sum(bool(index.search(query).hits) for query in json.loads(sys.argv[3]))
assert found, "the probe found nothing"
status = Path("/proc/self/status").read_text()
print(next(int(l.split()[1]) for l in status.splitlines() if l.startswith("VmHWM")) / 1024)
"""


# The reader itself: the window built offscreen as `jiangbei-reader --editions DIR` builds
# it, over the benchmark's index in its cache dir; each query typed into the search box,
# searched by the window's controller in its worker, the first hit opened and highlighted.
WINDOW_PROBE = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QEventLoop
from jiangbei_reader.app import create_window
from jiangbei_reader.core.navigation import Route
from jiangbei_reader.ui.search_controller import SearchController
def rss(field):
    status = Path("/proc/self/status").read_text()
    return next(int(l.split()[1]) for l in status.splitlines() if l.startswith(field)) / 1024
window = create_window(["--editions", sys.argv[1]])
window.resize(1100, 700)
window.show()
search = window.findChild(SearchController, "searchController")
app = QCoreApplication.instance()
def wait(done):
    while not done():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
wait(lambda: not search.indexing)
index = search.index
assert index.path is not None and index.article_count() > 0, index.warnings
# The benchmark's index, not one the window built for itself.
assert str(index.path.resolve()) == sys.argv[3], (index.path, sys.argv[3])
started = rss("VmRSS")
shown = []
search.results_shown.connect(shown.append)
queries = json.loads(sys.argv[2])
def type_all(open_hits):
    found = 0
    for query in queries:
        before = len(shown)
        window.search_box.setText(query)
        search.search_now()
        wait(lambda: len(shown) > before)
        hits = shown[-1].hits
        found += bool(hits)
        if hits and open_hits:
            window.navigate(Route.article(hits[0].article_id))
            search.highlight_hits()
    return found
found = type_all(False)
searched = rss("VmHWM")
assert found, "the window found nothing"
type_all(True)
print(found, started, searched, rss("VmHWM"))
"""


def _children_cpu() -> float:
    """CPU seconds of this process's finished child processes (the indexing workers)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def load_texts(folder: Path) -> tuple[list[str], float, int]:
    """Every article's plain text (the scan baseline's data), and the CPU seconds the
    pinyin vocabulary of every edition takes to build (without pinyin), and editions."""
    texts: list[str] = []
    vocab_cpu = 0.0
    count = 0
    for path in sorted(folder.glob("*.md")):
        edition = load_edition_file(path).edition
        assert edition is not None
        texts.extend(article.plain_text() for article in edition.articles())
        start = time.process_time()
        edition_words(edition)
        vocab_cpu += time.process_time() - start
        count += 1
    return texts, vocab_cpu, count


def report_parts(db: Path, vocab_cpu: float, editions: int) -> None:
    """What the pinyin vocabulary costs to build, and what each part of the file weighs."""
    conn = sqlite3.connect(db)
    sizes = dict(conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall())
    kinds = dict(conn.execute("SELECT kind, count(*) FROM words GROUP BY kind").fetchall())
    kinds["headline keys"] = conn.execute("SELECT count(*) FROM heads").fetchone()[0]
    conn.close()
    tables = (
        "words",
        "sqlite_autoindex_words_1",
        "words_key",
        "words_initials",
        "edition_words",
        "heads",
    )
    vocab_mb = sum(sizes.get(t, 0) for t in tables) / 1e6
    print(
        f"vocabulary: {vocab_cpu:.1f} s CPU for {editions} editions "
        f"({vocab_cpu / editions * 1000:.1f} ms an edition, n-grams without pinyin); "
        f"entries and keys {kinds}"
    )
    fts_mb = sum(v for k, v in sizes.items() if k.startswith("fts")) / 1e6
    chars_mb = sum(v for k, v in sizes.items() if k.startswith("chars")) / 1e6
    print(
        f"  file by part: bigram index {fts_mb:.1f} MB, character table {chars_mb:.1f} MB, "
        f"stored text (docs) {sizes.get('docs', 0) / 1e6:.1f} MB, vocabulary {vocab_mb:.1f} MB"
    )


def make_queries(texts: list[str], count: int, seed: int = 7) -> dict[str, list[str]]:
    """Substrings of the archive's Chinese runs, by length, plus two-term queries."""
    rng = random.Random(seed)
    runs = [run for text in rng.sample(texts, min(len(texts), 500)) for run in HAN.findall(text)]
    queries: dict[str, list[str]] = {}
    for length in LENGTHS:
        found: list[str] = []
        while len(found) < count:
            run = rng.choice(runs)
            if len(run) >= length:
                start = rng.randrange(len(run) - length + 1)
                found.append(run[start : start + length])
        queries[f"{length} 字"] = found
    pairs: list[str] = []
    while len(pairs) < count:
        text = rng.choice(texts)
        words = [r[:3] for r in HAN.findall(text) if len(r) >= 3]
        if len(words) >= 2:
            first, second = rng.sample(words, 2)
            pairs.append(f"{first} {second}")
    queries["两个词"] = pairs
    return queries


def timed(work: Callable[[str], object], queries: list[str]) -> tuple[float, float]:
    """Median and p95 latency in milliseconds."""
    times = []
    for query in queries:
        start = time.perf_counter()
        work(query)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * len(times)) - 1)]


def scan(texts: list[str]) -> Callable[[str], object]:
    """The baseline: str.find over every article for every term."""

    def run(query: str) -> object:
        terms = query.split()
        return [i for i, text in enumerate(texts) if all(text.find(t) >= 0 for t in terms)]

    return run


def trigram_table(folder: Path, db: Path) -> tuple[sqlite3.Connection, float, int]:
    """The alternative design: FTS5's trigram tokenizer over the normalised text."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(body, head, tokenize='trigram')")
    start = time.perf_counter()
    rowid = 0
    for path in sorted(folder.glob("*.md")):
        edition = load_edition_file(path).edition
        assert edition is not None
        for article in edition.articles():
            rowid += 1
            body = [getattr(b, "text", "") or getattr(b, "caption", "") for b in article.blocks]
            conn.execute(
                "INSERT INTO t(rowid, body, head) VALUES(?, ?, ?)",
                (rowid, normalize_parts(body, "\n").text, article.headline),
            )
    conn.commit()
    seconds = time.perf_counter() - start
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return conn, seconds, db.stat().st_size


def trigram_search(conn: sqlite3.Connection) -> Callable[[str], object]:
    """Top 20 by BM25 with the trigram table: MATCH from 3 characters, a LIKE scan below."""

    def run(query: str) -> object:
        terms = query.split()
        if all(len(t) >= 3 for t in terms):
            expression = " AND ".join(f'"{t}"' for t in terms)
            sql = "SELECT rowid, bm25(t, 1.0, 5.0) s FROM t WHERE t MATCH ? ORDER BY s LIMIT 20"
            return conn.execute(sql, (expression,)).fetchall()
        # Shorter than a trigram: FTS5 can only scan, every row, to rank the matches.
        where = " AND ".join("(body LIKE ? OR head LIKE ?)" for _ in terms)
        params = [p for t in terms for p in (f"%{t}%", f"%{t}%")]
        return conn.execute(f"SELECT rowid FROM t WHERE {where}", params).fetchall()

    return run


def bigram_search(db: Path) -> Callable[[str], object]:
    """The same work with our tables: the ranked candidates, without snippets."""
    conn = sqlite3.connect(db)
    index = SearchIndex.in_memory([])
    texts = TextCache()

    def run(query: str) -> object:
        return find_candidates(conn, index.parse(query), Filters(), texts).candidates

    return run


def bench(size: int, folder: Path, args: argparse.Namespace) -> None:
    archive = folder / f"archive-{size}"
    start = time.perf_counter()
    for stale in archive.glob("*.md"):
        stale.unlink()
    paths = write_archive(archive, size)
    files_mb = sum(p.stat().st_size for p in paths) / 1e6
    print(
        f"\n== {size} editions: {files_mb:.1f} MB of edition files "
        f"(written in {time.perf_counter() - start:.1f} s)"
    )
    # In a cache dir of its own, under the name the reader window (WINDOW_PROBE) looks
    # for (one file per set of edition folders): the window searches this index
    # instead of building its own.
    cache = folder / f"cache-{size}"
    db = cache / "jiangbei-reader" / default_index_path(Library([archive]).roots).name
    db.parent.mkdir(parents=True, exist_ok=True)
    for stale in db.parent.glob("search*.sqlite3*"):
        stale.unlink()
    index = SearchIndex.open(db, Library([archive]))
    cpu = time.process_time()
    children = _children_cpu()
    report = index.update()
    writer_cpu = time.process_time() - cpu
    # The worker processes that prepare editions (index.update() waits for them).
    workers_cpu = _children_cpu() - children
    cpu = writer_cpu + workers_cpu
    index_mb = db.stat().st_size / 1e6
    text_mb = report.text_bytes / 1e6
    print(
        f"build: {report.seconds:.1f} s, {report.articles} articles, {text_mb:.1f} MB text, "
        f"{report.megabytes_per_second:.2f} MB/s; CPU {cpu:.1f} s = {text_mb / cpu:.2f} MB/s "
        f"(this process {writer_cpu:.1f} s, worker processes {workers_cpu:.1f} s)"
    )
    print(
        f"index: {index_mb:.1f} MB = {index_mb / text_mb:.2f}x text, "
        f"{index_mb / files_mb:.2f}x edition files"
    )
    texts, vocab_cpu, editions = load_texts(archive)
    report_parts(db, vocab_cpu, editions)
    queries = make_queries(texts, args.queries)
    baseline = scan(texts)
    print(
        f"{'query':<8} {'index median':>12} {'p95':>8} {'scan median':>12} {'p95':>8} "
        f"{'speed-up':>9} {'hits':>6}"
    )
    for name, items in queries.items():
        for query in items[:3]:  # warm the page cache and the converters
            index.search(query)
        median, p95 = timed(lambda q: index.search(q, limit=20), items)
        scan_median, scan_p95 = timed(baseline, items)
        hits = statistics.median(len(index.search(q).hits) for q in items)
        print(
            f"{name:<8} {median:>10.2f}ms {p95:>6.2f}ms {scan_median:>10.1f}ms "
            f"{scan_p95:>6.1f}ms {scan_median / median:>8.0f}x {hits:>6.0f}"
        )
    if args.compare and size >= 365:
        conn, seconds, tri_size = trigram_table(archive, folder / f"trigram-{size}.sqlite3")
        print(
            f"trigram alternative: build {seconds:.1f} s ({text_mb / seconds:.2f} MB/s, "
            f"without the parse), {tri_size / 1e6:.1f} MB = {tri_size / 1e6 / text_mb:.2f}x text"
        )
        run = trigram_search(conn)
        ours = bigram_search(db)
        print("  same SQL work, no snippets: bigram+chars tables vs trigram table")
        for name, items in queries.items():
            median, p95 = timed(ours, items)
            tri_median, tri_p95 = timed(run, items)
            print(
                f"  {name:<6} bigram median {median:7.2f} ms p95 {p95:7.2f} ms | "
                f"trigram median {tri_median:7.2f} ms p95 {tri_p95:7.2f} ms"
            )
        conn.close()
    # Incremental: one more edition after the last.
    last = max(p.name for p in paths)
    date = dt.date.fromisoformat(last.removeprefix("synthetic-").removesuffix(".md"))
    new_date = date + dt.timedelta(days=1)
    writer = SyntheticWriter(seed=99)
    (archive / f"synthetic-{new_date.isoformat()}.md").write_text(
        writer.edition_text(new_date), encoding="utf-8"
    )
    index.close()
    start = time.perf_counter()
    index = SearchIndex.open(db, Library([archive]))
    added = index.update()
    print(
        f"incremental: +1 edition in {time.perf_counter() - start:.2f} s "
        f"(listing {size + 1} files, update {added.seconds:.2f} s, added {added.added})"
    )
    index.close()
    probe_queries = [q for items in queries.values() for q in items]
    # The probe imports the same jiangbei_reader as this process, wherever it runs from.
    package_root = str(Path(jiangbei_reader.__file__).resolve().parents[1])
    done = subprocess.run(
        [sys.executable, "-c", RSS_PROBE, str(db), str(archive), json.dumps(probe_queries)],
        env={**os.environ, "PYTHONPATH": package_root},
        capture_output=True,
        text=True,
        check=True,
    )
    print(f"peak RSS of a bare process (no Qt) searching this index: {float(done.stdout):.0f} MB")
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            WINDOW_PROBE,
            str(archive),
            json.dumps(probe_queries),
            str(db.resolve()),
        ],
        env={
            **os.environ,
            "PYTHONPATH": package_root,
            "XDG_CACHE_HOME": str(cache),
            "XDG_CONFIG_HOME": str(folder / f"config-{size}"),
            "QT_QPA_PLATFORM": "offscreen",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        print(f"reader window probe failed: {done.stderr.strip().splitlines()[-3:]}")
    else:
        found, started, searched, opened = done.stdout.split()[-4:]
        print(
            f"RSS of the reader (window offscreen): {float(started):.0f} MB once started and "
            f"the index checked; peak {float(searched):.0f} MB after typing "
            f"{len(probe_queries)} queries ({found} with hits); peak {float(opened):.0f} MB "
            "after typing them again and opening each first hit, highlighted (the "
            "library keeps up to 64 parsed editions)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ten-years", action="store_true", help="also 3650 editions (slow)")
    parser.add_argument("--sizes", default="", help="comma-separated sizes instead of 1,365")
    parser.add_argument("--compare", action="store_true", help="also the trigram tokenizer")
    parser.add_argument("--queries", type=int, default=20, help="queries per length")
    parser.add_argument(
        "--workdir", type=Path, help="keep archives and indexes here (outside editions/)"
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s] or [1, 365]
    if args.ten_years:
        sizes.append(3650)
    print(
        f"SQLite {sqlite3.sqlite_version}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs"
    )
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        for size in sizes:
            bench(size, args.workdir, args)
        return
    with tempfile.TemporaryDirectory(prefix="jiangbei-search-bench-") as folder:
        for size in sizes:
            bench(size, Path(folder), args)


if __name__ == "__main__":
    main()
