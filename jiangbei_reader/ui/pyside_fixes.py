"""Work-arounds for bugs in the PySide6 release the reader runs on, applied once on import.

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
