"""Importer quality: the seed against the bundled edition, and a synthetic set.

The synthetic set is generated here (nothing is written into editions/): pages of the
bundled edition and of generated editions are turned back into raw text by
``jiangbei_reader.core.importer.rawify`` (re-wrapped at 18-24 em, titles after bodies,
two columns' articles interleaved, captions, ads and QR blurbs added) and imported again.

    python benchmarks/importer_quality.py [--seeds 20] [--editions 20]
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

from jiangbei_reader.core.importer.quality import (
    Quality,
    doc_from_edition,
    import_and_measure,
    report,
)
from jiangbei_reader.core.importer.rawify import rawified_quality
from jiangbei_reader.core.model import Edition
from jiangbei_reader.core.parser import parse_edition
from jiangbei_reader.core.synthetic import SyntheticWriter

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "data" / "000_496bd8901b2cf08b.txt"
BUNDLED = ROOT / "editions" / "2023-07-13.md"


def bundled() -> Edition | None:
    if not BUNDLED.is_file():
        return None
    return parse_edition(BUNDLED.read_text(encoding="utf-8"), BUNDLED).edition


def seed_quality(reference: Edition) -> Quality:
    pages = tuple(p.id for p in reference.pages if not p.missing)
    raw = SEED.read_text(encoding="utf-8")
    return import_and_measure(raw, doc_from_edition(reference), reference.date, pages)


def summed(qualities: list[Quality]) -> Quality:
    total = qualities[0]
    for quality in qualities[1:]:
        total = total + quality
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20, help="rawified copies of the edition")
    parser.add_argument("--editions", type=int, default=20, help="generated editions")
    args = parser.parse_args()
    start = time.perf_counter()
    reference = bundled()
    writer = SyntheticWriter(0)
    if reference is None:
        print(f"{BUNDLED} not found: no reference for the seed")
    else:
        print(report(seed_quality(reference), f"seed {SEED.name} vs {BUNDLED.name}"))
        qualities = [
            rawified_quality(reference, seed, writer.vocabulary, realistic=False)
            for seed in range(args.seeds)
        ]
        print(report(summed(qualities), f"bundled edition rawified ({args.seeds} seeds)"))
    editions = []
    for index in range(args.editions):
        date = dt.date(2031, 1, 1) + dt.timedelta(days=index)
        edition = parse_edition(writer.edition_text(date, pages=4, articles_per_page=5)).edition
        assert edition is not None
        editions.append(edition)
    for realistic in (True, False):
        qualities = [
            rawified_quality(edition, 100 + index, writer.vocabulary, realistic=realistic)
            for index, edition in enumerate(editions)
        ]
        kind = "headlines from body clauses" if realistic else "random-word headlines"
        print(report(summed(qualities), f"generated editions rawified ({len(editions)}, {kind})"))
    print(f"({time.perf_counter() - start:.1f} s)")


if __name__ == "__main__":
    main()
