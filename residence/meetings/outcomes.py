"""What the outcomes report tells of house meetings: how many were held, and of the roll
calls taken, the share of marks that were present or late."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from residence.db import orm
from residence.meetings.records import Kind, Presence
from residence.outcomes import rules
from residence.outcomes.records import Block, Line


def attendance(session: Session, first: date, last: date) -> Block:
    held = (
        select(orm.Meeting.id)
        .where(
            orm.Meeting.day.between(first, last),
            orm.Meeting.kind == Kind.HOUSE.value,
            orm.Meeting.cancelled.is_(False),
        )
        .subquery()
    )
    marks = dict(
        session.execute(
            select(orm.Attendance.status, func.count())
            .where(orm.Attendance.meeting_id.in_(select(held.c.id)))
            .group_by(orm.Attendance.status)
        ).all()
    )
    rolls = session.scalar(
        select(func.count(func.distinct(orm.Attendance.meeting_id))).where(
            orm.Attendance.meeting_id.in_(select(held.c.id))
        )
    )
    came = marks.get(Presence.PRESENT.value, 0) + marks.get(Presence.LATE.value, 0)
    lines = (
        Line("House meetings with a roll call", rules.shown_count(int(rolls or 0))),
        Line(
            "Present or late, of the marks taken",
            rules.share(came, sum(marks.values()), people=False),
        ),
        Line(
            "Excused, of the marks taken",
            rules.share(marks.get(Presence.EXCUSED.value, 0), sum(marks.values()), people=False),
        ),
    )
    return Block(
        "House-meeting attendance", lines, None, "Meetings with no roll taken aren't counted."
    )
