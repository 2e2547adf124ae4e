"""Desktop launch: the shipped entry, icon and metainfo, and installing them for the user."""

import configparser
import importlib.metadata
import io
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from jiangbei_reader import desktop
from jiangbei_reader.desktop import (
    APP_ID,
    DESKTOP_FILE,
    ICON_NAME,
    METAINFO_FILE,
    DesktopEntryError,
    data_home,
    exec_line,
    install_command,
    install_desktop_entry,
    launch_command,
    uninstall_desktop_entry,
)
from jiangbei_reader.resources import resource

PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def read_entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def run_tool(*cmd: str) -> subprocess.CompletedProcess[str]:
    if shutil.which(cmd[0]) is None:
        pytest.skip(
            f"{cmd[0]} is not installed (Debian: apt-get install desktop-file-utils appstream)"
        )
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=False)


# The shipped files


def test_shipped_entry_names_the_icon_and_the_console_script_in_chinese_and_english():
    entry = read_entry(resource(DESKTOP_FILE))
    assert entry["Name"] == "Jiangbei Reader" and entry["Name[zh_CN]"] == "江北报阅读器"
    assert entry["Comment[zh_CN]"] and entry["Comment"].isascii()
    assert (entry["Icon"], entry["Exec"], entry["Terminal"]) == (
        ICON_NAME,
        "jiangbei-reader",
        "false",
    )


def test_metainfo_id_launchable_and_icon_match_the_entry():
    path = resource(METAINFO_FILE)
    root = ET.parse(path).getroot()
    assert root.findtext("id") == APP_ID and path.name == f"{APP_ID}.metainfo.xml"
    assert root.findtext("launchable[@type='desktop-id']") == DESKTOP_FILE
    assert root.findtext("icon[@type='stock']") == ICON_NAME
    assert (
        root.findtext("name[@{http://www.w3.org/XML/1998/namespace}lang='zh-CN']") == "江北报阅读器"
    )


