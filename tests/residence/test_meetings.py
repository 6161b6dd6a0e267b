"""The house calendar, attendance and the outside-meeting quota."""

from __future__ import annotations

from datetime import date, time, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from residence.areas import stay_hooks
from residence.errors import ValidationError
from residence.meetings.attendance import AttendanceBook
from residence.meetings.calendar import MeetingCalendar
from residence.meetings.records import Kind, Occurrence, Presence, SeriesInfo
from residence.meetings.recurrence import occurrences, series_dates
from residence.residents.records import Admission, PersonDetails
from residence.residents.service import ResidentService
from tests.conftest import TODAY, House, clock_on

SUNDAY = TODAY + timedelta(days=6)  # the house week is Mon 15 – Sun 21 Jun 2026
HOUSE_MEETING = SeriesInfo(
    None, Kind.HOUSE, "House meeting", 6, time(19, 0), 90, "Living room", starts=date(2026, 1, 1)
)


@pytest.fixture
def calendar(house: House) -> MeetingCalendar:
    return MeetingCalendar(house.db, clock=clock_on())


@pytest.fixture
def book(house: House) -> AttendanceBook:
    return AttendanceBook(house.db, clock=clock_on(SUNDAY + timedelta(days=1)))


def _admit(house: House, first: str, move_in: date = date(2026, 5, 1)) -> int:
    service = ResidentService(house.db, clock=clock_on(max(move_in, TODAY)), hooks=stay_hooks())
    return service.admit(Admission(PersonDetails(first, "Test"), move_in)).value


# -- recurrence ------------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(
    st.integers(0, 6),
    st.dates(date(2025, 1, 1), date(2027, 1, 1)),
    st.integers(0, 120),
    st.integers(0, 60),
)
def test_a_series_meets_every_week_on_its_day_and_nowhere_else(
    weekday: int, first: date, span: int, started: int
) -> None:
    series = SeriesInfo(
        1, Kind.GROUP, "Step study", weekday, time(19), starts=first + timedelta(days=started)
    )
    last = first + timedelta(days=span)
    days = series_dates(series, first, last)
    assert all(d.weekday() == weekday and series.starts <= d and first <= d <= last for d in days)
    assert all(b - a == timedelta(weeks=1) for a, b in pairwise(days))
    start = max(first, series.starts)
    expected = sum(
        1
        for i in range((last - start).days + 1)
        if (start + timedelta(days=i)).weekday() == weekday
    )
    assert len(days) == max(expected, 0)


def _series_occ(day: date, moved_to: date | None = None, cancelled: bool = False) -> Occurrence:
    return Occurrence(
        7, 1, day, Kind.HOUSE, "House meeting", moved_to or day, time(19), 60, "", True, cancelled
    )


def test_a_moved_date_shows_on_its_new_day_only_and_a_cancelled_one_not_at_all() -> None:
    series = [SeriesInfo(1, Kind.HOUSE, "House meeting", 6, time(19), starts=date(2026, 1, 1))]
    moved = _series_occ(date(2026, 6, 21), moved_to=date(2026, 6, 20))
    cancelled = _series_occ(date(2026, 6, 28), cancelled=True)
    shown = occurrences(series, [moved, cancelled], date(2026, 6, 15), date(2026, 7, 5))
    assert [o.day for o in shown] == [date(2026, 6, 20), date(2026, 7, 5)]
    assert shown[0].moved
    everything = occurrences(
        series, [moved, cancelled], date(2026, 6, 15), date(2026, 7, 5), include_cancelled=True
    )
    assert [o.cancelled for o in everything] == [False, True, False]


def test_a_date_moved_into_another_week_leaves_its_own_week(calendar: MeetingCalendar) -> None:
    series = calendar.save_series(HOUSE_MEETING).value
    [sunday] = calendar.week(TODAY)
    assert (sunday.day, sunday.series_id) == (SUNDAY, series.id)
    calendar.move(sunday, SUNDAY + timedelta(days=1), time(18, 30))
    assert calendar.week(TODAY) == []
    next_week = calendar.week(SUNDAY + timedelta(days=1))
    [moved] = [o for o in next_week if o.moved]
    assert (moved.day, moved.start_time, moved.series_date) == (
        SUNDAY + timedelta(days=1),
        time(18, 30),
        SUNDAY,
    )
    # The next Sunday is there as usual.
    assert [o.day for o in next_week if not o.moved] == [SUNDAY + timedelta(days=7)]


