"""The Home page's view of meetings: what is next, what is open, and who is falling behind."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from residence.meetings.attendance import AttendanceBook
from residence.meetings.calendar import MeetingCalendar
from residence.meetings.minutes import ActionItemInfo, MinutesBook
from residence.meetings.records import Kind, Occurrence, QuotaLine
from residence.text_rules import sort_key


@dataclass(frozen=True)
class MeetingsGlance:
    next_house_meeting: Occurrence | None  # in the next two weeks
    no_meeting_last_week: bool  # a week went by with no house meeting on record
    open_items: tuple[ActionItemInfo, ...]  # oldest first
    overdue: tuple[ActionItemInfo, ...]
    behind: tuple[QuotaLine, ...]  # can't make the quota this week at one meeting a day
    short_last_week: tuple[QuotaLine, ...]
    calendar_empty: bool


def meetings_glance(
    calendar: MeetingCalendar,
    minutes: MinutesBook,
    attendance: AttendanceBook,
    today: date,
    week_first: date,
) -> MeetingsGlance:
    upcoming = [
        o for o in calendar.between(today, today + timedelta(days=13)) if o.kind is Kind.HOUSE
    ]
    last_first, last_end = week_first - timedelta(days=7), week_first - timedelta(days=1)
    # A cancelled meeting is no meeting: the standard asks for one every week.
    expected = any(
        s.kind is Kind.HOUSE and s.starts <= last_end and (s.ends is None or s.ends >= last_first)
        for s in calendar.series()
    )
    held = any(
        minutes.house_meeting_on(o.day)
        for o in calendar.between(last_first, last_end)
        if o.kind is Kind.HOUSE
    )
    items = tuple(minutes.open_items())
    this_week = attendance.quotas(today)
    here = {line.person_id for line in this_week}  # who has moved out is no longer a concern
    last_week = [line for line in attendance.quotas(last_first) if line.person_id in here]
    return MeetingsGlance(
        next_house_meeting=upcoming[0] if upcoming else None,
        no_meeting_last_week=expected and not held,
        open_items=items,
        overdue=tuple(i for i in items if i.due is not None and i.due < today),
        behind=tuple(_behind(this_week, today, week_first)),
        short_last_week=tuple(line for line in last_week if line.short),
        calendar_empty=not calendar.series() and not upcoming,
    )


def _behind(lines: list[QuotaLine], today: date, week_first: date) -> list[QuotaLine]:
    """Residents who need more meetings than days are left in the week, today included.

    Early in the week almost everyone is short; only those who can no longer catch up at a
    meeting a day are worth the manager's attention, most behind first.
    """
    days_left = (week_first + timedelta(days=6) - today).days + 1
    behind = [line for line in lines if line.quota - line.count > days_left]
    return sorted(behind, key=lambda line: (line.count - line.quota, sort_key(line.name)))
