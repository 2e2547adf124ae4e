"""The cyclic garbage collector waits while the reader window starts.

Starting the window makes some 40,000 objects that live as long as the process
(modules, classes and functions, the Python enums PySide6 makes for each Qt
class) and next to no garbage. Left running, the collector scans them about 60
times for nothing before the first article is on screen: 10 ms of the start,
measured with ``gc.callbacks`` (``docs/performance.md``).

So the entry point pauses it before the reader's imports, and the window
resumes it once its first article is painted. The objects made by then are
moved to the collector's permanent generation (``gc.freeze``), which later
collections skip as well: a reader left open all day scans them never again.
"""

from __future__ import annotations

import gc

_paused = False


def pause_collector() -> None:
    """Pause the cyclic collector for the start-up (a no-op if someone disabled it)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collector() -> None:
    """Freeze what the start-up made and run the collector again, if it was paused here."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()


def collector_paused() -> bool:
    """Whether :func:`pause_collector` paused the collector and nothing resumed it yet."""
    return _paused
