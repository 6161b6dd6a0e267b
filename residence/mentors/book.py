"""Peer mentors: the house's rules, assignments and their history, and the check-in log."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from residence.changes import Area, Changes, Done
from residence.clock import Clock
from residence.dates import format_date
from residence.db import orm
from residence.db.database import Database
from residence.db.edits import refuse_if_changed, version, versions_of
from residence.db.houses import this_house
from residence.db.lookup import get_row
from residence.errors import Conflict, ValidationError
from residence.mentors import facts
from residence.mentors.records import (
    Candidate,
    CheckInInfo,
    EndReason,
    ExternalMentorInfo,
    How,
    MentorFacts,
    MentorKey,
    MentorRules,
    OverCapacity,
    Pair,
    Role,
    Suggestion,
    Unpaired,
)
from residence.mentors.rules import meets_the_rules, suggest_pairings, why_not
from residence.residents.presence import short_name
from residence.text_rules import clean, sort_key, text_problem

MENTORS_CHANGED = Changes.of(Area.MENTORS)
# The house's fields the mentor rules are (the rest of the house record is saved elsewhere).
RULES_FORM = (
    "mentor_min_days_sober", "mentor_min_phase", "mentor_max_mentees", "mentor_check_in_days",
    "alumni_may_mentor", "peers_may_mentor",
)  # fmt: skip


class MentorBook:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._db = database
        self._today = clock.today

    # -- the rules ---------------------------------------------------------------------------

    def rules(self) -> MentorRules:
        with self._db.read() as session:
            return facts.rules_of(this_house(session))

    def save_rules(self, rules: MentorRules, seen: int | None = None) -> Done[MentorRules]:
        """Save who may mentor; ``seen``: the house's ``version`` the form was filled from,
        and Conflict if the rules were changed since."""
        errors = {}
        if not 0 <= rules.min_days_sober <= 3650:
            errors["min_days_sober"] = "Days sober: from 0 to 3650."
        if not 1 <= rules.max_mentees <= 20:
            errors["max_mentees"] = "Mentees at once: from 1 to 20."
        if not 1 <= rules.check_in_days <= 90:
            errors["check_in_days"] = "Check in every 1 to 90 days."
        with self._db.write() as session:
            if not facts.phase_name(session, rules.min_phase):
                errors["min_phase"] = "Choose one of the house's phases."
            if errors:
                raise ValidationError(errors)
            house = this_house(session)
            if house is None:
                raise Conflict("Set up the house first.")
            refuse_if_changed(
                session, "house", house.id, seen, called="who may mentor", fields=RULES_FORM
            )
            house.mentor_min_days_sober, house.mentor_min_phase = (
                rules.min_days_sober,
                rules.min_phase,
            )
            house.mentor_max_mentees, house.mentor_check_in_days = (
                rules.max_mentees,
                rules.check_in_days,
            )
            house.alumni_may_mentor, house.peers_may_mentor = (
                rules.alumni_may_mentor,
                rules.peers_may_mentor,
            )
            session.flush()
            saved = version(session, "house", house.id)  # in the writing transaction: exact
        return Done(replace(rules, version=saved), MENTORS_CHANGED)

    # -- external mentors --------------------------------------------------------------------

    def external_mentors(self) -> list[ExternalMentorInfo]:
        with self._db.read() as session:
            versions = versions_of(session, "external_mentor")  # first: then no change is hidden
            rows = session.scalars(select(orm.ExternalMentor))
            found = [_external(row, versions.get(row.id)) for row in rows]
        return sorted(found, key=lambda m: (sort_key(m.name), m.id or 0))

    def save_external(self, info: ExternalMentorInfo) -> Done[ExternalMentorInfo]:
        name = clean(info.name)
        errors = {}
        if not name:
            errors["name"] = "Give the mentor's name."
        for field, value, most in (
            ("name", name, 200),
            ("phone", info.phone, 80),
            ("email", info.email, 200),
        ):
            if problem := text_problem(clean(value), max_length=most):
                errors[field] = f"This {problem}."
        if not info.role.external:
            errors["role"] = "Residents mentor as residents: choose alumnus, specialist or coach."
        if errors:
            raise ValidationError(errors)
        with self._db.write() as session:
            if info.id is None:
                row = orm.ExternalMentor()
                session.add(row)
            else:
                row = get_row(session, orm.ExternalMentor, info.id, "mentor")
                refuse_if_changed(
                    session,
                    "external_mentor",
                    row.id,
                    info.version,
                    called=f"the mentor {row.name}",
                )
            if row.active and not info.active and row.id is not None:
                # Stopped mentoring: their mentees now wait for someone new.
                _end_external_pairs(session, row.id, self._today())
            row.name, row.role, row.active = name, info.role.value, info.active
            row.phone, row.email = clean(info.phone), clean(info.email)
            session.flush()
            return Done(
                _external(row, version(session, "external_mentor", row.id)), MENTORS_CHANGED
            )

    # -- who may mentor whom -----------------------------------------------------------------

    def candidates(self, mentee_id: int) -> list[Candidate]:
        """Every possible mentor, eligible ones first (least loaded first), with the reason
        for anyone who isn't."""
        today = self._today()
        with self._db.read() as session:
            rules = facts.rules_of(this_house(session))
            phase = facts.phase_name(session, rules.min_phase)
            last = _last_check_ins(session)
            found = [
                Candidate(m, last.get(m.key), why_not(m, rules, mentee_id, phase))
                for m in _mentors(session, today)
            ]
        return sorted(found, key=lambda c: (not c.eligible, c.facts.load, sort_key(c.facts.name)))

    def unpaired(self) -> list[Unpaired]:
        """Residents below the mentor rules with no mentor, newest first."""
        today = self._today()
        with self._db.read() as session:
            return _unpaired(session, today)

    def over_capacity(self) -> list[OverCapacity]:
        """Mentors with more mentees than the rules now allow (the rules changed)."""
        with self._db.read() as session:
            rules = facts.rules_of(this_house(session))
            return [
                OverCapacity(m.key, m.name, m.load, rules.max_mentees)
                for m in _mentors(session, self._today())
                if m.load > rules.max_mentees
            ]

    # -- assignments -------------------------------------------------------------------------

    def assign(self, mentee_id: int, mentor: MentorKey, start: date) -> Done[Pair]:
        with self._db.write() as session:
            row = self._assign(session, mentee_id, mentor, start)
            return Done(_pair(session, row, self._today()), MENTORS_CHANGED)

    def replace(self, pair_id: int, mentor: MentorKey, day: date, note: str = "") -> Done[Pair]:
        """End a pair on ``day`` (replaced) and give the mentee ``mentor`` from that day."""
        with self._db.write() as session:
            old = get_row(session, orm.Mentorship, pair_id, "assignment")
            self._end(session, old, day, EndReason.REPLACED, note)
            session.flush()
            row = self._assign(session, old.mentee_id, mentor, day)
            return Done(_pair(session, row, self._today()), MENTORS_CHANGED)

    def end(self, pair_id: int, day: date, reason: EndReason, note: str = "") -> Done[None]:
        with self._db.write() as session:
            row = get_row(session, orm.Mentorship, pair_id, "assignment")
            self._end(session, row, day, reason, note)
        return Done(None, MENTORS_CHANGED)

    def suggest(self) -> list[Suggestion]:
        """A mentor for everyone without one, by the rules; nothing is saved."""
        today = self._today()
        with self._db.read() as session:
            rules = facts.rules_of(this_house(session))
            mentees = [(u.person_id, u.name) for u in _unpaired(session, today)]
            return suggest_pairings(mentees, _mentors(session, today), rules, _ended_badly(session))

    def confirm(self, suggestions: Sequence[Suggestion], start: date) -> Done[list[Pair]]:
        """Save the pairings the manager kept: all of them, or none if one breaks a rule."""
        with self._db.write() as session:
            rows = []
            for s in suggestions:
                rows.append(self._assign(session, s.mentee_id, s.mentor, start))
                session.flush()  # the next one sees this one's load
            return Done(_pairs(session, rows, self._today()), MENTORS_CHANGED)

    def pairs(self, active_only: bool = True) -> list[Pair]:
        """Active pairs (or every pair ever), by mentor then mentee."""
        today = self._today()
        with self._db.read() as session:
            query = select(orm.Mentorship)
            if active_only:
                query = query.where(orm.Mentorship.ended.is_(None))
            found = _pairs(session, session.scalars(query), today)
        return sorted(
            found,
            key=lambda p: (p.ended is not None, sort_key(p.mentor_name), p.mentor, p.mentee),
        )

    def pairs_of(self, person_id: int) -> list[Pair]:
        """Every pair a person was in, as mentee or mentor, newest first."""
        today = self._today()
        with self._db.read() as session:
            rows = session.scalars(select(orm.Mentorship).where(facts.involves(person_id)))
            found = _pairs(session, rows, today)
        return sorted(found, key=lambda p: p.started, reverse=True)

    def overdue(self) -> list[Pair]:
        return sorted((p for p in self.pairs() if p.overdue), key=lambda p: p.due or date.min)

    # -- check-ins ---------------------------------------------------------------------------

    def check_in(
        self, pair_id: int, day: date, how: How, note: str = "", shareable: bool = False
    ) -> Done[CheckInInfo]:
        note = clean(note)
        if problem := text_problem(note, max_length=2000, multiline=True):
            raise ValidationError.single("note", f"The note {problem}.")
        with self._db.write() as session:
            pair = get_row(session, orm.Mentorship, pair_id, "assignment")
            last = min(pair.ended or self._today(), self._today())
            if not pair.started <= day <= last:
                raise ValidationError.single(
                    "day", f"A check-in from {format_date(pair.started)} to {format_date(last)}."
                )
            row = orm.CheckIn(
                mentorship_id=pair_id, day=day, how=how.value, note=note, shareable=shareable
            )
            session.add(row)
            session.flush()
            return Done(_check_in(row), MENTORS_CHANGED)

    def check_ins(self, pair_id: int) -> list[CheckInInfo]:
        with self._db.read() as session:
            rows = session.scalars(
                select(orm.CheckIn)
                .where(orm.CheckIn.mentorship_id == pair_id)
                .order_by(orm.CheckIn.day.desc(), orm.CheckIn.id.desc())
            )
            return [_check_in(row) for row in rows]

    # -- inside a transaction ----------------------------------------------------------------

    def _assign(
        self, session: Session, mentee_id: int, mentor: MentorKey, start: date
    ) -> orm.Mentorship:
        today = self._today()
        mentee = get_row(session, orm.Person, mentee_id, "resident")
        name = short_name(mentee.first_name, mentee.last_name, mentee.preferred_name)
        if start > today:
            raise ValidationError.single("start", "An assignment starts today or earlier.")
        for day in (start, today):
            if not _lives_here(session, mentee_id, day):
                raise ValidationError.single(
                    "mentee", f"{name} isn't living in the house on {format_date(day)}."
                )
        earlier = session.scalar(
            select(func.max(orm.Mentorship.ended)).where(orm.Mentorship.mentee_id == mentee_id)
        )
        if earlier is not None and start < earlier:
            # Two mentors at once in the history would make the record say what never was.
            raise ValidationError.single(
                "start",
                f"{name}'s last mentor was theirs until {format_date(earlier)}: "
                "start on or after that day.",
            )
        active = session.scalar(
            select(orm.Mentorship).where(
                orm.Mentorship.mentee_id == mentee_id, orm.Mentorship.ended.is_(None)
            )
        )
        if active is not None:
            current = facts.mentor_name(session, active)
            raise Conflict(f"{name} already has a mentor: {current}. End or replace that first.")
        rules = facts.rules_of(this_house(session))
        candidate = next((m for m in _mentors(session, today) if m.key == mentor), None)
        if candidate is None:
            raise ValidationError.single("mentor", "Choose a mentor from the list.")
        phase = facts.phase_name(session, rules.min_phase)
        if reason := why_not(candidate, rules, mentee_id, phase):
            raise ValidationError.single("mentor", f"{candidate.name}: {reason}")
        if mentor.person_id is not None and not _lives_here(session, mentor.person_id, start):
            raise ValidationError.single(
                "start", f"{candidate.name} wasn't living in the house on {format_date(start)}."
            )
        row = orm.Mentorship(
            mentee_id=mentee_id,
            mentor_person_id=mentor.person_id,
            external_mentor_id=mentor.external_id,
            started=start,
        )
        session.add(row)
        session.flush()
        return row

    def _end(
        self, session: Session, row: orm.Mentorship, day: date, reason: EndReason, note: str
    ) -> None:
        note = clean(note)
        if problem := text_problem(note, max_length=2000, multiline=True):
            raise ValidationError.single("note", f"The note {problem}.")
        if row.ended is not None:
            raise Conflict(f"This assignment already ended on {format_date(row.ended)}.")
        if not row.started <= day <= self._today():
            raise ValidationError.single(
                "day", f"It ends from {format_date(row.started)} to today."
            )
        last = session.scalar(
            select(func.max(orm.CheckIn.day)).where(orm.CheckIn.mentorship_id == row.id)
        )
        if last is not None and day < last:
            raise ValidationError.single(
                "day", f"There are check-ins up to {format_date(last)}: end on or after that day."
            )
        row.ended, row.end_reason, row.end_note = day, reason.value, note


