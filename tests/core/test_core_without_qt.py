"""The core never imports Qt: every core module imports where importing PySide6 fails."""

import pkgutil
import subprocess
import sys

import jiangbei_reader.core

BLOCK_QT = """
import importlib, sys
class BlockQt:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith(("PySide6.", "shiboken6")):
            raise ImportError("Qt is blocked in the core: " + name)
sys.meta_path.insert(0, BlockQt())
for name in sys.argv[1:]:
    importlib.import_module(name)
print("imported", len(sys.argv) - 1)
"""


def core_modules():
    package = jiangbei_reader.core
    return sorted(
        info.name for info in pkgutil.walk_packages(package.__path__, prefix=package.__name__ + ".")
    )


def test_every_core_module_imports_with_pyside6_blocked():
    modules = core_modules()
    assert "jiangbei_reader.core.parser" in modules
    done = subprocess.run(
        [sys.executable, "-c", BLOCK_QT, *modules], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"imported {len(modules)}"


def test_the_blocker_really_blocks_qt():
    done = subprocess.run([sys.executable, "-c", BLOCK_QT, "PySide6.QtCore"], capture_output=True)
    assert done.returncode != 0
