"""Meetings as the manager uses them: take attendance, write minutes with an action item,
log a stack of meeting slips."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot
from residence.meetings.records import Kind, Presence, SeriesInfo
from residence.residents.records import Admission, PersonDetails
from residence.workspace import Workspace, workspace_for
from ui.dialogs.amend_minutes import AmendMinutesDialog
from ui.dialogs.attendance import AttendanceDialog
from ui.dialogs.events import EventDialog, MoveDialog, cancel_form
from ui.dialogs.minutes import MinutesDialog
from ui.events import AppEvents
from ui.main_window import HOME, MEETINGS, MainWindow

from tests.conftest import TODAY, House
from tests.ui.reading import cell
from tests.ui.typing import type_text

SUNDAY_BEFORE = TODAY - timedelta(days=1)


@pytest.fixture
def house_with_meetings(house: House) -> Workspace:
    workspace = workspace_for(house.db)
    for first in ("Ana", "Ben", "Cy"):
        workspace.residents.admit(Admission(PersonDetails(first, "Test"), date(2026, 5, 1)))
    workspace.calendar.save_series(
        SeriesInfo(
            None,
            Kind.HOUSE,
            "House meeting",
            6,
            time(19),
            90,
            "Living room",
            starts=date(2026, 1, 1),
        )
    )
    return workspace


def test_taking_attendance_from_the_keyboard(
    qtbot: QtBot, house_with_meetings: Workspace, events: AppEvents
) -> None:
    [sunday] = house_with_meetings.calendar.between(SUNDAY_BEFORE, SUNDAY_BEFORE)
    dialog = AttendanceDialog(house_with_meetings, events, sunday)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 3
    dialog.table.setCurrentCell(0, 0)
    qtbot.keyClick(dialog.table, Qt.Key.Key_P)
    qtbot.keyClick(dialog.table, Qt.Key.Key_L)
    dialog.everyone_present()
    with qtbot.waitSignal(events.data_changed):
        dialog.save()
    sheet = house_with_meetings.attendance.sheet(dialog.meeting_id)
    assert [(line.name, line.status) for line in sheet] == [
        ("Ana Test", Presence.PRESENT),
        ("Ben Test", Presence.LATE),
        ("Cy Test", Presence.PRESENT),
    ]


def test_writing_minutes_with_an_action_item(
    qtbot: QtBot, house_with_meetings: Workspace, events: AppEvents, monkeypatch: pytest.MonkeyPatch
) -> None:
    [sunday] = house_with_meetings.calendar.between(SUNDAY_BEFORE, SUNDAY_BEFORE)
    meeting = house_with_meetings.calendar.hold(sunday)
    dialog = MinutesDialog(house_with_meetings, events, meeting)
    qtbot.addWidget(dialog)
    type_text(dialog.edits["decisions"], "TV off at 11 pm on weeknights.")
    type_text(dialog.item_what, "Fix the back-door lock")
    dialog.item_who.setCurrentIndex(1)
    type_text(dialog.item_due, "2026-06-21")
    dialog.add_item()  # also keeps the typed sections: adding an item reloads the minutes
    dialog.save()
    view = house_with_meetings.minutes.view(meeting)
    assert view.sections["decisions"] == "TV off at 11 pm on weeknights."
    [item] = view.raised
    assert (item.what, item.who, item.due) == (
        "Fix the back-door lock",
        "Ben Test",
        date(2026, 6, 21),
    )
    monkeypatch.setattr("ui.dialogs.minutes.QMessageBox.question", lambda *a, **k: 16384)  # Yes
    dialog.finalise()
    assert house_with_meetings.minutes.view(meeting).finalised_at is not None
    assert dialog.edits["decisions"].isReadOnly()
    # Final minutes show the items as they stood: they are marked done elsewhere.
    assert not dialog.done_button.isEnabled() and not dialog.add_button.isEnabled()


def test_logging_a_stack_of_slips_updates_the_quota(
    qtbot: QtBot, house_with_meetings: Workspace, events: AppEvents
) -> None:
    window = MainWindow(house_with_meetings, events, "house")
    qtbot.addWidget(window)
    window.nav.setCurrentRow(MEETINGS)
    window.meetings.tabs.setCurrentIndex(1)
    page = window.meetings.slips
    for row in range(2):
        page.who.item(row).setCheckState(Qt.CheckState.Checked)
    page.fellowship.setCurrentText("NA")
    type_text(page.slip_meeting, "Keep It Simple")
    page.log_slips()
    counts = {line.name: line.count for line in house_with_meetings.attendance.quotas(TODAY)}
    assert counts == {"Ana Test": 1, "Ben Test": 1, "Cy Test": 0}
    shown = {
        cell(page.quota, r, 0).text(): cell(page.quota, r, 2).text()
        for r in range(page.quota.rowCount())
    }
    assert (shown["Ana Test"], shown["Cy Test"]) == ("1", "0")
    assert all(
        page.who.item(i).checkState() == Qt.CheckState.Unchecked for i in range(page.who.count())
    )


def test_excused_needs_a_reason(
    qtbot: QtBot, house_with_meetings: Workspace, events: AppEvents, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(
        "ui.dialogs.attendance.QMessageBox.information", lambda _p, _t, text: told.append(text)
    )
    [sunday] = house_with_meetings.calendar.between(SUNDAY_BEFORE, SUNDAY_BEFORE)
    dialog = AttendanceDialog(house_with_meetings, events, sunday)
    qtbot.addWidget(dialog)
    dialog.table.setCurrentCell(0, 0)
    qtbot.keyClick(dialog.table, Qt.Key.Key_E)
    dialog.save()
    assert told == ["Write why Ana Test was excused."]
    assert all(
        line.status is None for line in house_with_meetings.attendance.sheet(dialog.meeting_id)
    )
    cell(dialog.table, 0, 2).setText("Court date")
    dialog.save()
    assert house_with_meetings.attendance.sheet(dialog.meeting_id)[0].reason == "Court date"


def test_home_lists_open_action_items_with_the_overdue_marked(
    qtbot: QtBot, house_with_meetings: Workspace, events: AppEvents
) -> None:
    [sunday] = house_with_meetings.calendar.between(date(2026, 6, 7), date(2026, 6, 7))
    meeting = house_with_meetings.calendar.hold(sunday)
    ana = house_with_meetings.attendance.sheet(meeting)[0].person_id
    house_with_meetings.minutes.add_item(meeting, "Fix the lock", ana, due=date(2026, 6, 10))
    house_with_meetings.minutes.add_item(meeting, "Buy a mop", ana, due=date(2026, 6, 20))
    window = MainWindow(house_with_meetings, events, "house")
    qtbot.addWidget(window)
    window.nav.setCurrentRow(HOME)  # pages read their rows when opened
    text = window.home.action_items.body.text()
    assert (
        "Fix the lock (Ana Test) — <b style='color:" in text
        and "⚠ overdue since 10 Jun 2026" in text
    )
    assert "Buy a mop (Ana Test) — due 20 Jun 2026" in text
    assert text.index("Fix the lock") < text.index("Buy a mop")


def test_attendance_for_a_cancelled_meeting_says_how_to_bring_it_back(
    qtbot: QtBot, house_with_meetings: Workspace, events: AppEvents
) -> None:
    [sunday] = house_with_meetings.calendar.between(SUNDAY_BEFORE, SUNDAY_BEFORE)
    house_with_meetings.calendar.cancel(sunday, "Snowed in")
    window = MainWindow(house_with_meetings, events, "house")
    qtbot.addWidget(window)
    window.nav.setCurrentRow(MEETINGS)
    page = window.meetings.calendar_tab
    page.week = SUNDAY_BEFORE
    page.reload()
    row = next(i for i, o in enumerate(page.occurrences) if o.day == SUNDAY_BEFORE)
    page.calendar.setCurrentCell(row, 0)
    page.take_attendance()
    assert "choose “Undo cancel” first" in window.statusBar().currentMessage()
    page.restore()
    [restored] = house_with_meetings.calendar.between(SUNDAY_BEFORE, SUNDAY_BEFORE)
    assert not restored.cancelled


def test_an_event_refused_keeps_what_was_typed_and_says_why_beside_the_field(
    qtbot: QtBot, house_with_meetings: Workspace, events: AppEvents
) -> None:
    dialog = EventDialog(house_with_meetings, events, True)
    qtbot.addWidget(dialog)
    type_text(dialog.place, "Back garden")
    type_text(dialog.day, "2026-06-31")  # no such day
    dialog.save()
    assert not dialog.result()  # not accepted: still open for a fix
    assert dialog.errors.message("title") == "Give the event a name."
    assert "not a real date" in dialog.errors.message("day")
    assert dialog.place.text() == "Back garden"  # nothing typed was lost
    type_text(dialog.title, "Alumni night")
    type_text(dialog.day, "2026-06-19")
    with qtbot.waitSignal(events.data_changed):
        dialog.save()
    [added] = [e for e in house_with_meetings.calendar.week(TODAY) if e.title == "Alumni night"]
    assert (added.day, added.place) == (date(2026, 6, 19), "Back garden")


def test_closing_an_untouched_event_asks_nothing_and_a_changed_one_asks(
    qtbot: QtBot, house_with_meetings: Workspace, events: AppEvents, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def question(_parent: object, title: str, *_rest: object) -> QMessageBox.StandardButton:
        asked.append(title)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr("ui.dialogs.base.QMessageBox.question", question)
    [series] = house_with_meetings.calendar.series()
    dialog = EventDialog(house_with_meetings, events, False, existing=series)
    qtbot.addWidget(dialog)
    dialog.reject()
    assert asked == [] and dialog.result() == 0
    dialog = EventDialog(house_with_meetings, events, False, existing=series)
    qtbot.addWidget(dialog)
    dialog.mandatory.setChecked(False)
    dialog.reject()
    assert asked == ["Discard changes?"]


def test_moving_a_meeting_to_a_bad_date_keeps_the_dialog_and_what_was_typed(
    qtbot: QtBot, house_with_meetings: Workspace, events: AppEvents
) -> None:
    [sunday] = house_with_meetings.calendar.between(
        TODAY + timedelta(days=6), TODAY + timedelta(days=6)
    )
    dialog = MoveDialog(house_with_meetings, events, sunday, None)
    qtbot.addWidget(dialog)
    type_text(dialog.day, "2026-06-31")
    dialog.start.setTime(QTime(18, 30))
    dialog.save()
    assert not dialog.result() and "not a real date" in dialog.errors.message("day")
    assert dialog.start.time() == QTime(18, 30)
    type_text(dialog.day, "2026-06-20")
    with qtbot.waitSignal(events.data_changed):
        dialog.save()
    [moved] = [e for e in house_with_meetings.calendar.week(TODAY) if e.kind is Kind.HOUSE]
    assert (moved.day, moved.start_time, moved.moved) == (date(2026, 6, 20), time(18, 30), True)


def test_a_cancellation_refused_says_why_beside_the_reason(
    qtbot: QtBot, house_with_meetings: Workspace, events: AppEvents
) -> None:
    [sunday] = house_with_meetings.calendar.between(
        TODAY + timedelta(days=6), TODAY + timedelta(days=6)
    )
    dialog = cancel_form(house_with_meetings, events, sunday, None)
    qtbot.addWidget(dialog)
    type_text(dialog.edits["reason"], "x" * 300)
    dialog.save()
    assert not dialog.result() and dialog.errors.message("reason").startswith("The reason")
    assert dialog.edits["reason"].text() == "x" * 300


def test_amending_final_minutes_needs_a_reason_and_keeps_the_correction(
    qtbot: QtBot, house_with_meetings: Workspace, events: AppEvents
) -> None:
    [sunday] = house_with_meetings.calendar.between(SUNDAY_BEFORE, SUNDAY_BEFORE)
    meeting = house_with_meetings.calendar.hold(sunday)
    house_with_meetings.minutes.save(meeting, {"decisions": "TV off at 11 pm."})
    house_with_meetings.minutes.finalise(meeting)
    view = house_with_meetings.minutes.view(meeting)
    dialog = AmendMinutesDialog(house_with_meetings, events, meeting, view.sections)
    qtbot.addWidget(dialog)
    dialog.section.setCurrentIndex(dialog.section.findData("decisions"))
    assert dialog.text.toPlainText() == "TV off at 11 pm."
    type_text(dialog.text, "TV off at 11 pm on weeknights.")
    dialog.save()
    assert dialog.errors.message("why") == "Say why the minutes are being corrected."
    assert dialog.text.toPlainText() == "TV off at 11 pm on weeknights."
    type_text(dialog.why, "The vote said weeknights.")
    with qtbot.waitSignal(events.data_changed):
        dialog.save()
    after = house_with_meetings.minutes.view(meeting)
    assert after.sections["decisions"] == "TV off at 11 pm on weeknights."
    [amendment] = after.amendments
    assert (amendment.why, amendment.before) == ("The vote said weeknights.", "TV off at 11 pm.")


@pytest.mark.parametrize(
    ("answer", "kept"),
    [
        (QMessageBox.StandardButton.Save, "Chores rota changes on Monday."),
        (QMessageBox.StandardButton.Discard, ""),
    ],
)
def test_escape_on_typed_minutes_asks_and_keeps_them_when_told(
    qtbot: QtBot,
    house_with_meetings: Workspace,
    events: AppEvents,
    monkeypatch: pytest.MonkeyPatch,
    answer: QMessageBox.StandardButton,
    kept: str,
) -> None:
    [sunday] = house_with_meetings.calendar.between(SUNDAY_BEFORE, SUNDAY_BEFORE)
    meeting = house_with_meetings.calendar.hold(sunday)
    asked: list[str] = []

    def reply(*args: object, **_kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[1]))
        return answer

    monkeypatch.setattr("ui.dialogs.minutes.QMessageBox.question", reply)
    dialog = MinutesDialog(house_with_meetings, events, meeting)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.focusWidget() is next(iter(dialog.edits.values()))  # on the first section
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # untouched: closes, nothing asked
    assert asked == [] and not dialog.isVisible()
    dialog.show()
    type_text(dialog.edits["decisions"], "Chores rota changes on Monday.")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == ["Save the minutes?"] and not dialog.isVisible()
    assert house_with_meetings.minutes.view(meeting).sections.get("decisions", "") == kept


def test_the_roll_call_of_final_minutes_opens_read_only_and_says_why(
    qtbot: QtBot, house_with_meetings: Workspace, events: AppEvents
) -> None:
    [sunday] = house_with_meetings.calendar.between(SUNDAY_BEFORE, SUNDAY_BEFORE)
    meeting = house_with_meetings.calendar.hold(sunday)
    house_with_meetings.attendance.record(
        meeting, {line.person_id: (Presence.PRESENT, "") for line in
                  house_with_meetings.attendance.sheet(meeting)}
    )  # fmt: skip
    house_with_meetings.minutes.save(meeting, {"decisions": "Quiet hours from 10 pm."})
    house_with_meetings.minutes.finalise(meeting)
    dialog = AttendanceDialog(house_with_meetings, events, sunday)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle().endswith("(read only)")
    assert "minutes of this meeting are final" in dialog.locked
    assert not dialog.combo(0).isEnabled()
    dialog.table.setCurrentCell(0, 0)
    qtbot.keyClick(dialog.table, Qt.Key.Key_A)  # marks nobody
    assert dialog.combo(0).currentData() == Presence.PRESENT.value
    labels = [w.text() for w in dialog.findChildren(QLabel)]
    assert any("roll call can't change" in text for text in labels)


def test_minutes_saved_at_another_desk_while_typing_are_not_typed_over(
    qtbot: QtBot, house_with_meetings: Workspace, events: AppEvents
) -> None:
    [sunday] = house_with_meetings.calendar.between(SUNDAY_BEFORE, SUNDAY_BEFORE)
    meeting = house_with_meetings.calendar.hold(sunday)
    dialog = MinutesDialog(house_with_meetings, events, meeting)
    qtbot.addWidget(dialog)
    type_text(dialog.edits["decisions"], "TV off at 11 pm.")
    assert dialog.save()  # this desk's first save; then it goes on typing
    type_text(dialog.edits["decisions"], "TV off at 11 pm. Quiet hours from 10.")
    # Meanwhile, another desk saves the minutes from its own reading.
    theirs = house_with_meetings.minutes.view(meeting)
    house_with_meetings.minutes.save(
        meeting, {"decisions": "Chore swap approved."}, seen=theirs.version
    )
    warned: list[str] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("ui.widgets.actions.QMessageBox.warning", lambda *a: warned.append(a[2]))
        assert not dialog.save()
    assert warned and "changed these minutes" in warned[0]
    assert "Chore swap approved." in warned[0]
    assert dialog.edits["decisions"].toPlainText() == "TV off at 11 pm. Quiet hours from 10."
    assert house_with_meetings.minutes.view(meeting).sections["decisions"] == "Chore swap approved."


def test_typing_kept_over_an_action_still_holds_to_the_reading_it_was_typed_over(
    qtbot: QtBot, house_with_meetings: Workspace, events: AppEvents
) -> None:
    """Adding an item reloads the minutes but keeps what was typed; a save made meanwhile at
    another desk must still be refused, not typed over."""
    [sunday] = house_with_meetings.calendar.between(SUNDAY_BEFORE, SUNDAY_BEFORE)
    meeting = house_with_meetings.calendar.hold(sunday)
    dialog = MinutesDialog(house_with_meetings, events, meeting)
    qtbot.addWidget(dialog)
    type_text(dialog.edits["decisions"], "TV off at 11 pm.")
    house_with_meetings.minutes.save(meeting, {"decisions": "Chore swap approved."}, seen=0)
    type_text(dialog.item_what, "Fix the back-door lock")
    dialog.add_item()  # reloads; the typed decisions stay on screen
    assert dialog.edits["decisions"].toPlainText() == "TV off at 11 pm."
    warned: list[str] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("ui.widgets.actions.QMessageBox.warning", lambda *a: warned.append(a[2]))
        assert not dialog.save()
    assert warned and "changed these minutes" in warned[0]
    assert house_with_meetings.minutes.view(meeting).sections["decisions"] == "Chore swap approved."
