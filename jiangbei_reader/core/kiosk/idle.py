"""When an idle kiosk asks 「还在阅读吗？」 and when it resets: a Qt-free state machine.

The window feeds it input (`activity`), the kind of view shown (`set_view`) and
whether read-aloud is playing (`set_read_aloud`), and polls it from a QTimer.
All times come from an injectable clock, so tests drive it without waiting.
"""

from __future__ import annotations

import enum
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from jiangbei_reader.core.kiosk.config import KioskConfig


class ViewKind(enum.Enum):
    """What the kiosk shows; reading views wait longer than browsing ones."""

    HOME = "home"
    SEARCH = "search"
    PAGE = "page"
    ARTICLE = "article"

    @property
    def is_reading(self) -> bool:
        """True for an article or a page (someone may be reading it slowly)."""
        return self in (ViewKind.ARTICLE, ViewKind.PAGE)


class IdlePhase(enum.Enum):
    """Where the idle machine is."""

    #: Nobody has touched the kiosk since the last reset: nothing to clear, no timer.
    QUIET = "quiet"
    #: Someone is using it; the notice comes after `seconds`.
    ACTIVE = "active"
    #: Read-aloud is playing: never interrupted, no timer.
    HELD = "held"
    #: 「还在阅读吗？」 is up; the reset comes after `seconds`.
    NOTICE = "notice"
    #: Time is up: reset now. Reported once; the machine is then QUIET on HOME.
    RESET = "reset"


@dataclass(frozen=True, slots=True)
class IdleTimeouts:
    """Seconds of idleness before the notice (by view kind) and the countdown's length."""

    article: float = 120.0
    browse: float = 60.0
    countdown: float = 30.0

    @classmethod
    def from_config(cls, config: KioskConfig) -> IdleTimeouts:
        """The timeouts a kiosk configuration sets."""
        return cls(
            float(config.article_idle_seconds),
            float(config.browse_idle_seconds),
            float(config.countdown_seconds),
        )

    def for_view(self, view: ViewKind) -> float:
        """Idle seconds allowed on this kind of view."""
        return self.article if view.is_reading else self.browse


@dataclass(frozen=True, slots=True)
class IdleStatus:
    """One poll's answer.

    `seconds`: until the notice (ACTIVE) or until the reset (NOTICE; show
    `countdown` to the reader), else 0. `next_poll`: when polling again is
    useful, or None when only a call to the machine can change anything.
    """

    phase: IdlePhase
    seconds: float = 0.0
    next_poll: float | None = None

    @property
    def countdown(self) -> int:
        """Whole seconds to show on the notice (never 0 while it is up)."""
        return max(1, math.ceil(self.seconds)) if self.phase is IdlePhase.NOTICE else 0


class IdlePolicy:
    """Decides, from input times and the view kind, when to warn and when to reset."""

    def __init__(
        self,
        timeouts: IdleTimeouts | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        view: ViewKind = ViewKind.HOME,
    ) -> None:
        self.timeouts = timeouts or IdleTimeouts()
        self._clock = clock
        self._view = view
        self._last_input = clock()
        self._quiet = True
        self._read_aloud = False

    @property
    def view(self) -> ViewKind:
        """The kind of view shown now."""
        return self._view

    @property
    def read_aloud(self) -> bool:
        """True while read-aloud is playing."""
        return self._read_aloud

    def set_view(self, view: ViewKind) -> None:
        """The window shows another kind of view (input is reported separately)."""
        self._view = view

    def activity(self) -> None:
        """Any input: a touch, a key, a scroll, or 「继续阅读」; restarts the wait."""
        self._last_input = self._clock()
        self._quiet = False

    def set_read_aloud(self, playing: bool) -> None:
        """Read-aloud started or stopped; its end counts as input, so no reset follows at once."""
        if self._read_aloud and not playing:
            self.activity()
        elif playing:
            self._quiet = False
        self._read_aloud = playing

    def poll(self) -> IdleStatus:
        """The phase now; RESET is answered once, after which the machine is QUIET on HOME."""
        if self._read_aloud:
            return IdleStatus(IdlePhase.HELD)
        if self._quiet:
            return IdleStatus(IdlePhase.QUIET)
        idle = self._clock() - self._last_input
        allowed = self.timeouts.for_view(self._view)
        if idle < allowed:
            left = allowed - idle
            return IdleStatus(IdlePhase.ACTIVE, left, left)
        left = allowed + self.timeouts.countdown - idle
        if left > 0:
            # Wake at the next whole second so the shown countdown ticks on time.
            tick = left - math.floor(left) or 1.0
            return IdleStatus(IdlePhase.NOTICE, left, min(tick, left))
        self._quiet = True
        self._view = ViewKind.HOME
        self._last_input = self._clock()
        return IdleStatus(IdlePhase.RESET)
