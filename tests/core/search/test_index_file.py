"""The index file: incremental updates, corruption and read-only recovery, threads, cancel."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import pytest

from jiangbei_reader.core.library import Library
from jiangbei_reader.core.search import SearchIndex, default_index_path
from jiangbei_reader.core.synthetic import write_archive

from .conftest import IndexFactory, write


def _three(folder: Path) -> list[Path]:
    return [
        write(folder, "2030-01-01", {"1": [("第一期标题", "第一期独有的合成文字甲乙。")]}),
        write(folder, "2030-01-02", {"1": [("第二期标题", "第二期独有的合成文字丙丁。")]}),
        write(folder, "2030-01-03", {"1": [("第三期标题", "第三期独有的合成文字戊己。")]}),
    ]


def _built_index(tmp_path: Path) -> tuple[Path, Path]:
    """Three editions in tmp_path/ed, indexed into tmp_path/i.sqlite3 and closed."""
    folder = tmp_path / "ed"
    _three(folder)
    path = tmp_path / "i.sqlite3"
    index = SearchIndex.open(path, Library([folder]))
    index.update()
    index.close()
    return folder, path


def test_first_update_indexes_every_edition_and_reports_progress(tmp_path: Path):
    _three(tmp_path / "ed")
    index = SearchIndex.open(tmp_path / "i.sqlite3", Library([tmp_path / "ed"]))
    calls: list[tuple[int, int]] = []
    report = index.update(lambda done, total: calls.append((done, total)))
    assert (report.added, report.changed, report.removed) == (3, 0, 0)
    assert calls == [(1, 3), (2, 3), (3, 3)]
    assert report.articles == 3 and report.text_bytes > 0
    assert index.search("丙丁").hits[0].edition == "2030-01-02"
    index.close()


def test_second_update_touches_only_what_changed(tmp_path: Path):
    folder = tmp_path / "ed"
    first, _second, third = _three(folder)
    path = tmp_path / "i.sqlite3"
    SearchIndex.open(path, Library([folder])).update()
    # Same content, new mtime: the hash says unchanged. Changed text: re-indexed.
    os.utime(first, ns=(1, 1))
    write(folder, "2030-01-02", {"1": [("第二期标题", "改过的合成文字庚辛。")]})
    third.unlink()
    write(folder, "2030-01-04", {"1": [("第四期标题", "新增的合成文字壬癸。")]})
    index = SearchIndex.open(path, Library([folder]))
    report = index.update()
    assert (report.added, report.changed, report.removed, report.unchanged) == (1, 1, 1, 1)
    assert index.search("丙丁").hits == ()
    assert index.search("戊己").hits == ()
    assert [h.edition for h in index.search("庚辛").hits] == ["2030-01-02"]
    assert [h.edition for h in index.search("壬癸").hits] == ["2030-01-04"]
    assert index.update().unchanged == 3
    index.close()


def test_removing_an_edition_forgets_its_vocabulary(tmp_path: Path):
    folder = tmp_path / "ed"
    path = write(folder, "2030-01-01", {"1": [("江北嘴江北嘴", "江北嘴江北嘴江北嘴。")]})
    index_path = tmp_path / "i.sqlite3"
    index = SearchIndex.open(index_path, Library([folder]))
    index.update()
    assert any(s.text == "江北嘴" for s in index.suggest("jbz"))
    index.close()
    path.unlink()
    index = SearchIndex.open(index_path, Library([folder]))
    assert index.update().removed == 1
    assert index.suggest("jbz") == []
    index.close()


@pytest.mark.parametrize(
    "damage",
    ["truncated", "garbage", "foreign", "empty", "bit-flip"],
)
def test_a_damaged_index_file_is_rebuilt_not_trusted(tmp_path: Path, damage: str):
    folder, path = _built_index(tmp_path)
    data = path.read_bytes()
    if damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        path.write_bytes(os.urandom(len(data)))
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "bit-flip":
        # Break a page in the middle of the file, keep the header.
        path.write_bytes(data[:8192] + bytes(len(data) - 8192))
    else:
        path.unlink()
        foreign = sqlite3.connect(path)
        foreign.execute("CREATE TABLE meta(key TEXT, value TEXT)")
        foreign.execute("INSERT INTO meta VALUES('schema', '1')")
        foreign.commit()
        foreign.close()
    index = SearchIndex.open(path, Library([folder]))
    report = index.update()
    assert report.added == 3
    assert [h.edition for h in index.search("戊己").hits] == ["2030-01-03"]
    assert index.warnings or report.rebuilt
    index.close()


def test_search_on_a_file_damaged_while_open_reports_and_update_rebuilds(tmp_path: Path):
    folder, path = _built_index(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[:8192] + bytes(len(data) - 8192))
    index = SearchIndex.open(path, Library([folder]))
    results = index.search("戊己")
    assert results.hits == () or results.hits[0].edition == "2030-01-03"
    assert index.update().rebuilt
    assert [h.edition for h in index.search("戊己").hits] == ["2030-01-03"]
    index.close()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_read_only_cache_dir_falls_back_to_memory_with_a_warning(tmp_path: Path):
    folder = tmp_path / "ed"
    _three(folder)
    cache = tmp_path / "ro"
    cache.mkdir()
    cache.chmod(0o500)
    try:
        index = SearchIndex.open(cache / "search.sqlite3", Library([folder]))
        assert index.path is None and index.warnings
        index.update()
        assert index.search("甲乙").hits
        index.close()
    finally:
        cache.chmod(0o700)


def test_unusable_cache_location_falls_back_to_memory_with_a_warning(tmp_path: Path):
    # A file where the cache folder should be: fails for root too.
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    folder = tmp_path / "ed"
    _three(folder)
    index = SearchIndex.open(blocker / "search.sqlite3", Library([folder]))
    assert index.path is None
    assert any("内存" in w for w in index.warnings)
    index.update()
    assert index.search("甲乙").hits
    index.close()


def test_default_location_is_the_isolated_user_cache_dir():
    assert str(default_index_path([Path("editions")])).startswith(os.environ["XDG_CACHE_HOME"])


def test_each_set_of_folders_has_its_own_index_file(tmp_path: Path):
    # Alternating between two --editions folders must not re-index one over the other.
    one, two = tmp_path / "one", tmp_path / "two"
    write(one, "2023-07-12", {"1": [("江北嘴金融城", "正文。")]})
    write(two, "2024-01-02", {"1": [("郭家沱街道", "正文。")]})
    first = SearchIndex.open(None, Library([one]))
    assert first.path == default_index_path([one])
    assert first.update().added == 1
    second = SearchIndex.open(None, Library([two]))
    assert second.path == default_index_path([two]) != first.path
    assert second.update().added == 1
    first.close()
    again = SearchIndex.open(None, Library([one]))
    report = again.update()
    assert (report.added, report.removed, report.unchanged) == (0, 0, 1)
    assert again.search("江北嘴").hits
    again.close()
    second.close()


def test_cancel_stops_between_editions_and_the_next_update_completes(tmp_path: Path):
    folder = tmp_path / "ed"
    _three(folder)
    path = tmp_path / "i.sqlite3"
    index = SearchIndex.open(path, Library([folder]))
    report = index.update(cancel=lambda: index.article_count() >= 1)
    assert report.cancelled and report.added == 1
    report = index.update()
    assert not report.cancelled and report.added == 2 and report.unchanged == 1
    index.close()


def test_update_in_a_worker_thread_while_searching(tmp_path: Path, make_index: IndexFactory):
    folder = tmp_path / "ed"
    for day in range(1, 21):
        write(folder, f"2030-02-{day:02d}", {"1": [("合成标题", f"合成文字第{day}天。")]})
    index = SearchIndex.open(tmp_path / "i.sqlite3", Library([folder]))
    errors: list[BaseException] = []

    def work() -> None:
        try:
            index.update()
        except BaseException as exc:  # reported to the test thread
            errors.append(exc)

    worker = threading.Thread(target=work)
    worker.start()
    while worker.is_alive():
        index.search("合成文字")
    worker.join()
    assert errors == []
    assert index.search("合成文字", limit=50).total == 20
    index.close()


def test_searching_a_memory_index_while_it_is_built_is_no_damage(tmp_path: Path) -> None:
    # In memory the searches read the update's uncommitted pages (shared cache, read
    # uncommitted): a half-written FTS5 structure read there once marked the index
    # damaged, and the next update rebuilt it all (131 of 334 searches, 60 editions).
    write_archive(tmp_path / "ed", 30)
    index = SearchIndex.in_memory(Library([tmp_path / "ed"]))
    worker = threading.Thread(target=index.update)
    worker.start()
    searched = damaged = 0
    while worker.is_alive():
        results = index.search("江北")
        searched += 1
        damaged += results.damaged
    worker.join()
    assert searched > 0 and damaged == 0 and not index.damaged
    assert index.search("江北").hits and index.update().rebuilt is False
    index.close()


def test_memory_index_works_like_a_file(tmp_path: Path, make_index: IndexFactory):
    _three(tmp_path / "ed")
    index = make_index(tmp_path / "ed", memory=True)
    assert index.path is None
    assert [h.edition for h in index.search("甲乙").hits] == ["2030-01-01"]
    assert index.update(rebuild=True).added == 3


def test_a_locked_index_is_never_deleted(tmp_path: Path):
    folder, path = _built_index(tmp_path)
    holder = sqlite3.connect(path)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        index = SearchIndex.open(path, Library([folder]))
        # Busy, not damaged: the file is kept; this process searches in memory.
        assert index.path is None and index.warnings
        index.close()
    finally:
        holder.rollback()
        holder.close()
    index = SearchIndex.open(path, Library([folder]))
    assert index.path == path and index.article_count() == 3
    index.close()


def _read_only_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Open ``path`` as the OS opens a file without write permission (root ignores chmod)."""
    real = sqlite3.connect

    def connect(database: str, *args: object, **kwargs: object) -> sqlite3.Connection:
        if str(path) in str(database):
            database = str(database).replace("mode=rwc", "mode=ro").replace("mode=rw", "mode=ro")
        return real(database, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sqlite3, "connect", connect)


