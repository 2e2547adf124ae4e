"""The real program starts, shows the window and exits cleanly (one subprocess)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
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


README = ROOT / "README.md"
#: Pictures the README must show (the kiosk's are made by scripts of the kiosk work).
README_PICTURES = (
    "docs/screenshots/window.png",
    "docs/screenshots/zoom-100.png",
    "docs/screenshots/zoom-200.png",
    "docs/screenshots/elder.png",
    "docs/screenshots/elder-300.png",
    "docs/screenshots/night.png",
    "docs/screenshots/kiosk-home.png",
    "docs/screenshots/kiosk-keyboard.png",
    "docs/screenshots/kiosk-idle.png",
)


def _readme_section(text: str, title_start: str) -> str:
    start = text.index(f"\n## {title_start}")
    end = text.find("\n## ", start + 1)
    return text[start : end if end >= 0 else len(text)]


def test_readme_first_section_has_exactly_the_two_commands_and_they_are_true() -> None:
    text = README.read_text(encoding="utf-8")
    first = _readme_section(text, "两条命令")
    assert text.index("\n## ") == text.index(first)  # it is the first section
    blocks = re.findall(r"```sh\n(.*?)```", first, flags=re.DOTALL)
    assert len(blocks) == 2 and all(block.count("\n") == 1 for block in blocks)
    install, tests = (block.strip() for block in blocks)
    assert install.startswith("sudo apt-get update && sudo apt-get install -y python3-venv ")
    assert install.endswith(
        "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/jiangbei-reader"
    )
    assert tests == (
        "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest"
    )
    # CI runs that same test command, and installs every library the install line names.
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for step in tests.split(" && "):
        assert re.search(rf"^{re.escape(step)}$", ci.replace("--quiet ", ""), re.MULTILINE), step
    libraries = install.split(" && ")[1].removeprefix("sudo apt-get install -y ").split()
    assert [p for p in libraries if p != "python3-venv" and p not in ci] == []
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"]["jiangbei-reader"] == "jiangbei_reader.cli:main"
    assert "test" in project["optional-dependencies"]


def test_readme_shows_the_screenshots_and_how_they_were_made() -> None:
    text = README.read_text(encoding="utf-8")
    shown = re.findall(r"!\[[^\]]+\]\(([^)]+)\)", text)
    assert [p for p in README_PICTURES if p not in shown] == []
    assert [p for p in shown if not (ROOT / p).is_file()] == []
    for words in ("Xvfb", "scripts/screenshot_window.py", "Jiangbei Sans SC", "QWidget.grab()"):
        assert words in text, words


def test_readme_says_how_to_pin_the_reader_and_how_to_proofread() -> None:
    text = README.read_text(encoding="utf-8")
    pin = _readme_section(text, "固定到桌面")
    assert "jiangbei-reader --install-desktop-entry" in pin
    assert "**Linux**" in pin and "**Windows" in pin and "jiangbei-reader-gui" in pin
    assert "(docs/desktop.md)" in pin and (ROOT / "docs/desktop.md").is_file()
    proof = _readme_section(text, "校对")
    for words in ("Ctrl+U", "视图", "jiangbei-reader --proof", "jiangbei-reader import RAW.txt -o"):
        assert words in proof, words
    for link in re.findall(r"\]\((docs/[^)#]+)\)", text):
        assert (ROOT / link).is_file(), link


def test_every_command_and_option_in_the_readme_exists(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from jiangbei_reader.app import parse_args
    from jiangbei_reader.cli import COMMANDS
    from jiangbei_reader.cli import main as cli_main

    table = _readme_section(README.read_text(encoding="utf-8"), "命令行")
    rows = re.findall(r"^\| `jiangbei-reader([^`]*)` \|(.*)$", table, flags=re.MULTILINE)
    commands = {
        cells.split()[0] for cells, _ in rows if cells.split() and cells.split()[0] in COMMANDS
    }
    assert commands == set(COMMANDS)
    kiosk_help = ""
    for cells, description in rows:
        words = cells.split()
        command = words[:1] if words and words[0] in COMMANDS else []
        if command == ["kiosk"] and len(words) > 1 and not words[1].startswith("-"):
            command.append(words[1])
        with pytest.raises(SystemExit):
            if command:
                cli_main([*command, "--help"])
            else:
                parse_args(["--help-window"])
        helped = capsys.readouterr().out
        for option in re.findall(r"(?<![\w-])--[a-z][a-z-]*", cells + description):
            assert option in helped, f"{option} is not an option of jiangbei-reader {command}"
        for action in re.findall(r"`kiosk ([a-z-]+)`", description):
            if not kiosk_help:
                with pytest.raises(SystemExit):
                    cli_main(["kiosk", "--help"])
                kiosk_help = capsys.readouterr().out
            assert action in kiosk_help, action
