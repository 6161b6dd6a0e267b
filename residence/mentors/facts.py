"""Reading what the mentor rules need from the database: who could mentor, and their load."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from residence.db import orm
from residence.db.lookup import get_row
from residence.mentors.records import MentorFacts, MentorKey, MentorRules, Role
from residence.residents.presence import short_name
from residence.text_rules import sort_key


def rules_of(house: orm.House | None) -> MentorRules:
    if house is None:
        return MentorRules()
    return MentorRules(
        min_days_sober=house.mentor_min_days_sober,
        min_phase=house.mentor_min_phase,
        max_mentees=house.mentor_max_mentees,
        check_in_days=house.mentor_check_in_days,
        alumni_may_mentor=house.alumni_may_mentor,
        peers_may_mentor=house.peers_may_mentor,
    )


def key_of(row: orm.Mentorship) -> MentorKey:
    return MentorKey(row.mentor_person_id, row.external_mentor_id)


def loads(session: Session) -> dict[MentorKey, int]:
    rows = session.execute(
        select(orm.Mentorship.mentor_person_id, orm.Mentorship.external_mentor_id, func.count())
        .where(orm.Mentorship.ended.is_(None))
        .group_by(orm.Mentorship.mentor_person_id, orm.Mentorship.external_mentor_id)
    )
    return {MentorKey(person, external): count for person, external, count in rows}


def residents_now(session: Session, today: date) -> list[MentorFacts]:
    """Every current resident, as a possible mentor (or a mentee)."""
    counted = loads(session)
    rows = session.execute(
        select(orm.Person, orm.Stay).join(orm.Stay).where(orm.Stay.move_out.is_(None))
    )
    found = rows.all()
    phases = _current_phases(session, [stay.id for _, stay in found])
    facts = []
    for person, stay in found:
        phase = phases.get(stay.id)
        key = MentorKey(person_id=person.id)
        sober = (today - person.sobriety_date).days if person.sobriety_date else None
        facts.append(
            MentorFacts(
                key,
                short_name(person.first_name, person.last_name, person.preferred_name),
                Role.RESIDENT,
                sober,
                phase.position if phase else None,
                phase.name if phase else "",
                counted.get(key, 0),
                lives_here=stay.move_in <= today,
            )
        )
    return facts


def external_mentors(session: Session) -> list[MentorFacts]:
    counted = loads(session)
    facts = []
    rows = session.scalars(select(orm.ExternalMentor))
    for row in sorted(rows, key=lambda r: (sort_key(r.name), r.id)):
        key = MentorKey(external_id=row.id)
        facts.append(
            MentorFacts(
                key,
                row.name,
                Role(row.role),
                None,
                None,
                "",
                counted.get(key, 0),
                lives_here=False,
                active=row.active,
            )
        )
    return facts


def move_ins(session: Session) -> dict[int, date]:
    rows = session.execute(
        select(orm.Stay.person_id, orm.Stay.move_in).where(orm.Stay.move_out.is_(None))
    )
    return dict(rows.all())


def phase_name(session: Session, position: int) -> str:
    return session.scalar(select(orm.Phase.name).where(orm.Phase.position == position)) or ""


def _current_phases(session: Session, stay_ids: list[int]) -> dict[int, orm.Phase]:
    """Each stay's phase now (its latest change), in one query for all of them."""
    rows = session.execute(
        select(orm.StayPhase.stay_id, orm.StayPhase.start, orm.StayPhase.id, orm.Phase)
        .join(orm.Phase, orm.Phase.id == orm.StayPhase.phase_id)
        .where(orm.StayPhase.stay_id.in_(stay_ids))
    )
    latest: dict[int, tuple[date, int, orm.Phase]] = {}
    for stay, start, change, phase in rows:
        if stay not in latest or (start, change) > latest[stay][:2]:
            latest[stay] = (start, change, phase)
    return {stay: phase for stay, (_, _, phase) in latest.items()}


def involves(person_id: int) -> ColumnElement[bool]:
    return (orm.Mentorship.mentee_id == person_id) | (orm.Mentorship.mentor_person_id == person_id)


def mentor_name(session: Session, row: orm.Mentorship) -> str:
    """The mentor of a pair, by name: a resident, or an outside mentor."""
    if row.mentor_person_id is not None:
        person = get_row(session, orm.Person, row.mentor_person_id, "resident")
        return short_name(person.first_name, person.last_name, person.preferred_name)
    assert row.external_mentor_id is not None
    return get_row(session, orm.ExternalMentor, row.external_mentor_id, "mentor").name
