"""Reports ▸ Outcomes…: the period, then the de-identified outcomes report in the preview."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QMessageBox, QWidget
from residence.errors import ResidenceError
from residence.workspace import Workspace

from ui.dialogs.consents import PeriodDialog
from ui.events import AppEvents


def show_outcomes(parent: QWidget, services: Workspace, events: AppEvents) -> None:
    from residence.outcomes.report import outcomes_file_name, outcomes_pdf

    from ui.pdf_view import PdfPreview

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
    name = outcomes_file_name(*period.period)
    PdfPreview(outcomes_pdf(outcomes), parent.tr("Outcomes"), name, parent).exec()
