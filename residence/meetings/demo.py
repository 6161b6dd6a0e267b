"""The demo house's meetings: the Sunday house meeting, two groups, eight weeks of attendance
and minutes with action items, and the outside-meeting slips of the last eight weeks. A group
was cancelled once, this week's life-skills group is moved, and an alumni night is a one-off."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, time, timedelta

from residence.meetings.records import FELLOWSHIPS, Kind, Presence, SeriesInfo
from residence.workspace import Workspace

SERIES = (
    SeriesInfo(None, Kind.HOUSE, "House meeting", 6, time(19, 0), 90, "Living room, after dinner"),
    SeriesInfo(None, Kind.GROUP, "Step study", 1, time(19, 0), 60, "Dining room"),
    SeriesInfo(None, Kind.GROUP, "Life skills: budgeting and cooking", 3, time(18, 0), 60,
               "Kitchen", mandatory=False),
)  # fmt: skip
ITEMS = (
    "Call the landlord about the back-door lock",
    "Buy a new vacuum cleaner (budget $120)",
    "Set up the chore sign-off sheet by the fridge",
    "Find a speaker for the alumni night",
    "Repaint the porch railing",
    "Ask the county about the bus pass program",
)
MEETING_NAMES = (
    "Tuesday Night Big Book",
    "Keep It Simple",
    "Downtown Noon",
    "Hope Group",
    "Saturday Sunrise",
    "Online Young People's",
)


def build_demo_meetings(workspace: Workspace, today: date) -> None:
    rng = random.Random(719)  # the same history for the same day, every time
    first = today - timedelta(weeks=8)
    for series in SERIES:
        workspace.calendar.save_series(_starting(series, first - timedelta(weeks=30)))
    _calendar_changes(workspace, today)
    held = workspace.calendar.between(first, today - timedelta(days=1))
    house_meetings = [o for o in held if o.kind is Kind.HOUSE]
    for event in held:
        meeting = workspace.calendar.hold(event)
        sheet = workspace.attendance.sheet(meeting)
        workspace.attendance.record(meeting, {line.person_id: _presence(rng) for line in sheet})
    for number, event in enumerate(house_meetings):
        _minutes(workspace, workspace.calendar.hold(event), number, rng, today)
    _slips(workspace, today, rng)


def _starting(series: SeriesInfo, starts: date) -> SeriesInfo:
    return replace(series, starts=starts)


def _calendar_changes(workspace: Workspace, today: date) -> None:
    """What happens to any house calendar: a cancelled group, a moved one, a one-off night."""
    calendar = workspace.calendar
    three_weeks_ago = calendar.week(today - timedelta(weeks=3))
    step_study = next(o for o in three_weeks_ago if o.title == "Step study")
    calendar.cancel(step_study, "Facilitator ill")
    this_week = calendar.week(today)
    life_skills = next(o for o in this_week if o.title.startswith("Life skills"))
    saturday = life_skills.day + timedelta(days=(5 - life_skills.day.weekday()))
    calendar.move(life_skills, saturday, time(11, 0))
    friday = this_week[0].day + timedelta(days=(4 - this_week[0].day.weekday()) % 7)
    alumni = SeriesInfo(
        None,
        Kind.GROUP,
        "Alumni night: speaker and potluck",
        4,
        time(19, 0),
        120,
        "Living room",
        mandatory=False,
    )
    calendar.add_one_off(alumni, friday)


def _presence(rng: random.Random) -> tuple[Presence, str]:
    roll = rng.random()
    if roll < 0.82:
        return Presence.PRESENT, ""
    if roll < 0.90:
        return Presence.LATE, "Work ran late"
    if roll < 0.96:
        return Presence.EXCUSED, "At a family event"
    return Presence.ABSENT, ""


def _minutes(
    workspace: Workspace, meeting: int, number: int, rng: random.Random, today: date
) -> None:
    book = workspace.minutes
    day = book.view(meeting).meeting.day
    for item in book.open_items():
        # Most items get done by the next meeting; a few are carried over.
        done_on = item.raised_on + timedelta(days=rng.randint(2, 9))
        if rng.random() < 0.7 and done_on < day and done_on <= today:
            book.complete_item(item.id, done_on)
    view = book.view(meeting)
    book.save(
        meeting,
        {
            "opening": "Serenity Prayer; a resident read from the Big Book, page 449.",
            "last_minutes": "Read and approved.",
            "business": f"House fund: ${180 + number * 15}. Rent is due on the 1st.",
            "old_business": "Went through the open items."
            if view.carried
            else "Nothing carried over.",
            "new_business": "Quiet hours after 10 pm on weeknights were discussed.",
            "decisions": "Agreed: the TV goes off at 11 pm on weeknights.",
            "announcements": "Alumni night on the last Friday of the month.",
            "closing": "Closed with the Third Step Prayer.",
        },
    )
    residents = [line.person_id for line in view.roll_call]
    if residents:
        due = view.meeting.day + timedelta(days=7)
        book.add_item(meeting, ITEMS[number % len(ITEMS)], rng.choice(residents), due=due)
    book.finalise(meeting)


def _slips(workspace: Workspace, today: date, rng: random.Random) -> None:
    start = today - timedelta(weeks=8)
    for offset in range((today - start).days):
        day = start + timedelta(days=offset)
        people = [r.person_id for r in workspace.queries.rows() if r.move_in <= day]
        # Two residents are short of their quota: they go less often.
        going = [p for n, p in enumerate(people) if rng.random() < (0.25 if n < 2 else 0.9)]
        if going:
            fellowship = rng.choice(FELLOWSHIPS[:4])
            workspace.attendance.log_slips(
                day, going, fellowship, rng.choice(MEETING_NAMES), online=rng.random() < 0.15
            )
