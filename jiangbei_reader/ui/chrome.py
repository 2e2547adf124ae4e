"""The window's chrome: the toolbar with the search box, and the menus, made from the actions."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QLineEdit, QMenuBar, QSizePolicy, QToolBar, QWidget

from jiangbei_reader.ui.actions import ActionId, Actions

#: Toolbar buttons, in groups separated by a line.
TOOLBAR_GROUPS: tuple[tuple[ActionId, ...], ...] = (
    (ActionId.BACK, ActionId.FORWARD),
    (ActionId.PREVIOUS_PAGE, ActionId.PREVIOUS_ARTICLE),
    (ActionId.NEXT_ARTICLE, ActionId.NEXT_PAGE),
    (ActionId.NEWEST_EDITION, ActionId.ARCHIVE, ActionId.WHOLE_STORY),
)

#: Menus: title and items (``None`` is a separator).
MENUS: tuple[tuple[str, tuple[ActionId | None, ...]], ...] = (
    (
        "报纸(&F)",
        (ActionId.NEWEST_EDITION, ActionId.ARCHIVE, None, ActionId.PRINT, None, ActionId.QUIT),
    ),
    (
        "阅读(&R)",
        (
            ActionId.BACK,
            ActionId.FORWARD,
            None,
            ActionId.PREVIOUS_ARTICLE,
            ActionId.NEXT_ARTICLE,
            ActionId.PREVIOUS_PAGE,
            ActionId.NEXT_PAGE,
            None,
            ActionId.FIND,
        ),
    ),
    ("视图(&V)", (ActionId.WHOLE_STORY, ActionId.FULL_SCREEN, None, ActionId.PROOF)),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Chrome", text)


def make_search_box(parent: QWidget) -> QLineEdit:
    """The search box (``searchBox``); the search feature connects to its window's signal."""
    box = QLineEdit(parent)
    box.setObjectName("searchBox")
    box.setPlaceholderText(_tr("搜索报纸（Ctrl+F）"))
    box.setAccessibleName(_tr("搜索"))
    box.setAccessibleDescription(_tr("输入要找的字词，按回车键搜索"))
    box.setClearButtonEnabled(True)
    box.setMaximumWidth(320)
    box.setMinimumWidth(160)
    return box


class ReaderToolBar(QToolBar):
    """Buttons for the reading actions and, at the right end, the search box.

    Labels beside the icons when the window is wide enough, icons alone when it
    is not, so the search box never disappears into the overflow menu.
    """

    def __init__(self, actions: Actions, search_box: QLineEdit, parent: QWidget) -> None:
        super().__init__(_tr("工具栏"), parent)
        self.setObjectName("mainToolBar")
        self.setAccessibleName(_tr("工具栏"))
        self.setMovable(False)
        self._actions = actions
        self.search_box = search_box
        for number, group in enumerate(TOOLBAR_GROUPS):
            if number:
                self.addSeparator()
            for action_id in group:
                self._add_button(action_id)
        spacer = QWidget(self)
        spacer.setObjectName("toolbarSpacer")
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._spacer = self.addWidget(spacer)
        self.addWidget(search_box)
        self._labelled_width = self._measure()

    def add_reader_action(self, action_id: ActionId) -> None:
        """Add a button for an action, after the others and before the search box."""
        self._add_button(action_id, before_search=True)
        self._labelled_width = self._measure()
        self.fit(self.window().width())

    def _add_button(self, action_id: ActionId, *, before_search: bool = False) -> None:
        action = self._actions[action_id]
        if before_search:
            self.insertAction(self._spacer, action)
        else:
            self.addAction(action)
        button = self.widgetForAction(action)
        if button is not None:
            button.setObjectName(f"button_{action_id.value}")
            button.setAccessibleName(action.text())
            button.setAccessibleDescription(action.toolTip())

    def _measure(self) -> int:
        """Width needed with labels beside the icons."""
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        return self.sizeHint().width() + self.search_box.minimumWidth()

    def fit(self, width: int) -> None:
        """Show labels when ``width`` holds them, icons alone when not."""
        style = (
            Qt.ToolButtonStyle.ToolButtonTextBesideIcon
            if self._labelled_width <= width
            else Qt.ToolButtonStyle.ToolButtonIconOnly
        )
        if self.toolButtonStyle() != style:
            self.setToolButtonStyle(style)

    def changeEvent(self, event: QEvent) -> None:
        """A new application font (font step, 长辈版) changes the width labels need."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "_spacer"):
            self._labelled_width = self._measure()
            self.fit(self.window().width())


def build_menus(bar: QMenuBar, actions: Actions) -> None:
    """Fill the menu bar from :data:`MENUS`."""
    bar.setObjectName("menuBar")
    bar.setAccessibleName(_tr("菜单栏"))
    for title, items in MENUS:
        text = _tr(title)
        menu = bar.addMenu(text)
        menu.setAccessibleName(text.split("(")[0])
        for item in items:
            if item is None:
                menu.addSeparator()
            else:
                menu.addAction(actions[item])
