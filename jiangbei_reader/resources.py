"""Where the bundled `resources/` and `editions/` live: checkout, wheel or frozen build."""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent

#: The font the article view and the UI use; the other bundled faces share its character set.
BUNDLED_FONT_FILE = "JiangbeiSansSC-Regular.otf"
#: Every face the subset script makes, in `resources/fonts/` (named here, not in
#: core ``fontcheck``, so that registering them at start-up does not import the checker).
BUNDLED_FONT_FILES: tuple[str, ...] = (
    "JiangbeiSansSC-Regular.otf",
    "JiangbeiSansSC-Bold.otf",
    "JiangbeiSerifSC-Regular.otf",
)


def _bundled(name: str) -> Path:
    # A frozen build (PyInstaller) unpacks data next to sys._MEIPASS.
    frozen = getattr(sys, "_MEIPASS", None)
    candidates = []
    if frozen:
        candidates.append(Path(frozen) / name)
    # An installed wheel: hatch's force-include maps the folder into the package.
    candidates.append(_PACKAGE_DIR / "_bundled" / name)
    # A checkout (or an editable install): the top-level folder beside the package. Only
    # there: in site-packages a folder of that name would be another package's.
    if (_PACKAGE_DIR.parent / "pyproject.toml").is_file():
        candidates.append(_PACKAGE_DIR.parent / name)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[-1]


def resources_dir() -> Path:
    """The folder with icons, styles, fonts and the desktop entry."""
    return _bundled("resources")


def editions_dir() -> Path:
    """The folder with the bundled edition files."""
    return _bundled("editions")


def resource(*parts: str) -> Path:
    """A path inside `resources/`."""
    return resources_dir().joinpath(*parts)
