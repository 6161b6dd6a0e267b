"""The BARC-10 in the window: scored statement by statement, its totals charted in the
resident's file, and who is due on Home."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot
from residence.residents.records import Admission, PersonDetails
from residence.workspace import Workspace
from ui.dialogs.recovery import BarcDialog
from ui.events import AppEvents
from ui.main_window import MainWindow
from ui.pages.resident_file import CHART

from tests.conftest import TODAY

MOVE_IN = TODAY - timedelta(days=35)


def _ana(workspace: Workspace) -> int:
    return workspace.residents.admit(Admission(PersonDetails("Ana", "Quill"), MOVE_IN)).value


def test_a_sheet_scored_in_the_dialog_is_recorded(
    qtbot: QtBot, workspace: Workspace, events: AppEvents
) -> None:
    ana = _ana(workspace)
    dialog = BarcDialog(workspace, events, ana, "Ana Quill", TODAY)
    qtbot.addWidget(dialog)
    for box, score in zip(dialog.scores[:9], (5, 4, 6, 5, 3, 4, 5, 6, 4), strict=True):
        box.setCurrentIndex(box.findData(score))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "Choose a score for statement 10." in dialog.errors.message("scores")
    assert workspace.recovery.history(ana) == []
    assert dialog.total.text() == "1 statements still to score"
    dialog.scores[9].setCurrentIndex(dialog.scores[9].findData(5))
    assert dialog.total.text() == "47 of 60 (at or above 47)"
    dialog.on_paper.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [sheet] = workspace.recovery.history(ana)
    assert (sheet.taken_on, sheet.total, sheet.on_paper) == (TODAY, 47, True)
    assert sheet.scores == (5, 4, 6, 5, 3, 4, 5, 6, 4, 5)


def test_the_file_charts_the_totals_and_home_shows_who_is_due(
    qtbot: QtBot, workspace: Workspace, events: AppEvents
) -> None:
    ana = _ana(workspace)
    window = MainWindow(workspace, events, "house")
    qtbot.addWidget(window)
    window.home.reload()
    home = window.home.recovery.body.text()
    assert "<b>Overdue:</b>" in home and "Ana Quill</a> (at 30 days, 10 Jun 2026)" in home
    workspace.recovery.record(ana, MOVE_IN, (3,) * 10)
    workspace.recovery.record(ana, MOVE_IN + timedelta(days=30), (4,) * 10)
    window.home.reload()
    assert "No BARC-10 is due this week." in window.home.recovery.body.text()
    window.show_resident(ana)
    text = window.residents.panel.text.toPlainText()
    assert "Recovery capital (BARC-10)" in text
    assert "Next due at 90 days: 9 Aug 2026" in text
    assert text.index("40 of 60") < text.index("30 of 60")  # newest first
    chart = window.residents.panel.text.document().resource(
        QTextDocument.ResourceType.ImageResource, QUrl(CHART)
    )
    assert isinstance(chart, QImage) and not chart.isNull()


def test_the_sheet_to_fill_in_by_hand_is_previewed_with_their_name(
    qtbot: QtBot, workspace: Workspace, events: AppEvents, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.pdf_view import PdfPreview

    shown: list[PdfPreview] = []

    def shown_instead(preview: PdfPreview) -> int:
        shown.append(preview)
        return 0

    monkeypatch.setattr(PdfPreview, "exec", shown_instead)
    dialog = BarcDialog(workspace, events, _ana(workspace), "Ana Quill", TODAY)
    qtbot.addWidget(dialog)
    dialog.print_sheet()
    [preview] = shown
    assert preview.file_name == "barc-10-sheet.pdf"  # whom it is about is on it, not in its name
    text = PdfReader(BytesIO(preview.pdf)).pages[0].extract_text()
    assert "Name: Ana Quill" in text and "I am making good progress" in text


def test_a_plan_is_built_goal_by_goal_and_step_by_step_and_shown_in_the_file(
    qtbot: QtBot, workspace: Workspace, events: AppEvents, monkeypatch: pytest.MonkeyPatch
) -> None:
    from residence.recovery.records import Area, GoalState
    from ui.dialogs.plans import GoalDialog, PlanDialog, StepDialog

    ana = _ana(workspace)
    stay = workspace.queries.detail(ana).stays[-1].id

    def fill_goal(dialog: GoalDialog) -> int:
        dialog.area.setCurrentIndex(dialog.area.findData(Area.HOUSING))
        dialog.what.setText("Move into my own place")
        dialog.helper.setText("Case manager")
        dialog.target.setText("1 Sep 2026")
        dialog.save()
        return int(dialog.result())

    def fill_step(dialog: StepDialog) -> int:
        dialog.what.setText("Save the first month's rent")
        dialog.save()
        return int(dialog.result())

    monkeypatch.setattr(GoalDialog, "exec", fill_goal)
    monkeypatch.setattr(StepDialog, "exec", fill_step)
    dialog = PlanDialog(workspace, events, ana, "Ana Quill", stay)
    qtbot.addWidget(dialog)
    assert not dialog.add_step.isEnabled()  # no goal chosen yet
    dialog.add_goal.click()
    dialog.tree.setCurrentItem(_first(dialog))
    dialog.add_step.click()
    goal_item = _first(dialog)
    step_item = goal_item.child(0)
    assert goal_item.childCount() == 1 and step_item is not None
    dialog.tree.setCurrentItem(step_item)
    assert dialog.done_button.isEnabled()
    dialog.done_button.click()
    [goal] = workspace.plans.plan(ana)
    assert (goal.area, goal.what, goal.helper) == (
        Area.HOUSING,
        "Move into my own place",
        "Case manager",
    )
    assert [(s.what, s.done_on) for s in goal.steps] == [("Save the first month's rent", TODAY)]
    from PySide6.QtWidgets import QMessageBox
    from ui.dialogs.text_form import TextForm

    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str, *_rest: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.No if len(asked) == 1 else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    dialog.tree.setCurrentItem(_first(dialog))
    dialog.met.click()  # "No": nothing closed
    assert workspace.plans.plan(ana)[0].state is GoalState.OPEN
    dialog.met.click()
    assert asked[0].startswith("Mark “Move into my own place” as met today?")
    assert workspace.plans.plan(ana)[0].state is GoalState.MET

    def why(form: TextForm) -> int:
        form.save()  # empty: refused, beside the field
        assert form.errors.message("note") == "Say why the goal is set aside."
        form.edits["note"].setText("Staying on with family instead")
        form.save()
        return 1

    monkeypatch.setattr(GoalDialog, "exec", fill_goal)
    monkeypatch.setattr(TextForm, "exec", why)
    dialog.add_goal.click()
    second = dialog.tree.topLevelItem(1)
    assert second is not None
    dialog.tree.setCurrentItem(second)
    dialog.drop.click()
    dropped = workspace.plans.plan(ana)[1]
    assert (dropped.state, dropped.close_note) == (
        GoalState.DROPPED,
        "Staying on with family instead",
    )
    window = MainWindow(workspace, events, "house")
    qtbot.addWidget(window)
    window.show_resident(ana)
    text = window.residents.panel.text.toPlainText()
    assert "Recovery plan" in text and "Move into my own place — met 15 Jun 2026" in text
    assert "✓ Save the first month's rent — done 15 Jun 2026" in text
    assert "set aside 15 Jun 2026: Staying on with family instead" in text


def _first(dialog: object) -> QTreeWidgetItem:
    item = dialog.tree.topLevelItem(0)  # type: ignore[attr-defined]
    assert isinstance(item, QTreeWidgetItem)
    return item


def test_a_sheet_typed_in_wrong_is_withdrawn_from_the_dialog(
    qtbot: QtBot, workspace: Workspace, events: AppEvents, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QInputDialog
    from ui.dialogs.text_form import TextForm

    ana = _ana(workspace)
    workspace.recovery.record(ana, MOVE_IN, (4,) * 10)
    workspace.recovery.record(ana, TODAY, (5,) * 10)
    offered: list[list[str]] = []

    def pick(_parent: object, _title: str, _label: str, items: list[str], *_rest: object):  # type: ignore[no-untyped-def]
        offered.append(items)
        return items[0], True

    def typed(form: TextForm) -> int:
        form.edits["why"].setText("Typed in for the wrong resident")
        form.save()
        return 1

    monkeypatch.setattr(QInputDialog, "getItem", pick)
    monkeypatch.setattr(TextForm, "exec", typed)
    dialog = BarcDialog(workspace, events, ana, "Ana Quill", TODAY)
    qtbot.addWidget(dialog)
    dialog.withdraw_sheet()
    assert offered == [["15 Jun 2026 · 50 of 60", "11 May 2026 · 40 of 60"]]  # newest first
    first, latest = workspace.recovery.history(ana)
    assert (first.counts, latest.withdrawn_why) == (True, "Typed in for the wrong resident")


def test_the_houses_own_question_is_answered_in_the_dialog(
    qtbot: QtBot, workspace: Workspace, events: AppEvents
) -> None:
    ana = _ana(workspace)
    question = workspace.recovery.add_question("I know where I will live after the house.").value
    dialog = BarcDialog(workspace, events, ana, "Ana Quill", TODAY)
    qtbot.addWidget(dialog)
    for box in dialog.scores:
        box.setCurrentIndex(box.findData(4))
    [answer] = dialog.answers
    assert answer.currentText() == "— skip —"
    answer.setCurrentIndex(answer.findData(3))
    dialog.save()
    [sheet] = workspace.recovery.history(ana)
    assert (sheet.total, sheet.answers) == (40, ((question.text, 3),))
