"""The ``---`` block at the top of an edition file: paper, date, number, source, note."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from jiangbei_reader.core.diagnostics import Severity

FRONT_MATTER_KEYS = ("paper", "date", "number", "source", "note")
REQUIRED_KEYS = ("paper", "date")

_META_RE = re.compile(r"^\s*(?P<key>[^:：]+?)\s*[:：]\s*(?P<value>.*)$")

#: Where problems go: line, column, severity, code, message.
Report = Callable[[int, int, Severity, str, str], None]


class FrontMatter:
    """The keys given, where each was given, and where the block and the body start."""

    # A plain class: a dataclass costs ~0.5 ms of start-up to make (docs/performance.md).
    __slots__ = ("body_index", "closed", "lines", "meta", "start_line")

    def __init__(self) -> None:
        self.meta: dict[str, str] = {}
        #: 1-based line of each key.
        self.lines: dict[str, int] = {}
        #: 1-based line of the opening ``---``.
        self.start_line = 1
        #: True when the block was closed by a second ``---``.
        self.closed = False
        #: Index (0-based) of the first line after the block.
        self.body_index = 0


def read_front_matter(lines: Sequence[str], report: Report) -> FrontMatter:
    """Read the ``---`` block at the top; every problem goes to ``report``."""
    front = FrontMatter()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        report(1, 1, Severity.ERROR, "empty", "the file is empty")
        front.body_index = len(lines)
        return front
    if lines[first].strip() != "---":
        if not any(line.startswith("#") for line in lines):
            report(
                first + 1,
                1,
                Severity.ERROR,
                "raw-text",
                "this looks like raw page text, not an edition file: turn it into "
                "one with 'jiangbei-reader import FILE -o editions/DATE.md'",
            )
        report(
            first + 1,
            1,
            Severity.ERROR,
            "front-matter",
            "missing front matter: the file must start with a '---' line, "
            "then 'paper: 江北报' and 'date: YYYY-MM-DD', then '---'",
        )
        front.body_index = first
        return front
    front.start_line = first + 1
    for index in range(first + 1, len(lines)):
        line = lines[index]
        if line.strip() == "---":
            front.closed = True
            front.body_index = index + 1
            return front
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _META_RE.match(line)
        if match is None:
            report(
                index + 1,
                1,
                Severity.ERROR,
                "front-matter",
                f"front matter line is not 'key: value': {line.strip()!r}",
            )
            continue
        key, value = match.group("key"), match.group("value")
        if key not in FRONT_MATTER_KEYS:
            report(
                index + 1,
                1,
                Severity.WARNING,
                "front-matter",
                f"unknown front matter key {key!r} (known: {', '.join(FRONT_MATTER_KEYS)})",
            )
            continue
        if key in front.meta:
            report(
                index + 1,
                1,
                Severity.ERROR,
                "front-matter",
                f"front matter key {key!r} is given twice",
            )
            continue
        front.meta[key] = value.strip().strip("\"'")
        front.lines[key] = index + 1
    report(
        first + 1,
        1,
        Severity.ERROR,
        "front-matter",
        "front matter is not closed: add a '---' line after it",
    )
    front.body_index = len(lines)
    return front


def edition_date(
    front: FrontMatter, lines: Sequence[str], path: Path | None, report: Report
) -> dt.date | None:
    """The edition's date; a file named like a date still gets one (after an error)."""
    for key in REQUIRED_KEYS:
        if front.closed and not front.meta.get(key):
            report(
                front.start_line,
                1,
                Severity.ERROR,
                "front-matter",
                f"front matter lacks {key!r}",
            )
    raw = front.meta.get("date", "")
    if raw:
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            line = front.lines.get("date", front.start_line)
            text = lines[line - 1] if line <= len(lines) else ""
            report(
                line,
                max(1, text.find(raw) + 1),
                Severity.ERROR,
                "front-matter",
                f"date {raw!r} is not a date in the form YYYY-MM-DD",
            )
    # Keep the edition readable: a file named like its date still gets one.
    if path is not None:
        match = re.search(r"(\d{4})-(\d{2})-(\d{2})", path.name)
        if match:
            try:
                return dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                return None
    return None
