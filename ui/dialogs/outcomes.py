"""Reports ▸ Outcomes…: the period, then the de-identified outcomes on screen, each measure
with its figures and its chart, and the PDF to print or save."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from residence.dates import format_date
from residence.errors import ResidenceError
from residence.outcomes.records import Block, Outcomes
from residence.workspace import Workspace

from ui.dialogs.consents import PeriodDialog
from ui.events import AppEvents
from ui.widgets.bar_chart import BarChart
from ui.widgets.sizing import open_at


def show_outcomes(parent: QWidget, services: Workspace, events: AppEvents) -> None:
    today = services.clock.today()
    period = PeriodDialog(events, parent.tr("Outcomes"), today, parent)
    period.first.set_date(today - timedelta(days=365))  # a year: the usual look back
    period.dirty = False
    if not period.exec() or period.period is None:
        return
    try:
        outcomes = services.outcomes.report(*period.period)
    except ResidenceError as error:
        QMessageBox.warning(parent, parent.tr("No report"), str(error))
        return
    OutcomesWindow(outcomes, parent).exec()


class OutcomesWindow(QDialog):
    def __init__(self, outcomes: Outcomes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outcomes = outcomes
        period = f"{format_date(outcomes.first)} – {format_date(outcomes.last)}"
        self.setWindowTitle(self.tr("Outcomes: {period}").format(period=period))
        body = QWidget()
        column = QVBoxLayout(body)
        lead = QLabel(
            self.tr(
                "What the records show of the period, for the house's own improvement and its "
                "funders. Nobody is named; a count from 1 to 4 is shown as “fewer than 5”."
            )
        )
        lead.setWordWrap(True)
        column.addWidget(lead)
        for block in outcomes.blocks:
            column.addWidget(self._block(block))
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        printing = buttons.addButton(
            self.tr("Print or save the PDF…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        printing.clicked.connect(self.print_pdf)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        open_at(self, 760, 640)

    def _block(self, block: Block) -> QGroupBox:
        box = QGroupBox(block.title)
        form = QFormLayout(box)
        for line in block.lines:
            value = QLabel(line.value)
            value.setWordWrap(True)
            form.addRow(line.label, value)
        if block.chart is not None:
            form.addRow(BarChart(block.chart))
        if block.note:
            note = QLabel(block.note)
            note.setWordWrap(True)
            note.setStyleSheet("color: palette(placeholder-text);")
            form.addRow(note)
        return box

    def print_pdf(self) -> None:
        from residence.outcomes.report import outcomes_file_name, outcomes_pdf

        from ui.pdf_view import PdfPreview

        name = outcomes_file_name(self.outcomes.first, self.outcomes.last)
        PdfPreview(outcomes_pdf(self.outcomes), self.tr("Outcomes"), name, self).exec()
