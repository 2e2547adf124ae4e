"""Keeps CPython < 3.12 alive under PySide6 6.12, whose void methods drop a reference to None.

Measured here (PySide6 6.12, CPython 3.11): every call of a Qt method returning
void (``QLineEdit.clear()``, ``QPushButton.click()``, ``processEvents()`` …)
lowers ``sys.getrefcount(None)`` by one. None starts with a few thousand
references, so after some thousands of calls the interpreter aborts with
"Fatal Python error: none_dealloc". From 3.12 None is immortal and nothing is
needed. Until PySide6 is fixed, None's count is raised once by 2**40 when the
Qt layer is imported: at a million leaked references a second that lasts about
12 days of non-stop calls, far beyond what a reader or a kiosk day makes.
"""

from __future__ import annotations

import ctypes
import sys

#: Added to None's reference count (CPython < 3.12 only).
PAD = 1 << 40
_pinned = False


def pin_none() -> bool:
    """Raise None's reference count once; True when this interpreter needed it."""
    global _pinned
    if _pinned or sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return _pinned
    # ob_refcnt is the first field of every CPython object.
    ctypes.c_ssize_t.from_address(id(None)).value += PAD
    _pinned = True
    return True
