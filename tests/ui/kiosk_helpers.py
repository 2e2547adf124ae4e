"""Helpers for kiosk tests: a kiosk.toml with a cheap PIN hash, and the kiosk window."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QWidget,
)

from jiangbei_reader.app import create_window
from jiangbei_reader.core.kiosk.pin import PBKDF2, hash_pin
from jiangbei_reader.core.kiosk.store import default_config_text
from jiangbei_reader.ui.kiosk.session import KioskSession
from jiangbei_reader.ui.kiosk.touch import TARGET_PX
from jiangbei_reader.ui.window import ReaderWindow

PIN = "2468"


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def write_config(
    folder: Path, *, pin: bool = True, extra: str = "", changes: dict[str, str] | None = None
) -> Path:
    """kiosk.toml with every default and (cheaply hashed, for test speed) PIN 2468.

    ``changes`` replaces whole lines of the default text (``{"a = 1": "a = 2"}``).
    """
    path = folder / "kiosk.toml"
    hashed = hash_pin(PIN, scheme=PBKDF2, iterations=10_000) if pin else None
    text = default_config_text(hashed)
    for old, new in (changes or {}).items():
        assert f"\n{old}\n" in text, old
        text = text.replace(f"\n{old}\n", f"\n{new}\n")
    path.write_text(text + extra, encoding="utf-8")
    return path


def open_kiosk(
    qtbot: QtBot, tmp: Path, editions: Path | None = None, changes: dict[str, str] | None = None
) -> tuple[ReaderWindow, KioskSession]:
    """The real window in kiosk mode, as `jiangbei-reader --kiosk` builds it (not shown)."""
    config = write_config(tmp, changes=changes)
    args = ["--config-dir", str(tmp / "conf"), "--kiosk", "--kiosk-config", str(config)]
    if editions is not None:
        args = ["--editions", str(editions), *args]
    window = create_window(args)
    session: KioskSession = window.kiosk  # type: ignore[attr-defined]
    session.quits = []  # type: ignore[attr-defined]
    session.quit_app = lambda: session.quits.append(True)  # type: ignore[attr-defined]
    qtbot.addWidget(window, before_close_func=lambda _w: session.guard.unlock())
    return window, session


#: What a finger can press or type into.
CLICKABLE = (QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox)


def small_targets(root: QWidget, minimum: int = TARGET_PX) -> list[str]:
    """Visible controls under `root` (and rows of its item views) smaller than `minimum` px.

    The line edit inside a spin box or combo box is part of that control, which is measured.
    """
    small: list[str] = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or not widget.isEnabled():
            continue
        parent = widget.parentWidget()
        if isinstance(widget, QLineEdit) and isinstance(parent, (QAbstractSpinBox, QComboBox)):
            continue
        name = f"{type(widget).__name__} {widget.objectName()!r}"
        if isinstance(widget, CLICKABLE):
            if widget.height() < minimum or widget.width() < minimum:
                small.append(f"{name} {widget.width()}x{widget.height()}")
        elif isinstance(widget, QAbstractItemView) and widget.objectName() != "archiveCalendarView":
            model = widget.model()
            if model is not None and model.rowCount() > 0:
                row = widget.visualRect(model.index(0, 0))
                if row.isValid() and row.height() < minimum:
                    small.append(f"{name} row {row.height()} px")
    return small