def _end_external_pairs(session: Session, external_id: int, today: date) -> None:
    rows = session.scalars(
        select(orm.Mentorship).where(
            orm.Mentorship.external_mentor_id == external_id, orm.Mentorship.ended.is_(None)
        )
    )
    for row in rows:
        row.ended, row.end_reason = max(today, row.started), EndReason.STEPPED_DOWN.value


def _mentors(session: Session, today: date) -> list[MentorFacts]:
    return facts.residents_now(session, today) + facts.external_mentors(session)


def _unpaired(session: Session, today: date) -> list[Unpaired]:
    rules = facts.rules_of(this_house(session))
    paired = set(
        session.scalars(select(orm.Mentorship.mentee_id).where(orm.Mentorship.ended.is_(None)))
    )
    move_ins = facts.move_ins(session)
    found = []
    for resident in facts.residents_now(session, today):
        person = resident.key.person_id
        assert person is not None
        if person in paired or meets_the_rules(resident, rules) or not resident.lives_here:
            continue
        lost = session.scalar(
            select(func.max(orm.Mentorship.ended)).where(
                orm.Mentorship.mentee_id == person,
                orm.Mentorship.end_reason == EndReason.MOVED_OUT.value,
                orm.Mentorship.ended >= move_ins[person],
            )
        )
        found.append(Unpaired(person, resident.name, move_ins[person], lost))
    return sorted(found, key=lambda u: (-u.move_in.toordinal(), sort_key(u.name)))