def test_icon_is_an_svg_with_pngs_of_every_size_and_an_ico():
    svg = resource("icons", f"{ICON_NAME}.svg")
    assert ET.parse(svg).getroot().tag == "{http://www.w3.org/2000/svg}svg"
    for size in PNG_SIZES:
        png = resource("icons", "hicolor", f"{size}x{size}", "apps", f"{ICON_NAME}.png")
        assert png_size(png) == (size, size)
    ico = resource("icons", f"{ICON_NAME}.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1) and count >= 5


def test_desktop_file_validate_accepts_the_shipped_entry():
    result = run_tool("desktop-file-validate", str(resource(DESKTOP_FILE)))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""  # not even a hint


def test_appstreamcli_validates_the_metainfo():
    result = run_tool("appstreamcli", "validate", "--no-net", str(resource(METAINFO_FILE)))
    assert result.returncode == 0, result.stdout + result.stderr


# Installing for the current user


def test_install_writes_the_entry_and_every_icon_under_xdg_data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    report = install_desktop_entry(command=["/opt/jb/bin/jiangbei-reader"])
    entry_path = tmp_path / "applications" / DESKTOP_FILE
    entry = read_entry(entry_path)
    assert entry["Exec"] == entry["TryExec"] == "/opt/jb/bin/jiangbei-reader"
    assert entry["Icon"] == ICON_NAME and entry["Name[zh_CN]"] == "江北报阅读器"
    icons = tmp_path / "icons" / "hicolor"
    assert (icons / "scalable" / "apps" / f"{ICON_NAME}.svg").is_file()
    for size in PNG_SIZES:
        assert png_size(icons / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png") == (size, size)
    assert report.changed and all(f.changed for f in report.files)
    assert set(report) == {entry_path, *icons.rglob(f"{ICON_NAME}.*")}


def test_installing_twice_changes_nothing(tmp_path):
    install_desktop_entry(tmp_path, ["/usr/bin/jiangbei-reader"])
    before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()}
    again = install_desktop_entry(tmp_path, ["/usr/bin/jiangbei-reader"])
    assert not again.changed
    assert {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()} == before
    assert "未变" in again.describe() and "写入" not in again.describe()


def test_a_new_command_rewrites_only_the_entry(tmp_path):
    install_desktop_entry(tmp_path, ["/usr/bin/jiangbei-reader"])
    report = install_desktop_entry(tmp_path, ["/home/u/venv/bin/jiangbei-reader"])
    assert [f.path.name for f in report.files if f.changed] == [DESKTOP_FILE]
    assert read_entry(tmp_path / "applications" / DESKTOP_FILE)["Exec"].startswith("/home/u/venv")


def test_the_installed_entry_passes_desktop_file_validate_even_with_spaces_in_the_path(tmp_path):
    install_desktop_entry(tmp_path, ["/opt/My Apps/jiangbei-reader"])
    entry = tmp_path / "applications" / DESKTOP_FILE
    assert read_entry(entry)["Exec"] == '"/opt/My Apps/jiangbei-reader"'
    result = run_tool("desktop-file-validate", str(entry))
    assert result.returncode == 0, result.stdout + result.stderr


def test_exec_arguments_are_quoted_and_escaped_as_the_spec_says():
    assert exec_line(["/usr/bin/jiangbei-reader"]) == "/usr/bin/jiangbei-reader"
    assert exec_line(["/usr/bin/python3", "-m", "jiangbei_reader"]) == (
        "/usr/bin/python3 -m jiangbei_reader"
    )
    assert exec_line(["/a b/x"]) == '"/a b/x"'
    # $ and " are escaped inside quotes; backslashes twice (quoting, then string value).
    assert exec_line(['/p$"q']) == '"/p\\\\$\\\\"q"'
    assert exec_line(["/100%/x"]) == "/100%%/x"


def test_xdg_data_home_defaults_to_local_share_and_ignores_relative_values(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", "relative/dir")
    assert data_home() == tmp_path / ".local" / "share"
    monkeypatch.setenv("XDG_DATA_HOME", "")
    assert data_home() == tmp_path / ".local" / "share"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert data_home() == tmp_path / "data"


class FakeDistribution:
    def __init__(self, root: Path, files: list[str]):
        self.root, self.files = root, [Path(f) for f in files]

    def locate_file(self, file):
        return self.root / file


def test_launch_command_is_the_script_pip_recorded_for_this_installation(monkeypatch, tmp_path):
    site = tmp_path / "venv" / "lib" / "site-packages"
    script = tmp_path / "venv" / "bin" / "jiangbei-reader"
    script.parent.mkdir(parents=True)
    script.write_text("#!/bin/sh\n")
    dist = FakeDistribution(site, ["jiangbei_reader/__init__.py", "../../bin/jiangbei-reader"])
    monkeypatch.setattr(importlib.metadata, "distribution", lambda name: dist)
    # Another copy on PATH must not win over the installation that is running.
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "jiangbei-reader").write_text("#!/bin/sh\n")
    (other / "jiangbei-reader").chmod(0o755)
    monkeypatch.setenv("PATH", str(other))
    assert launch_command() == [str(script.resolve())]


def not_installed(name):
    raise importlib.metadata.PackageNotFoundError(name)


def test_without_a_recorded_script_the_one_on_path_is_used(monkeypatch, tmp_path):
    monkeypatch.setattr(importlib.metadata, "distribution", not_installed)
    script = tmp_path / "jiangbei-reader"
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert launch_command() == [str(script)]


def test_a_checkout_that_was_never_installed_runs_its_main_py(monkeypatch, tmp_path):
    monkeypatch.setattr(importlib.metadata, "distribution", not_installed)
    monkeypatch.setenv("PATH", str(tmp_path))
    command = launch_command()
    assert command[0] == sys.executable and Path(command[1]).name == "main.py"
    assert Path(command[1]).is_file()


def test_windows_is_told_to_make_a_shortcut_instead(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "platform", "win32")
    with pytest.raises(DesktopEntryError, match=r"docs/desktop\.md"):
        install_desktop_entry(tmp_path)
    err = io.StringIO()
    assert install_command(io.StringIO(), err) == 1
    assert "Windows" in err.getvalue()
    assert not any(tmp_path.iterdir())


def test_an_unwritable_place_is_a_named_error_not_a_crash(tmp_path):
    (tmp_path / "applications").write_text("a file where a folder should be")
    with pytest.raises(DesktopEntryError, match="applications"):
        install_desktop_entry(tmp_path, ["/usr/bin/jiangbei-reader"])


def test_install_command_prints_what_it_wrote_then_that_nothing_changed(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setattr(desktop, "launch_command", lambda: ["/usr/bin/jiangbei-reader"])
    first, second = io.StringIO(), io.StringIO()
    assert install_command(first) == 0 and install_command(second) == 0
    assert f"写入 {tmp_path / 'applications' / DESKTOP_FILE}" in first.getvalue()
    assert "Exec=/usr/bin/jiangbei-reader" in first.getvalue()
    assert "已是最新" in second.getvalue()


def test_uninstall_removes_exactly_what_install_wrote(tmp_path):
    (tmp_path / "applications").mkdir()
    other = tmp_path / "applications" / "other.desktop"
    other.write_text("[Desktop Entry]\n")
    report = install_desktop_entry(tmp_path, ["/usr/bin/jiangbei-reader"])
    assert sorted(uninstall_desktop_entry(tmp_path)) == sorted(report)
    assert other.exists() and uninstall_desktop_entry(tmp_path) == []
