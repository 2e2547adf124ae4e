"""Worker processes prepare editions for a large update: the same index as without them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from jiangbei_reader.core.library import Library
from jiangbei_reader.core.search import SearchIndex, indexer, worker
from jiangbei_reader.core.search.partitions import partitions
from jiangbei_reader.core.synthetic import write_archive

EDITIONS = 8
QUERIES = ("江北", "区", "发展 建设", "jbq", "-江北 区")


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    tables = {
        "docs": "SELECT * FROM docs ORDER BY id",
        "heads": "SELECT * FROM heads ORDER BY k, id",
        "words": "SELECT word, kind, key, initials, total FROM words ORDER BY word",
        "edition_words": "SELECT * FROM edition_words ORDER BY edition",
    }
    try:
        for partition in partitions(conn):
            tables[partition.name] = f"SELECT * FROM {partition.name}_docsize ORDER BY id"
        return {name: conn.execute(sql).fetchall() for name, sql in tables.items()}
    finally:
        conn.close()


def _answers(index: SearchIndex) -> list[object]:
    found: list[object] = []
    for query in QUERIES:
        results = index.search(query)
        found.append([(h.article_id, h.snippet, h.fragment_ids) for h in results.hits])
        found.append(results.total)
    found.append([s.text for s in index.suggest("jiang")])
    return found


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    write_archive(folder, EDITIONS)
    return folder


def _build(path: Path, archive: Path, **update: object) -> tuple[SearchIndex, object]:
    index = SearchIndex.open(path, Library([archive]))
    return index, index.update(**update)  # type: ignore[arg-type]


def test_workers_build_the_same_index(tmp_path: Path, archive: Path, monkeypatch):
    alone, report = _build(tmp_path / "alone.sqlite3", archive)
    monkeypatch.setattr(indexer, "PARALLEL_AFTER", 2)
    started: list[int] = []
    real = worker.WorkerPool.__init__

    def counting(self: worker.WorkerPool, workers: int) -> None:
        started.append(workers)
        real(self, workers)

    monkeypatch.setattr(worker.WorkerPool, "__init__", counting)
    monkeypatch.setattr(indexer.os, "cpu_count", lambda: 2)
    progress: list[tuple[int, int]] = []
    pooled, pooled_report = _build(
        tmp_path / "pooled.sqlite3", archive, progress=lambda d, t: progress.append((d, t))
    )
    assert started == [2]
    assert progress == [(n, EDITIONS) for n in range(1, EDITIONS + 1)]
    assert (pooled_report.added, pooled_report.articles) == (report.added, report.articles)  # type: ignore[attr-defined]
    assert _answers(pooled) == _answers(alone)
    alone.close()
    pooled.close()
    assert _dump(tmp_path / "pooled.sqlite3") == _dump(tmp_path / "alone.sqlite3")


def test_cancel_with_workers_leaves_a_consistent_index(tmp_path: Path, archive: Path, monkeypatch):
    monkeypatch.setattr(indexer, "PARALLEL_AFTER", 2)
    monkeypatch.setattr(indexer.os, "cpu_count", lambda: 2)
    path = tmp_path / "i.sqlite3"
    index = SearchIndex.open(path, Library([archive]))
    done: list[int] = []
    report = index.update(progress=lambda d, t: done.append(d), cancel=lambda: len(done) >= 3)
    assert report.cancelled and report.added == 3
    assert {h.edition for h in index.search("江北").hits} <= {
        r.key for r in Library([archive]).refs[:3]
    }
    report = index.update()
    assert not report.cancelled and report.added == EDITIONS - 3 and report.unchanged == 3
    index.close()
    complete, _ = _build(tmp_path / "complete.sqlite3", archive)
    assert _answers(SearchIndex.open(path, Library([archive]))) == _answers(complete)
    complete.close()


def test_broken_workers_leave_the_work_to_the_updating_thread(
    tmp_path: Path, archive: Path, monkeypatch
):
    monkeypatch.setattr(indexer, "PARALLEL_AFTER", 2)
    monkeypatch.setattr(indexer.os, "cpu_count", lambda: 2)
    # Workers that exit at once: the first reply is missing.
    monkeypatch.setattr(worker.sys, "executable", "/bin/false")
    index, report = _build(tmp_path / "i.sqlite3", archive)
    assert report.added == EDITIONS and not report.problems  # type: ignore[attr-defined]
    assert index.search("江北").hits
    index.close()