def test_a_read_only_index_file_is_kept_and_the_warning_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    folder, path = _built_index(tmp_path)
    before = path.read_bytes()
    _read_only_file(monkeypatch, path)
    index = SearchIndex.open(path, Library([folder]))
    report = index.update()
    assert index.path is None and report.added == 3
    assert index.search("戊己").hits
    (warning,) = index.warnings
    assert "只读" in warning and "内存" in warning
    assert "无法读取" not in warning and "重新建立" not in warning
    index.close()
    monkeypatch.undo()
    assert path.read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only files")
def test_a_chmod_read_only_index_file_is_kept(tmp_path: Path):
    folder, path = _built_index(tmp_path)
    path.chmod(0o444)
    index = SearchIndex.open(path, Library([folder]))
    index.update()
    assert index.path is None and any("只读" in w for w in index.warnings)
    assert path.exists()
    index.close()


def test_headline_suggestions_follow_the_editions(tmp_path: Path):
    folder = tmp_path / "ed"
    path = write(folder, "2030-01-01", {"1": [("鹞子丘合成标题", "合成文字。")]})
    write(folder, "2030-01-02", {"1": [("鹞子丘合成标题", "别的合成文字。")]})
    index_path = tmp_path / "i.sqlite3"
    index = SearchIndex.open(index_path, Library([folder]))
    index.update()
    for prefix in ("yaoziqiu", "yzqhc", "鹞子丘合成"):
        found = [s for s in index.suggest(prefix) if s.kind == "headline"]
        assert [(s.text, s.weight) for s in found] == [("鹞子丘合成标题", 2)], prefix
    index.close()
    path.write_text(path.read_text(encoding="utf-8").replace("鹞子丘", "江北嘴"), encoding="utf-8")
    (folder / "2030-01-02.md").unlink()
    index = SearchIndex.open(index_path, Library([folder]))
    index.update()
    assert [s.text for s in index.suggest("yzq") if s.kind == "headline"] == []
    assert [s.text for s in index.suggest("jbzhc") if s.kind == "headline"] == ["江北嘴合成标题"]
    index.close()
    conn = sqlite3.connect(index_path)
    # Only the changed edition's keys are left (pinyin, initials, text start).
    assert conn.execute("SELECT count(*) FROM heads").fetchone()[0] == 3
    conn.close()


def test_a_changed_edition_is_never_shown_from_texts_read_before(tmp_path: Path):
    folder = tmp_path / "ed"
    path = write(folder, "2030-01-01", {"1": [("合成标题", "旧的合成文字，江北嘴。")]})
    index = SearchIndex.open(tmp_path / "i.sqlite3", Library([folder]))
    index.update()
    # Both the ranked path (two characters) and the single-character path read texts.
    assert "旧的" in index.search("江北").hits[0].snippet
    assert "旧的" in index.search("嘴").hits[0].snippet
    write(folder, "2030-01-01", {"1": [("合成标题", "新的合成文字，江北嘴。")]})
    os.utime(path, ns=(1, 1))
    assert index.update().changed == 1
    assert "新的" in index.search("江北").hits[0].snippet
    assert "新的" in index.search("嘴").hits[0].snippet
    index.close()
