"""Every report's preview: the pages as they will print, with Print and Save as PDF."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from residence.safety.exports import ExportError, export

from ui.widgets.sizing import open_at


class PdfPreview(QDialog):
    """Shows ``pdf`` (bytes from a report); ``file_name`` is the suggested name for saving."""

    def __init__(
        self, pdf: bytes, title: str, file_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.pdf = pdf
        self.file_name = file_name
        self.saved_to: Path | None = None
        # The document reads from this buffer for as long as it is shown.
        self._data = QByteArray(pdf)
        self._buffer = QBuffer(self._data, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = QPushButton(self.tr("Print…"))
        self.save_button = QPushButton(self.tr("Save as PDF…"))
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self.print_pages)
        self.save_button.clicked.connect(self.save_as)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        open_at(self, 1000, 760)

    def page_count(self) -> int:
        return self.document.pageCount()

    def save_as(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save as PDF"), str(Path.home() / self.file_name), self.tr("PDF (*.pdf)")
        )
        if name:
            self.save_to(Path(name))

    def save_to(self, path: Path) -> bool:
        try:  # the save dialog asked before replacing a file; the house's own it refuses
            export(path, self.pdf, replace=True)
        except ExportError as error:
            QMessageBox.warning(self, self.tr("Not saved"), str(error))
            return False
        self.saved_to = path
        return True

    def print_pages(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        match_orientation(self.document, printer)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            print_document(self.document, printer)


PRINT_DPI = 300  # sharp on paper; a 1200 dpi page would take hundreds of MB


def match_orientation(document: QPdfDocument, printer: QPrinter) -> None:
    """A landscape report (the chore chart) prints landscape, on Letter paper."""
    if document.pageCount() == 0:
        return
    points = document.pagePointSize(0)
    landscape = points.width() > points.height()
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )


def print_document(document: QPdfDocument, printer: QPrinter) -> None:
    """Each PDF page rendered at up to 300 dpi and fitted to the printable area."""
    painter = QPainter()
    if not painter.begin(printer):
        return
    try:
        area = printer.pageRect(QPrinter.Unit.DevicePixel)
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            points = document.pagePointSize(page)
            fit = min(area.width() / points.width(), area.height() / points.height())
            target = QRectF(0, 0, points.width() * fit, points.height() * fit)
            render = min(fit, PRINT_DPI / 72)
            image = document.render(
                page, QSize(int(points.width() * render), int(points.height() * render))
            )
            painter.drawImage(target, image)
    finally:
        painter.end()


class DisclosurePreview(PdfPreview):
    """A preview of a report for someone outside the house: each save or print is logged by
    ``log(how)``, which returns None, or why it may not go (the consent was just revoked)."""

    def __init__(
        self,
        pdf: bytes,
        title: str,
        file_name: str,
        log: Callable[[str], str | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(pdf, title, file_name, parent)
        self.log = log
        self.logged: list[str] = []

    def save_to(self, path: Path) -> bool:
        if not super().save_to(path):
            return False
        if (refused := self.log("saved")) is not None:
            path.unlink(missing_ok=True)  # not logged, so not disclosed
            self.saved_to = None
            QMessageBox.warning(self, self.tr("Not saved"), refused)
            return False
        self.logged.append("saved")
        return True

    def print_pages(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        match_orientation(self.document, printer)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if (refused := self.log("printed")) is not None:
            QMessageBox.warning(self, self.tr("Not printed"), refused)
            return
        self.logged.append("printed")
        print_document(self.document, printer)
