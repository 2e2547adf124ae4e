"""Helpers for the printing tests: a QPrinter that writes a PDF, and the text a PDF shows."""

from __future__ import annotations

import re
import zlib
from pathlib import Path

from PySide6.QtPrintSupport import QPrinter

_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]{4})>")


def pdf_printer(path: Path) -> QPrinter:
    """A printer that writes the print to `path` as a PDF (no printer or dialog needed)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def pdf_pages(path: Path) -> int:
    """How many pages a PDF Qt wrote has."""
    data = path.read_bytes()
    return data.count(b"/Type /Page") - data.count(b"/Type /Pages")


def pdf_characters(path: Path) -> set[str]:
    """Every character the PDF's fonts can show (from their ToUnicode maps).

    Qt embeds a subset of each font with only the glyphs printed, so a character
    is in this set exactly when some text on the pages uses it.
    """
    found: set[str] = set()
    for raw in _STREAM.findall(path.read_bytes()):
        try:
            text = zlib.decompress(raw)
        except zlib.error:
            text = raw
        if b"beginbfrange" not in text and b"beginbfchar" not in text:
            continue
        body = text.split(b"endcodespacerange", 1)[-1]
        for line in body.splitlines():
            codes = _HEX.findall(line)
            # "<from> <to> [<u> <u> …]" or "<gid> <u>": the Unicode values follow the glyph ids.
            values = codes[2:] if b"[" in line else codes[1:]
            found.update(chr(int(code, 16)) for code in values)
    return found
