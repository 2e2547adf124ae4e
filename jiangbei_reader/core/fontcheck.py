"""Which characters of a text the bundled font lacks, read from the font's cmap (no Qt)."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from jiangbei_reader.core.diagnostics import Diagnostic, Severity
from jiangbei_reader.core.textio import source_lines
from jiangbei_reader.resources import BUNDLED_FONT_FILE, resource

#: Unicode categories that never need a glyph: controls, format characters
#: (zero-width joiners, BOM), line/paragraph separators, surrogates, private
#: use and unassigned code points.
_NO_GLYPH_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})


class FontReadError(Exception):
    """The font file is missing or not a font."""


def needs_glyph(char: str) -> bool:
    """True when a character is drawn (so a font must have it).

    U+FFFD stands for bytes that could not be decoded: that is reported as an encoding
    error already, not as a character the font should gain.
    """
    return char != "\ufffd" and unicodedata.category(char) not in _NO_GLYPH_CATEGORIES


def characters_needing_glyphs(text: str) -> set[str]:
    """The distinct characters of a text that a font must cover."""
    return {ch for ch in set(text) if needs_glyph(ch)}


def bundled_font_path(name: str = BUNDLED_FONT_FILE) -> Path:
    """Where a bundled font file lives (checkout, wheel or frozen build)."""
    return resource("fonts", name)


@functools.lru_cache(maxsize=8)
def _cached_coverage(path: Path, mtime_ns: int) -> frozenset[int]:
    # fontTools is imported here so that commands not checking fonts do not pay for it.
    from fontTools.ttLib import TTFont, TTLibError

    try:
        # Our own handle: TTFont leaks the one it opens when the file is not a font.
        with path.open("rb") as handle, TTFont(handle, lazy=True, fontNumber=0) as font:
            cmap = font.getBestCmap()
    except (OSError, TTLibError, AssertionError, KeyError, ValueError) as exc:
        raise FontReadError(f"{path}: cannot read the font's character map: {exc}") from exc
    if cmap is None:
        raise FontReadError(f"{path}: the font has no Unicode character map")
    return frozenset(cmap)


def font_coverage(path: Path | None = None) -> frozenset[int]:
    """The code points a font file maps to glyphs (default: the bundled article font)."""
    font_path = path if path is not None else bundled_font_path()
    try:
        mtime_ns = font_path.stat().st_mtime_ns
    except OSError as exc:
        raise FontReadError(f"{font_path}: cannot read the font: {exc.strerror or exc}") from exc
    return _cached_coverage(font_path.resolve(), mtime_ns)


def missing_characters(text: str, coverage: frozenset[int] | None = None) -> list[str]:
    """Characters of ``text`` the font lacks, sorted by code point.

    ``coverage`` defaults to the bundled article font's character map.
    """
    covered = coverage if coverage is not None else font_coverage()
    return sorted((ch for ch in characters_needing_glyphs(text) if ord(ch) not in covered), key=ord)


@dataclass(frozen=True, slots=True)
class Occurrence:
    """Where a character first appears in a text (1-based line and column)."""

    char: str
    line: int
    col: int
    count: int


def first_occurrences(text: str, chars: Iterable[str]) -> list[Occurrence]:
    """The first place and the number of uses of each given character, in text order."""
    wanted = set(chars)
    first: dict[str, tuple[int, int]] = {}
    counts: dict[str, int] = dict.fromkeys(wanted, 0)
    for line_no, line in enumerate(source_lines(text), start=1):
        for col, ch in enumerate(line, start=1):
            if ch in wanted:
                counts[ch] += 1
                first.setdefault(ch, (line_no, col))
    found = [Occurrence(ch, *first[ch], counts[ch]) for ch in first]
    return sorted(found, key=lambda o: (o.line, o.col))


def describe_char(char: str) -> str:
    """``'报' U+62A5 (CJK UNIFIED IDEOGRAPH-62A5)`` for messages."""
    name = unicodedata.name(char, "unnamed")
    return f"'{char}' U+{ord(char):04X} ({name})"


def font_diagnostics(
    path: Path | None, text: str, coverage: frozenset[int] | None = None
) -> list[Diagnostic]:
    """One warning per character the bundled font lacks, at its first use.

    Such a character still shows when a system font has it, so this is a
    warning: rerun ``scripts/make_font_subset.py`` to add it to the font.
    When the font itself cannot be read, one warning says so.
    """
    try:
        covered = coverage if coverage is not None else font_coverage()
    except FontReadError as exc:
        return [Diagnostic(path, 0, 0, Severity.WARNING, "font-unreadable", str(exc))]
    lacking = missing_characters(text, covered)
    out: list[Diagnostic] = []
    for occurrence in first_occurrences(text, lacking):
        times = f", used {occurrence.count} times" if occurrence.count > 1 else ""
        out.append(
            Diagnostic(
                path,
                occurrence.line,
                occurrence.col,
                Severity.WARNING,
                "font-missing-char",
                f"the bundled font lacks {describe_char(occurrence.char)}{times}; it shows "
                "only where a system font has it (run scripts/make_font_subset.py)",
            )
        )
    return out
