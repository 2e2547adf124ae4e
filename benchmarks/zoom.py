"""Time of one font step (A+) with the longest bundled article open, against a plain re-render.

    QT_QPA_PLATFORM=offscreen python -m benchmarks.zoom [--repeat N]

Goal: a step change re-lays out the whole window in < 100 ms. The baseline is a
plain ``show_html`` of the same article at the same size, measured in the same process.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from jiangbei_reader.app import create_window
from jiangbei_reader.core.navigation import Route


def main() -> None:
    """Print the step-change and re-render times and their ratio."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as config:
        window = create_window(["--config-dir", config])
        window.resize(1280, 800)
        window.show()
        QApplication.processEvents()
        edition = window.library.edition(window.library.newest.key)  # type: ignore[union-attr]
        assert edition is not None
        longest = max(
            (a for p in edition.pages for a in p.articles),
            key=lambda a: sum(len(str(b)) for b in a.blocks),
        )
        window.navigate(Route.article(longest.id))
        QApplication.processEvents()
        zoom = window.reading_aids.zoom  # type: ignore[attr-defined]
        elder = window.reading_aids.elder  # type: ignore[attr-defined]

        def step_to(target: int) -> float:
            start = time.perf_counter()
            zoom.set_step(target)
            QApplication.processEvents()
            return time.perf_counter() - start

        steps, renders = [], []
        for _ in range(args.repeat):
            for target in (200, 100):
                steps.append(step_to(target))
                html = window.view.html
                start = time.perf_counter()
                window.view.show_html(html)
                window.view.document().documentLayout().documentSize()
                QApplication.processEvents()
                renders.append(time.perf_counter() - start)
        # The biggest layout: 长辈版 at the two largest steps (toolbar groups move to 更多,
        # tree rows wrap, the status line is re-chosen).
        elder.set_elder(True)
        QApplication.processEvents()
        big = [step_to(target) for _ in range(args.repeat) for target in (300, 250)]
        elder.set_elder(False)
        big_ms = statistics.median(big) * 1000
        step_ms = statistics.median(steps) * 1000
        render_ms = statistics.median(renders) * 1000
        print(f"article: {longest.id} ({longest.headline})")
        print(f"font step change (100%<->200%), median of {len(steps)}: {step_ms:.1f} ms")
        print(f"长辈版 step change (250%<->300%), median of {len(big)}: {big_ms:.1f} ms")
        print(f"plain re-render of the same article, median: {render_ms:.1f} ms")
        print(
            f"ratio step / re-render: {step_ms / render_ms:.1f}x; goal < 100 ms: "
            f"{'met' if max(step_ms, big_ms) < 100 else 'NOT met'}"
        )
        window.close()


if __name__ == "__main__":
    main()
