"""`jiangbei-reader check [PATH ...]`: validate edition files as a newsroom editor needs."""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from jiangbei_reader.core.diagnostics import Diagnostic, Severity
from jiangbei_reader.core.fontcheck import font_diagnostics
from jiangbei_reader.core.library import find_edition_files, load_edition_file
from jiangbei_reader.core.textio import source_lines


@dataclass
class CheckReport:
    """Every diagnostic of a check run, and the source lines to show with them."""

    files: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    sources: dict[Path, list[str]] = field(default_factory=dict)

    def count(self, severity: Severity) -> int:
        """How many diagnostics of one severity."""
        return sum(1 for d in self.diagnostics if d.severity is severity)


def check_paths(paths: Iterable[Path]) -> CheckReport:
    """Check files and folders; one broken file never stops the others."""
    files, problems = find_edition_files(paths)
    report = CheckReport(files=len(files), diagnostics=list(problems))
    first_of_date: dict[str, Path] = {}
    for path in files:
        result = load_edition_file(path)
        report.diagnostics.extend(result.diagnostics)
        if result.edition is not None:
            key = result.edition.key
            if key in first_of_date:
                report.diagnostics.append(
                    Diagnostic(
                        path,
                        1,
                        1,
                        Severity.ERROR,
                        "duplicate-edition",
                        f"another edition of {key} is in {first_of_date[key]}",
                    )
                )
            else:
                first_of_date[key] = path
        if result.text is not None:
            report.sources[path] = source_lines(result.text)
            report.diagnostics.extend(font_diagnostics(path, result.text))
    return report


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _source_excerpt(diagnostic: Diagnostic, lines: list[str], color: bool) -> list[str]:
    if diagnostic.line < 1 or diagnostic.line > len(lines):
        return []
    source = lines[diagnostic.line - 1]
    shown = source
    if color:
        from pygments import highlight
        from pygments.formatters import TerminalFormatter

        from jiangbei_reader.core.lexer import EditionLexer

        # Lex from the heading so that a field line is coloured as a field.
        start = diagnostic.line - 1
        while start > 0 and lines[start - 1].strip() and not lines[start].startswith("#"):
            start -= 1
        block = "\n".join(lines[start : diagnostic.line]) + "\n"
        shown = highlight(block, EditionLexer(), TerminalFormatter()).rstrip("\n").split("\n")[-1]
    gutter = f"{diagnostic.line:>5} | "
    out = [gutter + shown]
    if diagnostic.col >= 1:
        pad = _display_width(source[: diagnostic.col - 1])
        out.append(" " * (len(gutter) - 2) + "| " + " " * pad + "^")
    return out


def print_report(report: CheckReport, stream: TextIO, *, color: bool, notes: bool = True) -> None:
    """Print diagnostics in `file:line:col: severity: message` form, with source lines."""
    shown = sorted(
        (d for d in report.diagnostics if notes or d.severity is not Severity.NOTE),
        key=lambda d: (str(d.path), d.line, d.col),
    )
    for diagnostic in shown:
        print(diagnostic.format(), file=stream)
        lines = report.sources.get(diagnostic.path) if diagnostic.path else None
        for line in _source_excerpt(diagnostic, lines or [], color):
            print(line, file=stream)
    errors, warnings = report.count(Severity.ERROR), report.count(Severity.WARNING)
    print(
        f"{report.files} file(s) checked: {errors} error(s), {warnings} warning(s), "
        f"{report.count(Severity.NOTE)} note(s)",
        file=stream,
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `check`."""
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="edition files or folders (default: the bundled editions)",
    )
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="highlight source lines (default: when on a terminal)",
    )
    parser.add_argument("--no-notes", action="store_true", help="hide notes")


def run(args: argparse.Namespace) -> int:
    """Check and print; exit 1 when any error was found."""
    paths: list[Path] = args.paths
    if not paths:
        from jiangbei_reader.resources import editions_dir

        paths = [editions_dir()]
    report = check_paths(paths)
    color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
    print_report(report, sys.stdout, color=color, notes=not args.no_notes)
    if report.files == 0:
        # Nothing checked is no success: a mistyped folder must not look clean.
        where = "、".join(str(p) for p in paths)
        print(f"jiangbei-reader check: no edition files (*.md) found in {where}", file=sys.stderr)
        return 1
    return 1 if report.count(Severity.ERROR) else 0
