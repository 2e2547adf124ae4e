"""Every user action declared once: id, Chinese text, icon and shortcuts.

Menus, the toolbar, the 长辈版 bar and the kiosk overlay all reuse the same
``QAction`` objects from :class:`Actions`, so a shortcut or a label is changed
in one place. To add an action: add an :class:`ActionId`, a spec in
:data:`ACTION_SPECS`, and connect ``actions[ActionId.X].triggered`` where it is
handled (the window does it in ``_connect_actions``).
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, QObject, QSize
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QApplication

#: Translation context of action texts (``QCoreApplication.translate``).
CONTEXT = "Actions"


def _noop(text: str) -> str:
    """Marks a string for translation where it is declared (like ``QT_TR_NOOP``)."""
    return text


class ActionId(enum.Enum):
    """Stable ids of user actions (also their objectName: ``action_<id>``)."""

    BACK = "back"
    FORWARD = "forward"
    PREVIOUS_ARTICLE = "previous_article"
    NEXT_ARTICLE = "next_article"
    PREVIOUS_PAGE = "previous_page"
    NEXT_PAGE = "next_page"
    NEWEST_EDITION = "newest_edition"
    ARCHIVE = "archive"
    WHOLE_STORY = "whole_story"
    FULL_SCREEN = "full_screen"
    FIND = "find"
    PROOF = "proof"
    PRINT = "print"
    QUIT = "quit"


Shortcut = QKeySequence.StandardKey | str


class ActionSpec(NamedTuple):
    """How an action looks and which keys trigger it."""

    id: ActionId
    text: str
    tip: str
    #: Freedesktop icon name, tried first (system icon themes).
    icon: str = ""
    #: Fallback icon from the Qt style, always available (a ``QStyle.StandardPixmap`` name).
    style_icon: str = ""
    shortcuts: tuple[Shortcut, ...] = ()
    checkable: bool = False


SK = QKeySequence.StandardKey

ACTION_SPECS: tuple[ActionSpec, ...] = (
    ActionSpec(
        ActionId.BACK,
        _noop("后退"),
        _noop("回到上一个看过的地方"),
        "go-previous",
        "SP_ArrowBack",
        (SK.Back,),
    ),
    ActionSpec(
        ActionId.FORWARD,
        _noop("前进"),
        _noop("回到后退前的地方"),
        "go-next",
        "SP_ArrowForward",
        (SK.Forward,),
    ),
    ActionSpec(
        ActionId.PREVIOUS_ARTICLE,
        _noop("上一篇"),
        _noop("本期的上一篇文章"),
        "go-up",
        "SP_ArrowUp",
        ("P", "Ctrl+PgUp"),
    ),
    ActionSpec(
        ActionId.NEXT_ARTICLE,
        _noop("下一篇"),
        _noop("本期的下一篇文章（读到文末时按空格键也可以）"),
        "go-down",
        "SP_ArrowDown",
        ("N", "Ctrl+PgDown"),
    ),
    ActionSpec(
        ActionId.PREVIOUS_PAGE,
        _noop("上一版"),
        _noop("本期的上一个版面"),
        "go-first",
        "SP_MediaSkipBackward",
        ("Alt+PgUp", "["),
    ),
    ActionSpec(
        ActionId.NEXT_PAGE,
        _noop("下一版"),
        _noop("本期的下一个版面"),
        "go-last",
        "SP_MediaSkipForward",
        ("Alt+PgDown", "]"),
    ),
    ActionSpec(
        ActionId.NEWEST_EDITION,
        _noop("最新一期"),
        _noop("打开最新的一期报纸"),
        "go-home",
        "SP_DirHomeIcon",
        ("Alt+Home",),
    ),
    ActionSpec(
        ActionId.ARCHIVE,
        _noop("往期"),
        _noop("按日期选择往期报纸"),
        "x-office-calendar",
        "SP_FileDialogDetailedView",
        ("Ctrl+D",),
    ),
    ActionSpec(
        ActionId.WHOLE_STORY,
        _noop("全文连读"),
        _noop("跨版刊登的文章连成一篇阅读"),
        "view-continuous",
        "SP_FileDialogContentsView",
        ("Ctrl+L",),
        checkable=True,
    ),
    ActionSpec(
        ActionId.FULL_SCREEN,
        _noop("全屏"),
        _noop("全屏阅读（再按一次退出）"),
        "view-fullscreen",
        "SP_TitleBarMaxButton",
        (SK.FullScreen, "F11"),
        checkable=True,
    ),
    ActionSpec(
        ActionId.FIND,
        _noop("搜索"),
        _noop("在报纸中搜索"),
        "edit-find",
        "SP_FileDialogContentsView",
        (SK.Find,),
    ),
    ActionSpec(
        ActionId.PROOF,
        _noop("校对"),
        _noop("查看本期的源文件与排版效果，文件保存后自动刷新（编辑用）"),
        "document-edit",
        "SP_FileDialogInfoView",
        ("Ctrl+U",),
    ),
    ActionSpec(
        ActionId.PRINT,
        _noop("打印"),
        _noop("打印正在阅读的文章"),
        "document-print",
        "SP_FileIcon",
        (SK.Print,),
    ),
    ActionSpec(
        ActionId.QUIT,
        _noop("退出"),
        _noop("关闭阅读器"),
        "application-exit",
        "SP_DialogCloseButton",
        (SK.Quit, "Ctrl+Q"),
    ),
)


def key_sequences(shortcuts: tuple[Shortcut, ...]) -> list[QKeySequence]:
    """The key sequences of some shortcuts on this platform, without duplicates or empties."""
    result: list[QKeySequence] = []
    for shortcut in shortcuts:
        if isinstance(shortcut, str):
            candidates = [QKeySequence(shortcut)]
        else:
            candidates = QKeySequence.keyBindings(shortcut)
        for sequence in candidates:
            if not sequence.isEmpty() and sequence not in result:
                result.append(sequence)
    return result


#: The pictures Qt's common style draws its standard icons from, by ``StandardPixmap``
#: name: ``<picture>-<size>.png`` among Qt's own resources (the same pixels, tested).
_STYLE_PICTURES = ":/qt-project.org/styles/commonstyle/images/{}-{}.png"
_SIZES = (16, 32, 128)
STYLE_PICTURES: dict[str, tuple[str, tuple[int, ...]]] = {
    "SP_ArrowBack": ("arrow-left", _SIZES),
    "SP_ArrowForward": ("arrow-right", _SIZES),
    "SP_ArrowUp": ("arrow-up", _SIZES),
    "SP_ArrowDown": ("arrow-down", _SIZES),
    "SP_MediaSkipBackward": ("media-skip-backward", _SIZES),
    "SP_MediaSkipForward": ("media-skip-forward", _SIZES),
    "SP_DirHomeIcon": ("dirclosed", _SIZES),
    "SP_FileDialogDetailedView": ("viewdetailed", _SIZES),
    "SP_FileDialogContentsView": ("filecontents", _SIZES),
    "SP_TitleBarMaxButton": ("titlebar-max", (16, 32, 48)),
    "SP_FileDialogInfoView": ("fileinfo", _SIZES),
    "SP_FileIcon": ("file", _SIZES),
    "SP_DialogCloseButton": ("standardbutton-close", _SIZES),
}


def style_icon(name: str) -> QIcon:
    """The Qt style's standard icon ``name``, from the pictures it is drawn from when there.

    Asking the style itself (``QApplication.style().standardIcon``) makes PySide6 build
    QStyle's Python enums, 11 of them with ~570 members: 4 % of the instructions
    to the first paint, which needs no other use of QStyle. A Qt without those
    pictures (they are Qt's, not ours) still gets the style's icon.
    """
    icon = QIcon()
    # The pictures are the left-to-right ones (后退 points left); a right-to-left
    # layout asks the style, which mirrors them.
    picture, sizes = STYLE_PICTURES.get(name, ("", ()))
    if QApplication.isRightToLeft():
        sizes = ()
    for size in sizes:
        # A file Qt lacks is not added (but makes QIcon load its icon engine plugins,
        # the SVG one with QtSvg: hence the sizes each picture has).
        icon.addFile(_STYLE_PICTURES.format(picture, size), QSize(size, size))
    if icon.isNull():
        from PySide6.QtWidgets import QStyle

        icon = QApplication.style().standardIcon(getattr(QStyle.StandardPixmap, name))
    return icon


def _icon(spec: ActionSpec) -> QIcon:
    icon = QIcon.fromTheme(spec.icon) if spec.icon else QIcon()
    if icon.isNull() and spec.style_icon:
        icon = style_icon(spec.style_icon)
    return icon


class Actions:
    """The window's actions, made from :data:`ACTION_SPECS`; look them up by :class:`ActionId`."""

    def __init__(self, parent: QObject) -> None:
        self._actions: dict[ActionId, QAction] = {}
        for spec in ACTION_SPECS:
            text = QCoreApplication.translate(CONTEXT, spec.text)
            action = QAction(_icon(spec), text, parent)
            action.setObjectName(f"action_{spec.id.value}")
            tip = QCoreApplication.translate(CONTEXT, spec.tip)
            sequences = key_sequences(spec.shortcuts)
            action.setShortcuts(sequences)
            if sequences:
                keys = sequences[0].toString(QKeySequence.SequenceFormat.NativeText)
                tip = f"{tip}（{keys}）"
            action.setToolTip(tip)
            action.setStatusTip(tip)
            action.setCheckable(spec.checkable)
            self._actions[spec.id] = action

    def __getitem__(self, action_id: ActionId) -> QAction:
        return self._actions[action_id]

    def __iter__(self) -> Iterator[QAction]:
        return iter(self._actions.values())

    def spec(self, action_id: ActionId) -> ActionSpec:
        """The declaration of an action."""
        return next(spec for spec in ACTION_SPECS if spec.id is action_id)
