"""Reading residents: the table, one resident's file, and likely returning people."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, selectinload

from residence.clock import Clock
from residence.db import orm
from residence.db.database import Database
from residence.db.edits import version, versions_of
from residence.db.lookup import get_row
from residence.house.records import BedInfo
from residence.milestones import days_sober, next_milestone
from residence.residents.people import read_details
from residence.residents.reasons import DischargeReason
from residence.residents.records import (
    Amendment,
    BedSpan,
    CaseManagerInfo,
    PhaseSpan,
    ResidentDetail,
    ResidentRow,
    ReturningMatch,
    Status,
    StayRecord,
    display_name,
)
from residence.text_rules import fold, sort_key

_WITH_STAYS = selectinload(orm.Person.stays).options(
    selectinload(orm.Stay.phases).selectinload(orm.StayPhase.phase),
    selectinload(orm.Stay.beds).selectinload(orm.BedAssignment.bed).selectinload(orm.Bed.room),
)


class ResidentQueries:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._db = database
        self._today = clock.today

    def rows(self, status: Status = Status.CURRENT) -> list[ResidentRow]:
        """Everyone with a stay, by their latest stay, filtered by current/former."""
        status, today = Status(status), self._today()
        with self._db.read() as session:
            query = _people(status).options(_WITH_STAYS, selectinload(orm.Person.case_manager))
            rows = [_row(person, today) for person in session.scalars(query)]
        return sorted(
            rows, key=lambda r: (sort_key(r.last_name), sort_key(r.first_name), r.person_id)
        )

    def names(self, status: Status = Status.ALL) -> list[tuple[int, str]]:
        """(person_id, name) of everyone with a stay, in the table's order: for a choice of
        resident, without reading ten years of stays."""
        columns = (
            orm.Person.id,
            orm.Person.first_name,
            orm.Person.last_name,
            orm.Person.preferred_name,
            orm.Person.date_of_birth,
        )
        with self._db.read() as session:
            people = session.execute(_people(Status(status)).with_only_columns(*columns)).all()
        found = [
            (sort_key(last), sort_key(first), person_id, display_name(first, last, preferred), born)
            for person_id, first, last, preferred, born in people
        ]
        return _told_apart([(person_id, name, born) for *_, person_id, name, born in sorted(found)])

    def detail(self, person_id: int) -> ResidentDetail:
        with self._db.read() as session:
            # The version first: on a server each statement sees the newest commits, so a
            # change saved between the reads is then refused at the save, never taken as seen.
            seen = version(session, "person", person_id, person_id)
            person = get_row(session, orm.Person, person_id, "resident")
            stays = _loaded_stays(session, person_id)
            return replace(_detail(person, stays, self._today()), version=seen)

    def details(self, status: Status = Status.ALL) -> list[ResidentDetail]:
        """Every resident's whole file, in the order of the table (the spreadsheet export)."""
        wanted = {row.person_id for row in self.rows(status)}
        today = self._today()
        with self._db.read() as session:
            versions = versions_of(session, "person")  # first, as in ``detail``
            people = session.scalars(
                select(orm.Person)
                .where(orm.Person.id.in_(wanted))
                .options(_WITH_STAYS, selectinload(orm.Person.case_manager))
            )
            files = [
                replace(_detail(person, person.stays, today), version=versions.get(person.id, 0))
                for person in people
            ]
        return sorted(
            files,
            key=lambda f: (
                sort_key(f.details.last_name),
                sort_key(f.details.first_name),
                f.person_id,
            ),
        )

    def case_managers(self) -> list[CaseManagerInfo]:
        """Every case manager on file, by name."""
        with self._db.read() as session:
            rows = session.scalars(select(orm.CaseManager))
            found = [_case_manager(row) for row in rows]
        return sorted(found, key=lambda c: (sort_key(c.name), c.id or 0))

    def case_manager_of(self, person_id: int) -> CaseManagerInfo | None:
        with self._db.read() as session:
            person = session.get(orm.Person, person_id)
            manager = person.case_manager if person else None
            return _case_manager(manager) if manager else None

    def free_beds(self, on: date) -> list[BedInfo]:
        """Beds in use that nobody has from ``on`` onwards (the choice when admitting or moving)."""
        with self._db.read() as session:
            taken = select(orm.BedAssignment.bed_id).where(
                or_(orm.BedAssignment.end_date.is_(None), orm.BedAssignment.end_date > on)
            )
            beds = session.scalars(
                select(orm.Bed)
                .join(orm.Room)
                .where(orm.Bed.retired.is_(False), orm.Bed.id.not_in(taken))
                .order_by(orm.Room.position, orm.Room.name, orm.Bed.label)
            )
            return [BedInfo(b.id, b.room_id, b.room.name, b.label) for b in beds]

    def former_by_name(self) -> dict[tuple[str, str], list[ReturningMatch]]:
        """Everyone on file with a stay, by folded (first, last) name: what an import looks
        each row up in, once, instead of reading everyone for every row."""
        with self._db.read() as session:
            # Accents and case are folded in Python: SQL can't do that portably.
            people = session.scalars(select(orm.Person).options(_WITH_STAYS))
            found: dict[tuple[str, str], list[ReturningMatch]] = {}
            for person in people:
                if person.stays:
                    key = (fold(person.first_name), fold(person.last_name))
                    found.setdefault(key, []).append(_match(person))
            return found

    def likely_returning(
        self, first_name: str, last_name: str, date_of_birth: date | None
    ) -> list[ReturningMatch]:
        """People on file with this name (and birth date, when both are known)."""
        first, last = fold(first_name), fold(last_name)
        if not first or not last:
            return []
        same_name = self.former_by_name().get((first, last), [])
        return [m for m in same_name if _same_birth(m.date_of_birth, date_of_birth)]


