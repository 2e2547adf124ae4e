"""Search loads pypinyin and OpenCC when first needed, not when the window is imported or built.

(The edition parser's slugs load pypinyin when the first edition is read: that
is the parser's, outside search.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jiangbei_reader
from jiangbei_reader.core.library import Library
from jiangbei_reader.core.search import SearchIndex, default_index_path
from jiangbei_reader.resources import editions_dir

# Builds the window as the reader starts, lets the index update finish (nothing to do:
# the index is current), then reports which converters are loaded; then uses them.
PROBE = """
import json, sys
from jiangbei_reader.app import create_window
from jiangbei_reader.ui.search_controller import SearchController
window = create_window(["--editions", sys.argv[1]])
window.show()
search = window.findChild(SearchController, "searchController")
from PySide6.QtCore import QCoreApplication
while search.indexing:
    QCoreApplication.processEvents()
loaded = {"opened": [m for m in ("opencc",) if m in sys.modules]}
search.index.search("jiangbei")
loaded["ascii query"] = [m for m in ("pypinyin", "opencc") if m in sys.modules]
search.index.suggest("jbz")
loaded["suggestion"] = [m for m in ("pypinyin", "opencc") if m in sys.modules]
search.index.search("江北區")
loaded["chinese query"] = [m for m in ("pypinyin", "opencc") if m in sys.modules]
print(json.dumps(loaded))
"""


def _run(code: str, *args: str) -> str:
    root = str(Path(jiangbei_reader.__file__).resolve().parents[1])
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        env={**os.environ, "PYTHONPATH": root, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1]


def test_importing_the_app_loads_neither_pypinyin_nor_opencc() -> None:
    code = (
        "import sys, jiangbei_reader.app, jiangbei_reader.core.search.command; "
        "print([m for m in ('pypinyin', 'opencc') if m in sys.modules])"
    )
    assert _run(code) == "[]"


def test_the_window_opens_without_opencc_and_loads_it_for_chinese(tmp_path: Path) -> None:
    # An index that is up to date, so the start-up update has nothing to build.
    index = SearchIndex.open(default_index_path([editions_dir()]), Library([editions_dir()]))
    index.update()
    index.close()
    loaded = json.loads(_run(PROBE, str(editions_dir())))
    assert loaded["opened"] == []
    # Pinyin is searched through the vocabulary table: no converter needed for that.
    assert "opencc" not in loaded["ascii query"]
    assert "pypinyin" in loaded["suggestion"]
    assert "opencc" in loaded["chinese query"]
