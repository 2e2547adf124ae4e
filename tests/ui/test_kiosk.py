"""Kiosk mode through the real window: lockdown, admin exit, idle reset, keyboard, one instance."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QContextMenuEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog

from jiangbei_reader.app import create_window
from jiangbei_reader.core.kiosk.config import KioskConfigError
from jiangbei_reader.core.kiosk.idle import IdlePhase, IdlePolicy, IdleTimeouts, ViewKind
from jiangbei_reader.core.kiosk.pin import AdminUnlock, RateLimiter, UnlockOutcome
from jiangbei_reader.core.kiosk.reset import RESET_ITEMS
from jiangbei_reader.core.navigation import Route, RouteKind
from jiangbei_reader.ui.actions import ActionId
from tests.ui.kiosk_helpers import PIN, FakeClock, open_kiosk, write_config
from tests.ui.reader_helpers import OFFSCREEN_SHOW, write_library

pytestmark = OFFSCREEN_SHOW


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return write_library(tmp_path / "editions")


# -- start ------------------------------------------------------------------------------


def test_kiosk_refuses_a_config_without_pin(tmp_path: Path, library: Path) -> None:
    config = write_config(tmp_path, pin=False)
    with pytest.raises(KioskConfigError) as caught:
        create_window(["--editions", str(library), "--kiosk", "--kiosk-config", str(config)])
    assert "kiosk set-pin" in str(caught.value)
    assert str(config) in str(caught.value)


def test_kiosk_refuses_a_missing_config(tmp_path: Path, library: Path) -> None:
    missing = tmp_path / "nope.toml"
    with pytest.raises(KioskConfigError) as caught:
        create_window(["--editions", str(library), "--kiosk", "--kiosk-config", str(missing)])
    assert str(missing) in str(caught.value)


def test_main_prints_the_refusal_and_exits(tmp_path: Path, library: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from jiangbei_reader.app import main

    config = write_config(tmp_path, pin=False)
    status = main(["--editions", str(library), "--kiosk", "--kiosk-config", str(config)])
    assert status == 2
    assert "set-pin" in capsys.readouterr().err


# -- lockdown ---------------------------------------------------------------------------


def test_every_escape_attempt_fails(qtbot: QtBot, tmp_path: Path, library: Path) -> None:
    window, session = open_kiosk(qtbot, tmp_path, library)
    window.showFullScreen()
    qtbot.waitExposed(window)
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.isFullScreen()
    assert window.menuBar().isHidden()

    assert window.close() is False
    assert window.isVisible()

    combos = [
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier),
    ]
    for key, modifiers in combos:
        before = len(session.guard.blocked)
        qtbot.keyClick(window.view, key, modifiers)
        assert len(session.guard.blocked) > before, key
        assert window.isVisible() and window.isFullScreen(), key
    assert session.quits == []  # type: ignore[attr-defined]

    for action_id in (ActionId.QUIT, ActionId.FULL_SCREEN):
        action = window.reader_actions[action_id]
        assert not action.isEnabled()
        assert action.shortcuts() == []
    window.reader_actions[ActionId.QUIT].trigger()
    assert window.isVisible()

    menu = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse,
        QPoint(10, 10),
        QPoint(10, 10),
        Qt.KeyboardModifier.NoModifier,
    )
    assert QApplication.sendEvent(window.view.viewport(), menu) is True
    assert "ContextMenu" in session.guard.blocked

    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(tmp_path / "evil.md"))])
    drop = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window.view.viewport(), drop)
    assert not drop.isAccepted()
    # A drop that reached the filter anyway (another widget taking drops) is swallowed.
    assert session.guard.eventFilter(window.view.viewport(), drop) is True
    assert "Drop" in session.guard.blocked
    assert not window.acceptDrops() and not window.view.acceptDrops()

    # Web links never open: neither through the window nor through QDesktopServices.
    window.follow_link("https://example.com/")
    assert session.guard.window.link_opener.refused == ["https://example.com/"]  # type: ignore[attr-defined]
    from PySide6.QtGui import QDesktopServices

    QDesktopServices.openUrl(QUrl("https://example.com/x"))
    QDesktopServices.openUrl(QUrl.fromLocalFile("/etc/passwd"))
    assert session.guard._urls.dropped == ["https://example.com/x", "file:///etc/passwd"]


# -- admin exit -------------------------------------------------------------------------


def _type_pin(session, pin: str) -> UnlockOutcome:  # type: ignore[no-untyped-def]
    session.admin.pad.refresh()  # what its wait timer does when the lock-out may be over
    for digit in pin:
        session.admin.pad.keys[digit].click()
    return session.admin.pad.submit()


def test_admin_shortcut_and_right_pin_quit(qtbot: QtBot, tmp_path: Path, library: Path) -> None:
    window, session = open_kiosk(qtbot, tmp_path, library)
    window.showFullScreen()
    qtbot.waitExposed(window)
    pad = session.admin.pad
    assert not pad.isVisible()
    mods = (
        Qt.KeyboardModifier.ControlModifier
        | Qt.KeyboardModifier.AltModifier
        | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.keyClick(window.view, Qt.Key.Key_L, mods)
    assert pad.isVisible()
    assert pad.parentWidget() is window  # inside the window, not an OS dialog
    for digit in PIN:
        pad.keys[digit].click()
    assert pad.dots.text() == "●" * len(PIN)
    pad.keys["确定"].click()
    assert session.quits == [True]  # type: ignore[attr-defined]
    assert session.guard.unlocked


def test_corner_long_press_opens_the_keypad(qtbot: QtBot, tmp_path: Path, library: Path) -> None:
    window, session = open_kiosk(qtbot, tmp_path, library)
    window.showFullScreen()
    qtbot.waitExposed(window)
    gesture = session.admin
    gesture._hold.setInterval(50)
    # A short press in the middle starts nothing.
    qtbot.mousePress(window.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(300, 300))
    assert not gesture.holding
    qtbot.mouseRelease(window.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(300, 300))
    # A press in the bottom-right corner, released early, opens nothing.
    corner = window.view.viewport().mapFrom(
        window, QPoint(window.width() - 10, window.height() - 10)
    )
    target = window.childAt(window.width() - 10, window.height() - 10) or window
    local = target.mapFrom(window, QPoint(window.width() - 10, window.height() - 10))
    qtbot.mousePress(target, Qt.MouseButton.LeftButton, pos=local)
    assert gesture.holding
    qtbot.mouseRelease(target, Qt.MouseButton.LeftButton, pos=local)
    assert not gesture.holding and not gesture.pad.isVisible()
    # Held long enough, the keypad opens.
    qtbot.mousePress(target, Qt.MouseButton.LeftButton, pos=local)
    qtbot.waitUntil(gesture.pad.isVisible, timeout=2000)
    assert corner is not None


def test_wrong_pin_does_not_quit_and_is_rate_limited(
    qtbot: QtBot, tmp_path: Path, library: Path
) -> None:
    window, session = open_kiosk(qtbot, tmp_path, library)
    clock = FakeClock()
    pin_hash = session.config.require_pin()
    session.admin.pad.unlock = AdminUnlock(pin_hash, RateLimiter(clock=clock))
    session.admin.pad.open()
    assert _type_pin(session, "1111") is UnlockOutcome.REJECTED
    assert _type_pin(session, "2222") is UnlockOutcome.REJECTED  # now locked out 1 s
    assert "秒后再试" in session.admin.pad.message.text()
    assert not session.admin.pad.keys["1"].isEnabled()
    # The keys are dead during the lock-out, and even the right PIN is not checked.
    assert _type_pin(session, PIN) is UnlockOutcome.TOO_SOON
    assert session.admin.pad.unlock.try_pin(PIN).outcome is UnlockOutcome.TOO_SOON
    assert session.quits == []  # type: ignore[attr-defined]
    clock.now += 1.5
    assert _type_pin(session, "3333") is UnlockOutcome.REJECTED  # now 2 s
    clock.now += 1.5
    assert session.admin.pad.unlock.try_pin(PIN).outcome is UnlockOutcome.TOO_SOON
    clock.now += 1.0
    assert _type_pin(session, PIN) is UnlockOutcome.ACCEPTED
    assert session.quits == [True]  # type: ignore[attr-defined]
    assert window.isVisible() is False or session.guard.unlocked


# -- idle and reset ---------------------------------------------------------------------


def test_idle_notice_then_reset_clears_every_item(
    qtbot: QtBot, tmp_path: Path, library: Path
) -> None:
    window, session = open_kiosk(qtbot, tmp_path, library)
    window.showFullScreen()
    qtbot.waitExposed(window)
    clock = FakeClock()
    session.idle.policy = IdlePolicy(IdleTimeouts.from_config(session.config), clock=clock)
    home = window.router.current
    assert home is not None and not window.router.can_go_back

    # A reader: reads articles, searches, copies, zooms, turns night mode on, opens a dialog.
    stopped: list[bool] = []
    session.stop_read_aloud = lambda: stopped.append(True)
    assert window.step_article(1)
    assert window.router.can_go_back
    window.search_box.setText("jiangbei")
    session.keyboard.open_keyboard()
    QGuiApplication.clipboard().setText("私人内容")
    aids = getattr(window, "reading_aids", None)
    if aids is not None:
        aids.zoom.set_step(200)
        aids.elder.night_action.setChecked(True)
    dialog = QDialog(window)
    dialog.setObjectName("someDialog")
    dialog.show()
    session.admin.pad.open()
    session.admin.pad.press("1")
    session.idle.activity()

    # Quiet for the article timeout: the notice comes, with the countdown (>= 20 s).
    clock.now += session.config.article_idle_seconds + 0.5
    status = session.idle.poll()
    assert status.phase is IdlePhase.NOTICE
    notice = session.idle.notice
    assert notice.isVisible()
    assert notice.title.text() == "还在阅读吗？"
    assert notice.button.text() == "继续阅读"
    assert notice.button.height() >= 80
    assert status.countdown >= 20
    assert f"{status.countdown} 秒" in notice.countdown.text()

    # 「继续阅读」 keeps the reader's state.
    notice.button.click()
    assert not notice.isVisible()
    assert window.router.can_go_back

    # Quiet again until the countdown ends: reset.
    clock.now += session.config.article_idle_seconds + session.config.countdown_seconds + 1
    assert session.idle.poll().phase is IdlePhase.RESET
    report = session.last_reset
    assert report is not None and report.ok and report.done == RESET_ITEMS
    assert stopped == [True]
    assert not dialog.isVisible()
    assert not session.admin.pad.isVisible() and session.admin.pad.typed == ""
    assert not session.keyboard.isVisible() and session.keyboard.suggestion_buttons == []
    assert window.search_box.text() == ""
    assert not window.router.can_go_back and not window.router.can_go_forward
    assert window.preferences.last_position == 0
    assert window.view.verticalScrollBar().value() == 0
    assert QGuiApplication.clipboard().text() == ""
    current = window.router.current
    assert current is not None and current.route == home.route
    assert not notice.isVisible()
    if aids is not None:
        assert aids.zoom.step == session.config.font_step
        assert not aids.elder.night_action.isChecked()
        assert window.display.theme == session.config.theme


def test_no_reset_while_read_aloud_plays(qtbot: QtBot, tmp_path: Path, library: Path) -> None:
    window, session = open_kiosk(qtbot, tmp_path, library)
    clock = FakeClock()
    session.idle.policy = IdlePolicy(IdleTimeouts.from_config(session.config), clock=clock)
    playing = [True]
    session.idle.read_aloud_playing = lambda: playing[0]
    window.step_article(1)
    session.idle.activity()
    clock.now += 10_000
    assert session.idle.poll().phase is IdlePhase.HELD
    assert window.router.can_go_back
    playing[0] = False
    assert session.idle.poll().phase is IdlePhase.ACTIVE


def test_home_and_search_wait_less_than_articles(
    qtbot: QtBot, tmp_path: Path, library: Path
) -> None:
    window, session = open_kiosk(qtbot, tmp_path, library)
    clock = FakeClock()
    session.idle.policy = IdlePolicy(IdleTimeouts.from_config(session.config), clock=clock)
    session.reset()  # home view: the browse timeout
    session.idle.activity()
    clock.now += session.config.browse_idle_seconds + 1
    assert session.idle.poll().phase is IdlePhase.NOTICE
    window.step_article(1)  # an article: the longer timeout
    session.idle.activity()
    clock.now += session.config.browse_idle_seconds + 1
    assert session.idle.poll().phase is IdlePhase.ACTIVE


# -- on-screen keyboard -----------------------------------------------------------------


def test_keyboard_types_pinyin_and_opens_a_result(qtbot: QtBot, tmp_path: Path) -> None:
    # The bundled edition (real text) has 江北区.
    window, session = open_kiosk(qtbot, tmp_path)
    window.showFullScreen()
    qtbot.waitExposed(window)
    controller = window.findChild(type(window).__mro__[-2], "searchController")
    if controller is not None:
        with qtbot.waitSignal(controller.index_updated, timeout=30_000, raising=False):
            pass
        qtbot.waitUntil(lambda: not controller.indexing, timeout=30_000)
    keyboard = session.keyboard
    assert not keyboard.isVisible()
    qtbot.mouseClick(window.search_box, Qt.MouseButton.LeftButton)
    assert keyboard.isVisible()
    assert keyboard.parentWidget() is window
    for char in "jiangbei":
        keyboard.keys[char].click()
    assert window.search_box.text() == "jiangbei"
    words = [b.text() for b in keyboard.suggestion_buttons]
    assert any(word.startswith("江北") for word in words), words
    for button in keyboard.keys.values():
        assert button.height() >= 80 and button.width() >= 80, button.objectName()

    keyboard.keys["backspace"].click()
    assert window.search_box.text() == "jiangbe"
    keyboard.keys["clear"].click()
    assert window.search_box.text() == ""
    for char in "jbq":
        keyboard.keys[char].click()
    chosen = next(b for b in keyboard.suggestion_buttons if b.text() == "江北区")
    with qtbot.waitSignal(window.searchRequested) as searched:
        chosen.click()
    assert searched.args == ["江北区"]
    assert window.search_box.text() == "江北区"
    assert keyboard.result_buttons
    assert keyboard.suggestion_buttons == []  # results take the suggestions' row
    # The keyboard with its results fits the window without squeezing its keys.
    QApplication.processEvents()
    assert window.rect().contains(keyboard.geometry())
    assert keyboard.height() >= keyboard.sizeHint().height()
    for button in [*keyboard.keys.values(), *keyboard.result_buttons]:
        assert button.height() >= 80, button.objectName()
    result = keyboard.result_buttons[0]
    result.click()
    assert not keyboard.isVisible()
    current = window.router.current
    assert current is not None and current.route.kind is RouteKind.ARTICLE
    article = window.library.article(current.route.target)
    assert article is not None and "江北区" in article.plain_text()

    # Nothing stays for the next reader.
    session.reset()
    assert window.search_box.text() == ""
    assert keyboard.suggestion_buttons == [] and keyboard.result_buttons == []


# -- one instance -----------------------------------------------------------------------


def test_route_kind_sets_the_idle_view(qtbot: QtBot, tmp_path: Path, library: Path) -> None:
    window, session = open_kiosk(qtbot, tmp_path, library)
    session.reset()
    assert session.idle.policy.view is ViewKind.HOME
    assert window.step_article(1)
    assert session.idle.policy.view is ViewKind.ARTICLE
    assert window.navigate(Route.search("测试"))
    current = window.router.current
    assert current is not None and current.route.kind is RouteKind.SEARCH
    assert session.idle.policy.view is ViewKind.SEARCH
    session.reset()
    assert session.idle.policy.view is ViewKind.HOME
