"""The window's own state file (``window.ini``: geometry and splitter), checked before use.

QSettings reads almost anything as INI without complaint: a file of binary
garbage or another program's settings gives ``status() == NoError`` and a few
strange keys. So the file is accepted only when QSettings reads it without a
format error and every key in it is one the reader writes, holding bytes. A
file that fails is moved aside (``window.ini.bad``, so nothing of another
program is overwritten), the problem is logged with the file's name, and the
window starts with its default layout.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

log = logging.getLogger(__name__)

GEOMETRY_KEY = "window/geometry"
SPLITTER_KEY = "window/splitter"
#: Every key the reader writes; each holds a QByteArray from saveGeometry/saveState.
KNOWN_KEYS: frozenset[str] = frozenset({GEOMETRY_KEY, SPLITTER_KEY})


def ui_state_problem(settings: QSettings, raw: bytes) -> str | None:
    """Why ``settings`` (read from ``raw``) is not the reader's window state; ``None`` if it is."""
    if settings.status() != QSettings.Status.NoError:
        return f"QSettings cannot read it ({settings.status().name})"
    if b"\x00" in raw:
        return "it holds binary data, not INI text"
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"it is not UTF-8 text ({exc.reason} at byte {exc.start})"
    keys = settings.allKeys()
    foreign = sorted(key for key in keys if key not in KNOWN_KEYS)
    if foreign:
        shown = ", ".join(repr(key) for key in foreign[:3]) + (" …" if len(foreign) > 3 else "")
        return f"it is not the reader's window state (unknown keys {shown})"
    for key in keys:
        if not isinstance(settings.value(key), QByteArray):
            return f"{key} is {type(settings.value(key)).__name__}, not saved window state"
    return None


def load_ui_state(path: Path) -> QSettings:
    """The QSettings for ``path``, or a fresh one when the file there is not usable.

    Never raises for a bad file: the problem is logged (naming the file) and the
    file is kept beside as ``<name>.bad``.
    """
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return settings
    except OSError as exc:
        log.warning("%s: cannot be read (%s); the default window layout is used", path, exc)
        return settings
    problem = ui_state_problem(settings, raw)
    if problem is None:
        return settings
    del settings  # let go of the file before moving it
    kept = path.with_name(path.name + ".bad")
    try:
        path.replace(kept)
        where = f"kept as {kept.name}"
    except OSError as exc:
        where = f"could not be moved aside: {exc}"
    log.warning("%s: %s; the default window layout is used (the file was %s)", path, problem, where)
    return QSettings(str(path), QSettings.Format.IniFormat)
