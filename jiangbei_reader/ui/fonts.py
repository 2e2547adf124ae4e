"""The bundled CJK fonts: registered at start-up, with system CJK fonts as fallbacks."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from jiangbei_reader.resources import BUNDLED_FONT_FILES, resource

log = logging.getLogger(__name__)

#: Installed CJK sans fonts tried, in order, for characters the bundled subset lacks
#: (Linux, Windows, macOS names).
SANS_FALLBACKS: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
    "SimHei",
)
#: The same for the 宋体-style face.
SERIF_FALLBACKS: tuple[str, ...] = (
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "SimSun",
    "NSimSun",
    "Songti SC",
    "AR PL UMing CN",
    *SANS_FALLBACKS,
)


class BundledFonts(NamedTuple):
    """Family names the bundled fonts registered under; ``None`` when a face failed to load."""

    sans: str | None
    serif: str | None
    #: What went wrong, one message per file, for the log or a status line.
    problems: tuple[str, ...] = ()

    def families(self, *, serif: bool = False) -> list[str]:
        """The family list for QFont.setFamilies: the bundled face first, then fallbacks."""
        bundled = self.serif if serif else self.sans
        fallbacks = SERIF_FALLBACKS if serif else SANS_FALLBACKS
        return ([bundled] if bundled else []) + [f for f in fallbacks if f != bundled]


#: Files already added to Qt's font database, which is process-wide: a second
#: window (or test) must not load the same megabytes again.
_registered: dict[Path, str] = {}


def _register(path: Path) -> tuple[str | None, str | None]:
    """Add one font file to the application's font database: (family, problem)."""
    key = path.resolve()
    if key in _registered:
        return _registered[key], None
    if not path.is_file():
        return None, f"{path}: bundled font missing; system fonts are used instead"
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return None, f"{path}: Qt cannot load this font; system fonts are used instead"
    _registered[key] = families[0]
    return families[0], None


def register_bundled_fonts(font_dir: Path | None = None) -> BundledFonts:
    """Register every bundled face with Qt (needs a QGuiApplication) and name the families.

    A missing or broken file is logged and reported in ``problems``; the
    reader then runs on system fonts alone.
    """
    folder = font_dir if font_dir is not None else resource("fonts")
    found: dict[str, str] = {}
    problems: list[str] = []
    for name in BUNDLED_FONT_FILES:
        family, problem = _register(folder / name)
        if problem:
            log.warning("%s", problem)
            problems.append(problem)
        if family:
            found[name] = family
    sans = found.get("JiangbeiSansSC-Regular.otf") or found.get("JiangbeiSansSC-Bold.otf")
    serif = found.get("JiangbeiSerifSC-Regular.otf")
    return BundledFonts(sans, serif, tuple(problems))


def reader_font(
    fonts: BundledFonts, point_size: float | None = None, *, serif: bool = False
) -> QFont:
    """A font for article text or UI: the bundled face, then system CJK fonts."""
    font = QFont()
    families: Sequence[str] = fonts.families(serif=serif)
    font.setFamilies(list(families))
    if point_size is not None:
        font.setPointSizeF(point_size)
    return font


def apply_application_font(
    app: QGuiApplication, fonts: BundledFonts, point_size: float | None = None
) -> QFont:
    """Make the bundled sans face the application's base font (UI and article) and return it.

    Keeps the platform's default size unless ``point_size`` is given.
    """
    size = point_size or app.font().pointSizeF()
    # A pixel-sized platform font reports -1 points: keep its size as it is.
    font = reader_font(fonts, size if size > 0 else None)
    app.setFont(font)
    return font