def test_a_cancellation_is_kept_on_record(calendar: MeetingCalendar) -> None:
    calendar.save_series(HOUSE_MEETING)
    [sunday] = calendar.week(TODAY)
    calendar.cancel(sunday, "Thanksgiving dinner instead")
    assert calendar.week(TODAY) == []
    [kept] = calendar.between(TODAY, SUNDAY, include_cancelled=True)
    assert (kept.cancelled, kept.cancel_reason) == (True, "Thanksgiving dinner instead")
    calendar.restore(kept)
    assert [o.day for o in calendar.week(TODAY)] == [SUNDAY]


def test_one_off_events_and_ended_series(calendar: MeetingCalendar) -> None:
    group = calendar.save_series(
        SeriesInfo(None, Kind.GROUP, "Life skills", 3, time(18), starts=date(2026, 1, 1))
    ).value
    calendar.add_one_off(
        SeriesInfo(None, Kind.GROUP, "Guest speaker", 0, time(20)), TODAY + timedelta(days=2)
    )
    assert [o.title for o in calendar.week(TODAY)] == ["Guest speaker", "Life skills"]
    assert group.id is not None
    calendar.end_series(group.id, TODAY)
    assert [o.title for o in calendar.week(TODAY)] == ["Guest speaker"]


@pytest.mark.parametrize(
    ("change", "field"),
    [({"title": " "}, "title"), ({"minutes": 0}, "minutes"), ({"ends": date(2025, 1, 1)}, "ends")],
)
def test_an_event_that_makes_no_sense_is_refused(
    calendar: MeetingCalendar, change: dict[str, object], field: str
) -> None:
    from dataclasses import replace

    with pytest.raises(ValidationError) as raised:
        calendar.save_series(replace(HOUSE_MEETING, **change))  # type: ignore[arg-type]
    assert field in raised.value.errors


# -- attendance ------------------------------------------------------------------------------


def test_the_sheet_starts_with_everyone_living_here_that_day(
    house: House, calendar: MeetingCalendar, book: AttendanceBook
) -> None:
    ana = _admit(house, "Ana")
    _admit(house, "Ben", move_in=TODAY + timedelta(days=7))  # arrives after the meeting
    calendar.save_series(HOUSE_MEETING)
    meeting = calendar.hold(calendar.week(TODAY)[0])
    assert [(line.person_id, line.status) for line in book.sheet(meeting)] == [(ana, None)]
    book.record(meeting, {ana: (Presence.LATE, "Bus was late")})
    [line] = book.sheet(meeting)
    assert (line.status, line.reason) == (Presence.LATE, "Bus was late")


def test_attendance_only_for_people_living_here_that_day(
    house: House, calendar: MeetingCalendar, book: AttendanceBook
) -> None:
    later = _admit(house, "Ben", move_in=TODAY + timedelta(days=7))
    calendar.save_series(HOUSE_MEETING)
    meeting = calendar.hold(calendar.week(TODAY)[0])
    with pytest.raises(ValidationError, match="didn't live in the house on 21 Jun 2026"):
        book.record(meeting, {later: (Presence.ABSENT, "")})


def test_a_meeting_that_has_not_happened_takes_no_attendance(
    house: House, calendar: MeetingCalendar
) -> None:
    ana = _admit(house, "Ana")
    calendar.save_series(HOUSE_MEETING)
    meeting = calendar.hold(calendar.week(TODAY)[0])
    early = AttendanceBook(house.db, clock=clock_on())
    with pytest.raises(ValidationError, match="hasn't come yet"):
        early.record(meeting, {ana: (Presence.PRESENT, "")})


# -- outside meetings and quotas -------------------------------------------------------------


def test_a_stack_of_slips_is_one_entry_each(house: House, book: AttendanceBook) -> None:
    ana, ben = _admit(house, "Ana"), _admit(house, "Ben")
    assert book.log_slips(TODAY, [ana, ben], "AA", "Tuesday Night Big Book").value == 2
    [entry] = book.outside_log(ana, TODAY, TODAY)
    assert (entry.fellowship, entry.meeting, entry.slip_seen, entry.online) == (
        "AA",
        "Tuesday Night Big Book",
        True,
        False,
    )


def test_slips_only_for_people_living_here_that_day(house: House, book: AttendanceBook) -> None:
    later = _admit(house, "Ben", move_in=TODAY + timedelta(days=3))
    with pytest.raises(ValidationError, match="Not living in the house on 15 Jun 2026: Ben Test"):
        book.log_slips(TODAY, [later], "NA")


