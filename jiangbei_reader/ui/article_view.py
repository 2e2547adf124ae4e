"""The article pane: a QTextBrowser that shows rendered HTML and never loads anything itself.

Links are reported, not followed (the window routes them); the only resources
it loads are ``edition-image:`` pictures, through a resolver that keeps them
inside the edition's folder. The body column is held to a comfortable measure
of characters and centred by the document's side margins.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QSize, Qt, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QKeyEvent,
    QPalette,
    QResizeEvent,
    QShowEvent,
    QTextDocument,
)
from PySide6.QtWidgets import QAbstractSlider, QTextBrowser, QTextEdit, QWidget

from jiangbei_reader.core.display import DisplaySettings
from jiangbei_reader.core.render import IMAGE_SCHEME, fragment_anchor

if TYPE_CHECKING:
    # QUrl, QImage and QTextCursor are imported where they are used: PySide6 makes a
    # class's Python enums when its name is first fetched, and the first paint needs
    # none of these. (QTextDocument's are made anyway, by the first ``document()``.)
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QImage

#: Finds the file of an ``edition-image:<edition>/<path>`` picture, or ``None`` to refuse it.
ImageResolver = Callable[[str, str], Path | None]

#: The narrowest side margin, in characters, however narrow the window.
_MIN_SIDE_CHARS = 1.0
#: The highlight layer of search hits (:meth:`ArticleView.highlight_ranges`).
SEARCH_LAYER = "search"


def _refused_image() -> QImage:
    from PySide6.QtGui import QImage  # imported here: see the note at the top

    # One transparent pixel: a null image would be drawn as a "broken picture" icon.
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    return image


class ArticleView(QTextBrowser):
    """Shows one article, story or message as HTML."""

    #: An internal or web link was clicked: its href as written in the HTML.
    link_activated = Signal(str)
    #: Space or Page Down at the end of the text: the reader wants the next article.
    end_reached = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleView")
        self.setAccessibleName(self.tr("文章正文"))
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self._display = DisplaySettings()
        self._resolver: ImageResolver | None = None
        self._html = ""
        self._pending: tuple[str | None, int | None] | None = None
        self._layers: dict[str, list[QTextEdit.ExtraSelection]] = {}
        self.anchorClicked.connect(self._on_anchor_clicked)
        self.apply_display(self._display)

    # -- content ----------------------------------------------------------------------

    def set_image_resolver(self, resolver: ImageResolver | None) -> None:
        """Who finds picture files; ``None`` shows captions only."""
        self._resolver = resolver

    def show_html(
        self, html: str, *, anchor: str | None = None, position: int | None = None
    ) -> None:
        """Show a document at a reading position, an article's anchor, or the top.

        Before the view is shown its final width is unknown, so the place to land
        is kept and applied when it is shown.
        """
        self._html = html
        self.setHtml(html)
        self._apply_measure()
        self.clear_highlights(None)  # the old document's positions mean nothing now
        self._pending = (anchor, position)
        if self.isVisible():
            self._land()

    def _land(self) -> None:
        if self._pending is None:
            return
        anchor, position = self._pending
        self._pending = None
        self.document().documentLayout().documentSize()  # lay out now so scrolling lands
        if position:
            self.scroll_to_reading_position(position)
        elif anchor:
            self.scroll_to_article(anchor)
        else:
            self.verticalScrollBar().setValue(0)

    def showEvent(self, event: QShowEvent) -> None:
        """Land where :meth:`show_html` was asked to, now that the width is known."""
        super().showEvent(event)
        self._land()

    def scroll_to_article(self, article_id: str) -> None:
        """Scroll so the article's (or story fragment's) start is at the top."""
        self.scrollToAnchor(fragment_anchor(article_id))

    @property
    def html(self) -> str:
        """The HTML shown (as rendered, before Qt's own rewriting)."""
        return self._html

    def anchor_positions(self) -> dict[str, int]:
        """Character position of every named anchor in the document."""
        found: dict[str, int] = {}
        block = self.document().begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                fragment = iterator.fragment()
                for name in fragment.charFormat().anchorNames():
                    found.setdefault(name, fragment.position())
                iterator += 1
            block = block.next()
        return found

    def reading_position(self) -> int:
        """The character at the top of the pane: where the reader is, whatever the font size."""
        if self._pending is not None:
            return self._pending[1] or 0
        if self.verticalScrollBar().value() == 0:
            return 0
        from PySide6.QtGui import QTextCursor  # imported here: see the note at the top

        # The start of the first line at least partly visible: stable when shown again.
        cursor = self.cursorForPosition(QPoint(0, 1))
        cursor.movePosition(QTextCursor.MoveOperation.StartOfLine)
        if self.cursorRect(cursor).bottom() < 1:  # in the gap below a paragraph
            cursor.movePosition(QTextCursor.MoveOperation.Down)
            cursor.movePosition(QTextCursor.MoveOperation.StartOfLine)
        return cursor.position()

    def scroll_to_reading_position(self, position: int) -> None:
        """Scroll so the line holding character ``position`` is at the top."""
        from PySide6.QtGui import QTextCursor  # imported here: see the note at the top

        cursor = QTextCursor(self.document())
        cursor.setPosition(max(0, min(position, self.document().characterCount() - 1)))
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + self.cursorRect(cursor).top())

    def at_end(self) -> bool:
        """True when the end of the text is visible."""
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum()

    # -- display ----------------------------------------------------------------------

    def apply_display(self, display: DisplaySettings) -> None:
        """Take colours and measure from the display settings (the HTML brings the rest)."""
        self._display = display
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Base, QColor(display.colours.background))
        palette.setColor(QPalette.ColorRole.Text, QColor(display.colours.text))
        self.setPalette(palette)
        self._apply_measure()

    def font_line_spacing(self) -> float:
        """The base font's own line spacing as a multiple of its size (for the renderer)."""
        font = self.document().defaultFont()
        size = font.pointSizeF() * self.logicalDpiY() / 72 if font.pointSizeF() > 0 else 0.0
        size = size or float(font.pixelSize())
        return QFontMetricsF(font).lineSpacing() / size if size > 0 else 1.0

    def column_width(self) -> float:
        """Width of the body column in pixels: the measure in characters of the base font."""
        metrics = QFontMetricsF(self.document().defaultFont())
        return self._display.measure * metrics.horizontalAdvance("国")

    def _apply_measure(self) -> None:
        width = self.viewport().width()
        char = QFontMetricsF(self.document().defaultFont()).horizontalAdvance("国")
        side = max(_MIN_SIDE_CHARS * char, (width - self.column_width()) / 2)
        root = self.document().rootFrame()
        frame = root.frameFormat()
        if frame.leftMargin() == side and frame.rightMargin() == side:
            return
        frame.setLeftMargin(side)
        frame.setRightMargin(side)
        frame.setTopMargin(char)
        frame.setBottomMargin(char * 2)
        root.setFrameFormat(frame)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Keep the column centred at its measure, and the reader at the same words."""
        position = self.reading_position() if self.isVisible() else 0
        super().resizeEvent(event)
        self._apply_measure()
        if position:
            self.scroll_to_reading_position(position)

    def changeEvent(self, event: QEvent) -> None:
        """A new base font (font step, 长辈版): lay the text out again at the same words."""
        font_changed = event.type() == QEvent.Type.FontChange and bool(self._html)
        # Where the reader is, read before QTextEdit lays the text out in the new font.
        position = self.reading_position() if font_changed else 0
        super().changeEvent(event)
        if font_changed:
            # Margins in em are turned into pixels when the HTML is read: read it again.
            self.show_html(self._html, position=position)

    def sizeHint(self) -> QSize:
        """Wide enough for the measure."""
        return QSize(round(self.column_width() + 80), 600)

    # -- highlights (search, read-aloud) -----------------------------------------------

    def highlight_ranges(
        self,
        ranges: Sequence[tuple[int, int]],
        layer: str = SEARCH_LAYER,
        background: str | None = None,
        foreground: str | None = None,
    ) -> None:
        """Highlight ``(start, end)`` character ranges of the document's plain text.

        Highlights live in named layers (search hits, the sentence read aloud …):
        setting one layer leaves the others on screen. The colours are the theme's
        search-hit colours unless given.
        """
        from PySide6.QtGui import QTextCursor  # imported here: see the note at the top

        background = background or self._display.colours.search_hit
        foreground = foreground or self._display.colours.search_hit_text
        selections = []
        for start, end in ranges:
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format.setBackground(QColor(background))
            selection.format.setForeground(QColor(foreground))
            selections.append(selection)
        self.set_highlight_layer(layer, selections)

    def set_highlight_layer(self, layer: str, selections: list[QTextEdit.ExtraSelection]) -> None:
        """Replace one layer of highlights; an empty list removes the layer."""
        if selections:
            self._layers[layer] = selections
        else:
            self._layers.pop(layer, None)
        self.setExtraSelections([s for layer_ in self._layers.values() for s in layer_])

    def highlight_terms(self, terms: Sequence[str]) -> list[tuple[int, int]]:
        """Highlight every occurrence of each term; returns the ranges, first to last."""
        ranges: list[tuple[int, int]] = []
        for term in terms:
            if not term:
                continue
            cursor = self.document().find(term, 0)
            while not cursor.isNull():
                ranges.append((cursor.selectionStart(), cursor.selectionEnd()))
                cursor = self.document().find(term, cursor, QTextDocument.FindFlag(0))
        ranges.sort()
        self.highlight_ranges(ranges)
        return ranges

    def clear_highlights(self, layer: str | None = SEARCH_LAYER) -> None:
        """Remove one layer of highlights (search hits by default); ``None`` removes all."""
        if layer is None:
            self._layers.clear()
            self.setExtraSelections([])
        else:
            self.set_highlight_layer(layer, [])

    def scroll_to_position(self, position: int) -> None:
        """Make a character position of the plain text visible."""
        from PySide6.QtGui import QTextCursor  # imported here: see the note at the top

        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    # -- input ------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Space and Page Down page through the text, then on to the next article."""
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if plain and event.key() in (Qt.Key.Key_Space, Qt.Key.Key_PageDown):
            if self.at_end():
                self.end_reached.emit()
            else:
                self.verticalScrollBar().triggerAction(
                    QAbstractSlider.SliderAction.SliderPageStepAdd
                )
            event.accept()
            return
        if (
            event.key() == Qt.Key.Key_Space
            and event.modifiers() == Qt.KeyboardModifier.ShiftModifier
        ):
            self.verticalScrollBar().triggerAction(QAbstractSlider.SliderAction.SliderPageStepSub)
            event.accept()
            return
        super().keyPressEvent(event)

    def loadResource(self, kind: int, url: QUrl | str) -> object:
        """Pictures of the edition only; nothing remote, no ``file:``, nothing else.

        A refusal must still be a value: given nothing, QTextDocument goes on to
        read local files itself.
        """
        from PySide6.QtCore import QUrl  # imported here: see the note at the top

        url = QUrl(url)
        kind = getattr(kind, "value", kind)
        if kind != QTextDocument.ResourceType.ImageResource.value:
            return ""
        image = self._edition_image(url) if url.scheme() == IMAGE_SCHEME else None
        return image if image is not None else _refused_image()

    def _edition_image(self, url: QUrl) -> QImage | None:
        if self._resolver is None:
            return None
        edition, _, relative = url.path().partition("/")
        path = self._resolver(edition, relative)
        if path is None:
            return None
        from PySide6.QtGui import QImage  # imported here: see the note at the top

        image = QImage(str(path))
        if image.isNull():
            return None
        width = round(self.column_width())
        if image.width() > width > 0:
            image = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        return image

    @Slot("QUrl")  # by name, so that making the class does not fetch QUrl (see the top)
    def _on_anchor_clicked(self, url: QUrl) -> None:
        self.link_activated.emit(url.toString())