def _ended_badly(session: Session) -> set[tuple[int, MentorKey]]:
    bad = [r.value for r in EndReason if r.badly]
    rows = session.scalars(select(orm.Mentorship).where(orm.Mentorship.end_reason.in_(bad)))
    return {(row.mentee_id, facts.key_of(row)) for row in rows}


def _last_check_ins(session: Session) -> dict[MentorKey, date]:
    rows = session.execute(
        select(
            orm.Mentorship.mentor_person_id,
            orm.Mentorship.external_mentor_id,
            func.max(orm.CheckIn.day),
        )
        .join(orm.CheckIn, orm.CheckIn.mentorship_id == orm.Mentorship.id)
        .group_by(orm.Mentorship.mentor_person_id, orm.Mentorship.external_mentor_id)
    )
    return {MentorKey(person, external): day for person, external, day in rows}


def _lives_here(session: Session, person_id: int, day: date) -> bool:
    stay = session.scalar(
        select(orm.Stay.id).where(
            orm.Stay.person_id == person_id,
            orm.Stay.move_in <= day,
            (orm.Stay.move_out.is_(None)) | (orm.Stay.move_out > day),
        )
    )
    return stay is not None


def _pair(session: Session, row: orm.Mentorship, today: date) -> Pair:
    return _pairs(session, [row], today)[0]


