"""The house calendar: weekly series, one-off events, and single dates moved or cancelled."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from residence.changes import Area, Changes, Done
from residence.clock import Clock
from residence.dates import format_date, week_start
from residence.db import orm
from residence.db.database import Database
from residence.db.edits import refuse_if_changed, version, versions_of
from residence.db.lookup import get_row
from residence.errors import ValidationError
from residence.meetings.records import Kind, Occurrence, SeriesInfo
from residence.meetings.recurrence import occurrences, series_dates
from residence.text_rules import clean, text_problem

MEETINGS_CHANGED = Changes.of(Area.MEETINGS)


class MeetingCalendar:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._db = database
        self._today = clock.today

    # -- series ------------------------------------------------------------------------------

    def series(self) -> list[SeriesInfo]:
        with self._db.read() as session:
            versions = versions_of(session, "meeting_series")  # first: see the phases' reading
            rows = session.scalars(select(orm.MeetingSeries).order_by(orm.MeetingSeries.weekday))
            return [_series(row, versions.get(row.id)) for row in rows]

    def check(self, info: SeriesInfo) -> None:
        """Refuse an event as ``save_series`` would, writing nothing (a form checks every
        field at once)."""
        _validated_series(info)

    def save_series(self, info: SeriesInfo) -> Done[SeriesInfo]:
        """Add a weekly event (``id`` None) or change one from now on: Conflict if it was
        changed since it was read (``version``)."""
        info = _validated_series(info)
        today = self._today()
        with self._db.write() as session:
            row = orm.MeetingSeries()
            if info.id is not None:
                current = get_row(session, orm.MeetingSeries, info.id, "event")
                called = f"the event “{current.title}”"
                refuse_if_changed(
                    session, "meeting_series", current.id, info.version, called=called
                )
                if current.starts < today:
                    # History stays: the old series ends yesterday, the changed one starts today.
                    current.ends = today - timedelta(days=1)
                    info = replace(info, id=None, starts=today)
                else:
                    row = current
            for field in (
                "title",
                "weekday",
                "start_time",
                "minutes",
                "place",
                "mandatory",
                "starts",
                "ends",
            ):
                setattr(row, field, getattr(info, field))
            row.kind = info.kind.value
            session.add(row)
            session.flush()
            return Done(_series(row, version(session, "meeting_series", row.id)), MEETINGS_CHANGED)

    def end_series(self, series_id: int, last_day: date) -> Done[None]:
        """Stop a weekly event after ``last_day``; what happened before stays."""
        with self._db.write() as session:
            row = get_row(session, orm.MeetingSeries, series_id, "event")
            if last_day < row.starts:
                raise ValidationError.single("ends", "The last day is before the event started.")
            row.ends = last_day
        return Done(None, MEETINGS_CHANGED)

    # -- the calendar ------------------------------------------------------------------------

    def between(
        self, first: date, last: date, *, include_cancelled: bool = False
    ) -> list[Occurrence]:
        with self._db.read() as session:
            return occurrences_between(session, first, last, include_cancelled)

    def week(self, day: date) -> list[Occurrence]:
        """The house week containing ``day``."""
        with self._db.read() as session:
            first_day = session.scalar(select(orm.House.week_starts_on)) or 0
            start = week_start(day, first_day)
            return occurrences_between(session, start, start + timedelta(days=6), False)

    def add_one_off(self, info: SeriesInfo, day: date) -> Done[Occurrence]:
        """A single event that is not part of a series (a guest speaker, a house outing)."""
        info = _validated_series(replace(info, weekday=day.weekday(), starts=day))
        with self._db.write() as session:
            row = orm.Meeting(
                kind=info.kind.value,
                title=info.title,
                day=day,
                start_time=info.start_time,
                minutes=info.minutes,
                place=info.place,
                mandatory=info.mandatory,
            )
            session.add(row)
            session.flush()
            return Done(occurrence(row), MEETINGS_CHANGED)

    def hold(self, event: Occurrence) -> int:
        """The meeting's id, recording the occurrence if it had no row yet (to take attendance)."""
        if event.meeting_id is not None:
            return event.meeting_id
        with self._db.write() as session:
            return _materialise(session, event).id

    def cancel(self, event: Occurrence, reason: str) -> Done[None]:
        """Cancel one date; the series goes on and the cancellation stays on record."""
        reason = clean(reason)
        if problem := text_problem(reason, max_length=200):
            raise ValidationError.single("reason", f"The reason {problem}.")
        with self._db.write() as session:
            row = _materialise(session, event)
            if session.scalar(select(orm.Attendance.id).where(orm.Attendance.meeting_id == row.id)):
                raise ValidationError.single(
                    "reason", "Attendance was taken: this meeting happened."
                )
            row.cancelled, row.cancel_reason = True, reason
        return Done(None, MEETINGS_CHANGED)

    def restore(self, event: Occurrence) -> Done[None]:
        """Undo a cancellation."""
        with self._db.write() as session:
            row = _materialise(session, event)
            row.cancelled, row.cancel_reason = False, ""
        return Done(None, MEETINGS_CHANGED)

    def move(self, event: Occurrence, day: date, start_time: time) -> Done[Occurrence]:
        """Move one date (and time); the rest of the series stays where it was."""
        with self._db.write() as session:
            row = _materialise(session, event)
            if row.cancelled:
                raise ValidationError.single("day", "This meeting is cancelled; undo that first.")
            if _held(session, row.id):
                raise ValidationError.single("day", "Attendance was taken: this meeting happened.")
            row.day, row.start_time = day, start_time
            session.flush()
            return Done(occurrence(row), MEETINGS_CHANGED)


