"""The tables, as typed SQLAlchemy models. Rules live here too: the UI is not the only writer.

Changing anything here needs an Alembic migration in ``residence/db/migrations/versions``.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Named constraints so that migrations can refer to them on every database.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

NAME = 200  # longest name a field accepts
SHORT = 80
LONG_TEXT = 4000


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class HouseOwned:
    """A record that belongs to one house: its rooms, phases, chores, calendar, stays, mentor
    pairs, consents, disclosures and audit trail. Each session sees the rows of its own house
    only (``residence.db.houses``; on a server, row-level security as well).

    No index of its own: a house is most of the rows, and SQLite's planner would take such an
    index over the selective ones (a person's, a day's) the queries are written for."""

    house_id: Mapped[int] = mapped_column(ForeignKey("house.id"))


class House(Base):
    """A house, with its settings. A database holds one or several (an operator's houses)."""

    __tablename__ = "house"
    __table_args__ = (
        CheckConstraint("length(trim(name)) > 0", name="name_given"),
        CheckConstraint("week_starts_on BETWEEN 0 AND 6", name="week_day"),
        CheckConstraint("report_names IN ('name', 'initials')", name="report_names_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME), unique=True)
    address: Mapped[str] = mapped_column(String(LONG_TEXT), default="")
    phone: Mapped[str] = mapped_column(String(SHORT), default="")
    manager_name: Mapped[str] = mapped_column(String(NAME), default="")
    manager_role: Mapped[str] = mapped_column(
        String(SHORT), default="House manager", server_default="House manager"
    )
    # How a disclosed report names the resident on every page: "name" or "initials" (with
    # the record number either way).
    report_names: Mapped[str] = mapped_column(String(10), default="name", server_default="name")
    week_starts_on: Mapped[int] = mapped_column(Integer, default=0)  # 0 = Monday
    # Who may mentor, with the defaults most houses start from (see MentorRules).
    mentor_min_days_sober: Mapped[int] = mapped_column(Integer, default=90, server_default="90")
    # The lowest phase (by position) a resident mentor may be in.
    mentor_min_phase: Mapped[int] = mapped_column(Integer, default=3, server_default="3")
    mentor_max_mentees: Mapped[int] = mapped_column(Integer, default=3, server_default="3")
    mentor_check_in_days: Mapped[int] = mapped_column(Integer, default=7, server_default="7")
    alumni_may_mentor: Mapped[bool] = mapped_column(default=True, server_default=text("1"))
    peers_may_mentor: Mapped[bool] = mapped_column(default=True, server_default=text("1"))
    # On every page of a disclosed report; empty: the short federal form.
    redisclosure_notice: Mapped[str] = mapped_column(
        String(LONG_TEXT), default="", server_default=""
    )


class Room(HouseOwned, Base):
    __tablename__ = "room"
    __table_args__ = (UniqueConstraint("house_id", "name", name="uq_room_name_per_house"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(SHORT))
    position: Mapped[int] = mapped_column(Integer, default=0)
    beds: Mapped[list[Bed]] = relationship(back_populates="room", order_by="Bed.label")


class Bed(HouseOwned, Base):
    __tablename__ = "bed"
    __table_args__ = (UniqueConstraint("room_id", "label", name="uq_bed_room_label"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id"))
    label: Mapped[str] = mapped_column(String(SHORT))
    retired: Mapped[bool] = mapped_column(default=False)
    room: Mapped[Room] = relationship(back_populates="beds")


class Phase(HouseOwned, Base):
    __tablename__ = "phase"
    __table_args__ = (
        CheckConstraint("weekly_meetings >= 0", name="quota_not_negative"),
        CheckConstraint("up_days_in_phase >= 0", name="up_days_not_negative"),
        CheckConstraint("up_quota_weeks >= 0", name="up_quota_weeks_not_negative"),
        CheckConstraint(
            "up_house_meeting_percent BETWEEN 0 AND 100", name="up_house_meeting_percent_range"
        ),
        CheckConstraint("up_missed_chores_at_most >= 0", name="up_missed_chores_not_negative"),
        UniqueConstraint("house_id", "name", name="uq_phase_name_per_house"),
        UniqueConstraint("house_id", "position", name="uq_phase_position_per_house"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(SHORT))
    position: Mapped[int] = mapped_column(Integer)
    curfew: Mapped[time | None] = mapped_column(Time)
    weekly_meetings: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str] = mapped_column(String(LONG_TEXT), default="")
    # The house's criteria for moving up to this phase (``house.records.MoveUpRules``).
    up_days_in_phase: Mapped[int | None] = mapped_column(Integer)
    up_quota_weeks: Mapped[int | None] = mapped_column(Integer)
    up_house_meeting_percent: Mapped[int | None] = mapped_column(Integer)
    up_missed_chores_at_most: Mapped[int | None] = mapped_column(Integer)


class CaseManager(Base):
    """An outside case manager; several residents may share one. Recorded by a house, and seen
    by it and by every house that has a resident or a consent naming them (a transferred
    resident's case manager is part of their file)."""

    __tablename__ = "case_manager"
    __table_args__ = (
        UniqueConstraint("house_id", "name", "organisation", name="uq_case_manager_per_house"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    house_id: Mapped[int] = mapped_column(ForeignKey("house.id"))  # the house that recorded it
    name: Mapped[str] = mapped_column(String(NAME))
    organisation: Mapped[str] = mapped_column(String(NAME), default="")
    phone: Mapped[str] = mapped_column(String(SHORT), default="")
    email: Mapped[str] = mapped_column(String(NAME), default="")


class Person(Base):
    """A resident, past or present: the person, whatever the number of stays."""

    __tablename__ = "person"
    __table_args__ = (
        CheckConstraint("length(trim(first_name)) > 0", name="first_name_given"),
        CheckConstraint("length(trim(last_name)) > 0", name="last_name_given"),
        Index("ix_person_name", "last_name", "first_name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The house that took them in first. The file is the operator's, not one house's: each
    # house sees it through its stays (``residence.db.houses``).
    house_id: Mapped[int] = mapped_column(ForeignKey("house.id"))
    first_name: Mapped[str] = mapped_column(String(NAME))
    last_name: Mapped[str] = mapped_column(String(NAME))
    preferred_name: Mapped[str] = mapped_column(String(NAME), default="")
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    sobriety_date: Mapped[date | None] = mapped_column(Date)
    phone: Mapped[str] = mapped_column(String(SHORT), default="")
    email: Mapped[str] = mapped_column(String(NAME), default="")
    emergency_name: Mapped[str] = mapped_column(String(NAME), default="")
    emergency_relation: Mapped[str] = mapped_column(String(SHORT), default="")
    emergency_phone: Mapped[str] = mapped_column(String(SHORT), default="")
    case_manager_id: Mapped[int | None] = mapped_column(ForeignKey("case_manager.id"))
    probation_officer: Mapped[str] = mapped_column(String(NAME), default="")
    probation_phone: Mapped[str] = mapped_column(String(SHORT), default="")
    sponsor_name: Mapped[str] = mapped_column(String(NAME), default="")
    sponsor_phone: Mapped[str] = mapped_column(String(SHORT), default="")
    employment: Mapped[str] = mapped_column(String(NAME), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    case_manager: Mapped[CaseManager | None] = relationship()
    stays: Mapped[list[Stay]] = relationship(
        back_populates="person", order_by="[Stay.move_in, Stay.id]"
    )


class Stay(HouseOwned, Base):
    """One episode in the house, move-in to move-out. A return is a new stay."""

    __tablename__ = "stay"
    __table_args__ = (
        CheckConstraint("move_out IS NULL OR move_out >= move_in", name="move_out_after_move_in"),
        CheckConstraint(
            "(move_out IS NULL) = (discharge_reason IS NULL)", name="discharge_has_reason"
        ),
        # One active stay per person: at most one row per person with no move-out.
        Index(
            "uq_stay_one_active",
            "person_id",
            unique=True,
            sqlite_where=text("move_out IS NULL"),
            postgresql_where=text("move_out IS NULL"),
        ),
        Index("ix_stay_dates", "move_in", "move_out"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    move_in: Mapped[date] = mapped_column(Date)
    move_out: Mapped[date | None] = mapped_column(Date)
    referral_source: Mapped[str] = mapped_column(String(NAME), default="")
    discharge_reason: Mapped[str | None] = mapped_column(String(SHORT))
    discharge_note: Mapped[str] = mapped_column(String(LONG_TEXT), default="")
    # The stay in another house this one continues (a transfer ends that one the same day).
    transferred_from_id: Mapped[int | None] = mapped_column(ForeignKey("stay.id"))

    person: Mapped[Person] = relationship(back_populates="stays")
    phases: Mapped[list[StayPhase]] = relationship(order_by="[StayPhase.start, StayPhase.id]")
    beds: Mapped[list[BedAssignment]] = relationship(
        order_by="[BedAssignment.start, BedAssignment.id]"
    )
    amendments: Mapped[list[DischargeAmendment]] = relationship(
        order_by="DischargeAmendment.amended_at"
    )


class StayPhase(HouseOwned, Base):
    """The phase a stay entered on a date; the latest start is the current phase."""

    __tablename__ = "stay_phase"
    __table_args__ = (UniqueConstraint("stay_id", "start", name="uq_stay_phase_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    stay_id: Mapped[int] = mapped_column(ForeignKey("stay.id"), index=True)
    phase_id: Mapped[int] = mapped_column(ForeignKey("phase.id"))
    start: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(LONG_TEXT), default="")
    phase: Mapped[Phase] = relationship()


class BedAssignment(HouseOwned, Base):
    """A stay in a bed from ``start`` until the day before ``end`` (open while ``end`` is null)."""

    __tablename__ = "bed_assignment"
    __table_args__ = (
        CheckConstraint("end_date IS NULL OR end_date >= start", name="ends_after_start"),
        # One resident per bed now; earlier overlaps are refused by the service.
        Index(
            "uq_bed_assignment_occupied",
            "bed_id",
            unique=True,
            sqlite_where=text("end_date IS NULL"),
            postgresql_where=text("end_date IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    stay_id: Mapped[int] = mapped_column(ForeignKey("stay.id"), index=True)
    bed_id: Mapped[int] = mapped_column(ForeignKey("bed.id"), index=True)
    start: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    bed: Mapped[Bed] = relationship()


class DischargeAmendment(HouseOwned, Base):
    """A correction of a discharge: what it was, what it became, who, when and why."""

    __tablename__ = "discharge_amendment"

    id: Mapped[int] = mapped_column(primary_key=True)
    stay_id: Mapped[int] = mapped_column(ForeignKey("stay.id"), index=True)
    amended_at: Mapped[datetime] = mapped_column(DateTime)
    amended_by: Mapped[str] = mapped_column(String(NAME))
    why: Mapped[str] = mapped_column(String(LONG_TEXT))
    old_move_out: Mapped[date] = mapped_column(Date)
    old_reason: Mapped[str] = mapped_column(String(SHORT))
    old_note: Mapped[str] = mapped_column(String(LONG_TEXT))
    new_move_out: Mapped[date] = mapped_column(Date)
    new_reason: Mapped[str] = mapped_column(String(SHORT))
    new_note: Mapped[str] = mapped_column(String(LONG_TEXT))


class Chore(HouseOwned, Base):
    """A chore of the house's catalogue. Weeks keep their own copy of name and weight."""

    __tablename__ = "chore"
    __table_args__ = (
        CheckConstraint("weight BETWEEN 1 AND 5", name="weight_1_to_5"),
        CheckConstraint("people BETWEEN 1 AND 10", name="people_1_to_10"),
        CheckConstraint("schedule IN ('daily', 'weekdays', 'weekly')", name="schedule_known"),
        CheckConstraint("days BETWEEN 0 AND 127", name="days_bitmask"),
        UniqueConstraint("house_id", "name", name="uq_chore_name_per_house"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(SHORT))
    area: Mapped[str] = mapped_column(String(SHORT), default="")
    instructions: Mapped[str] = mapped_column(String(LONG_TEXT), default="")
    schedule: Mapped[str] = mapped_column(String(10))
    days: Mapped[int] = mapped_column(Integer, default=0)  # bit 0 = Monday ... bit 6 = Sunday
    weight: Mapped[int] = mapped_column(Integer)
    people: Mapped[int] = mapped_column(Integer, default=1)
    retired: Mapped[bool] = mapped_column(default=False)


class ChoreExemption(HouseOwned, Base):
    """A resident excused from all chores (no chore) or one chore, for a date range."""

    __tablename__ = "chore_exemption"
    __table_args__ = (
        CheckConstraint("end_date IS NULL OR end_date >= start", name="ends_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    chore_id: Mapped[int | None] = mapped_column(ForeignKey("chore.id"))
    start: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)  # the last day exempt; open if null
    reason: Mapped[str] = mapped_column(String(NAME))


class ChoreWeek(HouseOwned, Base):
    """A week whose rotation exists (generated at least once)."""

    __tablename__ = "chore_week"
    __table_args__ = (UniqueConstraint("house_id", "start", name="uq_chore_week_start_per_house"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    start: Mapped[date] = mapped_column(Date)
    generated_at: Mapped[datetime] = mapped_column(DateTime)


class ChoreAssignment(HouseOwned, Base):
    """One cell of a week's chart: a chore's slot on a day, who has it, and how it went."""

    __tablename__ = "chore_assignment"
    __table_args__ = (
        UniqueConstraint("chore_id", "day", "slot", name="uq_chore_assignment_cell"),
        CheckConstraint(
            "status IN ('pending', 'done', 'missed', 'excused', 'covered')", name="status_known"
        ),
        CheckConstraint(
            "(status = 'covered') = (covered_by_id IS NOT NULL)", name="covered_names_who"
        ),
        CheckConstraint("status = 'pending' OR person_id IS NOT NULL", name="signed_has_person"),
        Index("ix_chore_assignment_day", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    week_id: Mapped[int] = mapped_column(ForeignKey("chore_week.id"), index=True)
    chore_id: Mapped[int] = mapped_column(ForeignKey("chore.id"))
    day: Mapped[date] = mapped_column(Date)
    slot: Mapped[int] = mapped_column(Integer, default=0)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    chore_name: Mapped[str] = mapped_column(String(SHORT))  # as it was that week
    load: Mapped[float] = mapped_column(default=0.0)  # the chore's weight shared over its days
    locked: Mapped[bool] = mapped_column(default=False)  # placed by hand: kept on regenerate
    # One day of someone else's weekly chore (they are away or exempt): not the holder's chore.
    cover: Mapped[bool] = mapped_column(default=False, server_default="0")
    reason: Mapped[str] = mapped_column(String(NAME), default="")
    status: Mapped[str] = mapped_column(String(10), default="pending")
    note: Mapped[str] = mapped_column(String(NAME), default="")
    covered_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    signed_at: Mapped[datetime | None] = mapped_column(DateTime)


class MeetingSeries(HouseOwned, Base):
    """A recurring event of the house week: the house meeting, a step study, a life-skills group."""

    __tablename__ = "meeting_series"
    __table_args__ = (
        CheckConstraint("kind IN ('house', 'group')", name="kind_known"),
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_0_to_6"),
        CheckConstraint("minutes > 0", name="lasts"),
        CheckConstraint("ends IS NULL OR ends >= starts", name="ends_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(SHORT))
    weekday: Mapped[int] = mapped_column(Integer)
    start_time: Mapped[time] = mapped_column(Time)
    minutes: Mapped[int] = mapped_column(Integer, default=60)
    place: Mapped[str] = mapped_column(String(NAME), default="")
    mandatory: Mapped[bool] = mapped_column(default=True)
    starts: Mapped[date] = mapped_column(Date)
    ends: Mapped[date | None] = mapped_column(Date)  # the last day it may happen


class Meeting(HouseOwned, Base):
    """One occurrence: a one-off event, or a series' date that was moved, cancelled, or held.

    A series' ordinary dates have no row until something is recorded about them.
    """

    __tablename__ = "meeting"
    __table_args__ = (
        CheckConstraint("kind IN ('house', 'group')", name="kind_known"),
        CheckConstraint("minutes > 0", name="lasts"),
        CheckConstraint("(series_id IS NULL) = (series_date IS NULL)", name="series_has_date"),
        UniqueConstraint("series_id", "series_date", name="uq_meeting_series_date"),
        Index("ix_meeting_day", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int | None] = mapped_column(ForeignKey("meeting_series.id"))
    series_date: Mapped[date | None] = mapped_column(Date)  # the date the series gave it
    kind: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(SHORT))
    day: Mapped[date] = mapped_column(Date)
    start_time: Mapped[time] = mapped_column(Time)
    minutes: Mapped[int] = mapped_column(Integer, default=60)
    place: Mapped[str] = mapped_column(String(NAME), default="")
    mandatory: Mapped[bool] = mapped_column(default=True)
    cancelled: Mapped[bool] = mapped_column(default=False)
    cancel_reason: Mapped[str] = mapped_column(String(NAME), default="")


class Attendance(HouseOwned, Base):
    __tablename__ = "attendance"
    __table_args__ = (
        UniqueConstraint("meeting_id", "person_id", name="uq_attendance_once"),
        CheckConstraint("status IN ('present', 'late', 'excused', 'absent')", name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    status: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str] = mapped_column(String(NAME), default="")


class Minutes(HouseOwned, Base):
    """The minutes of a house meeting, section by section; finalised minutes change by amendment."""

    __tablename__ = "minutes"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), unique=True)
    opening: Mapped[str] = mapped_column(Text, default="")
    last_minutes: Mapped[str] = mapped_column(Text, default="")
    business: Mapped[str] = mapped_column(Text, default="")  # house business and finances
    old_business: Mapped[str] = mapped_column(Text, default="")
    new_business: Mapped[str] = mapped_column(Text, default="")
    announcements: Mapped[str] = mapped_column(Text, default="")
    decisions: Mapped[str] = mapped_column(Text, default="")
    closing: Mapped[str] = mapped_column(Text, default="")
    finalised_at: Mapped[datetime | None] = mapped_column(DateTime)
    finalised_by: Mapped[str] = mapped_column(String(NAME), default="")
    # What the minutes showed from the records when finalised (JSON, see minutes_snapshot);
    # NULL for a draft, and for minutes finalised before schema 0009 kept it.
    final_records: Mapped[str | None] = mapped_column(Text)


class MinutesAmendment(HouseOwned, Base):
    __tablename__ = "minutes_amendment"

    id: Mapped[int] = mapped_column(primary_key=True)
    minutes_id: Mapped[int] = mapped_column(ForeignKey("minutes.id"), index=True)
    amended_at: Mapped[datetime] = mapped_column(DateTime)
    amended_by: Mapped[str] = mapped_column(String(NAME))
    section: Mapped[str] = mapped_column(String(SHORT))
    before: Mapped[str] = mapped_column(Text)
    after: Mapped[str] = mapped_column(Text)
    why: Mapped[str] = mapped_column(String(LONG_TEXT))


class ActionItem(HouseOwned, Base):
    """What, who, by when: raised at a meeting, carried to the next ones until done."""

    __tablename__ = "action_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    what: Mapped[str] = mapped_column(String(LONG_TEXT))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    who: Mapped[str] = mapped_column(String(NAME), default="")  # when it isn't a resident
    due: Mapped[date | None] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)


class OutsideMeeting(HouseOwned, Base):
    """A mutual-aid meeting a resident went to (AA, NA, SMART…), from their meeting slip."""

    __tablename__ = "outside_meeting"
    # By person (a resident's log, a report) and by day (the whole house's week: Home).
    __table_args__ = (
        Index("ix_outside_meeting_person_day", "person_id", "day"),
        Index("ix_outside_meeting_day", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    day: Mapped[date] = mapped_column(Date)
    fellowship: Mapped[str] = mapped_column(String(SHORT))
    name: Mapped[str] = mapped_column(String(NAME), default="")  # meeting name or place
    online: Mapped[bool] = mapped_column(default=False)
    slip_seen: Mapped[bool] = mapped_column(default=False)


class ExternalMentor(HouseOwned, Base):
    """A mentor from outside the house: an alumnus, a certified peer specialist, a coach."""

    __tablename__ = "external_mentor"
    __table_args__ = (
        CheckConstraint("role IN ('alumnus', 'peer_specialist', 'recovery_coach')", name="role"),
        CheckConstraint("length(trim(name)) > 0", name="name_given"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME))
    role: Mapped[str] = mapped_column(String(20))
    phone: Mapped[str] = mapped_column(String(SHORT), default="")
    email: Mapped[str] = mapped_column(String(NAME), default="")
    active: Mapped[bool] = mapped_column(default=True)  # no longer mentoring: kept for history


class Mentorship(HouseOwned, Base):
    """A mentor assigned to a mentee from a date, until an end date and its reason."""

    __tablename__ = "mentorship"
    __table_args__ = (
        CheckConstraint(
            "(mentor_person_id IS NULL) <> (external_mentor_id IS NULL)", name="one_mentor"
        ),
        CheckConstraint(
            "mentor_person_id IS NULL OR mentor_person_id <> mentee_id", name="not_self"
        ),
        CheckConstraint("ended IS NULL OR ended >= started", name="ends_after_start"),
        CheckConstraint("(ended IS NULL) = (end_reason IS NULL)", name="end_has_reason"),
        # One active house mentor per mentee, whoever writes to the file.
        Index(
            "uq_mentorship_active_mentee",
            "mentee_id",
            unique=True,
            sqlite_where=text("ended IS NULL"),
            postgresql_where=text("ended IS NULL"),
        ),
        Index("ix_mentorship_mentor", "mentor_person_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    mentor_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    external_mentor_id: Mapped[int | None] = mapped_column(ForeignKey("external_mentor.id"))
    started: Mapped[date] = mapped_column(Date)
    ended: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[str | None] = mapped_column(String(20))
    end_note: Mapped[str] = mapped_column(String(LONG_TEXT), default="")


class CheckIn(HouseOwned, Base):
    """A mentor and mentee met or talked: when, how, and a short note."""

    __tablename__ = "check_in"
    __table_args__ = (
        CheckConstraint("how IN ('in_person', 'phone', 'meeting')", name="how_known"),
        Index("ix_check_in_pair_day", "mentorship_id", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mentorship_id: Mapped[int] = mapped_column(ForeignKey("mentorship.id"))
    day: Mapped[date] = mapped_column(Date)
    how: Mapped[str] = mapped_column(String(12))
    note: Mapped[str] = mapped_column(String(LONG_TEXT), default="")
    shareable: Mapped[bool] = mapped_column(default=False)  # may go to a case manager


class Consent(HouseOwned, Base):
    """A resident's signed release of information to one recipient (42 CFR § 2.31)."""

    __tablename__ = "consent"
    __table_args__ = (
        CheckConstraint("length(trim(purpose)) > 0", name="purpose_given"),
        CheckConstraint("length(categories) > 0", name="categories_given"),
        CheckConstraint(
            "expires_on IS NOT NULL OR length(trim(expiry_event)) > 0", name="expiry_given"
        ),
        CheckConstraint("expires_on IS NULL OR expires_on >= signed_on", name="expires_after"),
        CheckConstraint("revoked_on IS NULL OR revoked_on >= signed_on", name="revoked_after"),
        Index("ix_consent_person", "person_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    recipient_name: Mapped[str] = mapped_column(String(NAME), default="")
    recipient_org: Mapped[str] = mapped_column(String(NAME), default="")
    recipient_class: Mapped[str] = mapped_column(String(NAME), default="")
    case_manager_id: Mapped[int | None] = mapped_column(ForeignKey("case_manager.id"))
    purpose: Mapped[str] = mapped_column(String(LONG_TEXT))
    categories: Mapped[str] = mapped_column(String(200))  # comma-separated Category values
    signed_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date)
    expiry_event: Mapped[str] = mapped_column(String(NAME), default="")
    revoke_how: Mapped[str] = mapped_column(String(LONG_TEXT), default="")
    irrevocable_until: Mapped[date | None] = mapped_column(Date)
    irrevocable_event: Mapped[str] = mapped_column(String(NAME), default="")
    revoked_on: Mapped[date | None] = mapped_column(Date)
    revoked_how: Mapped[str] = mapped_column(String(LONG_TEXT), default="")
    ended_by_event: Mapped[bool] = mapped_column(default=False)
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    recorded_by: Mapped[str] = mapped_column(String(NAME), default="")


class ConsentScan(HouseOwned, Base):
    """The signed form, scanned: kept in the database, confidential like the rest."""

    __tablename__ = "consent_scan"

    consent_id: Mapped[int] = mapped_column(ForeignKey("consent.id"), primary_key=True)
    file_name: Mapped[str] = mapped_column(String(NAME))
    media_type: Mapped[str] = mapped_column(String(SHORT))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Disclosure(HouseOwned, Base):
    """One report that left the house. Append-only: triggers refuse updates and deletes."""

    __tablename__ = "disclosure"
    __table_args__ = (Index("ix_disclosure_person", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    by: Mapped[str] = mapped_column(String(NAME))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    consent_id: Mapped[int] = mapped_column(ForeignKey("consent.id"))
    recipient: Mapped[str] = mapped_column(String(LONG_TEXT))
    categories: Mapped[str] = mapped_column(String(200))
    first: Mapped[date] = mapped_column(Date)
    last: Mapped[date] = mapped_column(Date)
    sha256: Mapped[str] = mapped_column(String(64))
    how: Mapped[str] = mapped_column(String(20))
    # What the report said that isn't in the records: so it can be made again and checked.
    standing: Mapped[str] = mapped_column(String(20), default="", server_default="")
    statement: Mapped[str] = mapped_column(String(LONG_TEXT), default="", server_default="")
    prepared_by: Mapped[str] = mapped_column(String(NAME), default="", server_default="")


SCORES = tuple(f"score_{n}" for n in range(1, 11))  # the BARC-10's statements, in order


class RecoveryCapital(HouseOwned, Base):
    """One BARC-10 a resident took during a stay: ten scores of 1–6. Never deleted: a mistaken
    one is withdrawn with the reason, and stays on file."""

    __tablename__ = "recovery_capital"
    __table_args__ = (
        *(CheckConstraint(f"{s} BETWEEN 1 AND 6", name=f"{s}_on_scale") for s in SCORES),
        # One sheet that counts a day: two desks can't both record one.
        Index(
            "uq_recovery_capital_stay_day",
            "stay_id",
            "taken_on",
            unique=True,
            sqlite_where=text("withdrawn_why = ''"),
            postgresql_where=text("withdrawn_why = ''"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    stay_id: Mapped[int] = mapped_column(ForeignKey("stay.id"))
    taken_on: Mapped[date] = mapped_column(Date)
    score_1: Mapped[int] = mapped_column(Integer)
    score_2: Mapped[int] = mapped_column(Integer)
    score_3: Mapped[int] = mapped_column(Integer)
    score_4: Mapped[int] = mapped_column(Integer)
    score_5: Mapped[int] = mapped_column(Integer)
    score_6: Mapped[int] = mapped_column(Integer)
    score_7: Mapped[int] = mapped_column(Integer)
    score_8: Mapped[int] = mapped_column(Integer)
    score_9: Mapped[int] = mapped_column(Integer)
    score_10: Mapped[int] = mapped_column(Integer)
    on_paper: Mapped[bool] = mapped_column(default=False)  # the printed sheet, typed in later
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    recorded_by: Mapped[str] = mapped_column(String(NAME), default="")
    withdrawn_why: Mapped[str] = mapped_column(String(LONG_TEXT), default="", server_default="")


class PlanGoal(HouseOwned, Base):
    """A goal of a stay's recovery plan: its area, who helps, a target date; met or set aside
    (never deleted)."""

    __tablename__ = "plan_goal"
    __table_args__ = (
        CheckConstraint("length(trim(what)) > 0", name="what_given"),
        CheckConstraint(
            "area IN ('recovery', 'health', 'work', 'money', 'family', 'legal', 'housing')",
            name="area_known",
        ),
        CheckConstraint("state IN ('open', 'met', 'dropped')", name="state_known"),
        CheckConstraint("(state = 'open') = (closed_on IS NULL)", name="closed_when_done"),
        Index("ix_plan_goal_stay", "stay_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    stay_id: Mapped[int] = mapped_column(ForeignKey("stay.id"))
    area: Mapped[str] = mapped_column(String(12))
    what: Mapped[str] = mapped_column(String(LONG_TEXT))
    helper: Mapped[str] = mapped_column(String(NAME), default="")
    target: Mapped[date | None] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(8), default="open")
    closed_on: Mapped[date | None] = mapped_column(Date)
    set_on: Mapped[date] = mapped_column(Date)
    # Why it was set aside (required then), or how it was met.
    close_note: Mapped[str] = mapped_column(String(400), default="", server_default="")


class PlanStep(HouseOwned, Base):
    """A small step towards a goal, with when it is due and when it was done."""

    __tablename__ = "plan_step"
    __table_args__ = (
        CheckConstraint("length(trim(what)) > 0", name="what_given"),
        Index("ix_plan_step_goal", "goal_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("plan_goal.id"))
    what: Mapped[str] = mapped_column(String(LONG_TEXT))
    due: Mapped[date | None] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)


class SupportContact(HouseOwned, Base):
    """Someone a resident can call (family, a sober friend, a counsellor), as the house
    recorded them. The house contacting them about the resident is a disclosure: only under
    the consent it names (``consent_id``), while that is in force. Taken off the network,
    never deleted."""

    __tablename__ = "support_contact"
    __table_args__ = (
        CheckConstraint("length(trim(name)) > 0", name="name_given"),
        CheckConstraint(
            "tie IN ('family', 'friend', 'counsellor', 'sponsor', 'faith', 'other')",
            name="tie_known",
        ),
        CheckConstraint("removed_on IS NULL OR removed_on >= added_on", name="removed_after"),
        CheckConstraint("(removed_on IS NULL) = (removed_why = '')", name="removed_says_why"),
        Index("ix_support_contact_person", "person_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    name: Mapped[str] = mapped_column(String(NAME))
    tie: Mapped[str] = mapped_column(String(12))
    relation: Mapped[str] = mapped_column(String(SHORT), default="")  # "mother", "cousin"
    phone: Mapped[str] = mapped_column(String(SHORT), default="")
    consent_id: Mapped[int | None] = mapped_column(ForeignKey("consent.id"))
    added_on: Mapped[date] = mapped_column(Date)
    removed_on: Mapped[date | None] = mapped_column(Date)
    removed_why: Mapped[str] = mapped_column(String(NAME), default="")


class AuditEntry(HouseOwned, Base):
    """One change to the records: append-only, each entry sealed with the hash of the one before,
    so that an edit or a deletion anywhere in the trail shows (``residence check``)."""

    __tablename__ = "audit_entry"
    __table_args__ = (
        Index("ix_audit_entry_person", "person_id"),
        Index("ix_audit_entry_at", "at"),
        # A record's entries: the version a form was filled from (``db.edits``).
        Index("ix_audit_entry_record", "record", "record_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    os_user: Mapped[str] = mapped_column(String(NAME))
    manager: Mapped[str] = mapped_column(String(NAME), default="")
    action: Mapped[str] = mapped_column(String(10))  # added, changed, removed
    record: Mapped[str] = mapped_column(String(SHORT))  # the table
    record_id: Mapped[str] = mapped_column(String(SHORT))
    person_id: Mapped[int | None] = mapped_column(Integer)  # the resident it concerns, if any
    changes: Mapped[str] = mapped_column(Text)  # JSON: {field: [before, after]}
    previous_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # On a server, the database role that wrote it (the server vouches for it: a role can't
    # write another's); empty in a house file.
    db_role: Mapped[str] = mapped_column(String(SHORT), default="", server_default="")


class HouseAccess(HouseOwned, Base):
    """On a server: a database role that may work in a house (``server add-manager``). The
    server's row-level security reads it; an operator's role sees every house without it."""

    __tablename__ = "house_access"
    __table_args__ = (UniqueConstraint("role", "house_id", name="uq_house_access_role_house"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    role: Mapped[str] = mapped_column(String(SHORT))


class Resource(HouseOwned, Base):
    """What the house connects people to: a meeting, literature, a clinic, job or housing help,
    legal aid. Retired rather than deleted: check-ins name it."""

    __tablename__ = "resource"
    __table_args__ = (
        CheckConstraint("length(trim(name)) > 0", name="name_given"),
        CheckConstraint(
            "kind IN ('meeting', 'literature', 'health', 'work', 'housing', 'legal', 'other')",
            name="kind_known",
        ),
        UniqueConstraint("house_id", "kind", "name", name="uq_resource_name_per_house"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))
    name: Mapped[str] = mapped_column(String(NAME))
    details: Mapped[str] = mapped_column(String(LONG_TEXT), default="")  # when, where, cost
    phone: Mapped[str] = mapped_column(String(SHORT), default="")
    fellowship: Mapped[str] = mapped_column(String(SHORT), default="")  # for a meeting
    retired: Mapped[bool] = mapped_column(default=False)


class SharedResource(HouseOwned, Base):
    """A resource a mentor shared with their mentee at a check-in."""

    __tablename__ = "shared_resource"
    __table_args__ = (
        UniqueConstraint("check_in_id", "resource_id", name="uq_shared_resource_once"),
        Index("ix_shared_resource_check_in", "check_in_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    check_in_id: Mapped[int] = mapped_column(ForeignKey("check_in.id"))
    resource_id: Mapped[int] = mapped_column(ForeignKey("resource.id"))


class HouseQuestion(HouseOwned, Base):
    """A question the house asks after the BARC-10's ten, on the same 1–6 scale: its own, so
    never part of the BARC-10's total. Taken off rather than changed: answers name it."""

    __tablename__ = "house_question"
    __table_args__ = (
        CheckConstraint("length(trim(text)) > 0", name="text_given"),
        CheckConstraint("retired_on IS NULL OR retired_on >= added_on", name="retired_after"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(400))
    # Asked on the sheets of these days: from ``added_on``, until the day before ``retired_on``.
    added_on: Mapped[date] = mapped_column(Date)
    retired_on: Mapped[date | None] = mapped_column(Date)


class HouseAnswer(HouseOwned, Base):
    """A resident's answer to one of the house's questions, on a BARC-10 sheet."""

    __tablename__ = "house_answer"
    __table_args__ = (
        CheckConstraint("score BETWEEN 1 AND 6", name="score_on_scale"),
        UniqueConstraint("recovery_capital_id", "question_id", name="uq_house_answer_once"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    recovery_capital_id: Mapped[int] = mapped_column(ForeignKey("recovery_capital.id"))
    question_id: Mapped[int] = mapped_column(ForeignKey("house_question.id"))
    score: Mapped[int] = mapped_column(Integer)
