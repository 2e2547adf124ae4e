"""The actions' fallback icons are the Qt style's standard icons, without asking the style."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QImage
from PySide6.QtWidgets import QApplication, QStyle

from jiangbei_reader.ui.actions import ACTION_SPECS, STYLE_PICTURES, style_icon


def _pixels(icon: QIcon, size: int) -> QImage:
    return icon.pixmap(size).toImage().convertToFormat(QImage.Format.Format_ARGB32)


@pytest.mark.parametrize("name", sorted(STYLE_PICTURES))
def test_each_picture_icon_is_the_style_s_own(qapp: QApplication, name: str) -> None:
    icon = style_icon(name)
    # Drawn from Qt's resources: a Qt that moved them would fall back to the style,
    # slower at start-up; this says so.
    # Every size the table names is there (a missing file would load QtSvg).
    assert sorted(s.width() for s in icon.availableSizes()) == sorted(STYLE_PICTURES[name][1])
    standard = QApplication.style().standardIcon(getattr(QStyle.StandardPixmap, name))
    for size in (16, 22, 24, 32, 48):
        assert _pixels(icon, size) == _pixels(standard, size), f"{name} at {size} px"


def test_every_action_s_fallback_has_a_picture(qapp: QApplication) -> None:
    fallbacks = {spec.style_icon for spec in ACTION_SPECS if spec.style_icon}
    assert fallbacks, "no action names a style icon"
    assert sorted(fallbacks - STYLE_PICTURES.keys()) == []


def test_a_standard_icon_without_a_picture_still_comes_from_the_style(
    qapp: QApplication,
) -> None:
    icon = style_icon("SP_TrashIcon")
    assert not icon.isNull()
    standard = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_TrashIcon)
    assert _pixels(icon, 32) == _pixels(standard, 32)


def test_a_right_to_left_layout_gets_the_style_s_mirrored_arrows(qapp: QApplication) -> None:
    left_to_right = _pixels(style_icon("SP_ArrowBack"), 32)
    qapp.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        back = style_icon("SP_ArrowBack")
        standard = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_ArrowBack)
        assert _pixels(back, 32) == _pixels(standard, 32)
        assert _pixels(back, 32) != left_to_right  # 后退 points right there
    finally:
        qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