def _pairs(session: Session, rows: Iterable[orm.Mentorship], today: date) -> list[Pair]:
    """The pairs, with names, roles and last check-ins read in a few queries for all of them
    (ten years of a house have hundreds of pairs)."""
    rows = list(rows)
    if not rows:
        return []
    rules = facts.rules_of(this_house(session))
    ids = {r.mentee_id for r in rows} | {r.mentor_person_id for r in rows if r.mentor_person_id}
    people = session.scalars(select(orm.Person).where(orm.Person.id.in_(ids)))
    names = {p.id: short_name(p.first_name, p.last_name, p.preferred_name) for p in people}
    externals = {e.id: e for e in session.scalars(select(orm.ExternalMentor))}
    last_check_ins = dict(
        session.execute(
            select(orm.CheckIn.mentorship_id, func.max(orm.CheckIn.day))
            .where(orm.CheckIn.mentorship_id.in_([r.id for r in rows]))
            .group_by(orm.CheckIn.mentorship_id)
        ).all()
    )
    found = []
    for row in rows:
        last = last_check_ins.get(row.id)
        due = None if row.ended else (last or row.started) + timedelta(days=rules.check_in_days)
        external = externals.get(row.external_mentor_id or 0)
        found.append(
            Pair(
                id=row.id,
                mentee_id=row.mentee_id,
                mentee=names[row.mentee_id],
                mentor=facts.key_of(row),
                mentor_name=external.name if external else names[row.mentor_person_id or 0],
                role=Role(external.role) if external else Role.RESIDENT,
                started=row.started,
                ended=row.ended,
                end_reason=EndReason(row.end_reason) if row.end_reason else None,
                end_note=row.end_note,
                last_check_in=last,
                due=due,
                overdue=due is not None and due < today,
            )
        )
    return found


def _external(row: orm.ExternalMentor, read_at: int | None = None) -> ExternalMentorInfo:
    return ExternalMentorInfo(
        row.id, row.name, Role(row.role), row.phone, row.email, row.active, read_at
    )


def _check_in(row: orm.CheckIn) -> CheckInInfo:
    return CheckInInfo(row.id, row.mentorship_id, row.day, How(row.how), row.note, row.shareable)
