"""Installing the desktop entry and icons for the current user (freedesktop XDG paths, no Qt)."""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from jiangbei_reader.resources import resource

#: The AppStream id; the metainfo file is named after it.
APP_ID = "io.github.jiangbei_reader"
#: The desktop entry's file name; on Wayland, `QGuiApplication.setDesktopFileName`
#: takes it without ``.desktop`` so the compositor finds the icon and name.
DESKTOP_FILE = "jiangbei-reader.desktop"
#: The icon name in the hicolor theme (``Icon=`` in the entry).
ICON_NAME = "jiangbei-reader"
METAINFO_FILE = f"{APP_ID}.metainfo.xml"
#: The console script pip installs; the entry starts it.
SCRIPT_NAME = "jiangbei-reader"
DISTRIBUTION = "jiangbei-reader"

#: Characters that make the Desktop Entry spec require a quoted Exec argument.
_EXEC_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


class DesktopEntryError(Exception):
    """The entry cannot be installed here (not a freedesktop desktop, or not writable)."""


@dataclass(frozen=True, slots=True)
class InstalledFile:
    """One file of the installation, and whether this run wrote it."""

    path: Path
    changed: bool


@dataclass(frozen=True, slots=True)
class InstallReport:
    """What `install_desktop_entry` did."""

    files: tuple[InstalledFile, ...]
    exec_line: str

    def __iter__(self) -> Iterator[Path]:
        """The installed files' paths, written this time or already up to date."""
        return (f.path for f in self.files)

    @property
    def changed(self) -> bool:
        """True when any file was written (False on a repeated run)."""
        return any(f.changed for f in self.files)

    def describe(self) -> str:
        """One line per file, for the terminal: ``写入 path`` or ``未变 path``."""
        lines = [f"{'写入' if f.changed else '未变'} {f.path}" for f in self.files]
        lines.append(f"Exec={self.exec_line}")
        return "\n".join(lines)


def data_home() -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` when unset, empty or relative (XDG spec)."""
    value = os.environ.get("XDG_DATA_HOME", "")
    if value and Path(value).is_absolute():
        return Path(value)
    return Path.home() / ".local" / "share"


def _recorded_script() -> Path | None:
    """The console script pip recorded when it installed this distribution, if it exists."""
    try:
        dist = importlib.metadata.distribution(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        return None
    for file in dist.files or ():
        if file.name == SCRIPT_NAME:
            path = Path(str(dist.locate_file(file))).resolve()
            if path.is_file():
                return path
    return None


def launch_command() -> list[str]:
    """The command that starts this installation of the reader, with absolute paths.

    The script pip wrote for this installation comes first, so that an
    unactivated virtual environment starts itself and not another copy on
    ``PATH``; a checkout that was never installed runs its ``main.py``.
    """
    recorded = _recorded_script()
    if recorded is not None:
        return [str(recorded)]
    found = shutil.which(SCRIPT_NAME)
    if found:
        return [str(Path(found).absolute())]
    checkout_main = Path(__file__).resolve().parent.parent / "main.py"
    if checkout_main.is_file():
        return [sys.executable, str(checkout_main)]
    return [sys.executable, "-m", "jiangbei_reader"]


def _quote_exec_argument(arg: str) -> str:
    if arg and not (_EXEC_RESERVED & set(arg)):
        quoted = arg
    else:
        escaped = "".join("\\" + ch if ch in '"`$\\' else ch for ch in arg)
        quoted = f'"{escaped}"'
    # Field codes start with %; a literal one is doubled.
    return quoted.replace("%", "%%")


def exec_line(argv: Sequence[str]) -> str:
    """The ``Exec=`` value for a command, quoted and escaped as the Desktop Entry spec says."""
    line = " ".join(_quote_exec_argument(arg) for arg in argv)
    # Exec is a string value too: its backslashes are escaped once more.
    return line.replace("\\", "\\\\")


def _string_value(text: str) -> str:
    return text.replace("\\", "\\\\")


