"""Loader throughput on a generated archive: MB/s and articles/s.

Baselines measured in the same process on the same files: reading and decoding
the bytes (the floor), and Python-Markdown converting the same text to HTML
(what rendering every article would cost). Synthetic editions are written to a
temporary folder, never into editions/.

    python benchmarks/parse.py [--editions 200] [--repeat 3]
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import markdown

from jiangbei_reader.core.library import load_edition_file
from jiangbei_reader.core.synthetic import write_archive

_EXPLICIT_ID = re.compile(r"[ \t]*\{#[^}\n]*\}(?=[ \t]*$)", re.MULTILINE)


def best_of(repeat: int, work: Callable[[], int]) -> tuple[float, int]:
    times, result = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--editions", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="jiangbei-synthetic-") as folder:
        paths = write_archive(Path(folder), args.editions)
        size = sum(p.stat().st_size for p in paths)

        def read_only() -> int:
            return sum(len(p.read_bytes().decode("utf-8")) for p in paths)

        def load() -> int:
            count = 0
            for path in paths:
                result = load_edition_file(path)
                assert result.edition is not None
                count += sum(1 for _ in result.edition.articles())
            return count

        def python_markdown() -> int:
            return sum(len(markdown.markdown(p.read_text(encoding="utf-8"))) for p in paths)

        # The same archive without explicit {#id}s: every article id is then worked out
        # from its headline's pinyin, as in a hand-written edition.
        plain_dir = Path(folder) / "without-ids"
        plain_dir.mkdir()
        plain = []
        for path in paths:
            target = plain_dir / path.name
            text = path.read_text(encoding="utf-8")
            target.write_text(_EXPLICIT_ID.sub("", text), encoding="utf-8")
            plain.append(target)

        def load_plain() -> int:
            return sum(sum(1 for _ in load_edition_file(p).edition.articles()) for p in plain)  # type: ignore[union-attr]

        load()  # warm caches (regexes, pypinyin import)
        slug_cold = time.perf_counter()
        load_plain()  # slugs worked out once (then remembered, as the reader's cache does)
        slug_cold = time.perf_counter() - slug_cold
        t_read, _ = best_of(args.repeat, read_only)
        t_load, articles = best_of(args.repeat, load)
        t_plain, _ = best_of(args.repeat, load_plain)
        t_md, _ = best_of(args.repeat, python_markdown)
    mb = size / 1e6
    print(f"archive: {args.editions} synthetic editions, {mb:.1f} MB, {articles} articles")
    rate = articles / t_load
    print(f"loader:          {t_load:7.3f} s  {mb / t_load:7.2f} MB/s  {rate:9.0f} articles/s")
    print(
        f"without {{#id}}:   {slug_cold:7.3f} s  {mb / slug_cold:7.2f} MB/s  "
        f"{articles / slug_cold:9.0f} articles/s  (slugs from pinyin, first time)"
    )
    print(
        f"without {{#id}}:   {t_plain:7.3f} s  {mb / t_plain:7.2f} MB/s  "
        f"{articles / t_plain:9.0f} articles/s  (slugs known)"
    )
    print(f"read+decode:     {t_read:7.3f} s  {mb / t_read:7.2f} MB/s  (floor)")
    print(f"Python-Markdown: {t_md:7.3f} s  {mb / t_md:7.2f} MB/s  (HTML of the same text)")
    print(f"ratio loader / read+decode:     {t_load / t_read:6.1f}x")
    print(f"ratio loader / Python-Markdown: {t_load / t_md:6.2f}x")
    print(f"per edition: {t_load / args.editions * 1000:.2f} ms")


if __name__ == "__main__":
    main()
