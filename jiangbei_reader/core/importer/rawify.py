"""Synthetic raw page text from a structured page, to measure the importer on more than one page.

It does what the extraction from printed pages does to the seed: hard line breaks every
18-24 em (inside words and numbers too, the first line of a paragraph indented, some
lines narrower where they run around a picture), blank
lines inside sentences, stray spaces around digits and Latin letters, titles printed after
their body (the page's lead headline after the whole first column, two stories' bodies
before both their titles), captions, 公益广告 blocks and QR blurbs. Ads, captions and
bylines it adds are made of generated words; the result is test data, never news.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from jiangbei_reader.core.importer.lines import char_width
from jiangbei_reader.core.importer.quality import (
    DocArticle,
    DocBlock,
    Quality,
    doc_from_edition,
    import_and_measure,
)
from jiangbei_reader.core.model import Edition

_HANGING = "，。、；：！？”’）》」』"
_HAN_LATIN = re.compile(r"(?<=[\u4e00-\u9fff])(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])(?=[\u4e00-\u9fff])")


@dataclass(frozen=True, slots=True)
class RawPage:
    """Raw text of one page and the structure it was made from (the reference)."""

    text: str
    reference: tuple[DocArticle, ...]


def wrap_raw(
    text: str, width: int, indent: float = 2.0, narrow: tuple[int, int, int] = (0, 0, 0)
) -> list[str]:
    """Hard-wrap as printed: at ``width`` em, anywhere, punctuation hanging at line ends.

    ``narrow`` = (first line, last line, em): those lines run around a picture.
    """
    lines: list[str] = []
    line, used, limit = "", 0.0, width - indent
    for ch in text:
        w = char_width(ch)
        if line and used + w > limit and ch not in _HANGING:
            lines.append(line)
            line, used, limit = "", 0.0, float(width)
            if narrow[0] <= len(lines) < narrow[1]:
                limit -= narrow[2]
        line += ch
        used += w
    if line:
        lines.append(line)
    return lines


class Rawifier:
    """Makes raw pages; one instance per random seed, reproducible."""

    def __init__(self, seed: int, words: Sequence[str]) -> None:
        self.rng = random.Random(seed)
        self.words = list(words)

    def phrase(self, count: int) -> str:
        """Generated words run together."""
        return "".join(self.rng.choice(self.words) for _ in range(count))

    def stray_spaces(self, text: str) -> str:
        """Spaces between Chinese and digits or Latin letters, as extraction leaves them."""
        if self.rng.random() < 0.5:
            return text
        return _HAN_LATIN.sub(lambda _: " " if self.rng.random() < 0.5 else "", text)

    def body_lines(self, article: DocArticle, width: int) -> list[str]:
        out: list[str] = []
        for block in article.blocks:
            if block.kind == "fig":
                continue
            if block.kind == "h":
                out += ["", block.text, ""]
                continue
            narrow = (0, 0, 0)
            if self.rng.random() < 0.15:
                # Lines running around a picture are narrower for a while.
                start = self.rng.randint(1, 4)
                narrow = (start, start + self.rng.randint(2, 6), self.rng.randint(3, 7))
            wrapped = wrap_raw(self.stray_spaces(block.text), width, narrow=narrow)
            for index, line in enumerate(wrapped):
                out.append(line)
                if index < len(wrapped) - 1 and self.rng.random() < 0.05:
                    out.append("")  # a blank line inside a sentence
            if self.rng.random() < 0.85:
                out.append("")
        return out

    def title_lines(self, texts: Sequence[str]) -> list[str]:
        out: list[str] = []
        for text in texts:
            if not text:
                continue
            if len(text) > 14 and self.rng.random() < 0.5:
                half = len(text) // 2
                out += ["", text[:half], text[half:], ""]
            else:
                out += ["", text, ""]
        return out

    def ad(self) -> tuple[list[str], DocArticle]:
        slogans = [self.phrase(2) for _ in range(self.rng.randint(2, 4))]
        slogans[-1] += "！"
        credit = f"{self.phrase(1)}中心 宣"
        lines: list[str] = []
        for slogan in slogans:
            lines += ["", slogan]
        lines += ["公益广告", "", credit, ""]
        blocks = tuple(DocBlock("p", t) for t in [*slogans[1:], "公益广告", credit])
        return lines, DocArticle("", slogans[0], blocks, kind="公益广告")

    def page(self, articles: Sequence[DocArticle]) -> RawPage:
        """Raw text of one page laid out in two columns."""
        reference = [self.with_extras(a) for a in articles]
        half = (len(reference) + 1) // 2
        lines: list[str] = []
        tail: list[str] = []
        delayed_lead = len(reference) > 1 and self.rng.random() < 0.5
        for column in (reference[:half], reference[half:]):
            index = 0
            while index < len(column):
                article = column[index]
                width = self.rng.randint(18, 24)
                group = [article]
                following = column[index + 1] if index + 1 < len(column) else None
                if following is not None and self.rng.random() < 0.25 and _opens(following):
                    group.append(following)
                if article.kind in ("公益广告", "广告"):
                    # An ad is one printed box: read top to bottom, its title first.
                    titles = [article.kicker, article.headline, article.subtitle]
                    lines += self.title_lines(titles) + self.body_lines(article, 30)
                    index += 1
                    continue
                for member in group:
                    lines += self.body_lines(member, width)
                for member in group:
                    head = member.headline
                    if delayed_lead and member is reference[0]:
                        tail = self.title_lines([head])
                        head = ""
                    lines += self.title_lines([member.kicker, head, member.subtitle])
                index += len(group)
            lines += tail
            tail = []
            if column is reference[:half] and self.rng.random() < 0.4:
                ad_lines, ad_article = self.ad()
                lines += ad_lines
                reference.append(ad_article)
        for article in reference:
            for block in article.blocks:
                if block.kind == "fig":
                    lines += ["", *wrap_raw(block.text, 20, 0), ""]
        if self.rng.random() < 0.3 and reference:
            blurb = ("扫一扫", self.phrase(1))
            lines += ["", *blurb, ""]
            last = reference.index(_last_emitted(reference, half))
            extra = DocBlock("p", "".join(blurb))
            reference[last] = replace(reference[last], blocks=(*reference[last].blocks, extra))
        text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n") + "\n"
        return RawPage(text, tuple(reference))

    def with_extras(self, article: DocArticle) -> DocArticle:
        """The article with a byline and a caption added now and then (generated words)."""
        blocks = list(article.blocks)
        first = next((i for i, b in enumerate(blocks) if b.kind == "p"), None)
        if (
            first == 0
            and article.kind == "新闻"
            and not any(m in blocks[first].text for m in ("本报讯", "上接", "下转"))
            and self.rng.random() < 0.6
        ):
            byline = f"本报讯（记者 {self.phrase(1)}）"
            blocks[first] = DocBlock("p", byline + blocks[first].text)
        if not any(b.kind == "fig" for b in blocks) and self.rng.random() < 0.2:
            blocks.append(DocBlock("fig", f"{self.phrase(3)}。{self.phrase(1)}摄"))
        return replace(article, blocks=tuple(blocks))


def _opens(article: DocArticle) -> bool:
    """True when a body starts in a way the importer can see: a byline or a subhead."""
    if not article.blocks:
        return False
    first = article.blocks[0]
    return first.kind == "h" or first.text.startswith("本报讯")


def _last_emitted(reference: Sequence[DocArticle], half: int) -> DocArticle:
    news = [a for a in reference if a.kind != "公益广告"]
    return news[-1] if news else reference[-1]


_CLAUSE = re.compile(r"[^，。；！？、：“”‘’（）]+")
#: Clauses that would not be a headline: bylines, ad credits, list items, jump markers.
_AD_LIKE = re.compile(r"本报讯|记者|\s[宣制]$|^[0-9][.、]|[上下]接|转[0-9一二三四五六七八九]")


def headline_from_body(
    article: DocArticle, rng: random.Random, others: Sequence[DocArticle] = ()
) -> DocArticle:
    """The article with titles taken from clauses of its own body, as real headlines sum it up.

    Generated editions have headlines of random words, which tell nothing about their
    body; real ones share words with it, and the importer uses that. A clause that also
    occurs in another article (generated bodies reuse sentences) is not used.
    """
    elsewhere = "\n".join(b.text for other in others if other is not article for b in other.blocks)
    clauses = [
        c.strip()
        for b in article.blocks
        if b.kind == "p"
        for c in _CLAUSE.findall(b.text)
        if 6 <= len(c.strip()) <= 18 and not _AD_LIKE.search(c) and c.strip() not in elsewhere
    ]
    if not clauses:
        return article
    picked = rng.sample(clauses, min(len(clauses), 3))
    subtitle = picked[1] if len(picked) > 1 and rng.random() < 0.3 else ""
    kicker = picked[2] if len(picked) > 2 and rng.random() < 0.15 else ""
    return replace(article, headline=picked[0], subtitle=subtitle, kicker=kicker)


def rawified_quality(
    edition: Edition, seed: int, words: Sequence[str], *, realistic: bool
) -> Quality:
    """Rawify every bundled page of an edition, import each page again and measure it.

    ``realistic`` replaces the titles by clauses of each article's body first (for
    generated editions, whose headlines are random words).
    """
    rawifier = Rawifier(seed, words)
    rng = random.Random(seed)
    total: Quality | None = None
    for page in edition.pages:
        if page.missing or not page.articles:
            continue
        articles = [a for a in doc_from_edition(edition) if a.page == page.id]
        if realistic:
            articles = [headline_from_body(a, rng, articles) for a in articles]
        raw_page = rawifier.page(articles)
        quality = import_and_measure(raw_page.text, raw_page.reference, edition.date, (page.id,))
        total = quality if total is None else total + quality
    if total is None:
        raise ValueError(f"edition {edition.key} has no bundled page to measure")
    return total
