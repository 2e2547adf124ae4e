"""`jiangbei-reader search QUERY`: ranked results with the hit marked, or JSON for scripts."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence

from jiangbei_reader.core.search.command_index import (
    add_index_arguments,
    open_index,
    update_with_progress,
)
from jiangbei_reader.core.search.index import SearchIndex
from jiangbei_reader.core.search.results import SearchResults


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's arguments."""
    parser.add_argument(
        "query", nargs="*", help='检索词：空格分隔的词都要出现，"短语"，-排除（如 -广告）'
    )
    parser.add_argument(
        "--limit", type=int, default=20, metavar="N", help="最多显示 N 条（默认 20）"
    )
    parser.add_argument("--json", action="store_true", help="输出 JSON")
    parser.add_argument("--from", dest="date_from", type=_date, metavar="YYYY-MM-DD")
    parser.add_argument("--to", dest="date_to", type=_date, metavar="YYYY-MM-DD")
    parser.add_argument("--edition", metavar="YYYY-MM-DD", help="只查这一期")
    parser.add_argument("--page", metavar="N", help="只查这一版")
    add_index_arguments(parser)


def parse_args(parser: argparse.ArgumentParser, argv: Sequence[str]) -> argparse.Namespace:
    """Parse the command line; a word starting with one "-" (``-江北``) is an excluded term.

    argparse would take ``-江北`` for an unknown option; unknown ``--options``
    are still errors (a mistyped ``--limt`` must not become a search word).
    """
    args, extras = parser.parse_known_args(argv)
    options = [e for e in extras if e.startswith("--")]
    if options:
        parser.error(f"无法识别的选项：{' '.join(options)}")
    # Terms are ANDed: their order does not matter.
    args.query = [*args.query, *extras]
    if not args.query:
        parser.error("请给出检索词（如 jiangbei-reader search 江北嘴）")
    return args


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"不是日期（YYYY-MM-DD）：{text}") from None


def run(args: argparse.Namespace) -> int:
    """Update the index if needed, search, print; exit 0 when found, 1 when not."""
    index = open_index(args)
    try:
        update_with_progress(index)
        results = _search(index, args)
        if results.damaged:
            # The file failed under the search: rebuild it now and answer in this run.
            print("检索索引已损坏，正在重建……", file=sys.stderr)
            update_with_progress(index)
            results = _search(index, args)
    finally:
        index.close()
    if args.json:
        json.dump(as_json(results), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print_results(results)
    return 0 if results.hits else 1


def _search(index: SearchIndex, args: argparse.Namespace) -> SearchResults:
    return index.search(
        " ".join(args.query),
        limit=args.limit,
        date_from=args.date_from,
        date_to=args.date_to,
        edition=args.edition,
        page=args.page,
    )


def print_results(results: SearchResults) -> None:
    """Results for a terminal: edition, page, headline, snippet with 【hits】."""
    for notice in results.notices:
        print(notice)
    if not results.hits:
        print("没有找到。")
        if results.alternatives:
            print("您是不是要找：" + "、".join(s.text for s in results.alternatives))
        return
    more = "" if results.exact_total else "+"
    print(f"共 {results.total}{more} 篇相关文章，显示前 {len(results.hits)} 条：")
    for hit in results.hits:
        print(f"\n{hit.edition} 第{hit.page_id}版  {hit.headline}  [{hit.article_id}]")
        print(f"    {hit.marked_snippet()}")


def as_json(results: SearchResults) -> dict[str, object]:
    """Results as plain JSON data."""
    return {
        "query": results.query.text,
        "total": results.total,
        "exact_total": results.exact_total,
        "notices": list(results.notices),
        "pinyin_words": list(results.pinyin_words),
        "alternatives": [
            {"text": s.text, "pinyin": s.pinyin, "kind": s.kind} for s in results.alternatives
        ],
        "hits": [
            {
                "article_id": h.article_id,
                "edition": h.edition,
                "page": h.page_id,
                "headline": h.headline,
                "snippet": h.snippet,
                "snippet_spans": [list(s) for s in h.snippet_spans],
                "spans": [list(s) for s in h.spans],
                "score": h.score,
                "story_id": h.story_id,
                "fragments": list(h.fragment_ids),
            }
            for h in results.hits
        ],
    }
