"""Reports ▸ Outcomes… in the window: a year back by default, then the report's preview."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot
from residence.workspace import Workspace
from ui.dialogs.consents import PeriodDialog
from ui.events import AppEvents
from ui.main_window import MainWindow
from ui.pdf_view import PdfPreview


def test_the_outcomes_report_opens_in_the_preview_for_the_last_year(
    qtbot: QtBot, workspace: Workspace, events: AppEvents, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[PeriodDialog] = []
    shown: list[PdfPreview] = []

    def answered(dialog: PeriodDialog) -> int:
        asked.append(dialog)
        dialog.save()  # as the manager pressing "Make the report" on the dates given
        return 1

    def previewed(preview: PdfPreview) -> int:
        shown.append(preview)
        return 0

    monkeypatch.setattr(PeriodDialog, "exec", answered)
    monkeypatch.setattr(PdfPreview, "exec", previewed)
    window = MainWindow(workspace, events, "house")
    qtbot.addWidget(window)
    [action] = [a for a in window.findChildren(QAction) if a.text() == "&Outcomes…"]
    action.trigger()
    [period] = asked
    assert period.first.text() == "15 Jun 2025" and period.last.text() == "15 Jun 2026"
    [preview] = shown
    assert preview.file_name == "outcomes-2025-06-15-to-2026-06-15.pdf"
    text = PdfReader(BytesIO(preview.pdf)).pages[0].extract_text()
    assert "Stays begun" in text and "Magnolia House" in text
