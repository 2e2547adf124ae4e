"""Take a screenshot of the reader window (1280x800): docs/screenshots/window.png by default.

Runs the real window (built by ``app.create_window``, bundled editions and
fonts) on an X server: the one in ``$DISPLAY``, or an ``Xvfb`` it starts
itself. Settings go to a temporary folder, never the user's.

    python scripts/screenshot_window.py [--article 2023-07-13/3/tan-xun] [--out PATH]
        [--step 100|125|150|200|250|300] [--elder] [--night] [--sections] [--no-speech]
        [--search TEXT] [--editions DIR]

``--elder`` switches to 长辈版, ``--night`` to the 夜间 theme, ``--sections`` opens
the 长辈版 版面 drawer, ``--no-speech`` presses 朗读 once on a machine without a
speech engine, so the hint it leaves is in the picture. ``--search`` types TEXT
into the search box and waits for the results panel.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

ROOT = Path(__file__).resolve().parents[1]
SIZE = (1280, 800)


def start_xvfb() -> subprocess.Popen[bytes]:
    """An Xvfb server on a free display number, with DISPLAY set to it."""
    if shutil.which("Xvfb") is None:
        sys.exit("Xvfb is not installed (apt-get install xvfb)")
    for number in range(90, 110):
        if not Path(f"/tmp/.X11-unix/X{number}").exists():
            break
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", f"{SIZE[0]}x{SIZE[1]}x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(50):
        if Path(f"/tmp/.X11-unix/X{number}").exists():
            break
        time.sleep(0.1)
    os.environ["DISPLAY"] = f":{number}"
    return server


@contextmanager
def x_display() -> Iterator[None]:
    """Qt on X for the block: the server in ``$DISPLAY``, or an Xvfb started and stopped here."""
    server = start_xvfb() if not os.environ.get("DISPLAY") else None
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    try:
        yield
    finally:
        if server is not None:
            server.terminate()
            server.wait()


def wait_for_index(window: QWidget, seconds: float = 60) -> None:
    """Until the window's search index is up to date (its status message would be pictured)."""
    from PySide6.QtCore import QObject

    search = window.findChild(QObject, "searchController")
    deadline = time.monotonic() + seconds
    while getattr(search, "indexing", False) and time.monotonic() < deadline:
        settle(0.1)


def settle(seconds: float) -> None:
    """Let the windows lay themselves out and paint (and workers report)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert app is not None
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)


def save_grab(widget: QWidget, path: Path) -> None:
    """Save what ``widget`` shows as a PNG, or exit saying why not."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(path)):
        sys.exit(f"cannot write {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", default="2023-07-13/3/tan-xun", help="'' for the newest")
    parser.add_argument("--editions", type=Path, help="another edition folder (as the reader's)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots" / "window.png")
    parser.add_argument("--step", type=int, default=100, help="font step, percent")
    parser.add_argument("--elder", action="store_true", help="长辈版")
    parser.add_argument("--night", action="store_true", help="夜间 theme (normal mode)")
    parser.add_argument("--sections", action="store_true", help="open the 长辈版 版面 drawer")
    parser.add_argument(
        "--no-speech", action="store_true", help="press 朗读 once (shows the hint when none)"
    )
    parser.add_argument("--search", metavar="TEXT", help="type TEXT into the search box")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    with x_display():
        from PySide6.QtWidgets import QApplication

        from jiangbei_reader.app import create_window
        from jiangbei_reader.core.navigation import Route

        with tempfile.TemporaryDirectory(prefix="jiangbei-shot-") as config:
            extra = ["--editions", str(args.editions)] if args.editions else []
            window = create_window(["--config-dir", config, *extra])
            if args.article:
                window.navigate(Route.article(args.article))
            window.resize(*SIZE)
            window.move(0, 0)
            window.show()
            app = QApplication.instance()
            assert app is not None
            aids = window.reading_aids  # type: ignore[attr-defined]
            if args.night:
                aids.elder.night_action.setChecked(True)
            if args.elder:
                aids.elder.set_elder(True)
            aids.zoom.set_step(args.step)
            if args.sections:
                aids.elder.layout_action.setChecked(True)
            if args.no_speech:
                aids.read_aloud.speak_action.trigger()
            # The index is brought up to date after the first paint; its "检索索引已更新"
            # would take the status line of the picture.
            wait_for_index(window)
            if args.search:
                window.search_box.setText(args.search)
            window.statusBar().clearMessage()  # "字号 N%" would go in a second or two
            settle(3)
            save_grab(window, args.out)
            font = app.font()
            print(
                f"{args.out}: {window.width()}x{window.height()}, font {font.family()}"
                f" {font.pointSizeF():g} pt, step {aids.zoom.step}%,"
                f" theme {aids.elder.theme().name}"
            )
            window.close()


if __name__ == "__main__":
    main()
