"""Where the bundled editions and resources are found: a checkout, or an installed wheel."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import jiangbei_reader.resources as resources

PROBE = (
    "from jiangbei_reader.resources import editions_dir, resources_dir\n"
    "print(editions_dir()); print(resources_dir())"
)


def _layout(root: Path, *, checkout: bool) -> Path:
    package = root / "jiangbei_reader"
    package.mkdir(parents=True)
    shutil.copy(Path(resources.__file__), package / "resources.py")
    (package / "__init__.py").write_text("", encoding="utf-8")
    for name in ("editions", "resources"):
        (package / "_bundled" / name).mkdir(parents=True)
        (
            root / name
        ).mkdir()  # beside the package: ours in a checkout, a stranger's in site-packages
    if checkout:
        (root / "pyproject.toml").write_text("[project]\nname = 'jiangbei-reader'\n", "utf-8")
        shutil.rmtree(package / "_bundled")
    return package


def _found(root: Path) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=root.parent,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(root)},
        check=True,
    )
    return done.stdout.split()


def test_an_installed_wheel_uses_its_own_copy_not_a_folder_beside_it(tmp_path: Path) -> None:
    site = tmp_path / "site-packages"
    package = _layout(site, checkout=False)
    assert _found(site) == [
        str(package / "_bundled" / "editions"),
        str(package / "_bundled" / "resources"),
    ]


def test_a_checkout_uses_its_top_level_folders(tmp_path: Path) -> None:
    checkout = tmp_path / "checkout"
    _layout(checkout, checkout=True)
    assert _found(checkout) == [str(checkout / "editions"), str(checkout / "resources")]
