"""Work the search does off the UI thread: one search, one index update (for a QThreadPool).

The jobs are plain callables, not QRunnable subclasses, so no Python object has
to outlive the pool. They report through signals of a QObject that lives in the
UI thread, so results arrive queued in the UI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from jiangbei_reader.core.search import SearchIndex

log = logging.getLogger(__name__)

#: How many results the list shows.
RESULT_LIMIT = 50


class JobSignals(QObject):
    """Signals the workers emit from their threads (delivered queued in the UI thread)."""

    searched = Signal(int, object)
    progress = Signal(int, int)
    updated = Signal(object)
    #: A search (the window's or anyone's) found the index damaged.
    damaged = Signal()


def search_job(
    index: SearchIndex, signals: JobSignals, generation: int, text: str, edition: str | None
) -> Callable[[], None]:
    """The work of one search, for the thread pool (a plain callable: no QRunnable to outlive)."""

    def run() -> None:
        try:
            results: object = index.search(text, limit=RESULT_LIMIT, edition=edition)
        except Exception as exc:  # the UI must hear back whatever happens
            log.exception("search failed")
            results = exc
        signals.searched.emit(generation, results)

    return run


def index_job(
    index: SearchIndex, signals: JobSignals, cancel: threading.Event
) -> Callable[[], None]:
    """The work of an index update, for the thread pool."""

    def run() -> None:
        try:
            report: object = index.update(signals.progress.emit, cancel.is_set)
        except Exception as exc:
            log.exception("indexing failed")
            report = exc
        signals.updated.emit(report)

    return run


def utf16_offsets(text: str) -> list[int]:
    """Qt document position of each Python character index (astral characters count 2)."""
    offsets, position = [], 0
    for char in text:
        offsets.append(position)
        position += 2 if ord(char) > 0xFFFF else 1
    offsets.append(position)
    return offsets
