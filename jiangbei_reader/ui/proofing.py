"""「校对」: an edition's source, highlighted, beside the article it renders to.

For editors finishing an importer draft: the source is coloured by the edition
lexer (core ``proofing``), lines with problems are marked and listed, and the
preview shows the article the cursor is in. The file is watched: every save (also
an editor's write-to-temp-and-rename) reloads the view and the reader's copy of
the edition. Never in kiosk mode (the guard removes the action) or in 长辈版.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QFileSystemWatcher,
    QModelIndex,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QCloseEvent, QTextCursor
from PySide6.QtWidgets import (
    QLabel,
    QListView,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from jiangbei_reader.core.diagnostics import Diagnostic, Severity
from jiangbei_reader.core.display import DisplaySettings
from jiangbei_reader.core.navigation import RouteKind
from jiangbei_reader.core.proofing import (
    LINE_ANCHOR,
    Proof,
    diagnostic_text,
    load_proof,
    problem_lines,
    source_html,
)
from jiangbei_reader.core.render import render_article, render_message, resolve_image
from jiangbei_reader.ui.actions import ActionId
from jiangbei_reader.ui.article_view import ArticleView
from jiangbei_reader.ui.window import ReaderWindow

#: Saves come in bursts (write, rename, touch): read once they are over.
RELOAD_DELAY_MS = 250


class ProofingWindow(QWidget):
    """Source | preview, the problem list under them; follows the file on disk."""

    #: The file was read (again): the new :class:`Proof`.
    reloaded = Signal(object)

    def __init__(self, path: Path, display: DisplaySettings, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("proofingView")
        self.setAccessibleName(self.tr("校对"))
        self.path = path
        self.display = display
        self.proof: Proof | None = None
        self._article_id: str | None = None

        self.header = QLabel(self)
        self.header.setObjectName("proofStatus")
        self.header.setAccessibleName(self.tr("校对状态"))
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source = QTextBrowser(self)
        self.source.setObjectName("proofSource")
        self.source.setAccessibleName(self.tr("源文件"))
        self.source.setOpenLinks(False)
        self.source.setLineWrapMode(QTextBrowser.LineWrapMode.WidgetWidth)
        # Source lines wrap (a paragraph is one line): never a sideways scroll bar.
        self.source.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.source.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.preview = ArticleView(self)
        self.preview.setObjectName("proofPreview")
        self.preview.setAccessibleName(self.tr("排版效果"))
        self.preview.set_image_resolver(self._resolve_image)
        self.problems = QListView(self)
        self.problems.setObjectName("proofDiagnostics")
        self.problems.setAccessibleName(self.tr("问题列表"))
        self.problems.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.problems.setUniformItemSizes(True)
        self._problem_model = QStringListModel(self)
        self.problems.setModel(self._problem_model)
        self._problem_list: list[Diagnostic] = []

        panes = QSplitter(Qt.Orientation.Horizontal, self)
        panes.setObjectName("proofPanes")
        panes.setAccessibleName(self.tr("源文件与排版效果"))
        panes.addWidget(self.source)
        panes.addWidget(self.preview)
        panes.setSizes([560, 640])
        outer = QSplitter(Qt.Orientation.Vertical, self)
        outer.setObjectName("proofSplitter")
        outer.setAccessibleName(self.tr("校对区"))
        outer.addWidget(panes)
        outer.addWidget(self.problems)
        outer.setStretchFactor(0, 4)
        outer.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(outer, 1)

        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._on_file_changed)
        self.watcher.directoryChanged.connect(self._on_file_changed)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload)
        self.source.cursorPositionChanged.connect(self._on_source_cursor_moved)
        self.problems.activated.connect(self._on_problem_activated)
        self.problems.clicked.connect(self._on_problem_activated)
        self.resize(1200, 760)
        self.reload()

    # -- reading the file ---------------------------------------------------------------

    @Slot()
    def reload(self) -> None:
        """Read the file again, keeping the place in the source and the article previewed."""
        self._watch()
        bar = self.source.verticalScrollBar()
        scrolled = bar.value()
        proof = load_proof(self.path)
        self.proof = proof
        if proof.text is None:
            self.source.setPlainText("")
        else:
            self.source.setHtml(source_html(proof.text, problem_lines(proof.diagnostics)))
        bar.setValue(scrolled)
        self._problem_list = list(proof.diagnostics)
        self._problem_model.setStringList([diagnostic_text(d) for d in self._problem_list])
        self._say_counts(proof)
        self.show_article(self._article_id, again=True)
        self.reloaded.emit(proof)

    def _watch(self) -> None:
        # Editors that save by renaming a temporary file drop the watched inode: watch
        # the folder as well, and add the file again whenever it is back.
        for watched in self.watcher.files() + self.watcher.directories():
            self.watcher.removePath(watched)
        if self.path.exists():
            self.watcher.addPath(str(self.path))
        if self.path.parent.is_dir():
            self.watcher.addPath(str(self.path.parent))

    @Slot(str)
    def _on_file_changed(self, _path: str) -> None:
        self._reload_timer.start()

    def _say_counts(self, proof: Proof) -> None:
        errors, warnings = proof.count(Severity.ERROR), proof.count(Severity.WARNING)
        if proof.text is None:
            state = self.tr("无法读取这个文件")
        elif errors or warnings:
            state = self.tr("{0} 个错误，{1} 个警告（待核意见也算警告）").format(errors, warnings)
        else:
            state = self.tr("没有发现问题")
        self.header.setText(f"{self.path}\n{state}")
        self.setWindowTitle(self.tr("校对 — {0}").format(self.path.name))

    # -- what is shown ------------------------------------------------------------------

    def show_article(self, article_id: str | None, *, again: bool = False) -> None:
        """Preview an article of the file (the first one when ``None`` or gone).

        The preview is drawn only when the article changes, or ``again`` after a reload.
        """
        proof = self.proof
        edition = proof.edition if proof is not None else None
        if proof is None or edition is None:
            first = next(
                (d for d in (proof.diagnostics if proof else ()) if d.severity is Severity.ERROR),
                None,
            )
            message = first.message if first is not None else self.tr("这个文件不是一期报纸")
            self.preview.show_html(render_message(self.tr("无法排版"), message, self.display))
            return
        article = edition.article(article_id) if article_id else None
        if article is None:
            article = next((a for p in edition.pages for a in p.articles), None)
        if article is None:
            self.preview.show_html(
                render_message(edition.title, self.tr("这一期没有文章"), self.display)
            )
            return
        if again or article.id != self._article_id or not self.preview.html:
            self._article_id = article.id
            self.preview.show_html(render_article(edition, article, self.display))

    def show_line(self, line: int) -> None:
        """Put ``line`` (1-based) of the source in view and preview its article."""
        self.source.scrollToAnchor(f"{LINE_ANCHOR}-{line}")
        block = self.source.document().findBlockByNumber(max(0, line - 1))
        if block.isValid():
            cursor = QTextCursor(block)
            self.source.setTextCursor(cursor)
        self._preview_line(line)

    def current_line(self) -> int:
        """The source line the cursor is on (1-based)."""
        return self.source.textCursor().blockNumber() + 1

    def _preview_line(self, line: int) -> None:
        proof = self.proof
        article = proof.article_at(line) if proof is not None else None
        if article is not None:
            self.show_article(article.id)

    @Slot()
    def _on_source_cursor_moved(self) -> None:
        self._preview_line(self.current_line())

    @Slot(QModelIndex)
    def _on_problem_activated(self, index: QModelIndex) -> None:
        if 0 <= index.row() < len(self._problem_list):
            self.show_line(max(1, self._problem_list[index.row()].line))

    def _resolve_image(self, _edition_key: str, relative: str) -> Path | None:
        return resolve_image(self.path, relative)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Stop watching the file."""
        self._reload_timer.stop()
        for watched in self.watcher.files() + self.watcher.directories():
            self.watcher.removePath(watched)
        super().closeEvent(event)


