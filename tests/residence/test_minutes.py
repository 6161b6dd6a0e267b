"""House-meeting minutes: prefilled agenda, action items that carry over, final and amended."""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta
from functools import partial

import pytest
from pypdf import PdfReader
from sqlalchemy import text

from residence.chores.catalogue import ChoreCatalogue
from residence.chores.meeting_report import chore_report
from residence.chores.records import ChoreInfo
from residence.chores.weeks import ChoreWeeks
from residence.errors import Conflict, ValidationError
from residence.meetings.attendance import AttendanceBook
from residence.meetings.calendar import MeetingCalendar
from residence.meetings.minutes import MinutesBook, MinutesView
from residence.meetings.records import Kind, Presence, SeriesInfo
from residence.meetings.sheets_report import MinutesDocument, minutes_pdf
from residence.residents.records import Admission, PersonDetails
from tests.conftest import TODAY, House, clock_on

SUNDAYS = [date(2026, 6, 7), date(2026, 6, 14), date(2026, 6, 21)]
LATER = SUNDAYS[-1] + timedelta(days=1)


@pytest.fixture
def meetings(house: House) -> tuple[MeetingCalendar, MinutesBook, AttendanceBook]:
    calendar = MeetingCalendar(house.db, clock=clock_on(LATER))
    attendance = AttendanceBook(house.db, clock=clock_on(LATER))
    weeks = ChoreWeeks(house.db, clock=clock_on(LATER))
    later = clock_on(LATER, time(9, 0))
    book = MinutesBook(house.db, attendance, later, partial(chore_report, weeks))
    calendar.save_series(
        SeriesInfo(None, Kind.HOUSE, "House meeting", 6, time(19), 90, starts=date(2026, 1, 1))
    )
    return calendar, book, attendance


def _held(calendar: MeetingCalendar, day: date) -> int:
    [event] = calendar.between(day, day)
    return calendar.hold(event)


def test_open_items_carry_over_until_done(
    house: House, meetings: tuple[MeetingCalendar, MinutesBook, AttendanceBook]
) -> None:
    calendar, book, _ = meetings
    ana = house.residents.admit(Admission(PersonDetails("Ana", "Test"), date(2026, 5, 1))).value
    first, second, third = (_held(calendar, d) for d in SUNDAYS)
    lock = book.add_item(first, "Fix the back-door lock", ana, due=SUNDAYS[1]).value
    vacuum = book.add_item(first, "Buy a vacuum", None, who="House manager").value
    assert [i.what for i in book.view(second).carried] == ["Fix the back-door lock", "Buy a vacuum"]
    book.complete_item(vacuum.id, SUNDAYS[1] + timedelta(days=2))
    carried = book.view(third).carried
    assert [(i.what, i.who) for i in carried] == [("Fix the back-door lock", "Ana Test")]
    # The second meeting's minutes still show both: it was before the vacuum was bought.
    assert len(book.view(second).carried) == 2
    assert [i.id for i in book.open_items()] == [lock.id]


def test_roll_call_comes_from_attendance(
    house: House, meetings: tuple[MeetingCalendar, MinutesBook, AttendanceBook]
) -> None:
    calendar, book, attendance = meetings
    ana = house.residents.admit(Admission(PersonDetails("Ana", "Test"), date(2026, 5, 1))).value
    meeting = _held(calendar, SUNDAYS[0])
    attendance.record(meeting, {ana: (Presence.EXCUSED, "Work")})
    [line] = book.view(meeting).roll_call
    assert (line.name, line.status, line.reason) == ("Ana Test", Presence.EXCUSED, "Work")


def test_final_minutes_change_only_by_amendment(
    house: House, meetings: tuple[MeetingCalendar, MinutesBook, AttendanceBook]
) -> None:
    calendar, book, _ = meetings
    meeting = _held(calendar, SUNDAYS[0])
    book.save(meeting, {"decisions": "TV off at 11 pm"})
    book.finalise(meeting)
    view = book.view(meeting)
    assert view.finalised_at == datetime(2026, 6, 22, 9, 0) and view.finalised_by.startswith(
        "Dana Test"
    )
    with pytest.raises(Conflict, match="final"):
        book.save(meeting, {"decisions": "TV off at midnight"})
    with pytest.raises(ValidationError, match="Say why"):
        book.amend(meeting, "decisions", "TV off at 11:30 pm", "")
    book.amend(meeting, "decisions", "TV off at 11:30 pm", "The vote was misheard.")
    view = book.view(meeting)
    assert view.sections["decisions"] == "TV off at 11:30 pm"
    [change] = view.amendments
    assert (change.section, change.before, change.why) == (
        "Decisions",
        "TV off at 11 pm",
        "The vote was misheard.",
    )

    pdf = minutes_pdf(MinutesDocument("M", view, datetime(2026, 6, 22, 10, 0)))
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Amended 22 Jun 2026, 09:00" in text and "The vote was misheard." in text


