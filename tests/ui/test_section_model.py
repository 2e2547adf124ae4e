"""The section tree model: structure, lazy loading, 未收录 pages, checked by qtmodeltester."""

from __future__ import annotations

from pathlib import Path

from pytestqt.modeltest import ModelTester

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush

from jiangbei_reader.core.library import Library
from jiangbei_reader.core.navigation import Route
from jiangbei_reader.core.synthetic import write_archive
from jiangbei_reader.ui.section_model import KindRole, RouteRole, SectionModel
from tests.ui.reader_helpers import write_library


def labels(model: SectionModel, parent: QModelIndex = QModelIndex()) -> list[str]:  # noqa: B008
    return [model.index(row, 0, parent).data() for row in range(model.rowCount(parent))]


def small_model(tmp_path: Path) -> tuple[SectionModel, Library]:
    library = Library([write_library(tmp_path / "editions")])
    return SectionModel(library.refs, library.edition), library


def test_model_passes_qtmodeltester_before_and_after_loading(
    qtmodeltester: ModelTester, tmp_path: Path
) -> None:
    model, _ = small_model(tmp_path)
    qtmodeltester.check(model)  # fetches every edition through canFetchMore/fetchMore
    assert model.index_for_route(Route.article("2030-01-02/3/kai-pian")).isValid()
    qtmodeltester.check(model)


def test_grouped_model_passes_qtmodeltester(qtmodeltester: ModelTester, tmp_path: Path) -> None:
    write_archive(tmp_path / "archive", 12, pages=2, articles_per_page=2)
    library = Library([tmp_path / "archive"])
    model = SectionModel(library.refs, library.edition)
    qtmodeltester.check(model)


def test_editions_newest_first_then_pages_then_articles(tmp_path: Path) -> None:
    model, _ = small_model(tmp_path)
    assert labels(model) == ["2030年1月2日 第9999期", "2029年12月30日 第9998期"]
    edition = model.index(0, 0)
    assert model.rowCount(edition) == 0 and model.hasChildren(edition)  # not parsed yet
    assert model.canFetchMore(edition)
    model.fetchMore(edition)
    assert labels(model, edition) == ["第1版 要闻", "第2版 综合（未收录）", "第3版 经济"]
    assert labels(model, model.index(0, 0, edition)) == ["测试新闻开篇", "第一版短讯"]


def test_article_tooltip_has_kicker_subtitle_and_jumps(tmp_path: Path) -> None:
    model, _ = small_model(tmp_path)
    index = model.index_for_route(Route.article("2030-01-02/1/kai-pian"))
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines() == ["合成引题", "测试新闻开篇", "合成副题", "（下转3版）"]
    assert index.data(RouteRole) == "article/2030-01-02/1/kai-pian"
    assert index.data(KindRole) == "article"


def test_missing_page_is_greyed_with_headlines_known_from_continuations(tmp_path: Path) -> None:
    model, _ = small_model(tmp_path)
    page = model.index_for_route(Route.page("2030-01-02", "2"))
    assert page.data() == "第2版 综合（未收录）"
    assert isinstance(page.data(Qt.ItemDataRole.ForegroundRole), QBrush)
    assert "未收录" in page.data(Qt.ItemDataRole.ToolTipRole)
    assert labels(model, page) == ["来自第二版的续篇"]
    known = model.index(0, 0, page)
    assert isinstance(known.data(Qt.ItemDataRole.ForegroundRole), QBrush)
    assert model.route(known) == Route.page("2030-01-02", "2")
    assert model.flags(page) & Qt.ItemFlag.ItemIsSelectable
    bundled = model.index_for_route(Route.page("2030-01-02", "1"))
    assert bundled.data(Qt.ItemDataRole.ForegroundRole) is None


def test_many_editions_group_by_year_and_month(tmp_path: Path) -> None:
    write_archive(tmp_path / "archive", 40, pages=2, articles_per_page=2)  # 2014-01-01 …
    library = Library([tmp_path / "archive"])
    model = SectionModel(library.refs, library.edition)
    assert labels(model) == ["2014年"]
    year = model.index(0, 0)
    assert model.rowCount(year) == 0 and model.hasChildren(year)  # made when opened
    model.fetchMore(year)
    assert labels(model, year) == ["2月", "1月"]
    february = model.index(0, 0, year)
    model.fetchMore(february)
    assert labels(model, february)[0].startswith("2月9日 ")
    article = Route.article(
        f"2014-01-05/1/{library.edition('2014-01-05').pages[0].articles[0].slug}"
    )  # type: ignore[union-attr]
    index = model.index_for_route(article)
    assert index.isValid()
    assert index.parent().parent().parent().parent().data() == "2014年"


def test_unknown_routes_have_no_row(tmp_path: Path) -> None:
    model, _ = small_model(tmp_path)
    assert not model.index_for_route(Route.article("2030-01-02/1/none")).isValid()
    assert not model.index_for_route(Route.edition("1999-01-01")).isValid()
    assert not model.index_for_route(Route.search("x")).isValid()


def test_an_unreadable_edition_has_no_children_and_says_so(tmp_path: Path) -> None:
    model, library = small_model(tmp_path)
    # Listed while it was readable, broken before it is opened.
    (library.roots[0] / "2029-12-30.md").write_bytes(b"\x00\x00\x00 binary now")
    older = model.index(1, 0)
    model.fetchMore(older)
    assert model.rowCount(older) == 0 and not model.hasChildren(older)
    assert "无法读取" in older.data(Qt.ItemDataRole.ToolTipRole)
