"""Take the screenshot of the 「校对」 view: docs/screenshots/proofing.png (1280x800).

Imports the seed with the importer into a temporary draft (nothing is written into
editions/), opens it with ``jiangbei-reader --proof`` as an editor would, puts the
cursor on the first review comment and grabs the proofing window on an X server
(``$DISPLAY`` or an Xvfb started by ``screenshot_window.x_display``).

    python scripts/screenshot_proofing.py [--out PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshot_window import ROOT, SIZE, save_grab, settle, x_display

LINE_AFTER = int(os.environ.get("PROOF_LINE_AFTER", "20"))
SEED = ROOT / "tests" / "data" / "000_496bd8901b2cf08b.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots" / "proofing.png")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    with x_display():
        from jiangbei_reader.app import create_window
        from jiangbei_reader.core.importer import ImportOptions, import_bytes

        with tempfile.TemporaryDirectory(prefix="jiangbei-shot-") as folder:
            draft = Path(folder) / "2023-07-13.md"
            result = import_bytes(
                SEED.read_bytes(), ImportOptions(date=dt.date(2023, 7, 13), pages=("2", "3"))
            )
            assert result.text is not None
            draft.write_text(result.text, encoding="utf-8")
            window = create_window(["--config-dir", folder, "--proof", str(draft)])
            view = window.proofing.views[draft.resolve()]  # type: ignore[attr-defined]
            review = next(
                (
                    d.line
                    for d in view.proof.diagnostics
                    if d.code == "review" and d.line > LINE_AFTER
                ),
                1,
            )
            view.resize(*SIZE)
            view.move(0, 0)
            view.show()
            view.show_line(review)
            settle(3)
            save_grab(view, args.out)
            print(f"{args.out}: {view.width()}x{view.height()}, line {review}")
            window.close()


if __name__ == "__main__":
    main()
