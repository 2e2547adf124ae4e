"""What an idle reset must clear, as data: the window supplies one handler per item.

Keeping the list here means a new kind of reader state is added once, and the
window cannot forget it: `run_reset` refuses a handler table with a gap, and
tests check each handler really clears its item.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass


class ResetItem(enum.Enum):
    """One thing the next reader must not inherit, in the order a reset clears them."""

    # First stop what is moving or modal, so later steps act on a calm window.
    READ_ALOUD = "read-aloud"
    DIALOGS = "dialogs"
    KEYBOARD = "keyboard"
    SEARCH = "search"
    HISTORY = "history"
    SCROLL_POSITIONS = "scroll-positions"
    FONT_STEP = "font-step"
    THEME = "theme"
    CLIPBOARD = "clipboard"
    # Last, so the home view is drawn with the default font and theme.
    HOME_VIEW = "home-view"

    @property
    def description(self) -> str:
        """What clearing this item means, for the UI's tests and the docs."""
        return _DESCRIPTIONS[self]


_DESCRIPTIONS = {
    ResetItem.READ_ALOUD: "停止朗读 — read-aloud stopped",
    ResetItem.DIALOGS: "关闭对话框 — every dialog, popup and the admin keypad closed, typed digits "
    "dropped",
    ResetItem.KEYBOARD: "收起屏幕键盘 — on-screen keyboard hidden, its text and pinyin suggestions "
    "cleared",
    ResetItem.SEARCH: "清空检索 — search text and results cleared",
    ResetItem.HISTORY: "清空历史 — back/forward history and recent searches dropped",
    ResetItem.SCROLL_POSITIONS: "清除阅读位置 — remembered scroll positions dropped",
    ResetItem.FONT_STEP: "字号复原 — font step back to the kiosk default",
    ResetItem.THEME: "配色复原 — theme back to the kiosk default",
    ResetItem.CLIPBOARD: "清空剪贴板 — clipboard cleared",
    ResetItem.HOME_VIEW: "回到首页 — the home view shown (kiosk home edition and page)",
}

#: Every item, in the order a reset runs them.
RESET_ITEMS: tuple[ResetItem, ...] = tuple(ResetItem)

Handler = Callable[[], object]


def missing_handlers(handlers: Mapping[ResetItem, Handler]) -> list[ResetItem]:
    """Items the handler table does not cover (should be none)."""
    return [item for item in RESET_ITEMS if item not in handlers]


@dataclass(frozen=True, slots=True)
class ResetReport:
    """Items cleared, and items whose handler raised (with the error)."""

    done: tuple[ResetItem, ...]
    failed: tuple[tuple[ResetItem, Exception], ...]

    @property
    def ok(self) -> bool:
        """True when every item was cleared."""
        return not self.failed


def run_reset(handlers: Mapping[ResetItem, Handler]) -> ResetReport:
    """Run every handler in order; one failing never stops the others.

    Raises `ValueError` when an item has no handler: that is a programming
    error, and a kiosk that silently keeps one reader's search is worse than one
    that stops.
    """
    missing = missing_handlers(handlers)
    if missing:
        raise ValueError("no reset handler for: " + ", ".join(item.value for item in missing))
    done: list[ResetItem] = []
    failed: list[tuple[ResetItem, Exception]] = []
    for item in RESET_ITEMS:
        try:
            handlers[item]()
        # Reported to the caller, who shows it; the remaining items must still be cleared.
        except Exception as exc:
            failed.append((item, exc))
        else:
            done.append(item)
    return ResetReport(tuple(done), tuple(failed))
