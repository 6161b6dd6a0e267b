"""Mentors as the manager uses them: assign from the picker, review suggested pairings, log a
check-in, set the rules, and see on Home who waits and who is overdue."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from residence.mentors.records import MentorKey, MentorRules
from residence.recovery.records import Area
from residence.residents.records import Admission, PersonDetails
from residence.workspace import Workspace, workspace_for
from ui.dialogs.mentors import AssignDialog, CheckInDialog, SuggestDialog
from ui.events import AppEvents
from ui.main_window import HOME, MENTORS, SETTINGS, MainWindow

from tests.conftest import TODAY, House
from tests.ui.reading import cell
from tests.ui.typing import type_text


@pytest.fixture
def house_with_people(house: House) -> Workspace:
    """Two seniors who may mentor (Sam, Kim), one who may not yet (Tia), two newcomers."""
    ws = workspace_for(house.db)
    phases = ws.house.phases()
    for first, sober, phase in (
        ("Sam", 400, 3),
        ("Kim", 500, 3),
        ("Tia", 40, 3),
        ("Ann", 10, 1),
        ("Bo", 5, 1),
    ):
        details = PersonDetails(first, "Test", sobriety_date=TODAY - timedelta(days=sober))
        ws.residents.admit(Admission(details, date(2026, 3, 1), phase_id=phases[phase - 1].id))
    return ws


def _person(ws: Workspace, first: str) -> int:
    return next(r.person_id for r in ws.queries.rows() if r.first_name == first)


def test_assigning_from_the_picker_shows_why_not_and_saves_the_pair(
    qtbot: QtBot, house_with_people: Workspace, events: AppEvents
) -> None:
    ws = house_with_people
    ann = _person(ws, "Ann")
    dialog = AssignDialog(ws, events, ann, "Ann Test", TODAY)
    qtbot.addWidget(dialog)
    shown = {
        cell(dialog.table, r, 0).text(): cell(dialog.table, r, 6).text()
        for r in range(dialog.table.rowCount())
    }
    assert shown["Tia Test"] == "40 days sober; the house asks for 90."
    assert shown["Sam Test"] == "" and shown["Kim Test"] == ""
    tia_row = next(
        r for r in range(dialog.table.rowCount()) if cell(dialog.table, r, 0).text() == "Tia Test"
    )
    assert not cell(dialog.table, tia_row, 0).flags() & Qt.ItemFlag.ItemIsSelectable
    kim_row = next(
        r for r in range(dialog.table.rowCount()) if cell(dialog.table, r, 0).text() == "Kim Test"
    )
    dialog.table.selectRow(kim_row)
    dialog.save()
    [pair] = ws.mentors.pairs()
    assert (pair.mentee, pair.mentor_name, pair.started) == ("Ann Test", "Kim Test", TODAY)


def test_suggested_pairings_are_reviewed_before_saving(
    qtbot: QtBot, house_with_people: Workspace, events: AppEvents
) -> None:
    ws = house_with_people
    dialog = SuggestDialog(ws, events, TODAY)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 3  # Tia (not yet 90 days), Bo and Ann
    assert ws.mentors.pairs() == []
    cell(dialog.table, 0, 0).setCheckState(Qt.CheckState.Unchecked)
    left_out = cell(dialog.table, 0, 0).text()
    dialog.save()
    assert len(ws.mentors.pairs()) == 2
    assert left_out not in {p.mentee for p in ws.mentors.pairs()}
    assert [u.name for u in ws.mentors.unpaired()] == [left_out]


def test_logging_a_check_in(qtbot: QtBot, house_with_people: Workspace, events: AppEvents) -> None:
    ws = house_with_people
    pair = ws.mentors.assign(
        _person(ws, "Ann"), MentorKey(person_id=_person(ws, "Sam")), TODAY - timedelta(days=10)
    ).value
    assert pair.overdue
    dialog = CheckInDialog(ws, events, pair, TODAY)
    qtbot.addWidget(dialog)
    dialog.how.setCurrentIndex(1)  # phone
    type_text(dialog.note, "Talked about the new job; doing well.")
    dialog.shareable.setChecked(True)
    dialog.save()
    [entry] = ws.mentors.check_ins(pair.id)
    assert (entry.day, entry.how.value, entry.note, entry.shareable) == (
        TODAY,
        "phone",
        "Talked about the new job; doing well.",
        True,
    )
    assert not ws.mentors.pairs()[0].overdue


def test_a_check_in_marks_the_plan_steps_the_mentor_heard_were_done(
    qtbot: QtBot, house_with_people: Workspace, events: AppEvents
) -> None:
    ws = house_with_people
    ann = _person(ws, "Ann")
    goal = ws.plans.add_goal(ann, Area.WORK, "Find steady work").value
    resume = ws.plans.add_step(goal.id, "Update the résumé").value
    ws.plans.add_step(goal.id, "Apply to three jobs a week")
    pair = ws.mentors.assign(ann, MentorKey(person_id=_person(ws, "Sam")), TODAY).value
    dialog = CheckInDialog(ws, events, pair, TODAY)
    qtbot.addWidget(dialog)
    steps = dialog.steps
    assert steps is not None and dialog.shared is None  # the house lists no resources yet
    items = [steps.item(row) for row in range(steps.count())]
    assert [(item.text(), item.data(Qt.ItemDataRole.UserRole)) for item in items if item] == [
        ("Update the résumé  (Find steady work)", resume.id),
        ("Apply to three jobs a week  (Find steady work)", resume.id + 1),
    ]
    first = steps.item(0)
    assert first is not None
    first.setCheckState(Qt.CheckState.Checked)
    dialog.save()
    [plan] = ws.plans.plan(ann)
    assert [(s.what, s.done_on) for s in plan.steps] == [
        ("Update the résumé", TODAY),
        ("Apply to three jobs a week", None),
    ]
    assert len(ws.mentors.check_ins(pair.id)) == 1


def test_the_mentors_page_marks_overdue_and_home_lists_who_waits(
    qtbot: QtBot, house_with_people: Workspace, events: AppEvents
) -> None:
    ws = house_with_people
    ws.mentors.assign(
        _person(ws, "Ann"), MentorKey(person_id=_person(ws, "Sam")), TODAY - timedelta(days=10)
    )
    window = MainWindow(ws, events, "house")
    qtbot.addWidget(window)
    window.nav.setCurrentRow(HOME)  # pages read their rows when opened
    home = window.home.mentors.body.text()
    assert "Waiting for a mentor:" in home and "Bo Test" in home
    assert "Sam Test → Ann Test (due 12 Jun 2026)" in home
    window.nav.setCurrentRow(MENTORS)
    page = window.mentors
    assert cell(page.pairs, 0, 5).text() == "overdue since 12 Jun 2026"
    waiting = [page.waiting_list.item(r).text() for r in range(page.waiting_list.count())]
    assert [w.split(" — ")[0] for w in waiting] == ["Bo Test", "Tia Test"]  # same day: by name


def test_mentor_rules_are_saved_from_settings(
    qtbot: QtBot, house_with_people: Workspace, events: AppEvents
) -> None:
    ws = house_with_people
    window = MainWindow(ws, events, "house")
    qtbot.addWidget(window)
    window.nav.setCurrentRow(SETTINGS)
    page = window.settings_page
    page.max_mentees.setValue(1)
    page.check_in_days.setValue(14)
    page.min_phase.setCurrentIndex(1)
    page.alumni.setChecked(False)
    page.save_mentor_rules()
    assert ws.mentors.rules() == MentorRules(
        min_days_sober=90,
        min_phase=2,
        max_mentees=1,
        check_in_days=14,
        alumni_may_mentor=False,
        peers_may_mentor=True,
    )


def test_the_resident_file_shows_the_mentor_and_the_mentees(
    qtbot: QtBot, house_with_people: Workspace, events: AppEvents
) -> None:
    ws = house_with_people
    ann, sam = _person(ws, "Ann"), _person(ws, "Sam")
    ws.mentors.assign(ann, MentorKey(person_id=sam), TODAY - timedelta(days=3))
    window = MainWindow(ws, events, "house")
    qtbot.addWidget(window)
    window.show_resident(ann)
    text = window.residents.panel.text.toPlainText()
    assert "Peer mentoring" in text
    assert "Sam Test (Resident), since 12 Jun 2026, last check-in none yet" in text
    window.show_resident(sam)
    assert "Ann Test, since 12 Jun 2026" in window.residents.panel.text.toPlainText()


def test_a_suggested_pairing_can_be_changed_before_saving(
    qtbot: QtBot, house_with_people: Workspace, events: AppEvents
) -> None:
    ws = house_with_people
    dialog = SuggestDialog(ws, events, TODAY)
    qtbot.addWidget(dialog)
    choice = dialog.mentors[0]
    other = next(i for i in range(choice.count()) if i != choice.currentIndex())
    choice.setCurrentIndex(other)
    wanted = (cell(dialog.table, 0, 0).text(), choice.currentText().split(" (")[0])
    dialog.save()
    assert wanted in {(p.mentee, p.mentor_name) for p in ws.mentors.pairs()}
    assert len(ws.mentors.pairs()) == 3


def test_the_history_tab_reads_every_pair_when_it_is_opened(
    qtbot: QtBot, house_with_people: Workspace, events: AppEvents
) -> None:
    ws = house_with_people
    window = MainWindow(ws, events, "house")
    qtbot.addWidget(window)
    window.nav.setCurrentRow(MENTORS)
    page = window.mentors
    assert page.history.rowCount() == 0 and page.history_freshness.stale
    done = ws.mentors.assign(_person(ws, "Ann"), MentorKey(person_id=_person(ws, "Sam")), TODAY)
    events.data_changed.emit(done.changes)
    assert page.pairs.rowCount() == 1 and page.history.rowCount() == 0  # the tab on screen only
    page.tabs.setCurrentIndex(1)
    assert page.history.rowCount() == 1
    assert cell(page.history, 0, 0).text() == "Ann Test"
