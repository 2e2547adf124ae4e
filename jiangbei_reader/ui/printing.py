"""打印: the article (or whole story) on screen, on paper.

In the normal mode the 打印 action (Ctrl+P) asks with the system's print dialog.
In kiosk mode that action stays off (no dialogs); when the kiosk configuration
allows printing, a big 打印 button prints straight to the default printer, and
says so in the status bar when there is none.

QtPrintSupport is imported on first use, so the reader starts without it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QWidget

from jiangbei_reader.ui.actions import ActionId

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from jiangbei_reader.ui.window import ReaderWindow

#: Makes the printer for a print (tests inject one that writes a PDF).
PrinterFactory = Callable[[], "QPrinter | None"]
#: Asks the reader where and how to print: True to print (the normal mode's dialog).
Ask = Callable[["QPrinter", QWidget], bool]

_STATUS_MS = 6000


def system_printer() -> QPrinter:
    """A printer at high resolution, for the dialog to set up."""
    from PySide6.QtPrintSupport import QPrinter

    return QPrinter(QPrinter.PrinterMode.HighResolution)


def default_printer() -> QPrinter | None:
    """The system's default printer, or None when there is none (or no CUPS)."""
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    info = QPrinterInfo.defaultPrinter()
    if info.isNull():
        return None
    return QPrinter(info, QPrinter.PrinterMode.HighResolution)


def ask_with_dialog(printer: QPrinter, parent: QWidget) -> bool:
    """The system's print dialog; True when the reader pressed 打印."""
    from PySide6.QtPrintSupport import QPrintDialog
    from PySide6.QtWidgets import QDialog

    dialog = QPrintDialog(printer, parent)
    dialog.setObjectName("printDialog")
    dialog.setWindowTitle(parent.tr("打印"))
    return dialog.exec() == QDialog.DialogCode.Accepted


class ArticlePrinting(QObject):
    """Prints what the window's article view shows."""

    def __init__(self, window: ReaderWindow) -> None:
        super().__init__(window)
        self.setObjectName("articlePrinting")
        self.window = window
        #: Where the normal mode prints (set up by `ask`).
        self.printer_factory: PrinterFactory = system_printer
        #: Where kiosk mode prints, with no dialog.
        self.default_printer: PrinterFactory = default_printer
        self.ask: Ask = ask_with_dialog
        #: How many prints went to a printer (tests read it).
        self.printed = 0
        window.reader_actions[ActionId.PRINT].triggered.connect(self.print_with_dialog)

    def has_content(self) -> bool:
        """True when the view shows something worth printing."""
        return not self.window.view.document().isEmpty()

    @Slot()
    def print_with_dialog(self) -> bool:
        """The normal mode: ask with the print dialog, then print; False when not printed."""
        if not self.has_content():
            return False
        printer = self.printer_factory()
        if printer is None or not self.ask(printer, self.window):
            return False
        return self._print(printer)

    @Slot()
    def print_direct(self) -> bool:
        """Kiosk mode: straight to the default printer, no dialog; False when not printed."""
        if not self.has_content():
            return False
        printer = self.default_printer()
        if printer is None:
            self.window.statusBar().showMessage(
                self.tr("没有可用的打印机，不能打印。请告诉图书馆工作人员。"), _STATUS_MS
            )
            return False
        return self._print(printer)

    def _print(self, printer: QPrinter) -> bool:
        if not printer.isValid():
            self.window.statusBar().showMessage(self.tr("打印机不可用，没有打印。"), _STATUS_MS)
            return False
        # QTextDocument.print_ lays a copy of the document out for the paper size; the
        # screen's layout is left alone.
        self.window.view.document().print_(printer)
        self.printed += 1
        self.window.statusBar().showMessage(self.tr("已发送到打印机"), _STATUS_MS)
        return True


def install_printing(window: ReaderWindow) -> ArticlePrinting:
    """Connect the window's 打印 action (Ctrl+P) to printing with the dialog."""
    return ArticlePrinting(window)
