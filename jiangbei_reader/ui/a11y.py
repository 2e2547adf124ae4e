"""Chinese accessible names for the parts Qt makes by itself inside our widgets.

Scroll bars, scroll-area viewports, splitter handles, the status bar's size
grip, the toolbar's overflow button and separators and a line edit's clear
button are created by Qt without a name, so a screen reader says nothing
useful for them. :func:`name_qt_parts` names each one after the widget it
belongs to; names already set are kept.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QLineEdit,
    QScrollBar,
    QSizeGrip,
    QSplitter,
    QSplitterHandle,
    QToolButton,
    QWidget,
)

#: The action Qt gives a line edit's clear button (``setClearButtonEnabled``).
_CLEAR_ACTION = "_q_qlineeditclearaction"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Accessibility", text)


def _owner_name(widget: QWidget) -> str:
    """The accessible name of the nearest named scroll area (or widget) holding ``widget``."""
    parent = widget.parentWidget()
    fallback = ""
    while parent is not None:
        if parent.accessibleName():
            if isinstance(parent, QAbstractScrollArea):
                return parent.accessibleName()
            fallback = fallback or parent.accessibleName()
        parent = parent.parentWidget()
    return fallback


def _splitter_handle_name(handle: QSplitterHandle) -> str:
    splitter = handle.splitter()
    index = splitter.indexOf(handle)
    before = splitter.widget(index - 1) if index > 0 else None
    after = splitter.widget(index)
    names = [w.accessibleName() for w in (before, after) if w is not None and w.accessibleName()]
    if len(names) == 2:
        return _tr("分隔条：拖动调整{0}和{1}的宽度").format(*names)
    return _tr("分隔条：拖动调整两边的宽度")


def qt_part_name(widget: QWidget) -> str:
    """The name for one of Qt's own parts, or ``""`` when ``widget`` is not one of them."""
    class_name = widget.metaObject().className()
    object_name = widget.objectName()
    if isinstance(widget, QScrollBar):
        vertical = widget.orientation().name == "Vertical"
        kind = _tr("垂直滚动条") if vertical else _tr("水平滚动条")
        owner = _owner_name(widget)
        return _tr("{0}的{1}").format(owner, kind) if owner else kind
    if object_name == "qt_scrollarea_viewport":
        owner = _owner_name(widget)
        return _tr("{0}的显示区").format(owner) if owner else _tr("显示区")
    if object_name in ("qt_scrollarea_vcontainer", "qt_scrollarea_hcontainer"):
        owner = _owner_name(widget)
        return _tr("{0}的滚动条区").format(owner) if owner else _tr("滚动条区")
    if isinstance(widget, QSplitterHandle):
        return _splitter_handle_name(widget)
    if isinstance(widget, QSizeGrip):
        return _tr("拖动调整窗口大小")
    if object_name == "qt_toolbar_ext_button":
        return _tr("更多按钮（工具栏放不下的）")
    if class_name == "QToolBarSeparator":
        return _tr("分隔线")
    if isinstance(widget, QToolButton) and isinstance(widget.parentWidget(), QLineEdit):
        action = widget.defaultAction()
        if action is not None and action.objectName() == _CLEAR_ACTION:
            box = widget.parentWidget()
            owner = box.accessibleName() if box is not None else ""
            return _tr("清除{0}框中的文字").format(owner) if owner else _tr("清除文字")
    if class_name == "QWidget" and "spacer" in object_name.lower():
        return _tr("空白")
    if isinstance(widget.parentWidget(), QSplitter):
        return _tr("侧栏")
    return ""


def name_qt_parts(root: QWidget) -> int:
    """Name every unnamed Qt part under ``root``; returns how many were named."""
    named = 0
    for widget in root.findChildren(QWidget):
        if widget.accessibleName():
            continue
        name = qt_part_name(widget)
        if name:
            widget.setAccessibleName(name)
            named += 1
    return named
