"""The PySide6 6.12 / Python 3.11 reference leak on None and True does not crash the reader."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

MANY_CALLS = """
import sys
{setup}
from PySide6.QtCore import QCoreApplication, QObject, Signal

class Thing(QObject):
    changed = Signal(str)

app = QCoreApplication([])
thing = Thing()
for n in range(100_000):  # far more than None's and True's reference counts
    thing.setObjectName("x")
    thing.changed.emit("x")
print("survived", sys.getrefcount(None) > 0)
"""


def run(setup: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", MANY_CALLS.format(setup=setup)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
    )


def test_many_qt_calls_and_emits_survive_once_the_ui_package_is_imported() -> None:
    result = run("import jiangbei_reader.ui")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "survived True" in result.stdout


def test_the_probe_finds_the_leak_on_this_pyside6_or_nothing_on_a_fixed_one() -> None:
    from jiangbei_reader.ui.pyside_fixes import leaked_singletons

    leaks = leaked_singletons()
    assert set(map(repr, leaks)) <= {"None", "True"}
    if sys.version_info >= (3, 12):
        assert leaks == []