def _told_apart(people: list[tuple[int, str, date | None]]) -> list[tuple[int, str]]:
    """Two people of one name are told apart in a chooser: by their year of birth when that
    differs, else by record number."""
    by_name: dict[str, list[tuple[int, date | None]]] = {}
    for person_id, name, born in people:
        by_name.setdefault(fold(name), []).append((person_id, born))
    told = []
    for person_id, name, born in people:
        namesakes = by_name[fold(name)]
        if len(namesakes) == 1:
            told.append((person_id, name))
            continue
        years = [b.year if b else None for _, b in namesakes]
        if born is not None and years.count(born.year) == 1:
            told.append((person_id, f"{name} (born {born.year})"))
        else:
            told.append((person_id, f"{name} (record {person_id})"))
    return told


def _detail(person: orm.Person, stays: list[orm.Stay], today: date) -> ResidentDetail:
    sober = person.sobriety_date
    return ResidentDetail(
        person_id=person.id,
        details=read_details(person),
        stays=tuple(_stay(stay) for stay in stays),
        days_sober=days_sober(sober, today) if sober else None,
        next_milestone=next_milestone(sober, today) if sober else None,
    )


def _loaded_stays(session: Session, person_id: int) -> list[orm.Stay]:
    query = (
        select(orm.Stay)
        .where(orm.Stay.person_id == person_id)
        .options(
            selectinload(orm.Stay.phases).selectinload(orm.StayPhase.phase),
            selectinload(orm.Stay.beds)
            .selectinload(orm.BedAssignment.bed)
            .selectinload(orm.Bed.room),
            selectinload(orm.Stay.amendments),
        )
        .order_by(orm.Stay.move_in, orm.Stay.id)
    )
    return list(session.scalars(query))


def _same_birth(on_file: date | None, typed: date | None) -> bool:
    return on_file is None or typed is None or on_file == typed


def _people(status: Status) -> Select[orm.Person]:
    """Everyone with a stay; current: with a stay not yet ended (it is their latest)."""
    open_stays = select(orm.Stay.person_id).where(orm.Stay.move_out.is_(None))
    query = select(orm.Person).where(orm.Person.id.in_(select(orm.Stay.person_id)))
    if status is Status.CURRENT:
        return query.where(orm.Person.id.in_(open_stays))
    if status is Status.FORMER:
        return query.where(orm.Person.id.not_in(open_stays))
    return query


def _row(person: orm.Person, today: date) -> ResidentRow:
    stay = person.stays[-1]
    details = read_details(person)
    phase = stay.phases[-1].phase.name if stay.phases else ""
    bed = stay.beds[-1] if stay.beds and stay.move_out is None else None
    manager = person.case_manager
    return ResidentRow(
        person_id=person.id,
        stay_id=stay.id,
        name=details.display_name,
        first_name=person.first_name,
        last_name=person.last_name,
        room_bed=f"{bed.bed.room.name} · {bed.bed.label}" if bed and bed.end_date is None else "",
        phase=phase,
        move_in=stay.move_in,
        move_out=stay.move_out,
        # Days sober are known only while they live here.
        days_sober=(
            days_sober(person.sobriety_date, today)
            if person.sobriety_date and stay.move_out is None
            else None
        ),
        case_manager=_manager_label(manager),
    )


def _manager_label(manager: orm.CaseManager | None) -> str:
    if manager is None:
        return ""
    return f"{manager.name} ({manager.organisation})" if manager.organisation else manager.name


def _match(person: orm.Person) -> ReturningMatch:
    last = person.stays[-1]
    return ReturningMatch(
        person_id=person.id,
        name=read_details(person).display_name,
        date_of_birth=person.date_of_birth,
        last_move_in=last.move_in,
        last_move_out=last.move_out,
        stays=len(person.stays),
    )


def _stay(stay: orm.Stay) -> StayRecord:
    return StayRecord(
        id=stay.id,
        move_in=stay.move_in,
        move_out=stay.move_out,
        referral_source=stay.referral_source,
        discharge_reason=DischargeReason(stay.discharge_reason) if stay.discharge_reason else None,
        discharge_note=stay.discharge_note,
        phases=tuple(PhaseSpan(p.phase.name, p.start, p.note) for p in stay.phases),
        beds=tuple(BedSpan(b.bed.room.name, b.bed.label, b.start, b.end_date) for b in stay.beds),
        amendments=tuple(_amendment(a) for a in stay.amendments),
    )


def _amendment(row: orm.DischargeAmendment) -> Amendment:
    return Amendment(
        amended_at=row.amended_at,
        amended_by=row.amended_by,
        why=row.why,
        old_move_out=row.old_move_out,
        old_reason=DischargeReason(row.old_reason),
        old_note=row.old_note,
        new_move_out=row.new_move_out,
        new_reason=DischargeReason(row.new_reason),
        new_note=row.new_note,
    )


def _case_manager(row: orm.CaseManager) -> CaseManagerInfo:
    return CaseManagerInfo(row.id, row.name, row.organisation, row.phone, row.email)
