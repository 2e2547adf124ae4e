"""`jiangbei-reader index [--rebuild]`: build or update the search index and report throughput."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jiangbei_reader.core.library import Library
from jiangbei_reader.core.search.index import SearchIndex
from jiangbei_reader.core.search.results import UpdateReport
from jiangbei_reader.resources import editions_dir


def add_index_arguments(parser: argparse.ArgumentParser) -> None:
    """The options every search command shares: where the editions and the index are."""
    parser.add_argument(
        "--editions",
        action="append",
        type=Path,
        metavar="DIR",
        help="版面文件夹，可重复（默认：自带的版面）",
    )
    parser.add_argument(
        "--index",
        type=Path,
        metavar="PATH",
        help="索引文件（默认：用户缓存目录中这组版面文件夹的 search-….sqlite3）",
    )


def open_index(args: argparse.Namespace) -> SearchIndex:
    """The index for the editions named on the command line; warnings go to stderr."""
    library = Library(args.editions or [editions_dir()])
    for diagnostic in library.diagnostics:
        print(diagnostic, file=sys.stderr)
    index = SearchIndex.open(args.index, library)
    return index


def print_warnings(index: SearchIndex) -> None:
    """The index's warnings (rebuilt file, memory fallback) on stderr."""
    for warning in index.warnings:
        print(f"warning: {warning}", file=sys.stderr)


def update_with_progress(
    index: SearchIndex, rebuild: bool = False, show: bool = True
) -> UpdateReport:
    """Update the index, drawing a progress line on a terminal."""
    live = show and sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if live:
            print(f"\r索引中 {done}/{total}", end="", file=sys.stderr, flush=True)

    report = index.update(progress, rebuild=rebuild)
    if live and (report.added or report.changed or report.removed):
        print(file=sys.stderr)
    for problem in report.problems:
        print(f"warning: {problem}", file=sys.stderr)
    print_warnings(index)
    return report


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments."""
    add_index_arguments(parser)
    parser.add_argument("--rebuild", action="store_true", help="丢弃旧索引，全部重建")


def run(args: argparse.Namespace) -> int:
    """Build or update the index and print what was done and how fast."""
    index = open_index(args)
    try:
        report = update_with_progress(index, rebuild=args.rebuild)
        size = index.path.stat().st_size / 1e6 if index.path and index.path.exists() else 0.0
        print(
            f"版面：新增 {report.added}，更新 {report.changed}，删除 {report.removed}，"
            f"未变 {report.unchanged}"
        )
        print(
            f"文章 {report.articles} 篇，正文 {report.text_bytes / 1e6:.1f} MB，"
            f"用时 {report.seconds:.2f} 秒，{report.megabytes_per_second:.2f} MB/s"
        )
        where = index.path if index.path else "内存（未保存）"
        print(f"索引：{where}（{size:.1f} MB，共 {index.article_count()} 篇）")
    finally:
        index.close()
    return 1 if report.problems else 0
