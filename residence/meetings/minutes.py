"""House-meeting minutes on the house's steady agenda, with action items that carry over."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from residence.changes import Area, Changes, Done
from residence.chores.records import ChoreReport
from residence.clock import Clock
from residence.dates import format_date
from residence.db import orm
from residence.db.database import Database
from residence.db.edits import refuse_if_changed, version
from residence.db.lookup import get_row
from residence.errors import Conflict, ValidationError
from residence.meetings import minutes_snapshot as snapshot
from residence.meetings.attendance import AttendanceBook
from residence.meetings.calendar import occurrence
from residence.meetings.records import ActionItemInfo as ActionItemInfo  # where it was first
from residence.meetings.records import AttendanceLine, Kind, Occurrence
from residence.residents.presence import short_name
from residence.text_rules import clean, text_problem
from residence.who import who_changed

MEETINGS_CHANGED = Changes.of(Area.MEETINGS)

# The agenda's free-text sections, in order, with their headings: the steady agenda of a
# house meeting (the roll call, chore report and action items are filled in from the records).
SECTIONS = (
    ("opening", "Opening and reading"),
    ("last_minutes", "Last meeting's minutes"),
    ("business", "House business and finances"),
    ("old_business", "Old business"),
    ("new_business", "New business"),
    ("decisions", "Decisions"),
    ("announcements", "Announcements"),
    ("closing", "Close"),
)

# Said wherever final minutes from before schema 0009 are shown or printed.
LIVE_NOTE = (
    "These minutes were finalised before the app kept their roll call, action items and "
    "chore report as they stood, so those parts show the records as they are now."
)


@dataclass(frozen=True)
class MinutesAmendmentInfo:
    section: str  # its heading
    amended_at: datetime
    amended_by: str
    why: str
    before: str


@dataclass(frozen=True)
class MinutesView:
    meeting: Occurrence
    sections: Mapping[str, str]
    roll_call: tuple[AttendanceLine, ...]
    carried: tuple[ActionItemInfo, ...]  # open items from earlier meetings (old business)
    raised: tuple[ActionItemInfo, ...]  # items raised at this meeting
    chores: ChoreReport
    finalised_at: datetime | None
    finalised_by: str
    amendments: tuple[MinutesAmendmentInfo, ...] = ()
    # True: the roll call, items and chore report are as they stood when finalised.
    records_kept: bool = False
    # The trail's newest entry about the minutes when read (0: none written yet): a save from
    # an older reading is refused rather than written over what was saved since.
    version: int = 0

    @property
    def records_live_though_final(self) -> bool:
        """Final minutes from before the app kept their records: those parts are read now."""
        return self.finalised_at is not None and not self.records_kept


class MinutesBook:
    def __init__(
        self,
        database: Database,
        attendance: AttendanceBook,
        clock: Clock,
        chore_report: Callable[[date], ChoreReport],
    ) -> None:
        """``chore_report``: the chores area's report for a meeting on a day (its agenda's
        chore report), so that the minutes don't reach into the chores' tables."""
        self._db = database
        self._attendance = attendance
        self._chore_report = chore_report
        self._today = clock.today
        self._now = clock.now

    def house_meeting_on(self, day: date) -> Occurrence | None:
        """The house meeting held on ``day``: its attendance was taken or minutes written."""
        with self._db.read() as session:
            attended = select(orm.Attendance.id).where(orm.Attendance.meeting_id == orm.Meeting.id)
            written = select(orm.Minutes.id).where(orm.Minutes.meeting_id == orm.Meeting.id)
            row = session.scalar(
                select(orm.Meeting).where(
                    orm.Meeting.day == day,
                    orm.Meeting.kind == Kind.HOUSE.value,
                    orm.Meeting.cancelled.is_(False),
                    or_(attended.exists(), written.exists()),
                )
            )
            return occurrence(row) if row is not None else None

    def view(self, meeting_id: int) -> MinutesView:
        """The minutes as they stand. A draft is prefilled from attendance, action items and
        chores as the records are now; final minutes show those parts as they were finalised."""
        with self._db.read() as session:
            meeting = get_row(session, orm.Meeting, meeting_id, "meeting")
            # The version before the text: a save in between is then refused, never hidden.
            written = session.scalar(
                select(orm.Minutes.id).where(orm.Minutes.meeting_id == meeting_id)
            )
            read_at = version(session, "minutes", written) if written is not None else 0
            row = _minutes_row(session, meeting_id)
            sections = {name: getattr(row, name) if row else "" for name, _ in SECTIONS}
            event = occurrence(meeting)
            finalised = (row.finalised_at, row.finalised_by) if row else (None, "")
            amendments = _amendments(session, row.id) if row else ()
            kept = row.final_records if row is not None and row.finalised_at else None
        parts = snapshot.load(kept) if kept else self._from_records(meeting_id)
        return MinutesView(
            meeting=event,
            sections=sections,
            roll_call=parts.roll_call,
            carried=parts.carried,
            raised=parts.raised,
            chores=parts.chores,
            finalised_at=finalised[0],
            finalised_by=finalised[1],
            amendments=amendments,
            records_kept=bool(kept),
            version=read_at,
        )

    def _from_records(self, meeting_id: int) -> snapshot.FromRecords:
        """The roll call, action items and chore report as the records say now."""
        with self._db.read() as session:
            day = get_row(session, orm.Meeting, meeting_id, "meeting").day
            carried = _items(session, orm.ActionItem.meeting_id != meeting_id, before=day)
            raised = _items(session, orm.ActionItem.meeting_id == meeting_id)
        return snapshot.FromRecords(
            roll_call=tuple(self._attendance.sheet(meeting_id)),
            carried=carried,
            raised=raised,
            chores=self._chore_report(day),
        )

    def save(
        self, meeting_id: int, sections: Mapping[str, str], seen: int | None = None
    ) -> Done[None]:
        """Save a draft — ahead of the meeting too: the agenda and the items to raise are
        prepared before the day; only the roll call and finalising wait for it. Finalised
        minutes only change by amendment. ``seen``: the view's ``version`` the text was typed
        over, and Conflict if someone saved the minutes since."""
        texts = {name: _text(sections.get(name, ""), name) for name, _ in SECTIONS}
        with self._db.write() as session:
            row = _minutes_row(session, meeting_id)
            if row is not None:  # written before: by this form's reading, or since?
                refuse_if_changed(session, "minutes", row.id, seen, called="these minutes")
            row = row or _new_row(session, meeting_id)
            if row.finalised_at is not None:
                raise Conflict("These minutes are final: amend a section, saying why.")
            _check_not_cancelled(session, meeting_id)
            for name, text in texts.items():
                setattr(row, name, text)
        return Done(None, MEETINGS_CHANGED)

    def finalise(self, meeting_id: int) -> Done[None]:
        """Make the minutes final, keeping what they show from the records as it is now."""
        # Read first: the attendance and chore reports read in sessions of their own.
        kept = snapshot.dump(self._from_records(meeting_id))
        with self._db.write() as session:
            row = _minutes_row(session, meeting_id) or _new_row(session, meeting_id)
            _check_took_place(session, meeting_id, self._today())
            if row.finalised_at is None:
                row.finalised_at, row.finalised_by = self._now(), who_changed(session)
                row.final_records = kept
        return Done(None, MEETINGS_CHANGED)

    def amend(
        self, meeting_id: int, section: str, text: str, why: str, seen: int | None = None
    ) -> Done[None]:
        """Change a section of final minutes; the old text, who, when and why are kept.
        ``seen``: as for ``save``, for that section."""
        if section not in dict(SECTIONS):
            raise ValidationError.single("section", "Choose a section of the minutes.")
        text, why = _text(text, section), clean(why)
        if not why:
            raise ValidationError.single("why", "Say why the minutes are being corrected.")
        with self._db.write() as session:
            row = _minutes_row(session, meeting_id)
            if row is None or row.finalised_at is None:
                raise Conflict("These minutes are still a draft: just edit and save them.")
            refuse_if_changed(
                session, "minutes", row.id, seen, called="this section", fields=(section,)
            )
            session.add(
                orm.MinutesAmendment(
                    minutes_id=row.id,
                    amended_at=self._now(),
                    amended_by=who_changed(session),
                    section=section,
                    before=getattr(row, section),
                    after=text,
                    why=why,
                )
            )
            setattr(row, section, text)
        return Done(None, MEETINGS_CHANGED)

    # -- action items ------------------------------------------------------------------------

    def add_item(
        self,
        meeting_id: int,
        what: str,
        person_id: int | None,
        who: str = "",
        due: date | None = None,
    ) -> Done[ActionItemInfo]:
        what, who = _text(what, "what"), clean(who)
        if not what:
            raise ValidationError.single("what", "Say what is to be done.")
        if person_id is None and not who:
            raise ValidationError.single("who", "Say who will do it.")
        with self._db.write() as session:
            meeting = get_row(session, orm.Meeting, meeting_id, "meeting")
            minutes = _minutes_row(session, meeting_id)
            if minutes is not None and minutes.finalised_at is not None:
                raise Conflict("These minutes are final: raise the item at the next meeting.")
            if due is not None and due < meeting.day:
                raise ValidationError.single(
                    "due", f"Due before the meeting ({format_date(meeting.day)})."
                )
            if person_id is not None:
                get_row(session, orm.Person, person_id, "resident")
            row = orm.ActionItem(
                meeting_id=meeting_id, what=what, person_id=person_id, who=who, due=due
            )
            session.add(row)
            session.flush()
            return Done(_item(session, row), MEETINGS_CHANGED)

    def complete_item(self, item_id: int, on: date) -> Done[None]:
        with self._db.write() as session:
            row = get_row(session, orm.ActionItem, item_id, "action item")
            raised = get_row(session, orm.Meeting, row.meeting_id, "meeting").day
            if on < raised or on > self._today():
                raise ValidationError.single(
                    "on", f"Done on a day from {format_date(raised)} to today."
                )
            row.done_on = on
        return Done(None, MEETINGS_CHANGED)

    def open_items(self) -> list[ActionItemInfo]:
        """Every action item not done yet, oldest first."""
        with self._db.read() as session:
            return list(_items(session, orm.ActionItem.done_on.is_(None)))


def _amendments(session: Session, minutes_id: int) -> tuple[MinutesAmendmentInfo, ...]:
    headings = dict(SECTIONS)
    rows = session.scalars(
        select(orm.MinutesAmendment)
        .where(orm.MinutesAmendment.minutes_id == minutes_id)
        .order_by(orm.MinutesAmendment.amended_at, orm.MinutesAmendment.id)
    )
    return tuple(
        MinutesAmendmentInfo(
            headings.get(r.section, r.section), r.amended_at, r.amended_by, r.why, r.before
        )
        for r in rows
    )


def _check_not_cancelled(session: Session, meeting_id: int) -> orm.Meeting:
    meeting = get_row(session, orm.Meeting, meeting_id, "meeting")
    if meeting.cancelled:
        raise ValidationError.single("meeting", "This meeting was cancelled: it has no minutes.")
    return meeting


def _check_took_place(session: Session, meeting_id: int, today: date) -> None:
    meeting = _check_not_cancelled(session, meeting_id)
    if meeting.day > today:
        raise ValidationError.single("meeting", f"{format_date(meeting.day)} hasn't come yet.")


def _minutes_row(session: Session, meeting_id: int) -> orm.Minutes | None:
    return session.scalar(select(orm.Minutes).where(orm.Minutes.meeting_id == meeting_id))


def _new_row(session: Session, meeting_id: int) -> orm.Minutes:
    meeting = get_row(session, orm.Meeting, meeting_id, "meeting")
    if meeting.kind != Kind.HOUSE.value:
        raise ValidationError.single("meeting", "Minutes are kept for house meetings.")
    row = orm.Minutes(meeting_id=meeting_id)
    session.add(row)
    session.flush()
    return row


def _items(
    session: Session, condition: ColumnElement[bool], before: date | None = None
) -> tuple[ActionItemInfo, ...]:
    query = (
        select(orm.ActionItem)
        .join(orm.Meeting)
        .where(condition)
        .order_by(orm.Meeting.day, orm.ActionItem.id)
    )
    if before is not None:
        # Carried over: raised before this meeting and still open then.
        query = query.where(orm.Meeting.day < before)
        query = query.where((orm.ActionItem.done_on.is_(None)) | (orm.ActionItem.done_on >= before))
    return tuple(_item(session, row) for row in session.scalars(query))


def _item(session: Session, row: orm.ActionItem) -> ActionItemInfo:
    who = row.who
    if row.person_id is not None:
        person = get_row(session, orm.Person, row.person_id, "resident")
        who = short_name(person.first_name, person.last_name, person.preferred_name)
    raised = get_row(session, orm.Meeting, row.meeting_id, "meeting").day
    return ActionItemInfo(row.id, row.what, who, row.person_id, row.due, row.done_on, raised)


def _text(text: str, field: str) -> str:
    text = text.strip()
    if problem := text_problem(text, max_length=20000, multiline=True):
        raise ValidationError.single(field, f"This {problem}.")
    return text
