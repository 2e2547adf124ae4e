"""Shared test set-up: headless Qt, and config/cache/data dirs that are never the user's."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Qt looks up fonts on every start; keep its caches out of the user's home. QtTextToSpeech
# loads QtMultimedia, which warns on a machine without PipeWire (the sound system is not
# what the tests are about, and a warning fails a test).
os.environ.setdefault(
    "QT_LOGGING_RULES",
    "qt.qpa.fonts.warning=false;qt.multimedia.symbolsresolver.warning=false",
)

DATA = Path(__file__).parent / "data"
SEED = DATA / "000_496bd8901b2cf08b.txt"


@pytest.fixture(autouse=True)
def _isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Point XDG config/cache/data dirs at a temporary folder for every test."""
    base = tmp_path_factory.mktemp("xdg")
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        path = base / name.lower()
        path.mkdir()
        monkeypatch.setenv(name, str(path))
    monkeypatch.setenv("HOME", str(base / "home"))
    (base / "home").mkdir()
    yield


@pytest.fixture
def seed_text() -> str:
    """The raw text of the one real edition we have (the importer's first input)."""
    return SEED.read_text(encoding="utf-8")
