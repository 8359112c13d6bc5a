"""Preview a PDF (invoice, receipt, statement) in the application, print it or save it.

The bytes come from the billing documents service, made on a worker thread; QtPdf shows
them from memory (no temporary file). Printing renders each page at up to 300 dpi onto the
printer, on a worker thread too, from its own copy of the document: enough for text and
tables, and a page of A4 stays a few tens of megabytes at most.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.domain.progress import (
    CancelCheck,
    Progress,
    never_cancelled,
    no_progress,
    stop_if_cancelled,
)
from hendazh_desktop.services.files import write_private_file
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.ops import Operation, Task, run_in_background

MAX_PRINT_DPI = 300


def print_document(
    document: QPdfDocument,
    printer: QPrinter,
    *,
    progress: Progress = no_progress,
    cancelled: CancelCheck = never_cancelled,
) -> int:
    """Paint the chosen pages of ``document`` onto ``printer`` (each page scaled to fit the
    printable area, on white); returns how many pages were printed. ``progress`` gets pages
    printed; ``cancelled`` is asked between pages (the print job is then aborted)."""
    count = document.pageCount()
    first, last = printer.fromPage(), printer.toPage()
    if first <= 0 or last <= 0:  # no range chosen: every page
        first, last = 1, count
    pages = range(max(1, first) - 1, min(last, count))
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    printed = 0
    try:
        area = printer.pageLayout().paintRectPixels(printer.resolution())
        for number, page in enumerate(pages):
            progress(number, len(pages), "")
            if cancelled():
                printer.abort()
                stop_if_cancelled(cancelled)
            if number:
                printer.newPage()
            points = document.pagePointSize(page)
            size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            image = document.render(page, size)
            scale = min(area.width() / size.width(), area.height() / size.height())
            target = QRectF(0, 0, size.width() * scale, size.height() * scale)
            target.moveCenter(QPointF(area.width() / 2, area.height() / 2))
            painter.fillRect(target, QColor("white"))  # rendered pages are transparent
            painter.drawImage(target, image)
            printed += 1
    finally:
        painter.end()
    progress(printed, len(pages), "")
    return printed


def print_pdf_bytes(
    data: bytes,
    printer: QPrinter,
    *,
    progress: Progress = no_progress,
    cancelled: CancelCheck = never_cancelled,
) -> int:
    """``print_document`` on a document of its own, loaded from ``data`` (for a worker
    thread: the preview's document belongs to the GUI thread)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    try:
        document.load(buffer)
        return print_document(document, printer, progress=progress, cancelled=cancelled)
    finally:
        document.close()


class PdfPreviewDialog(QDialog):
    """The document's pages, with «چاپ…» (Ctrl+P) and «ذخیره PDF…» (Ctrl+S)."""

    def __init__(
        self,
        *,
        data: bytes,
        title: str,
        file_name: str,
        directory: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(860, 900)
        self.data = data
        self._file_name = file_name if file_name.lower().endswith(".pdf") else f"{file_name}.pdf"
        self._directory = directory
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        if self.document.pageCount():
            first = self.document.pagePointSize(0)
            if first.width() > first.height():  # a landscape form (the invoice): wider
                self.resize(1100, 800)
        self.view = QPdfView(self)
        # The page is a picture: it must not be mirrored, whatever the window's direction.
        self.view.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.view.setStyleSheet("background: #7a7f87;")
        self.pages_label = QLabel()
        self.print_button = QPushButton("چاپ… (Ctrl+P)")
        self.print_button.clicked.connect(self.print_)
        self.save_button = QPushButton("ذخیره PDF…\u200f (Ctrl+S)")  # RLM: «…» stays Persian
        self.save_button.clicked.connect(self.save)
        close = QPushButton("بستن")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.pages_label)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self._closed = False
        self.document.statusChanged.connect(self._on_status_changed)
        self._show_pages()
        self.print_button.setFocus()

    def page_count(self) -> int:
        return self.document.pageCount()

    def _on_status_changed(self, _status: QPdfDocument.Status) -> None:
        # The document closes itself (and says so) while the dialog is being destroyed.
        if shiboken6.isValid(self.document) and shiboken6.isValid(self.pages_label):
            self._show_pages()

    def done(self, result: int) -> None:
        if not self._closed:
            self._closed = True
            self.document.statusChanged.disconnect(self._on_status_changed)
        super().done(result)

    def _show_pages(self) -> None:
        if self.document.status() == QPdfDocument.Status.Error:
            self.pages_label.setText("این سند خوانده نشد.")
            self.pages_label.setStyleSheet("color: #b3261e;")
            self.print_button.setEnabled(False)
            return
        count = self.page_count()
        self.pages_label.setText(f"{fmt.number(count)} صفحه" if count else "")

    # --- actions --------------------------------------------------------------------------
    def print_(self) -> bool:
        if not self.page_count():
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._file_name)
        printer.setFromTo(1, self.page_count())
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("چاپ")
        dialog.setMinMax(1, self.page_count())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.printing = self.print_to(printer)
        return True

    def print_to(self, printer: QPrinter) -> Operation[int]:
        """Print on a worker thread, page by page, with «انصراف» between pages."""
        data = self.data

        def done(printed: int) -> None:
            if not printed:
                QMessageBox.warning(self, "هنداژ", "چاپگر آماده نیست؛ چیزی چاپ نشد.")

        return run_in_background(
            self,
            lambda task: print_pdf_bytes(
                data, printer, progress=task.progress, cancelled=task.cancelled
            ),
            label="در حال چاپ…",
            cancellable=True,
            on_success=done,
        )

    def save(self) -> Path | None:
        start = str(self._directory / self._file_name) if self._directory else self._file_name
        path, _ = QFileDialog.getSaveFileName(self, "ذخیره PDF", start, "سند PDF (*.pdf)")
        if not path:
            return None
        return self.save_to(Path(path))

    def save_to(self, path: Path) -> Path | None:
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            write_private_file(path, self.data)
        except OSError as error:
            QMessageBox.warning(self, "هنداژ", f"پرونده ذخیره نشد: {error.strerror or error}")
            return None
        return path


def preview_pdf(
    parent: QWidget | None,
    produce: Callable[[], bytes],
    *,
    title: str,
    file_name: str,
    directory: Path | None = None,
) -> Operation[Any]:
    """Build the document on a worker thread (its errors shown like any service call's),
    then preview it; the operation, whose ``finished`` says when the preview has closed."""

    def show(data: bytes) -> None:
        dialog = PdfPreviewDialog(
            data=data, title=title, file_name=file_name, directory=directory, parent=parent
        )
        dialog.exec()
        dialog.deleteLater()

    def make(_task: Task) -> bytes:
        return produce()

    return run_in_background(parent, make, label="در حال ساختن سند…", on_success=show)
