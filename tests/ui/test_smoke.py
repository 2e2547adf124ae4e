"""The real program starts, shows the window and exits cleanly (one subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ui.reader_helpers import write_library

ROOT = Path(__file__).resolve().parents[2]


def test_main_py_starts_offscreen_and_exits_cleanly(tmp_path: Path) -> None:
    editions = write_library(tmp_path / "editions")
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        JIANGBEI_READER_QUIT_AFTER="300",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        PYTHONPATH=str(ROOT),
    )
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--editions", str(editions)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    saved = json.loads((tmp_path / "config/jiangbei-reader/settings.json").read_text("utf-8"))
    assert saved["preferences"]["last_article"] == "2030-01-02/1/kai-pian"


def test_window_help_lists_the_options() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--help-window"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0
    assert "--editions DIR" in result.stdout
    assert "--quit-after-ms" not in result.stdout


def test_install_desktop_entry_option_installs_for_the_current_user(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from jiangbei_reader.app import main

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert main(["--install-desktop-entry"]) == 0
    assert (tmp_path / "data/applications/jiangbei-reader.desktop").is_file()
    assert "jiangbei-reader.desktop" in capsys.readouterr().out


#: Modules the first article does not need: loaded when their feature is first used.
NOT_AT_START = (
    "jiangbei_reader.ui.proofing",  # 校对 (Ctrl+U), with Pygments
    "jiangbei_reader.ui.date_picker",  # the 往期 calendar
    "pygments",
)


def test_the_window_starts_without_modules_it_does_not_need_yet(tmp_path: Path) -> None:
    editions = write_library(tmp_path / "editions")
    script = (
        "import sys\n"
        "from jiangbei_reader.app import create_window\n"
        f"window = create_window(['--editions', {str(editions)!r}])\n"
        "window.show()\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
        "window.proofing.views\n"  # using it loads it
        "print('after:', 'jiangbei_reader.ui.proofing' in sys.modules)\n"
    )
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        PYTHONPATH=str(ROOT),
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    loaded = set(result.stdout.splitlines())
    assert "jiangbei_reader.ui.window" in loaded
    assert [name for name in NOT_AT_START if name in loaded] == []
    assert "after: True" in loaded