def test_quota_counts_the_house_week_and_the_phase_of_that_week(
    house: House, book: AttendanceBook
) -> None:
    ana = _admit(house, "Ana")  # Phase 1: 5 a week
    stay = house.queries.detail(ana).stays[-1]
    for offset in range(4):
        book.log_slips(TODAY + timedelta(days=offset), [ana], "AA")
    book.log_slips(TODAY - timedelta(days=1), [ana], "NA")  # the Sunday before: last week
    [line] = book.quotas(TODAY)
    assert (line.count, line.quota, line.short) == (4, 5, True)
    # Phase 2 from next Monday: next week's quota is 4, this week's stays 5.
    ResidentService(
        house.db, clock=clock_on(TODAY + timedelta(days=7)), hooks=stay_hooks()
    ).change_phase(stay.id, house.phases[1].id or 0, TODAY + timedelta(days=7))
    assert book.quotas(TODAY)[0].quota == 5
    assert book.quotas(TODAY + timedelta(days=7))[0].quota == 4


def test_a_phase_change_midweek_takes_effect_from_the_next_week(
    house: House, book: AttendanceBook
) -> None:
    ana = _admit(house, "Ana")  # Phase 1: 5 a week
    stay = house.queries.detail(ana).stays[-1]
    wednesday = TODAY + timedelta(days=2)
    ResidentService(house.db, clock=clock_on(wednesday), hooks=stay_hooks()).change_phase(
        stay.id, house.phases[1].id or 0, wednesday
    )
    # The week began in Phase 1: promoted on Wednesday, the week's quota is still Phase 1's.
    assert (book.quotas(wednesday)[0].quota, book.quotas(wednesday)[0].phase) == (
        5,
        "Phase 1 · Orientation",
    )
    assert book.quotas(wednesday + timedelta(days=7))[0].quota == 4


def test_the_week_follows_the_house_setting(house: House, book: AttendanceBook) -> None:
    from dataclasses import replace

    ana = _admit(house, "Ana")
    book.log_slips(TODAY - timedelta(days=1), [ana], "SMART Recovery")  # Sunday 14 Jun
    assert book.quotas(TODAY)[0].count == 0  # weeks start on Monday
    settings = house.house.settings()
    assert settings is not None
    house.house.save_settings(replace(settings, week_starts_on=6))  # now on Sunday
    assert book.quotas(TODAY)[0].count == 1


def test_a_slip_logged_by_mistake_can_be_taken_back(house: House, book: AttendanceBook) -> None:
    ana = _admit(house, "Ana")
    book.log_slips(TODAY, [ana], "AA")
    [entry] = book.outside_log(ana, TODAY, TODAY)
    book.remove_slip(entry.id)
    assert book.outside_log(ana, TODAY, TODAY) == []
    assert book.quotas(TODAY)[0].count == 0


def test_changing_a_weekly_event_moves_its_dates_not_the_ones_recorded(
    calendar: MeetingCalendar,
) -> None:
    from dataclasses import replace

    series = calendar.save_series(HOUSE_MEETING).value
    held = calendar.hold(calendar.week(TODAY)[0])  # this Sunday's meeting is on record
    calendar.save_series(replace(series, weekday=5, start_time=time(18)))  # now on Saturdays
    this_week = calendar.week(TODAY)
    assert [(o.day, o.meeting_id) for o in this_week] == [
        (SUNDAY - timedelta(days=1), None),  # Saturday, from the changed series
        (SUNDAY, held),  # the recorded Sunday stays
    ]
    [next_saturday] = calendar.week(TODAY + timedelta(days=7))
    assert (next_saturday.day, next_saturday.start_time) == (SUNDAY + timedelta(days=6), time(18))
    # Past weeks keep the Sunday meetings they had, and gain no Saturdays.
    assert [o.day for o in calendar.week(TODAY - timedelta(days=7))] == [SUNDAY - timedelta(days=7)]


def test_a_meeting_that_happened_cannot_be_moved(house: House, calendar: MeetingCalendar) -> None:
    ana = _admit(house, "Ana")
    calendar.save_series(HOUSE_MEETING)
    [last_sunday] = calendar.between(TODAY - timedelta(days=1), TODAY - timedelta(days=1))
    meeting = calendar.hold(last_sunday)
    AttendanceBook(house.db, clock=clock_on()).record(meeting, {ana: (Presence.PRESENT, "")})
    [held] = calendar.between(TODAY - timedelta(days=1), TODAY - timedelta(days=1))
    with pytest.raises(ValidationError, match="this meeting happened"):
        calendar.move(held, TODAY + timedelta(days=20), time(19))


def test_part_of_a_week_in_the_house_is_part_of_the_quota(
    house: House, book: AttendanceBook
) -> None:
    _admit(house, "Ana", move_in=TODAY + timedelta(days=4))  # Friday: 3 days of 7 this week
    [line] = book.quotas(TODAY + timedelta(days=4))
    assert (line.quota, line.phase) == (2, "Phase 1 · Orientation")  # 5 × 3/7, rounded
