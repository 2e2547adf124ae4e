"""Work-arounds for PySide6's bugs and costs, applied once on import of the Qt layer.

PySide6 6.12.0 on Python 3.11 drops a reference to ``None`` on every call of a
Qt method that returns nothing (``setObjectName``, ``setEnabled``, ``setHtml`` …)
and to ``True`` on every ``Signal.emit`` (measured here: 100 calls, 100
references fewer). Python 3.12 made these objects immortal, so the wheels work
there; on 3.11 the count reaches zero after some thousands of calls and the
interpreter aborts ("none_dealloc: deallocating None"): a reader left open for
an afternoon, or an index of a ten-year archive, would crash.

The work-around gives the affected singletons so many references that no
session uses them up, which is what Python 3.12 does for them. They are static
objects that are never freed in a healthy interpreter, so nothing else changes.
Drop this module when the project requires Python 3.12 or a fixed PySide6.
"""

from __future__ import annotations

# The C module, not the ctypes package: one integer type is all this needs, and the
# package costs 1.7 ms more of the start-up to import.
import _ctypes
import os
import struct
import sys

from PySide6.QtCore import QObject, Signal

#: References added: more calls than any session makes (about 10^12).
HEADROOM = 1 << 40
_PROBES = 32


class _SsizeT(_ctypes._SimpleCData):  # type: ignore[type-arg]  # generic in typeshed only
    """``ctypes.c_ssize_t``: a C long where it is pointer-sized, else a long long (Win64)."""

    _type_ = "l" if struct.calcsize("l") == struct.calcsize("P") else "q"


class _Probe(QObject):
    fired = Signal()


def leaked_singletons() -> list[object]:
    """The singletons (``None``, ``True``) that PySide6 calls here lose references to."""
    probe = _Probe()
    leaks: list[object] = []
    before = sys.getrefcount(None)
    for _ in range(_PROBES):
        probe.setObjectName("probe")
    if sys.getrefcount(None) < before:
        leaks.append(None)
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.fired.emit()
    if sys.getrefcount(True) < before:
        leaks.append(True)
    return leaks


def protect_singletons() -> list[object]:
    """Give leaked singletons (and ``False``, their sibling) lasting headroom; returns them."""
    if sys.version_info >= (3, 12):
        return []
    leaks = leaked_singletons()
    if leaks:
        for singleton in (None, True, False):
            # ob_refcnt is the first field of every object in CPython's release builds.
            _SsizeT.from_address(id(singleton)).value += HEADROOM
    return leaks


def skip_feature_scan(package_dir: str, package: str) -> int:
    """Tell PySide6's ``__feature__`` import hook what it would find in modules it has not read.

    Once PySide6 is imported, its hook reads the whole source of each module named
    in an import statement for the first time (``inspect.getsource``: ``typing``,
    ``logging``, every module of ours …), looking for "PySide6", and notes 0
    (PySide6's default features) or -1 (not a PySide6 module) for it. Nothing in
    the reader selects a feature, and then the two mean the same. So the modules
    under ``package_dir`` are noted 0 and the other modules already imported -1,
    and their sources are not read (the 26 modules not ours alone took 4.5 ms of
    the start-up; docs/performance.md).
    Returns how many were noted (none where PySide6 has no such table).
    """
    feature = sys.modules.get("shibokensupport.feature")
    table = getattr(feature, "pyside_feature_dict", None)
    if not isinstance(table, dict):
        return 0
    noted = {name: -1 for name in sys.modules if not name.startswith(("PySide6", "shiboken"))}
    for folder, dirs, files in os.walk(package_dir):
        dirs[:] = [d for d in dirs if not d.startswith((".", "_"))]
        relative = os.path.relpath(folder, package_dir)
        prefix = package if relative == "." else f"{package}.{relative.replace(os.sep, '.')}"
        for file in files:
            if file.endswith(".py"):
                stem = file[:-3]
                noted[prefix if stem == "__init__" else f"{prefix}.{stem}"] = 0
    fresh = {name: value for name, value in noted.items() if name not in table}
    table.update(fresh)
    return len(fresh)
