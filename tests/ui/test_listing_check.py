"""The window starts on the cached listing and checks it file by file after its first paint."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from jiangbei_reader.core.library import Library
from jiangbei_reader.core.ref_cache import RefCache, default_ref_cache_path
from jiangbei_reader.ui.search_controller import SearchController
from tests.helpers.editions import JUMP_PAIR, rewrite_in_place, write_edition

from .reader_helpers import open_window


def _labels(window) -> list[str]:  # type: ignore[no-untyped-def]
    model = window.tree.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_an_edition_rewritten_in_place_is_shown_anew_after_the_check(
    qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "editions"
    path = write_edition(folder, JUMP_PAIR)
    write_edition(folder, JUMP_PAIR.replace("2030-01-02", "2030-01-01"), name="older.md")
    Library([folder], ref_cache=RefCache(default_ref_cache_path([folder])))  # a first start
    # The newest edition gets another date, written in place: its folder's time stays.
    rewrite_in_place(path, JUMP_PAIR.replace("2030-01-02", "2030-01-05"))

    window = open_window(qtbot, folder)
    assert not window.library.verified  # started on the cached listing
    assert any("1月2日" in label for label in _labels(window))
    qtbot.waitUntil(lambda: window.library.verified, timeout=5000)
    qtbot.waitUntil(lambda: any("1月5日" in label for label in _labels(window)), timeout=5000)
    assert not any("1月2日" in label for label in _labels(window))
    current = window.router.current
    assert current is not None and current.route.edition_key == "2030-01-05"
    # The search's edition filter offers the editions as they are now.
    search = window.findChild(SearchController, "searchController")
    assert search is not None
    search.panel.list_editions()
    combo = search.panel.edition_filter
    assert [combo.itemData(i) for i in range(combo.count())] == ["", "2030-01-05", "2030-01-01"]