def test_minutes_only_for_house_meetings(
    house: House, meetings: tuple[MeetingCalendar, MinutesBook, AttendanceBook]
) -> None:
    calendar, book, _ = meetings
    group = calendar.add_one_off(
        SeriesInfo(None, Kind.GROUP, "Step study", 0, time(19)), SUNDAYS[0]
    ).value
    meeting = calendar.hold(group)
    with pytest.raises(ValidationError, match="house meetings"):
        book.save(meeting, {"opening": "x"})


def test_house_meeting_on_a_day_means_one_that_was_held(
    house: House, meetings: tuple[MeetingCalendar, MinutesBook, AttendanceBook]
) -> None:
    calendar, book, attendance = meetings
    ana = house.residents.admit(Admission(PersonDetails("Ana", "Test"), date(2026, 5, 1))).value
    meeting = _held(calendar, SUNDAYS[0])
    assert book.house_meeting_on(SUNDAYS[0]) is None  # on the calendar, not yet held
    attendance.record(meeting, {ana: (Presence.PRESENT, "")})
    found = book.house_meeting_on(SUNDAYS[0])
    assert found is not None and found.title == "House meeting"
    assert book.house_meeting_on(TODAY) is None


def test_final_minutes_fix_the_roll_call_and_the_items(
    house: House, meetings: tuple[MeetingCalendar, MinutesBook, AttendanceBook]
) -> None:
    calendar, book, attendance = meetings
    ana = house.residents.admit(Admission(PersonDetails("Ana", "Test"), date(2026, 5, 1))).value
    meeting = _held(calendar, SUNDAYS[0])
    attendance.record(meeting, {ana: (Presence.PRESENT, "")})
    book.finalise(meeting)
    with pytest.raises(ValidationError, match="final"):
        attendance.record(meeting, {ana: (Presence.ABSENT, "")})
    with pytest.raises(Conflict, match="final"):
        book.add_item(meeting, "Late item", ana)


def test_no_minutes_for_a_cancelled_or_future_meeting(
    meetings: tuple[MeetingCalendar, MinutesBook, AttendanceBook],
) -> None:
    calendar, book, _ = meetings
    [sunday] = calendar.between(SUNDAYS[1], SUNDAYS[1])
    calendar.cancel(sunday, "Snow")
    cancelled = calendar.between(SUNDAYS[1], SUNDAYS[1], include_cancelled=True)[0]
    assert cancelled.meeting_id is not None
    with pytest.raises(ValidationError, match="cancelled"):
        book.save(cancelled.meeting_id, {"opening": "x"})
    future = _held(calendar, SUNDAYS[-1] + timedelta(weeks=1))
    with pytest.raises(ValidationError, match="hasn't come yet"):
        book.finalise(future)


def test_the_agenda_of_a_coming_meeting_is_prepared_ahead(
    meetings: tuple[MeetingCalendar, MinutesBook, AttendanceBook],
) -> None:
    """Sections and action items can be written before the day; the roll call and
    finalising wait for it."""
    calendar, book, attendance = meetings
    future = _held(calendar, SUNDAYS[-1] + timedelta(weeks=1))
    book.save(future, {"old_business": "Follow up on the porch light."})
    assert book.view(future).sections["old_business"] == "Follow up on the porch light."
    assert "hasn't come yet" in attendance.locked(future)
    with pytest.raises(ValidationError, match="hasn't come yet"):
        book.finalise(future)


def test_a_midweek_meeting_reports_on_the_week_before_and_this_week(
    house: House, meetings: tuple[MeetingCalendar, MinutesBook, AttendanceBook]
) -> None:
    calendar, book, _ = meetings
    house.residents.admit(Admission(PersonDetails("Ana", "Test"), date(2026, 5, 1)))
    chore_weeks = ChoreWeeks(house.db, clock=clock_on(date(2026, 6, 1)))
    ChoreCatalogue(house.db, house.clock).save_chore(ChoreInfo(None, "Kitchen", weight=3))
    chore_weeks.generate(date(2026, 6, 1))  # week of 1 Jun
    chore_weeks.generate(date(2026, 6, 8))  # week of 8 Jun
    wednesday = calendar.add_one_off(
        SeriesInfo(None, Kind.HOUSE, "Extra house meeting", 2, time(19)), date(2026, 6, 10)
    ).value
    view = book.view(calendar.hold(wednesday))
    assert view.chores.week_start == date(2026, 6, 1)  # the week before, not this one
    sunday_view = book.view(_held(calendar, SUNDAYS[1]))  # Sunday 14 Jun closes its week
    assert sunday_view.chores.week_start == date(2026, 6, 8)


def _pdf_text(view: MinutesView) -> str:
    pdf = minutes_pdf(MinutesDocument("M", view, datetime(2026, 6, 22, 10, 0)))
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


