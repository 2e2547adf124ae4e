"""What the reader loads before its first article is on screen.

Start-up time is mostly imports. Modules that the first article does not need
(search, read-aloud, proofing, Python-Markdown for a plain article…) load when
first used; this test names them, so a new import at start-up is a decision.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.ui.probe_helpers import run_probe

#: Loaded later, not for the first paint of the bundled edition's first article.
NOT_AT_START = (
    "markdown",
    "pygments",
    "hashlib",
    "dataclasses",  # a class of them compiles its methods when made: the start has none
    "platformdirs",  # core.user_dirs reads the XDG folders itself
    "html",  # its entity tables: the renderer escapes on its own
    "pypinyin",
    "opencc",
    "PySide6.QtTextToSpeech",
    "PySide6.QtMultimedia",
    "jiangbei_reader.core.speech",
    "jiangbei_reader.core.contrast",  # the themes' contrast rules: for tests and tools
    "jiangbei_reader.core.fontcheck",  # the glyph checker of `check` and 校对
    "jiangbei_reader.core.proofing",
    "jiangbei_reader.ui.proofing",  # 校对 (Ctrl+U), with Pygments
    "jiangbei_reader.ui.date_picker",  # the 往期 calendar
    "jiangbei_reader.core.importer",
    "jiangbei_reader.core.search.index",
    "jiangbei_reader.core.search.indexer",
    "jiangbei_reader.core.search.normalize",
    "jiangbei_reader.core.search.query",
    "jiangbei_reader.core.search.searcher",
)

# Starts the window as main() does, notes the modules at the article pane's first
# paint, then again once the search index update (started after it) is done.
PROBE = """
import json, sys
from PySide6.QtCore import QCoreApplication, QEvent, QObject
from jiangbei_reader.app import create_window
watched = json.loads(sys.argv[1])
seen = {}

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and "paint" not in seen:
            seen["paint"] = sorted(m for m in watched if m in sys.modules)
            with open("/proc/self/maps") as maps:
                seen["QtSvg loaded"] = "libQt6Svg" in maps.read()
        return False

window = create_window(["--config-dir", sys.argv[2]])
spy = FirstPaint()
window.view.viewport().installEventFilter(spy)
window.show()
search = window.findChild(QObject, "searchController")
while "paint" not in seen or search.indexing:
    QCoreApplication.processEvents()
seen["indexed"] = sorted(m for m in watched if m in sys.modules)
window.proofing.views  # using a feature loads it
seen["proofing used"] = "jiangbei_reader.ui.proofing" in sys.modules
icon = QCoreApplication.instance().windowIcon()
seen["icon sizes"] = sorted(size.width() for size in icon.availableSizes())
print(json.dumps(seen))
"""


def test_the_first_article_is_painted_before_search_read_aloud_and_markdown_load(
    tmp_path: Path,
) -> None:
    watched = json.dumps(NOT_AT_START)
    runs = [
        run_probe(PROBE, watched, str(tmp_path / "config"), cache=tmp_path / "cache")
        for _ in range(2)
    ]
    # The first start too: the bundled edition names its articles' ids ({#…}), so
    # no slug has to be worked out from pinyin (pypinyin takes 0.2 s to load).
    assert runs[0]["paint"] == []
    seen = runs[1]
    assert seen["paint"] == []
    # The window icon is made of the shipped PNGs: an SVG one loads QtSvg (~2 ms).
    assert seen["QtSvg loaded"] is False
    assert {16, 48, 256} <= set(seen["icon sizes"])
    # The probe does see modules load: the index update brought the search core, and
    # 校对 comes when it is used.
    assert "jiangbei_reader.core.search.index" in seen["indexed"]
    assert seen["proofing used"] is True


#: Qt-free modules that app.py imports before PySide6 (whose import hook reads the
#: source of every module imported after it).
BEFORE_PYSIDE = (
    "jiangbei_reader.core.display",
    "jiangbei_reader.core.library",
    "jiangbei_reader.core.model",
    "jiangbei_reader.core.navigation",
    "jiangbei_reader.core.parser",
    "jiangbei_reader.core.render",
    "jiangbei_reader.core.settings",
    "jiangbei_reader.core.themes",
    "jiangbei_reader.core.typography",
    "jiangbei_reader.core.voices",
)

ORDER_PROBE = """
import json, sys
order = []

class Spy:
    def find_spec(self, name, path=None, target=None):
        order.append(name)

sys.meta_path.insert(0, Spy())
import jiangbei_reader.app
print(json.dumps(order))
"""


def test_the_window_s_qt_free_modules_are_imported_before_pyside6() -> None:
    order = run_probe(ORDER_PROBE)
    pyside = order.index("PySide6")
    assert [m for m in BEFORE_PYSIDE if m not in order[:pyside]] == []
