"""Reports ▸ Outcomes… in the window: a year back by default, the figures and charts on
screen, and the report's PDF from there."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QGroupBox, QLabel
from pytestqt.qtbot import QtBot
from residence.residents.records import Admission, PersonDetails
from residence.workspace import Workspace
from ui.dialogs.consents import PeriodDialog
from ui.dialogs.outcomes import OutcomesWindow
from ui.events import AppEvents
from ui.main_window import MainWindow
from ui.pdf_view import PdfPreview

from tests.conftest import TODAY


def test_the_outcomes_show_on_screen_and_print_for_the_last_year(
    qtbot: QtBot, workspace: Workspace, events: AppEvents, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[PeriodDialog] = []
    windows: list[OutcomesWindow] = []
    shown: list[PdfPreview] = []
    for first in ("Ana", "Bo", "Cy", "Di", "Ed"):  # five: a count that may be shown
        workspace.residents.admit(Admission(PersonDetails(first, "Quill"), TODAY))

    def answered(dialog: PeriodDialog) -> int:
        asked.append(dialog)
        dialog.save()  # as the manager pressing "Make the report" on the dates given
        return 1

    def opened(window: OutcomesWindow) -> int:
        windows.append(window)
        return 0

    def previewed(preview: PdfPreview) -> int:
        shown.append(preview)
        return 0

    monkeypatch.setattr(PeriodDialog, "exec", answered)
    monkeypatch.setattr(OutcomesWindow, "exec", opened)
    monkeypatch.setattr(PdfPreview, "exec", previewed)
    window = MainWindow(workspace, events, "house")
    qtbot.addWidget(window)
    [action] = [a for a in window.findChildren(QAction) if a.text() == "&Outcomes…"]
    action.trigger()
    [period] = asked
    assert period.first.text() == "15 Jun 2025" and period.last.text() == "15 Jun 2026"
    [outcomes] = windows
    titles = [box.title() for box in outcomes.findChildren(QGroupBox)]
    assert titles == ["Stays", "Recovery capital (BARC-10)", "House-meeting attendance",
                      "Mentor coverage"]  # fmt: skip
    stays = outcomes.findChildren(QGroupBox)[0]
    labels = [label.text() for label in stays.findChildren(QLabel)]
    assert labels[:2] == ["Stays begun", "5"]
    outcomes.print_pdf()
    [preview] = shown
    assert preview.file_name == "outcomes-2025-06-15-to-2026-06-15.pdf"
    text = PdfReader(BytesIO(preview.pdf)).pages[0].extract_text()
    assert "Stays begun" in text and "Magnolia House" in text


def test_a_bar_is_drawn_for_a_count_and_none_for_a_hidden_one(qtbot: QtBot) -> None:
    from PySide6.QtGui import QColor, QPalette
    from residence.outcomes.records import Bars
    from ui.widgets.bar_chart import ROW, BarChart

    chart = BarChart(Bars("How stays ended", (("Completed the program", 12), ("Other", None))))
    qtbot.addWidget(chart)
    chart.resize(520, chart.sizeHint().height())
    image = chart.grab().toImage()
    bar = chart.palette().color(QPalette.ColorRole.Highlight)

    def bar_pixels(row: int) -> int:
        y = int((row + 0.5) * ROW * image.devicePixelRatio())
        return sum(1 for x in range(image.width()) if QColor(image.pixel(x, y)) == bar)

    assert bar_pixels(1) > 100  # twelve: a bar most of the way across
    assert bar_pixels(2) == 0  # fewer than 5: said in words, not drawn
    assert "Other: fewer than 5" in chart.toolTip()
