"""One application-wide event filter for every kiosk part.

The lockdown, the admin gesture, the idle watch and the touch fitting each
need to see events of the whole application. Four Python filters would each be
called for every event Qt delivers (paints, timers, layout requests …), which
costs a Python call and an enum conversion apiece. Here Qt calls one filter; it
reads the event type once and hands the event only to the parts that asked for
that type, in the order they subscribed. The first part that answers True
swallows the event.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

#: A part's filter: (watched, event) -> True to swallow the event.
Handler = Callable[[QObject, QEvent], bool]


class KioskEvents(QObject):
    """Dispatches application events by type to the kiosk parts that want them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._handlers: dict[QEvent.Type, list[Handler]] = {}
        self._installed = False

    def subscribe(self, kinds: Iterable[QEvent.Type], handler: Handler) -> None:
        """Call `handler` for events of these types (after the earlier subscribers)."""
        for kind in kinds:
            self._handlers.setdefault(kind, []).append(handler)

    def install(self) -> None:
        """Start filtering the application's events (once)."""
        app = QApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Hand the event to the parts that want its type; True when one swallowed it."""
        handlers = self._handlers.get(event.type())
        if handlers:
            for handler in handlers:
                if handler(watched, event):
                    return True
        return False
