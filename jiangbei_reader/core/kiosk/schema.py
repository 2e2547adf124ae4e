"""The keys of kiosk.toml: each one's table, type, default, allowed values and meaning."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jiangbei_reader.core import themes, typography
from jiangbei_reader.core.kiosk.pin import PBKDF2, SCRYPT

CONFIG_VERSION = 1

#: Font steps (percent of the standard size) and theme names: the reader's own lists,
#: so kiosk.toml accepts exactly what the window can show ("elder" is 长辈版高对比).
FONT_STEPS: tuple[int, ...] = typography.FONT_STEPS
THEMES: tuple[str, ...] = tuple(themes.THEMES)
#: The kiosk starts one step larger than the desktop: a public screen is read from further away.
DEFAULT_FONT_STEP = 125
DEFAULT_THEME = themes.DEFAULT_THEME
#: `home.edition`: the newest edition in the library, or a fixed one by date.
HOME_NEWEST = "newest"
#: `home.page`: the edition's first page, or a page id such as "3".
HOME_FIRST = "first"

Value = str | int | bool


@dataclass(frozen=True, slots=True)
class Setting:
    """One key of kiosk.toml: where it lives, its type, default, rule and description."""

    table: str
    key: str
    type: type[str] | type[int] | type[bool]
    default: Value
    description: str
    check: Callable[[Any], str | None] = lambda _: None

    @property
    def name(self) -> str:
        """The dotted name used in messages: `idle.article_seconds`."""
        return f"{self.table}.{self.key}"


def _in_range(low: int, high: int, unit: str = "") -> Callable[[Any], str | None]:
    def check(item: int) -> str | None:
        if low <= item <= high:
            return None
        return f"must be from {low} to {high}{unit}, not {item}"

    return check


def _one_of(choices: tuple[Value, ...]) -> Callable[[Any], str | None]:
    def check(item: Value) -> str | None:
        if item in choices:
            return None
        return f"must be one of {', '.join(map(repr, choices))}, not {item!r}"

    return check


def _home_edition(item: str) -> str | None:
    if item == HOME_NEWEST:
        return None
    try:
        dt.date.fromisoformat(item)
    except ValueError:
        return f'must be "{HOME_NEWEST}" or an edition date such as "2023-07-13", not {item!r}'
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", item):
        return f"must be written YYYY-MM-DD, not {item!r}"
    return None


def _home_page(item: str) -> str | None:
    if item == HOME_FIRST or re.fullmatch(r"[0-9A-Za-z]{1,8}", item):
        return None
    return f'must be "{HOME_FIRST}" or a page id such as "3", not {item!r}'


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "idle", "article_seconds", int, 120,
        "seconds without input on an article or page before 「还在阅读吗？」",
        _in_range(30, 3600, " seconds"),
    ),
    Setting(
        "idle", "browse_seconds", int, 60,
        "seconds without input on home or search before 「还在阅读吗？」",
        _in_range(20, 3600, " seconds"),
    ),
    Setting(
        "idle", "countdown_seconds", int, 30,
        "how long 「还在阅读吗？」 counts down before the reset",
        _in_range(20, 300, " seconds"),
    ),
    Setting(
        "home", "edition", str, HOME_NEWEST,
        'the edition shown after a reset: "newest" or a date such as "2023-07-13"',
        _home_edition,
    ),
    Setting(
        "home", "page", str, HOME_FIRST,
        'the page shown after a reset: "first" or a page id such as "3"',
        _home_page,
    ),
    Setting(
        "display", "font_step", int, DEFAULT_FONT_STEP,
        "font size in percent after a reset: " + ", ".join(map(str, FONT_STEPS)),
        _one_of(FONT_STEPS),
    ),
    Setting(
        "display", "theme", str, DEFAULT_THEME,
        "colour theme after a reset: " + ", ".join(f'"{name}"' for name in THEMES),
        _one_of(THEMES),
    ),
    Setting("features", "allow_read_aloud", bool, True, "offer 朗读 (read aloud)"),
    Setting(
        "features", "allow_printing", bool, False,
        "offer printing to the default printer (never a print dialog)",
    ),
)  # fmt: skip

PIN_TABLE = "pin"
#: Keys of [pin] each scheme needs (besides `scheme`).
PIN_KEYS = {SCRYPT: ("n", "r", "p", "salt", "hash"), PBKDF2: ("iterations", "salt", "hash")}
