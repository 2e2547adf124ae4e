"""Take the kiosk screenshots: docs/screenshots/kiosk-home.png, kiosk-keyboard.png, kiosk-idle.png.

Runs the real kiosk window (``app.create_window`` with ``--kiosk``, bundled
editions and fonts) full screen on an X server: the one in ``$DISPLAY``, or an
``Xvfb`` (1280x800) it starts itself. The kiosk.toml (with a cheaply hashed
PIN), the settings and the search index cache go to a temporary folder, never
the user's.

    python scripts/screenshot_kiosk.py [--out-dir docs/screenshots]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.screenshot_window import (  # noqa: E402
    save_grab,
    settle,
    wait_for_index,
    x_display,
)

#: Typed on the on-screen keyboard: the initials of 江北区.
PINYIN = "jbq"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    with x_display(), tempfile.TemporaryDirectory(prefix="jiangbei-kiosk-shot-") as temp:
        folder = Path(temp)
        os.environ["XDG_CACHE_HOME"] = str(folder / "cache")
        os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
        os.environ["XDG_RUNTIME_DIR"] = str(folder / "run")
        (folder / "run").mkdir(mode=0o700)
        shoot(folder, args.out_dir)


def shoot(folder: Path, out_dir: Path) -> None:
    """Home, search with the keyboard, and the idle notice."""
    from PySide6.QtWidgets import QApplication

    from jiangbei_reader.app import create_window
    from jiangbei_reader.core.kiosk.idle import IdlePolicy, IdleTimeouts
    from jiangbei_reader.core.kiosk.pin import PBKDF2, hash_pin
    from jiangbei_reader.core.kiosk.store import default_config_text

    config = folder / "kiosk.toml"
    pin = hash_pin("2468", scheme=PBKDF2, iterations=10_000)
    config.write_text(default_config_text(pin), encoding="utf-8")
    window = create_window(
        ["--config-dir", str(folder / "settings"), "--kiosk", "--kiosk-config", str(config)]
    )
    session = window.kiosk  # type: ignore[attr-defined]
    session.quit_app = lambda: None
    app = QApplication.instance()
    assert app is not None
    window.showFullScreen()
    wait_for_index(window)
    settle(2)

    def save(name: str) -> None:
        path = out_dir / name
        save_grab(window, path)
        print(f"{path}: {window.width()}x{window.height()}, font {app.font().family()}")

    save("kiosk-home.png")

    keyboard = session.keyboard
    keyboard.open_keyboard()
    for char in PINYIN:
        keyboard.keys[char].click()
        settle(0.1)
    keyboard.keys["search"].click()
    settle(2)
    save("kiosk-keyboard.png")

    session.reset()
    settle(1)
    clock = [1000.0]
    session.idle.policy = IdlePolicy(
        IdleTimeouts.from_config(session.config), clock=lambda: clock[0]
    )
    session.idle.activity()
    clock[0] += session.config.browse_idle_seconds + 3  # quiet on the home page
    session.idle.poll()
    settle(1)
    save("kiosk-idle.png")
    session.guard.unlock()
    window.close()


if __name__ == "__main__":
    main()
