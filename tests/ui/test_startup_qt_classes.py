"""Which PySide6 classes the reader fetches before its first article is on screen.

PySide6 makes all of a class's Python enums the first time the class is fetched
from its module (or an object of it comes back to Python), about 1 M instructions
an enum. The classes named here are not needed for the first paint, so the modules
import them where they are used; this test keeps a top-level import from coming back.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.ui.probe_helpers import run_probe

#: Fetched later, not for the first paint of the bundled edition's first article.
NOT_AT_START = (
    "QtCore.QUrl",  # links: made when one is clicked or hovered
    "QtGui.QImage",  # the article's pictures, when there are any
    "QtGui.QTextCursor",  # search hits, read-aloud, reading positions
    "QtGui.QPainter",  # tinted toolbar icons, when first drawn
    "QtWidgets.QPinchGesture",  # a pinch over the article
    "QtWidgets.QStyleOptionFrame",  # the search box's width at a new font step
    "QtWidgets.QFormLayout",  # made by typing a QLayout that bar.layout() returns
    # Its 11 enums (~570 members): toolbar icons come from the pictures the style
    # draws them from, and the section tree lets Qt's item layout wrap its rows.
    "QtWidgets.QStyle",
)
#: Fetched for the first paint: shows the probe sees a class come into its module.
AT_START = ("QtGui.QTextDocument", "QtGui.QTextFrameFormat")

# Starts the window as main() does and notes, at the article pane's first paint,
# which of the classes are in their modules' namespaces (a class is put there when
# it is first fetched or first met).
PROBE = """
import json, sys
from PySide6.QtCore import QCoreApplication, QEvent, QObject
from jiangbei_reader.app import create_window
watched = json.loads(sys.argv[1])
seen = []

def fetched(name):
    module, _, cls = name.partition(".")
    return cls in vars(sys.modules["PySide6." + module])

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not seen:
            seen.append([name for name in watched if fetched(name)])
        return False

window = create_window(["--config-dir", sys.argv[2]])
spy = FirstPaint()
window.view.viewport().installEventFilter(spy)
window.show()
while not seen:
    QCoreApplication.processEvents()
print(json.dumps(seen[0]))
"""


def test_the_first_article_is_painted_without_fetching_classes_only_later_code_needs(
    tmp_path: Path,
) -> None:
    watched = json.dumps(NOT_AT_START + AT_START)
    fetched = run_probe(PROBE, watched, str(tmp_path / "c"), cache=tmp_path / "cache")
    assert [name for name in fetched if name not in AT_START] == []
    # The probe does see classes come into their modules: the first paint needs these.
    assert [name for name in AT_START if name not in fetched] == []
