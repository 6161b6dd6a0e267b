"""The Home page's meetings at a glance: the missed-week warning, overdue action items, and
who can no longer make this week's outside-meeting quota."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from residence.meetings.records import Kind, Presence, SeriesInfo
from residence.residents.records import Admission, PersonDetails
from residence.workspace import Workspace, workspace_for
from tests.conftest import NOW, TODAY, House

MONDAY = TODAY  # the house week is Mon 15 – Sun 21 Jun 2026
FRIDAY = TODAY + timedelta(days=4)
HOUSE_MEETING = SeriesInfo(
    None, Kind.HOUSE, "House meeting", 6, time(19), 90, starts=date(2026, 1, 1)
)


def _workspace(house: House, today: date) -> tuple[Workspace, list[int]]:
    house.clock.move_to(datetime.combine(today, NOW.time()))
    workspace = workspace_for(house.db)
    people = [
        workspace.residents.admit(Admission(PersonDetails(first, "Test"), date(2026, 5, 1))).value
        for first in ("Ana", "Ben")
    ]
    return workspace, people


def test_falling_behind_means_more_meetings_needed_than_days_left(house: House) -> None:
    workspace, (ana, ben) = _workspace(house, FRIDAY)  # Phase 1: 5 a week
    workspace.attendance.log_slips(MONDAY, [ana, ben], "AA")
    workspace.attendance.log_slips(TODAY + timedelta(days=1), [ben], "NA")
    # Friday to Sunday is three days: Ana needs 4 more, Ben 3.
    glance = workspace.meetings_glance(FRIDAY, MONDAY)
    assert [(q.name, q.count) for q in glance.behind] == [("Ana Test", 1)]
    # On Monday nobody is behind yet, however few slips they have.
    assert workspace.meetings_glance(MONDAY, MONDAY).behind == ()


def test_a_week_with_no_house_meeting_recorded_is_flagged(house: House) -> None:
    workspace, _ = _workspace(house, MONDAY)
    assert not workspace.meetings_glance(MONDAY, MONDAY).no_meeting_last_week  # no calendar
    workspace.calendar.save_series(HOUSE_MEETING)
    assert workspace.meetings_glance(MONDAY, MONDAY).no_meeting_last_week
    [sunday] = workspace.calendar.between(MONDAY - timedelta(days=1), MONDAY - timedelta(days=1))
    meeting = workspace.calendar.hold(sunday)
    marks = {line.person_id: (Presence.PRESENT, "") for line in workspace.attendance.sheet(meeting)}
    workspace.attendance.record(meeting, marks)
    glance = workspace.meetings_glance(MONDAY, MONDAY)
    assert not glance.no_meeting_last_week
    assert glance.next_house_meeting is not None
    assert glance.next_house_meeting.day == MONDAY + timedelta(days=6)


def test_open_items_past_their_due_date_are_overdue(house: House) -> None:
    workspace, (ana, _) = _workspace(house, MONDAY)
    workspace.calendar.save_series(HOUSE_MEETING)
    [sunday] = workspace.calendar.between(date(2026, 6, 7), date(2026, 6, 7))
    meeting = workspace.calendar.hold(sunday)
    late = workspace.minutes.add_item(meeting, "Fix the lock", ana, due=date(2026, 6, 10)).value
    workspace.minutes.add_item(meeting, "Buy a mop", ana, due=date(2026, 6, 20))
    glance = workspace.meetings_glance(MONDAY, MONDAY)
    assert [i.what for i in glance.open_items] == ["Fix the lock", "Buy a mop"]
    assert [i.id for i in glance.overdue] == [late.id]