class Proofing:
    """The window's 「校对」 action: opens (or raises) the proofing view of an edition file."""

    def __init__(self, window: ReaderWindow) -> None:
        self.window = window
        self.views: dict[Path, ProofingWindow] = {}
        self._edition_keys: dict[Path, str | None] = {}
        window.reader_actions[ActionId.PROOF].triggered.connect(self.open_current)

    def open_current(self) -> ProofingWindow | None:
        """The proofing view of the edition being read, at the article being read."""
        window = self.window
        if not window.reader_actions[ActionId.PROOF].isEnabled():
            return None  # 长辈版 or kiosk
        current = window.router.current
        ref = window.library.ref(current.route.edition_key or "") if current else None
        if current is None or ref is None:
            window.statusBar().showMessage(window.tr("先打开一期报纸，再校对它的源文件"), 5000)
            return None
        view = self.open(ref.path)
        edition = view.proof.edition if view.proof is not None else None
        if edition is not None and current.route.kind is RouteKind.ARTICLE:
            article = edition.article(current.route.target)
            if article is not None:
                view.show_line(article.line)
        return view

    def open(self, path: Path) -> ProofingWindow:
        """The proofing view of ``path`` (any edition file, also a draft outside the library)."""
        path = path.resolve()
        view = self.views.get(path)
        if view is None:
            # Which of the reader's editions the file is, found once, not on every save.
            self._edition_keys[path] = next(
                (ref.key for ref in self.window.library.refs if ref.path.resolve() == path), None
            )
            view = ProofingWindow(path, self.window.display, self.window)
            view.reloaded.connect(self._on_reloaded)
            view.destroyed.connect(lambda _obj=None, p=path: self.views.pop(p, None))
            view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.views[path] = view
        view.show()
        view.raise_()
        view.activateWindow()
        return view

    @Slot(object)
    def _on_reloaded(self, proof: Proof) -> None:
        # The reader shows the fixed text too, if this file is one of its editions.
        window = self.window
        key = self._edition_keys.get(proof.path)
        if key is not None:
            window.library.forget(key)
            current = window.router.current
            if current is not None and current.route.edition_key == key:
                window.set_display(window.display)


def install_proofing(window: ReaderWindow) -> Proofing:
    """「校对」 on ``window`` (app.py calls it; kiosk mode then removes the action)."""
    return Proofing(window)
