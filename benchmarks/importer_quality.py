"""Importer quality: the seed against the bundled edition, and a synthetic set.

The synthetic set is generated here (nothing is written into editions/): pages of the
bundled edition and of generated editions are turned back into raw text by
``jiangbei_reader.core.importer.rawify`` (re-wrapped at 18-24 em, titles after bodies,
two columns' articles interleaved, captions, ads and QR blurbs added) and imported again.

    python benchmarks/importer_quality.py [--seeds 5] [--editions 4]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

from jiangbei_reader.core.importer import ImportOptions, import_text
from jiangbei_reader.core.importer.quality import (
    DocArticle,
    Quality,
    doc_from_edition,
    measure,
    report,
)
from jiangbei_reader.core.importer.rawify import Rawifier, headline_from_body
from jiangbei_reader.core.model import Edition
from jiangbei_reader.core.parser import parse_edition
from jiangbei_reader.core.synthetic import SyntheticWriter

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "data" / "000_496bd8901b2cf08b.txt"
BUNDLED = ROOT / "editions" / "2023-07-13.md"


def draft_doc(raw: str, date: dt.date, pages: tuple[str, ...]) -> list[DocArticle]:
    result = import_text(raw, ImportOptions(date=date, pages=pages))
    assert result.text is not None
    parsed = parse_edition(result.text)
    assert parsed.edition is not None
    return doc_from_edition(parsed.edition)


def seed_quality() -> Quality | None:
    if not BUNDLED.is_file():
        return None
    reference = parse_edition(BUNDLED.read_text(encoding="utf-8"), BUNDLED).edition
    assert reference is not None
    pages = tuple(p.id for p in reference.pages if not p.missing)
    raw = SEED.read_text(encoding="utf-8")
    return measure(raw, draft_doc(raw, reference.date, pages), doc_from_edition(reference))


def page_quality(edition: Edition, rawifier: Rawifier, realistic: bool) -> Quality:
    total: Quality | None = None
    rng = random.Random(rawifier.rng.random())
    for page in edition.pages:
        if page.missing or not page.articles:
            continue
        articles = [a for a in doc_from_edition(edition) if a.page == page.id]
        if realistic:
            articles = [headline_from_body(a, rng) for a in articles]
        raw_page = rawifier.page(articles)
        draft = draft_doc(raw_page.text, edition.date, (page.id,))
        quality = measure(raw_page.text, draft, raw_page.reference)
        total = quality if total is None else total + quality
    assert total is not None
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5, help="rawified copies of each edition")
    parser.add_argument("--editions", type=int, default=4, help="generated editions")
    args = parser.parse_args()
    quality = seed_quality()
    if quality is None:
        print(f"seed: {BUNDLED} not found, no reference to compare with")
    else:
        print(report(quality, "seed 000_496bd8901b2cf08b.txt vs editions/2023-07-13.md"))
    writer = SyntheticWriter(0)
    words = writer.vocabulary
    bundled = (
        parse_edition(BUNDLED.read_text(encoding="utf-8")).edition if BUNDLED.is_file() else None
    )
    if bundled is not None:
        total = None
        for seed in range(args.seeds):
            q = page_quality(bundled, Rawifier(seed, words), realistic=False)
            total = q if total is None else total + q
        assert total is not None
        print(report(total, f"bundled edition rawified ({args.seeds} seeds)"))
    for realistic in (True, False):
        total = None
        for index in range(args.editions):
            text = writer.edition_text(
                dt.date(2031, 1, 1) + dt.timedelta(days=index), pages=4, articles_per_page=5
            )
            edition = parse_edition(text).edition
            assert edition is not None
            q = page_quality(edition, Rawifier(100 + index, words), realistic=realistic)
            total = q if total is None else total + q
        assert total is not None
        kind = "headlines from body clauses" if realistic else "random-word headlines"
        print(report(total, f"generated editions rawified ({args.editions}, {kind})"))


if __name__ == "__main__":
    main()