def test_final_minutes_print_what_was_true_when_they_were_finalised(
    house: House, meetings: tuple[MeetingCalendar, MinutesBook, AttendanceBook]
) -> None:
    calendar, book, attendance = meetings
    ana = house.residents.admit(Admission(PersonDetails("Ana", "Test"), date(2026, 5, 1))).value
    catalogue = ChoreCatalogue(house.db, house.clock)
    catalogue.save_chore(ChoreInfo(None, "Kitchen", weight=3))
    weeks = ChoreWeeks(house.db, clock=clock_on(LATER))
    weeks.generate(date(2026, 6, 15), past=True)  # the week the meeting closes
    weeks.generate(LATER)  # next week's rotation, read out at the meeting
    first, meeting = _held(calendar, SUNDAYS[0]), _held(calendar, SUNDAYS[2])
    lock = book.add_item(first, "Fix the back-door lock", ana).value
    attendance.record(meeting, {ana: (Presence.PRESENT, "")})
    book.finalise(meeting)
    at_finalising = book.view(meeting)

    # Afterwards the records move on: the item is done, a resident's admission is entered
    # late (so the house's roll that day grows), and next week's chores are remade.
    book.complete_item(lock.id, SUNDAYS[2])
    house.residents.admit(Admission(PersonDetails("Ben", "Late"), date(2026, 6, 1)))
    catalogue.save_chore(ChoreInfo(None, "Bathrooms", weight=2))
    weeks.generate(LATER)
    assert "Bathrooms" in {chore for chore, _ in chore_report(weeks, SUNDAYS[2]).next_week}

    view = book.view(meeting)
    assert view.records_kept and not view.records_live_though_final
    assert (view.roll_call, view.carried, view.chores) == (
        at_finalising.roll_call,
        at_finalising.carried,
        at_finalising.chores,
    )
    assert [line.name for line in view.roll_call] == ["Ana Test"]
    assert [(i.what, i.done_on) for i in view.carried] == [("Fix the back-door lock", None)]
    assert {chore for chore, _ in view.chores.next_week} == {"Kitchen"}
    text = _pdf_text(view)
    assert "Fix the back-door lock Ana Test open" in text
    assert "Kitchen" in text and "Bathrooms" not in text and "Ben Late" not in text
    assert "finalised before the app kept" not in text

    # An amendment changes its section only; the kept records stay as they were.
    book.amend(meeting, "decisions", "Quiet hours from 11 pm", "Left out by mistake")
    amended = book.view(meeting)
    assert amended.sections["decisions"] == "Quiet hours from 11 pm"
    assert amended.roll_call == at_finalising.roll_call and amended.chores == view.chores


def test_draft_minutes_follow_the_records(
    house: House, meetings: tuple[MeetingCalendar, MinutesBook, AttendanceBook]
) -> None:
    calendar, book, _ = meetings
    ana = house.residents.admit(Admission(PersonDetails("Ana", "Test"), date(2026, 5, 1))).value
    first, meeting = _held(calendar, SUNDAYS[0]), _held(calendar, SUNDAYS[2])
    lock = book.add_item(first, "Fix the back-door lock", ana).value
    book.save(meeting, {"opening": "Serenity prayer"})
    book.complete_item(lock.id, SUNDAYS[2])
    house.residents.admit(Admission(PersonDetails("Ben", "Late"), date(2026, 6, 1)))
    view = book.view(meeting)
    assert not view.records_kept and view.finalised_at is None
    assert [line.name for line in view.roll_call] == ["Ana Test", "Ben Late"]
    assert [i.done_on for i in view.carried] == [SUNDAYS[2]]
    text = _pdf_text(view)
    assert "Fix the back-door lock Ana Test 21 Jun 2026" in text and "Ben Late" in text


def test_minutes_finalised_before_they_kept_their_records_say_they_show_them_live(
    house: House, meetings: tuple[MeetingCalendar, MinutesBook, AttendanceBook]
) -> None:
    calendar, book, _ = meetings
    house.residents.admit(Admission(PersonDetails("Ana", "Test"), date(2026, 5, 1)))
    meeting = _held(calendar, SUNDAYS[0])
    book.finalise(meeting)
    # As schema 0009 leaves minutes that were final before it: nothing kept.
    with house.db.engine.begin() as connection:
        connection.execute(text("UPDATE minutes SET final_records = NULL"))
    house.residents.admit(Admission(PersonDetails("Ben", "Late"), date(2026, 6, 1)))
    view = book.view(meeting)
    assert view.finalised_at is not None and view.records_live_though_final
    assert [line.name for line in view.roll_call] == ["Ana Test", "Ben Late"]
    pdf_text = _pdf_text(view)
    assert "finalised before the app kept their roll call" in pdf_text
    assert "show the records as they are now" in pdf_text
