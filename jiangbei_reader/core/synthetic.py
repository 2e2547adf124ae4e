"""Synthetic editions for tests and benchmarks: real sentences, generated structure.

Every file this module writes is marked synthetic (file name, ``source`` and
``note``) and must never be written into ``editions/``: it is not news.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

SYNTHETIC_SOURCE = "synthetic（合成测试数据，不是真实新闻）"
SYNTHETIC_NOTE = "本版面由程序合成，仅供测试与性能测量；句子取自收录版面，结构与词汇随机生成。"
_SENTENCE_END = re.compile(r"(?<=[。！？])")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _source_texts() -> list[str]:
    """Body text of the bundled editions, or the raw seed in a checkout as a fallback."""
    from jiangbei_reader.core.library import Library
    from jiangbei_reader.resources import editions_dir

    texts = [
        block.text
        for edition in Library([editions_dir()]).editions()
        for article in edition.articles()
        if article.kind == "新闻"  # ads and credits are not sentences to reuse
        for block in article.paragraphs
    ]
    if not texts:
        seed = Path(__file__).resolve().parents[2] / "tests" / "data" / "000_496bd8901b2cf08b.txt"
        if seed.is_file():
            texts = ["".join(seed.read_text(encoding="utf-8").split())]
    return texts


@lru_cache(maxsize=1)
def source_sentences() -> tuple[str, ...]:
    """Whole sentences of real text to fill synthetic bodies with."""
    sentences: list[str] = []
    for text in _source_texts():
        for sentence in _SENTENCE_END.split(text):
            sentence = sentence.strip()
            # Jump markers in a random place would create jumps nobody declared.
            if len(sentence) >= 8 and "上接" not in sentence and "下转" not in sentence:
                sentences.append(sentence)
    if not sentences:
        raise RuntimeError("no source text for synthetic editions: editions/ is empty")
    return tuple(sentences)


def wrap(text: str, width: int) -> list[str]:
    """Hard-wrap at ``width`` characters, never inside a Latin word or number."""
    lines: list[str] = []
    while len(text) > width:
        cut = width
        while (
            0 < cut < len(text)
            and text[cut - 1].isascii()
            and text[cut].isascii()
            and text[cut - 1].isalnum()
            and text[cut].isalnum()
        ):
            cut -= 1
        cut = cut or width
        lines.append(text[:cut])
        text = text[cut:]
    return [*lines, text] if text else lines


class SyntheticWriter:
    """Makes reproducible synthetic editions; one instance per random seed."""

    def __init__(self, seed: int = 0, sentences: Sequence[str] | None = None) -> None:
        self.rng = random.Random(seed)
        self.sentences = tuple(sentences) if sentences else source_sentences()
        chars = sorted({ch for s in self.sentences for ch in _HAN.findall(s)})
        # A generated vocabulary, so that a large archive has more than the seed's words.
        self.vocabulary = [
            "".join(self.rng.choice(chars) for _ in range(self.rng.choice((2, 2, 3, 4))))
            for _ in range(4000)
        ]

    def headline(self) -> str:
        """A headline of generated words."""
        return "".join(self.rng.choice(self.vocabulary) for _ in range(self.rng.randint(3, 5)))

    def paragraph(self) -> str:
        """A paragraph of real sentences with a generated word inserted."""
        parts = [self.rng.choice(self.sentences) for _ in range(self.rng.randint(1, 3))]
        word = self.rng.choice(self.vocabulary)
        return f"{word}，{''.join(parts)}"

    def body(self, paragraphs: int) -> list[str]:
        """Body paragraphs, wrapped at 20 characters as the files often are."""
        out: list[str] = []
        for _ in range(paragraphs):
            text = self.paragraph()
            out.append("\n".join(wrap(text, 20)))
        return out

    def edition_text(self, date: dt.date, *, pages: int = 8, articles_per_page: int = 10) -> str:
        """The text of one synthetic edition, with jumps from page 1 to later pages."""
        lines = [
            "---",
            "paper: 江北报",
            f"date: {date.isoformat()}",
            f"number: S{date.strftime('%Y%m%d')}",
            f"source: {SYNTHETIC_SOURCE}",
            f"note: {SYNTHETIC_NOTE}",
            "---",
            "",
        ]
        jumps: dict[int, list[tuple[str, str]]] = {}
        for page in range(1, pages + 1):
            lines += [f"# 第{page}版 合成第{page}版", ""]
            for index in range(articles_per_page):
                slug_index = f"s{page}-{index}"
                headline = self.headline()
                lines += [f"## {headline} {{#{slug_index}}}"]
                if self.rng.random() < 0.3:
                    lines.append(f"副题：{self.headline()}")
                lines.append(f"作者：{self.rng.choice(self.vocabulary)}")
                lines.append("")
                body = self.body(self.rng.randint(2, 5))
                continued = page == 1 and index < 3 and pages > 1
                if continued:
                    target = 2 + (index % (pages - 1))
                    body[-1] += f"（下转{target}版）"
                    jumps.setdefault(target, []).append((headline, slug_index))
                lines += [p + "\n" for p in body]
            for headline, slug_index in jumps.get(page, []):
                lines += [f"## {headline} {{#{slug_index}}}", "", "（上接1版）", ""]
                lines += [p + "\n" for p in self.body(self.rng.randint(2, 4))]
        return "\n".join(lines)


def write_archive(
    folder: Path,
    editions: int,
    *,
    seed: int = 0,
    pages: int = 8,
    articles_per_page: int = 10,
    start: dt.date = dt.date(2014, 1, 1),
) -> list[Path]:
    """Write ``editions`` synthetic edition files, one a day from ``start``, into ``folder``."""
    from jiangbei_reader.resources import editions_dir

    folder = folder.resolve()
    if folder == editions_dir().resolve() or editions_dir().resolve() in folder.parents:
        raise ValueError("synthetic editions are never written into editions/")
    folder.mkdir(parents=True, exist_ok=True)
    writer = SyntheticWriter(seed)
    paths = []
    for day in range(editions):
        date = start + dt.timedelta(days=day)
        path = folder / f"synthetic-{date.isoformat()}.md"
        text = writer.edition_text(date, pages=pages, articles_per_page=articles_per_page)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
