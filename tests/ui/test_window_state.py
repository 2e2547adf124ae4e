"""The reader window: restore after restart, bad settings, 未收录 pages, untrusted content, access."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument, QTextImageFormat
from PySide6.QtWidgets import QApplication, QLineEdit, QToolButton, QWidget

import jiangbei_reader.core.library as library_module
from jiangbei_reader.core.library import EditionRef
from jiangbei_reader.core.navigation import Route
from jiangbei_reader.core.settings import default_config_dir
from jiangbei_reader.core.synthetic import write_archive
from jiangbei_reader.resources import editions_dir
from jiangbei_reader.ui.date_picker import ArchiveDialog
from jiangbei_reader.ui.links import ConfirmingLinkOpener
from jiangbei_reader.ui.window import ReaderWindow
from tests.core.test_render import HOSTILE
from tests.helpers.editions import JUMP_PAIR, write_edition
from tests.ui.reader_helpers import (
    OFFSCREEN_SHOW,
    FakeLinkOpener,
    click_link,
    current,
    open_window,
    tree_route,
    write_library,
)

pytestmark = OFFSCREEN_SHOW


def plain(window: ReaderWindow) -> str:
    return window.view.document().toPlainText()


def test_last_article_geometry_and_splitter_are_restored_after_restart(
    qtbot: QtBot, tmp_path: Path
) -> None:
    editions = write_library(tmp_path / "editions")
    first = open_window(qtbot, editions)
    first.resize(760, 560)  # the offscreen screen is 800x600
    first.show()
    qtbot.waitExposed(first)
    first.set_whole_story(False)
    first.navigate(Route.article("2030-01-02/3/kai-pian"))
    first.splitter.setSizes([200, 560])
    sizes = first.splitter.sizes()
    first.close()

    second = open_window(qtbot, editions)
    assert current(second) == Route.article("2030-01-02/3/kai-pian")
    assert tree_route(second) == current(second)
    assert not second.whole_story
    assert (second.width(), second.height()) == (760, 560)
    second.show()
    qtbot.waitExposed(second)
    assert second.splitter.sizes() == sizes
    # Geometry and splitter are Qt's; the article read is in the reader's own settings.
    assert (default_config_dir() / "window.ini").is_file()
    assert "2030-01-02/3/kai-pian" in (default_config_dir() / "settings.json").read_text("utf-8")


def test_scroll_position_of_the_last_article_is_restored(qtbot: QtBot, tmp_path: Path) -> None:
    editions = write_library(tmp_path / "editions")
    first = open_window(qtbot, editions)
    first.resize(700, 360)
    first.show()
    qtbot.waitExposed(first)
    bar = first.view.verticalScrollBar()
    bar.setValue(bar.maximum())
    kept = bar.value()
    assert kept > 0
    first.close()
    second = open_window(qtbot, editions)
    second.resize(700, 360)
    second.show()
    qtbot.waitExposed(second)
    assert current(second) == current(first)
    assert second.view.verticalScrollBar().value() > 0


def test_a_last_article_that_is_gone_falls_back_to_the_newest_edition(
    qtbot: QtBot, tmp_path: Path
) -> None:
    editions = write_library(tmp_path / "editions")
    first = open_window(qtbot, editions)
    first.navigate(Route.article("2029-12-30/1/di-yi-ban-duan"))
    first.close()
    (editions / "2029-12-30.md").unlink()
    second = open_window(qtbot, editions)
    assert current(second) == Route.article("2030-01-02/1/kai-pian")


@pytest.mark.parametrize("content", [b"{corrupt", b"\x00\x01binary", b'{"other_app": [1]}'])
def test_corrupt_settings_file_falls_back_to_defaults_and_is_kept(
    qtbot: QtBot, tmp_path: Path, content: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    config = default_config_dir()
    config.mkdir(parents=True)
    (config / "settings.json").write_bytes(content)
    (config / "window.ini").write_bytes(b"\x00garbage[[[\n=")
    with caplog.at_level(logging.WARNING):
        window = open_window(qtbot, write_library(tmp_path / "editions"))
    assert current(window) == Route.article("2030-01-02/1/kai-pian")
    assert window.whole_story
    assert (config / "settings.json.bad").read_bytes() == content
    assert "using the default settings" in caplog.text
    assert "settings.json" in window.statusBar().currentMessage()


FOREIGN_INI = (
    "[General]\ntheme=dark\nrecentFiles=/home/someone/a.txt, /home/someone/b.txt\n"
    "[MainWindow]\ngeometry=@ByteArray(\\x1\\xd9\\xd0\\xcb)\nstate=hello\n"
)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"\x00garbage[[[\n=\xff\xfe", id="garbage"),
        pytest.param(b"[unclosed section\ngeometry=1\n", id="format-error"),
        pytest.param(FOREIGN_INI.encode(), id="another-program"),
        pytest.param(b"[window]\ngeometry=800x600\nsplitter=@Invalid()\n", id="wrong-types"),
    ],
)
def test_a_bad_window_ini_is_logged_by_name_and_the_default_layout_is_used(
    qtbot: QtBot, tmp_path: Path, content: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    config = default_config_dir()
    config.mkdir(parents=True)
    ini = config / "window.ini"
    ini.write_bytes(content)
    with caplog.at_level(logging.WARNING):
        window = open_window(qtbot, write_library(tmp_path / "editions"))
    messages = [r.getMessage() for r in caplog.records if "window.ini" in r.getMessage()]
    assert len(messages) == 1, caplog.text
    assert str(ini) in messages[0] and "default window layout" in messages[0]
    assert window.ui_state is not None and window.ui_state.allKeys() == []
    assert (window.width(), window.height()) == (1200, 800)
    assert window.splitter.sizes()[0] > 0
    assert (config / "window.ini.bad").read_bytes() == content  # kept, not overwritten
    window.close()
    # On close the reader writes its own state, which the next start reads without a word.
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        again = open_window(qtbot, write_library(tmp_path / "editions"))
    assert "window.ini" not in caplog.text
    assert sorted(again.ui_state.allKeys()) == ["window/geometry", "window/splitter"]  # type: ignore[union-attr]


def test_a_well_formed_but_unusable_geometry_is_ignored_with_a_message(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = default_config_dir()
    config.mkdir(parents=True)
    (config / "window.ini").write_text("[window]\ngeometry=@ByteArray(not a geometry)\n")
    with caplog.at_level(logging.WARNING):
        window = open_window(qtbot, write_library(tmp_path / "editions"))
    assert "window.ini: window/geometry is not a window geometry" in caplog.text
    assert (window.width(), window.height()) == (1200, 800)


def test_choosing_a_missing_page_says_it_is_not_in_the_collection(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = open_window(qtbot, write_library(tmp_path / "editions"))
    page = Route.page("2030-01-02", "2")
    window.tree.setCurrentIndex(window.tree.section_model.index_for_route(page))
    assert current(window) == page
    assert "本版未收录" in plain(window)
    assert "来自第二版的续篇" in plain(window)
    assert "未收录" in window.statusBar().currentMessage()


def test_a_link_to_a_missing_page_shows_a_message_in_the_pane(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, write_library(tmp_path / "editions"))
    window.resize(900, 600)
    window.show()
    qtbot.waitExposed(window)
    window.set_whole_story(False)
    window.navigate(Route.article("2030-01-02/3/lai-zi-di-er"))
    click_link(qtbot, window.view, "（上接2版）")
    assert current(window) == Route.page("2030-01-02", "2")
    assert "本版未收录" in plain(window)
    # … and from there, to the part that is bundled.
    click_link(qtbot, window.view, "续文见第3版 经济")
    assert current(window) == Route.article("2030-01-02/3/lai-zi-di-er")


def test_hostile_edition_is_shown_as_text_and_loads_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "editions"
    write_edition(folder, HOSTILE, name="hostile.md")
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not to be read")
    window = open_window(qtbot, folder)
    requested: list[str] = []
    original = window.view.loadResource

    def spy(kind: int, url: QUrl) -> object:
        requested.append(QUrl(url).toString())
        return original(kind, url)

    window.view.loadResource = spy  # type: ignore[method-assign]
    window.view.show_html(window.view.html)
    while_rendering = list(requested)
    text = plain(window)
    assert "<script>alert(1)</script>" in text  # shown as the words it is
    document = window.view.document()
    # Asked for anything else, the view gives an empty picture, and QTextDocument
    # (which would read local files when given nothing) never gets to read one.
    for url in ("http://evil.example/x.png", "file:///etc/passwd", secret.as_uri(), "secret.png"):
        data = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(url))
        assert isinstance(data, QImage) and data.size().width() <= 1, url
    stylesheet = document.resource(
        QTextDocument.ResourceType.StyleSheetResource, QUrl(secret.as_uri() + "?css")
    )
    assert not stylesheet
    images = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fmt = iterator.fragment().charFormat()
            if fmt.isImageFormat():
                images.append(QTextImageFormat(fmt).name())
            iterator += 1
        block = block.next()
    assert images == []
    assert all(url.startswith("edition-image:") for url in while_rendering)


def test_hostile_links_do_nothing_and_web_links_go_to_the_opener(
    qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "editions"
    write_edition(folder, HOSTILE, name="hostile.md")
    window = open_window(qtbot, folder)
    window.resize(900, 700)
    window.show()
    qtbot.waitExposed(window)
    before = current(window)
    for words in ("点我", "文件", "数据"):
        point = window.view.cursorRect()  # keep mypy calm about unused names
        del point
        position = window.view.document().find(words)
        assert not position.isNull()
        assert not position.charFormat().isAnchor()
    click_link(qtbot, window.view, "网站")
    assert current(window) == before
    opener = window.link_opener
    assert isinstance(opener, FakeLinkOpener)
    assert opener.opened == ["https://example.com/"]


def test_web_links_open_only_after_confirmation() -> None:
    opened: list[str] = []
    asked: list[str] = []

    def confirm(answer: bool):  # type: ignore[no-untyped-def]
        def ask(parent: object, url: QUrl) -> bool:
            asked.append(url.toString())
            return answer

        return ask

    def record(url: QUrl) -> bool:
        opened.append(url.toString())
        return True

    refused = ConfirmingLinkOpener(confirm(False), record)
    agreed = ConfirmingLinkOpener(confirm(True), record)
    assert not refused.open_external(None, QUrl("https://example.com/a"))  # type: ignore[arg-type]
    assert agreed.open_external(None, QUrl("https://example.com/b"))  # type: ignore[arg-type]
    assert not agreed.open_external(None, QUrl("file:///etc/passwd"))  # type: ignore[arg-type]
    assert asked == ["https://example.com/a", "https://example.com/b"]
    assert opened == ["https://example.com/b"]


def test_main_parts_have_stable_object_names(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, write_library(tmp_path / "editions"))
    for name in ("sectionTree", "articleView", "searchBox", "statusBar"):
        assert window.findChild(object, name) is not None, name
    assert isinstance(window.findChild(QLineEdit, "searchBox"), QLineEdit)


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _unnamed(window: ReaderWindow) -> list[str]:
    """Every visible widget of the window (Qt's own parts too) without a Chinese name."""
    widgets = [w for w in window.findChildren(QWidget) if w.isVisible()]
    assert len(widgets) >= 20
    return sorted(
        {
            f"{type(w).__name__}:{w.objectName()}"
            f"<{type(w.parentWidget()).__name__}:{w.parentWidget().objectName()}>"
            for w in widgets
            if not _has_chinese(w.accessibleName())
        }
    )


def test_every_visible_widget_has_a_chinese_accessible_name_in_every_state(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from tests.ui.aids_helpers import aids, settle
    from tests.ui.test_search_ui import controller, type_query

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    look = app.font(), app.palette(), app.styleSheet()
    window = open_window(qtbot, editions_dir())
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    search = controller(window)
    if search.indexing:
        with qtbot.waitSignal(search.index_updated, timeout=20_000):
            pass
    settle()
    found: dict[str, list[str]] = {"wide": _unnamed(window)}

    window.resize(420, 500)  # narrow: the toolbar's overflow button appears
    qtbot.waitUntil(
        lambda: window.findChild(QToolButton, "qt_toolbar_ext_button").isVisible()  # type: ignore[union-attr]
    )
    settle()
    found["narrow"] = _unnamed(window)

    window.resize(1280, 800)
    window.search_box.setFocus()
    type_query(qtbot, window, "小巨人")  # text in the box (its clear button) and the results
    settle()
    assert window.search_box.findChild(QToolButton).isVisible()  # type: ignore[union-attr]
    found["search results"] = _unnamed(window)

    try:
        aids(window).elder.set_elder(True)
        settle()
        found["长辈版"] = _unnamed(window)
    finally:
        aids(window).elder.set_elder(False)
        app.setStyleSheet(look[2])
        app.setPalette(look[1])
        app.setFont(look[0])
    problems = {state: names for state, names in found.items() if names}
    assert not problems, "\n".join(f"{s}: {n}" for s, n in problems.items())


def test_a_large_archive_opens_without_parsing_every_edition(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "archive"
    write_archive(folder, 40, pages=2, articles_per_page=2)
    parsed: list[Path] = []
    original = library_module.load_edition_file

    def counting(path: Path):  # type: ignore[no-untyped-def]
        parsed.append(path)
        return original(path)

    monkeypatch.setattr(library_module, "load_edition_file", counting)
    window = open_window(qtbot, folder)
    assert len(parsed) == 1  # the newest, to show its first article
    model = window.tree.section_model
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["2014年"]


def test_archive_dialog_marks_edition_dates_and_refuses_others(qtbot: QtBot) -> None:
    refs = [
        EditionRef(Path(f"/x/{d}.md"), dt.date.fromisoformat(d), "江北报", n)
        for d, n in (("2030-01-02", "9999"), ("2029-12-30", ""))
    ]
    dialog = ArchiveDialog(refs, "2029-12-30")
    qtbot.addWidget(dialog)
    assert dialog.selected_key() == "2029-12-30"
    bold = dialog.calendar.dateTextFormat()
    assert len(bold) == 2
    dialog.calendar.setSelectedDate(dialog.calendar.selectedDate().addDays(1))
    assert dialog.selected_key() is None
    assert "没有收录" in dialog.label.text()
    ok = dialog.buttons.buttons()[0]
    assert not ok.isEnabled()
    dialog.calendar.setSelectedDate(dialog.calendar.maximumDate())
    assert dialog.selected_key() == "2030-01-02"
    assert "第9999期" in dialog.label.text()
    # Month names in Chinese whatever the machine's locale (tests run under C/POSIX too).
    month = dialog.calendar.findChild(QToolButton, "qt_calendar_monthbutton")
    assert month is not None and month.text() == "一月"


def test_archive_action_opens_the_chosen_edition(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, write_library(tmp_path / "editions"))
    window.edition_chooser = lambda refs, current_key, parent: "2029-12-30"
    window.choose_archive_edition()
    assert current(window) == Route.article("2029-12-30/1/kai-pian")


def test_pictures_load_from_the_edition_folder_only(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "editions"
    text = JUMP_PAIR.replace("![合成图片说明。测试摄]()", "![合成图片说明。测试摄](images/a.png)")
    write_edition(folder, text)
    (folder / "images").mkdir()
    picture = QImage(40, 30, QImage.Format.Format_RGB32)
    picture.fill(Qt.GlobalColor.darkRed)
    assert picture.save(str(folder / "images" / "a.png"))
    outside = tmp_path / "outside.png"
    assert picture.save(str(outside))
    window = open_window(qtbot, folder)
    window.navigate(Route.article("2030-01-02/3/kai-pian"))
    document = window.view.document()
    inside = document.resource(
        QTextDocument.ResourceType.ImageResource, QUrl("edition-image:2030-01-02/images/a.png")
    )
    assert isinstance(inside, QImage) and inside.size().width() == 40
    (folder / "images" / "link.png").symlink_to(outside)
    for url in (
        "edition-image:2030-01-02/images/link.png",
        "edition-image:2030-01-02/../outside.png",
    ):
        refused = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(url))
        assert isinstance(refused, QImage) and refused.size().width() == 1, url


def test_an_empty_library_says_so_and_nothing_breaks(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    window = open_window(qtbot, tmp_path / "empty")
    assert window.router.current is None
    assert "没有找到任何一期报纸" in plain(window)
    # Every action but those that close, change the screen mode or open a dialog (往期, 打印).
    kept = ("action_quit", "action_full_screen", "action_archive", "action_print")
    for action in window.reader_actions:
        if action.objectName() not in kept:
            action.trigger()
    assert "没有找到任何一期报纸" in plain(window)


def test_a_missing_folder_is_reported_with_its_name(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, tmp_path / "nowhere")
    assert "nowhere" in window.statusBar().currentMessage()


def test_errors_in_an_edition_file_are_named_with_file_and_line(
    qtbot: QtBot, tmp_path: Path
) -> None:
    broken = JUMP_PAIR.replace(
        "## 第一版短讯\n类型：简讯\n", "## 第一版短讯\n类型：简讯\n颜色：红\n"
    )
    write_edition(tmp_path / "editions", broken)
    window = open_window(qtbot, tmp_path / "editions")
    message = window.statusBar().currentMessage()
    assert "2030-01-02.md:" in message and "错误" in message
    assert (
        "只有一段的短讯"
        in window.library.edition("2030-01-02")
        .article(  # type: ignore[union-attr]
            "2030-01-02/1/di-yi-ban-duan"
        )
        .plain_text()
    )


def test_an_edition_whose_pages_are_all_missing_opens_on_its_first_page(
    qtbot: QtBot, tmp_path: Path
) -> None:
    text = "---\npaper: 江北报\ndate: 2030-03-01\n---\n\n# 第1版 要闻\n未收录\n\n# 第2版 综合\n未收录\n"
    write_edition(tmp_path / "editions", text, name="2030-03-01.md")
    window = open_window(qtbot, tmp_path / "editions")
    assert current(window) == Route.page("2030-03-01", "1")
    assert "本版未收录" in plain(window)


def test_a_link_to_a_page_the_edition_lacks_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, write_library(tmp_path / "editions"))
    window.follow_link("page:2030-01-02/9")
    assert "没有第9版" in plain(window)
