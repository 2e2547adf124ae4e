"""A small TOML writer for flat files: top-level keys and one level of tables of scalars.

The kiosk configuration needs nothing more, and writing it ourselves keeps a
dependency (tomli-w) off every reader's machine for forty lines of code. Reading
is always done by the standard library's `tomllib`; tests check the round trip.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

Scalar = str | int | bool
Table = Mapping[str, Scalar]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
    '"': '\\"',
    "\\": "\\\\",
}


def key(name: str) -> str:
    """A key as TOML writes it: bare when it can be, quoted otherwise."""
    return name if _BARE_KEY.fullmatch(name) else string(name)


def string(text: str) -> str:
    """A TOML basic string; control characters escaped, the rest kept as UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("text with lone surrogates cannot be written as TOML") from exc
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def value(item: Scalar) -> str:
    """A scalar value: string, integer or boolean (bool checked first: it is an int)."""
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, int):
        return str(item)
    if isinstance(item, str):
        return string(item)
    raise TypeError(f"cannot write {type(item).__name__} as a flat TOML value")


def comment_lines(text: str) -> list[str]:
    """Each line of a comment, prefixed with `# `."""
    return [f"# {line}".rstrip() for line in text.splitlines()]


def table(name: str, entries: Table, comments: Mapping[str, str] | None = None) -> list[str]:
    """A `[name]` table with one `key = value` line each, and optional comments above keys."""
    lines = [f"[{key(name)}]"]
    lines.extend(entry_lines(entries, comments))
    return lines


def entry_lines(entries: Table, comments: Mapping[str, str] | None = None) -> list[str]:
    """`key = value` lines, each preceded by its comment when one is given."""
    lines: list[str] = []
    for name, item in entries.items():
        if comments and name in comments:
            lines.extend(comment_lines(comments[name]))
        lines.append(f"{key(name)} = {value(item)}")
    return lines


def dumps(top: Table, tables: Mapping[str, Table]) -> str:
    """A whole document: top-level keys, then each table after a blank line."""
    lines = entry_lines(top)
    for name, entries in tables.items():
        if lines:
            lines.append("")
        lines.extend(table(name, entries))
    return "\n".join(lines) + "\n"
