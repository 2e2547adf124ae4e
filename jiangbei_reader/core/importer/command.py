"""`jiangbei-reader import RAW.txt -o editions/DATE.md`: raw page text to a draft edition."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import TextIO

from jiangbei_reader.core.diagnostics import Severity
from jiangbei_reader.core.importer import ImportOptions, ImportResult, import_bytes
from jiangbei_reader.core.markers import normalize_page_id, page_sort_key
from jiangbei_reader.core.parser import parse_edition

#: Raw text of one edition is some tens of KB a page; beyond this it is not one edition.
MAX_BYTES = 16 * 1024 * 1024
#: Undecodable bytes listed one by one in the summary before "and N more".
_SHOWN_PROBLEMS = 10


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments."""
    parser.add_argument("raw", type=Path, metavar="RAW.txt", help="raw page text (原文)")
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="FILE.md",
        help="the draft edition to write, e.g. editions/2023-07-13.md",
    )
    parser.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="the edition's date (default: the date in the output or input file name)",
    )
    parser.add_argument("--paper", default="江北报", help="the paper's name (default 江北报)")
    parser.add_argument(
        "--page",
        nargs="+",
        default=[],
        metavar="ID",
        help="the page(s) the text is from, in printed order, e.g. --page 2 3",
    )
    parser.add_argument(
        "--force", action="store_true", help="overwrite the output file if it exists"
    )


def _fail(message: str, err: TextIO) -> int:
    print(f"jiangbei-reader import: error: {message}", file=err)
    return 1


def _date(args: argparse.Namespace) -> dt.date | str:
    """The edition date, or an error message."""
    if args.date:
        try:
            return dt.date.fromisoformat(args.date)
        except ValueError:
            return f"--date {args.date!r} is not a date in the form YYYY-MM-DD"
    for path in (args.output, args.raw):
        match = re.search(r"(\d{4})-(\d{2})-(\d{2})", path.name)
        if match:
            try:
                return dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                continue
    return "no date: give --date YYYY-MM-DD (or name the output file like 2023-07-13.md)"


def _pages(raw_ids: list[str]) -> tuple[str, ...] | str:
    """Normalised page ids, or an error message."""
    ids = []
    for raw in raw_ids:
        page = normalize_page_id(raw)
        if page is None:
            return f"--page {raw!r} is not a page id (like 2, 第3版, A1)"
        if page in ids:
            return f"--page {page} is given twice"
        ids.append(page)
    if ids != sorted(ids, key=page_sort_key):
        return "--page ids must be in printed order (1, 2, … then A1, A2 …)"
    return tuple(ids)


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _summary(result: ImportResult, raw: Path, output: Path, out: TextIO) -> None:
    stats = result.stats
    print(f"{raw} → {output}", file=out)
    print(f"  编码 encoding:        {result.encoding}", file=out)
    pages = "、".join(f"第{p}版" for p in result.pages)
    missing = "、".join(f"第{p}版" for p in result.missing_pages)
    missing = f"（{missing}未收录）" if missing else ""
    print(f"  版面 pages:           {pages}{missing}", file=out)
    print(f"  文章 articles:        {stats.articles}", file=out)
    print(
        f"  段落 paragraphs:      {stats.paragraphs}（小标题 {stats.subheads}，图片说明 "
        f"{stats.figures}）",
        file=out,
    )
    print(
        f"  接版 jumps found:     {stats.jumps_from + stats.jumps_to}"
        f"（上接 {stats.jumps_from}，下转 {stats.jumps_to}）",
        file=out,
    )
    print(f"  待核 items to review: {stats.reviews}", file=out)
    if result.problems:
        print(f"  无法解码 undecodable: {len(result.problems)}", file=out)
        for problem in result.problems[:_SHOWN_PROBLEMS]:
            print(
                f"    {raw}:{problem.line}: byte offset {problem.offset}: {problem.message}",
                file=out,
            )
        if len(result.problems) > _SHOWN_PROBLEMS:
            print(f"    … and {len(result.problems) - _SHOWN_PROBLEMS} more", file=out)


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Import one raw file; 0 on success, 1 when nothing was written."""
    out = out or sys.stdout
    err = err or sys.stderr
    raw: Path = args.raw
    output: Path = args.output
    date = _date(args)
    if isinstance(date, str):
        return _fail(date, err)
    pages = _pages(args.page)
    if isinstance(pages, str):
        return _fail(pages, err)
    if output.exists() and not args.force:
        return _fail(f"{output} exists; nothing was written (use --force to replace it)", err)
    try:
        size = raw.stat().st_size
        if size > MAX_BYTES:
            return _fail(
                f"{raw} is {size / 1024 / 1024:.0f} MB: that is not the text of one edition "
                f"(limit {MAX_BYTES // 1024 // 1024} MB); split it by page",
                err,
            )
        data = raw.read_bytes()
    except OSError as exc:
        return _fail(f"cannot read {raw}: {exc.strerror or exc}", err)
    options = ImportOptions(date=date, paper=args.paper, pages=pages, source_name=raw.name)
    result = import_bytes(data, options)
    if result.text is None:
        return _fail(f"{raw}: {result.error}; nothing was written", err)
    try:
        _write_atomically(output, result.text)
    except OSError as exc:
        return _fail(f"cannot write {output}: {exc.strerror or exc}", err)
    _summary(result, raw, output, out)
    for warning in result.warnings:
        print(f"{raw}: warning: {warning}", file=err)
    errors = [
        d for d in parse_edition(result.text, output).diagnostics if d.severity is Severity.ERROR
    ]
    for diagnostic in errors:
        print(diagnostic.format(), file=err)
    if errors:
        print(
            f"the draft has {len(errors)} error(s) that need an editor; "
            f"run 'jiangbei-reader check {output}'",
            file=err,
        )
    return 0