def desktop_entry_text(argv: Sequence[str]) -> str:
    """The shipped entry with ``Exec``/``TryExec`` pointing at this installation."""
    template = resource(DESKTOP_FILE).read_text(encoding="utf-8")
    out: list[str] = []
    for line in template.splitlines():
        key = line.split("=", 1)[0]
        if key == "Exec":
            line = f"Exec={exec_line(argv)}"
        elif key == "TryExec":
            # TryExec names the program alone (no quoting); the entry hides if it is gone.
            line = f"TryExec={_string_value(argv[0])}"
        out.append(line)
    return "\n".join(out) + "\n"


def _icon_sources() -> list[tuple[Path, str]]:
    """(file, hicolor size folder) for every shipped icon."""
    hicolor = resource("icons", "hicolor")
    found = [(resource("icons", f"{ICON_NAME}.svg"), "scalable")]
    if hicolor.is_dir():
        for folder in sorted(hicolor.iterdir()):
            png = folder / "apps" / f"{ICON_NAME}.png"
            if png.is_file():
                found.append((png, folder.name))
    return found


def _write_if_changed(target: Path, data: bytes) -> InstalledFile:
    try:
        if target.read_bytes() == data:
            return InstalledFile(target, changed=False)
    except OSError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    # Write beside and rename: a desktop shell watching the folder never reads half a file.
    partial = target.with_name(f".{target.name}.partial")
    partial.write_bytes(data)
    os.replace(partial, target)
    return InstalledFile(target, changed=True)


def _require_freedesktop() -> None:
    if sys.platform.startswith(("win", "darwin")):
        raise DesktopEntryError(
            "桌面菜单项只适用于 Linux 桌面；Windows 上请按 docs/desktop.md 创建快捷方式 "
            "(desktop entries are for Linux desktops; see docs/desktop.md for Windows)"
        )


def install_desktop_entry(
    data_dir: Path | None = None, command: Sequence[str] | None = None
) -> InstallReport:
    """Install the desktop entry and icons for the current user; safe to run again.

    Writes ``<data>/applications/jiangbei-reader.desktop`` and the icon in
    ``<data>/icons/hicolor/<size>/apps/``, where ``<data>`` is ``$XDG_DATA_HOME``
    (default ``~/.local/share``). Files already up to date are left alone.
    Raises DesktopEntryError on Windows/macOS or when a file cannot be written.
    """
    _require_freedesktop()
    base = data_dir if data_dir is not None else data_home()
    argv = list(command) if command else launch_command()
    try:
        files = [
            _write_if_changed(
                base / "applications" / DESKTOP_FILE, desktop_entry_text(argv).encode("utf-8")
            )
        ]
        for source, size in _icon_sources():
            target = base / "icons" / "hicolor" / size / "apps" / source.name
            files.append(_write_if_changed(target, source.read_bytes()))
    except OSError as exc:
        where = exc.filename or base
        raise DesktopEntryError(f"{where}: 无法写入 (cannot write): {exc.strerror}") from exc
    return InstallReport(tuple(files), exec_line(argv))


def uninstall_desktop_entry(data_dir: Path | None = None) -> list[Path]:
    """Remove what `install_desktop_entry` wrote; the paths removed."""
    _require_freedesktop()
    base = data_dir if data_dir is not None else data_home()
    targets = [base / "applications" / DESKTOP_FILE]
    targets += [
        base / "icons" / "hicolor" / size / "apps" / source.name for source, size in _icon_sources()
    ]
    removed = []
    for target in targets:
        try:
            target.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise DesktopEntryError(f"{target}: 无法删除 (cannot remove): {exc.strerror}") from exc
        removed.append(target)
    return removed


def install_command(out: TextIO | None = None, err: TextIO | None = None) -> int:
    """``jiangbei-reader --install-desktop-entry``: install, say what was written; exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        report = install_desktop_entry()
    except DesktopEntryError as exc:
        print(exc, file=err)
        return 1
    print(report.describe(), file=out)
    if report.changed:
        print("已安装到应用菜单；可在菜单中找到“江北报阅读器”并固定到收藏夹或面板。", file=out)
    else:
        print("已是最新，无需更改 (already up to date).", file=out)
    return 0
