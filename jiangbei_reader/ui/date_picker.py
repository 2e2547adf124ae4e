"""The 往期 dialog: a calendar with the dates that have editions marked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate, QLocale, Qt, Slot
from PySide6.QtGui import QBrush, QFont, QPalette, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from jiangbei_reader.core.library import EditionRef


def _qdate(date: dt.date) -> QDate:
    return QDate(date.year, date.month, date.day)


def _pydate(date: QDate) -> dt.date:
    return dt.date(date.year(), date.month(), date.day())


class ArchiveDialog(QDialog):
    """Choose an edition by date; dates without an edition cannot be chosen."""

    def __init__(
        self, refs: Sequence[EditionRef], current: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("archiveDialog")
        self.setWindowTitle(self.tr("往期报纸"))
        self.setAccessibleName(self.tr("选择往期报纸"))
        self._refs = {ref.date: ref for ref in refs}
        self.calendar = QCalendarWidget(self)
        self.calendar.setObjectName("archiveCalendar")
        self.calendar.setAccessibleName(self.tr("日历：加粗的日期有报纸"))
        self.calendar.setGridVisible(False)
        # Month and weekday names in Chinese like the rest of the UI, whatever the
        # machine's locale (a kiosk often runs with C/POSIX).
        self.calendar.setLocale(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.label = QLabel(self)
        self.label.setObjectName("archiveLabel")
        self.label.setAccessibleName(self.tr("所选日期"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("打开这一期"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        for button in self.buttons.buttons():
            button.setAccessibleName(button.text())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.calendar)
        layout.addWidget(self.label)
        layout.addWidget(self.buttons)
        self._mark_dates()
        self.calendar.selectionChanged.connect(self._on_calendar_selection_changed)
        self.calendar.activated.connect(self._on_calendar_activated)
        start = dt.date.fromisoformat(current) if current else None
        if start is None or start not in self._refs:
            start = max(self._refs) if self._refs else dt.date.today()
        self.calendar.setSelectedDate(_qdate(start))
        self._on_calendar_selection_changed()

    def _mark_dates(self) -> None:
        if not self._refs:
            return
        self.calendar.setDateRange(_qdate(min(self._refs)), _qdate(max(self._refs)))
        marked = QTextCharFormat()
        marked.setFontWeight(QFont.Weight.Bold)
        marked.setForeground(self.palette().brush(QPalette.ColorRole.Link))
        marked.setBackground(QBrush(self.palette().color(QPalette.ColorRole.AlternateBase)))
        for date in self._refs:
            self.calendar.setDateTextFormat(_qdate(date), marked)

    def selected_key(self) -> str | None:
        """The chosen edition's date key, or ``None`` when the date has no edition."""
        ref = self._refs.get(_pydate(self.calendar.selectedDate()))
        return ref.key if ref is not None else None

    @Slot()
    def _on_calendar_selection_changed(self) -> None:
        date = _pydate(self.calendar.selectedDate())
        ref = self._refs.get(date)
        text = self.tr("{0}年{1}月{2}日").format(date.year, date.month, date.day)
        if ref is None:
            self.label.setText(self.tr("{0}：这一天没有收录的报纸").format(text))
        elif ref.number:
            self.label.setText(self.tr("{0} 第{1}期").format(text, ref.number))
        else:
            self.label.setText(text)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ref is not None)

    @Slot(QDate)
    def _on_calendar_activated(self, date: QDate) -> None:
        if _pydate(date) in self._refs:
            self.accept()


def choose_edition(
    refs: Sequence[EditionRef], current: str | None, parent: QWidget | None = None
) -> str | None:
    """Show the 往期 dialog; the chosen edition's key, or ``None`` when cancelled."""
    dialog = ArchiveDialog(refs, current, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.selected_key()
