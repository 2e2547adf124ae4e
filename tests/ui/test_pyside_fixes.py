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


READS = """
import inspect, json, sys
read = []
real = inspect.getsource
def getsource(obj):
    read.append(getattr(obj, "__name__", "?"))
    return real(obj)
inspect.getsource = getsource
import jiangbei_reader.app
table = sys.modules["shibokensupport.feature"].pyside_feature_dict
print(json.dumps({"read": read, "window": table.get("jiangbei_reader.ui.window")}))
"""


def test_pysides_import_hook_reads_no_source_of_ours_to_start_the_window() -> None:
    import json

    result = subprocess.run(
        [sys.executable, "-c", READS],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
    )
    seen = json.loads(result.stdout.splitlines()[-1])
    ours = [name for name in seen["read"] if name.startswith("jiangbei_reader")]
    # The hook reads a module the first time an import statement names it: the
    # package's __init__ and pyside_fixes come before the table is filled in.
    assert set(ours) <= {"jiangbei_reader.ui.pyside_fixes"}
    assert len(seen["read"]) < 20  # typing, logging, pathlib … were read too before
    assert seen["window"] == 0  # what the hook itself notes for a module using PySide6


def test_feature_scan_notes_each_module_of_a_package_by_its_dotted_name(
    tmp_path: Path, monkeypatch
) -> None:
    import types

    from jiangbei_reader.ui import pyside_fixes

    for name in ("__init__.py", "a.py", "sub/__init__.py", "sub/b.py", "_private/c.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    table: dict[str, int] = {"jbpkg.a": -1}
    monkeypatch.setitem(
        sys.modules, "shibokensupport.feature", types.SimpleNamespace(pyside_feature_dict=table)
    )
    noted = pyside_fixes.skip_feature_scan(str(tmp_path), "jbpkg")
    assert {k: v for k, v in table.items() if k.split(".")[0] == "jbpkg"} == {
        "jbpkg": 0,
        "jbpkg.a": -1,  # what the hook noted already is kept
        "jbpkg.sub": 0,
        "jbpkg.sub.b": 0,
    }
    assert table["os"] == -1 and noted == len(table) - 1
    monkeypatch.setitem(sys.modules, "shibokensupport.feature", types.SimpleNamespace())
    assert pyside_fixes.skip_feature_scan(str(tmp_path), "jbpkg") == 0
