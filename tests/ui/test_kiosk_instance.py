"""One kiosk only, end to end: a second `jiangbei-reader --kiosk` process wakes the first."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QApplication

from jiangbei_reader.app import create_window
from jiangbei_reader.ui.kiosk.launch import INSTANCE_NAME, kiosk_preflight
from jiangbei_reader.ui.kiosk.single_instance import SingleInstance, notify
from tests.ui.kiosk_helpers import write_config
from tests.ui.reader_helpers import OFFSCREEN_SHOW, write_library

pytestmark = OFFSCREEN_SHOW

ROOT = Path(__file__).resolve().parents[2]


def test_a_second_kiosk_process_exits_and_activates_the_first(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = write_library(tmp_path / "editions")
    config = write_config(tmp_path)
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    # A user name of its own: the instance key (lock and socket) cannot meet a real kiosk.
    env = {
        **os.environ,
        "USER": f"kiosk-test-{os.getpid()}",
        "XDG_RUNTIME_DIR": str(runtime),
        "QT_QPA_PLATFORM": "offscreen",
    }
    monkeypatch.setenv("USER", env["USER"])
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    args = [
        "--editions",
        str(library),
        "--config-dir",
        str(tmp_path / "conf"),
        "--kiosk",
        "--kiosk-config",
        str(config),
    ]

    # The first kiosk, in this process, exactly as main() starts it.
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert kiosk_preflight(app, config) is None
    instance = app.findChild(SingleInstance, INSTANCE_NAME)
    assert instance is not None
    try:
        window = create_window(args)
        session = window.kiosk  # type: ignore[attr-defined]
        session.quit_app = lambda: None
        qtbot.addWidget(window, before_close_func=lambda _w: session.guard.unlock())
        window.showFullScreen()
        qtbot.waitExposed(window)
        calls: list[str] = []
        window.raise_ = lambda: calls.append("raise")  # type: ignore[method-assign]
        window.activateWindow = lambda: calls.append("activate")  # type: ignore[method-assign]

        # The second launch: a real process of the installed command line.
        second = subprocess.Popen(
            [sys.executable, "-m", "jiangbei_reader", *args],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        # This process's event loop must run meanwhile: it answers the second one.
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=60_000)
        out, err = second.communicate()
        assert second.returncode == 0, err
        assert "already running" in out and "已在运行" in out
        qtbot.waitUntil(lambda: "activate" in calls, timeout=5000)
        assert calls == ["raise", "activate"]
        assert instance.activations == 1
        assert window.isFullScreen()
    finally:
        instance.release()
        # Deleted by Qt in the next event loop pass, still the application's child: with
        # setParent(None) first, Python owned it as well, and the two deletions could meet.
        instance.deleteLater()


def test_second_launch_activates_the_first(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    woken: list[bool] = []
    key = f"jiangbei-test-{tmp_path.name}"
    first = SingleInstance(lambda: woken.append(True), key=key)
    assert first.claim()
    second = SingleInstance(lambda: None, key=key)
    assert second.claim() is False
    qtbot.waitUntil(lambda: woken == [True], timeout=3000)
    assert first.activations == 1
    first.release()
    third = SingleInstance(lambda: None, key=key)
    assert third.claim()
    third.release()
    assert notify(key, timeout_ms=200) is False