def occurrences_between(
    session: Session, first: date, last: date, include_cancelled: bool = False
) -> list[Occurrence]:
    """Everything on the calendar from ``first`` to ``last``, in a session already open."""
    series = [_series(row) for row in session.scalars(select(orm.MeetingSeries))]
    rows = session.scalars(
        select(orm.Meeting).where(
            or_(
                orm.Meeting.day.between(first, last),
                orm.Meeting.series_date.between(first, last),
            )
        )
    )
    return occurrences(
        series, [occurrence(r) for r in rows], first, last, include_cancelled=include_cancelled
    )


def _held(session: Session, meeting_id: int) -> bool:
    """A meeting happened when its attendance was taken."""
    query = select(orm.Attendance.id).where(orm.Attendance.meeting_id == meeting_id)
    return session.scalar(query.limit(1)) is not None


def _materialise(session: Session, event: Occurrence) -> orm.Meeting:
    if event.meeting_id is not None:
        return get_row(session, orm.Meeting, event.meeting_id, "meeting")
    assert event.series_id is not None and event.series_date is not None
    existing = session.scalar(
        select(orm.Meeting).where(
            orm.Meeting.series_id == event.series_id, orm.Meeting.series_date == event.series_date
        )
    )
    if existing is not None:
        return existing
    series = get_row(session, orm.MeetingSeries, event.series_id, "event")
    if event.series_date not in series_dates(_series(series), event.series_date, event.series_date):
        raise ValidationError.single(
            "day", f"{series.title} does not meet on {format_date(event.series_date)}."
        )
    row = orm.Meeting(
        series_id=series.id,
        series_date=event.series_date,
        kind=series.kind,
        title=series.title,
        day=event.series_date,
        start_time=series.start_time,
        minutes=series.minutes,
        place=series.place,
        mandatory=series.mandatory,
    )
    session.add(row)
    session.flush()
    return row


def occurrence(row: orm.Meeting) -> Occurrence:
    return Occurrence(
        meeting_id=row.id,
        series_id=row.series_id,
        series_date=row.series_date,
        kind=Kind(row.kind),
        title=row.title,
        day=row.day,
        start_time=row.start_time,
        minutes=row.minutes,
        place=row.place,
        mandatory=row.mandatory,
        cancelled=row.cancelled,
        cancel_reason=row.cancel_reason,
    )


def _series(row: orm.MeetingSeries, read_at: int | None = None) -> SeriesInfo:
    return SeriesInfo(
        row.id,
        Kind(row.kind),
        row.title,
        row.weekday,
        row.start_time,
        row.minutes,
        row.place,
        row.mandatory,
        row.starts,
        row.ends,
        read_at,
    )


def _validated_series(info: SeriesInfo) -> SeriesInfo:
    info = replace(info, title=clean(info.title), place=clean(info.place))
    errors: dict[str, str] = {}
    if not info.title:
        errors["title"] = "Give the event a name."
    elif problem := text_problem(info.title, max_length=80):
        errors["title"] = f"The name {problem}."
    if problem := text_problem(info.place, max_length=200):
        errors["place"] = f"The place {problem}."
    if not 0 <= info.weekday <= 6:
        errors["weekday"] = "Choose a day of the week."
    if not 5 <= info.minutes <= 12 * 60:
        errors["minutes"] = "An event lasts from 5 minutes to 12 hours."
    if info.ends is not None and info.ends < info.starts:
        errors["ends"] = "The last day is before the first."
    if errors:
        raise ValidationError(errors)
    return info
