"""Admitting, editing, moving and discharging residents: every write about a stay."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from residence.changes import Area, Changes, Done
from residence.clock import Clock
from residence.dates import format_date
from residence.db import houses, orm
from residence.db.database import Database
from residence.db.edits import refuse_if_changed
from residence.db.houses import this_house
from residence.db.lookup import get_row
from residence.errors import Conflict, NotFound, ValidationError
from residence.residents.hooks import MoveOutCorrected, StayEnded, StayHooks
from residence.residents.occupancy import check_bed_free, open_assignment
from residence.residents.people import write_details
from residence.residents.reasons import DischargeReason
from residence.residents.records import Admission, Discharge, PersonDetails, Transfer
from residence.residents.validation import check_event_date, check_move_in, validated_details
from residence.text_rules import clean, fold, text_problem
from residence.who import who_changed

RESIDENTS_CHANGED = Changes.of(Area.RESIDENTS)
Counted = Callable[[int, int], None]  # told (done, of how many) as a long job goes


class ResidentService:
    def __init__(self, database: Database, clock: Clock, hooks: StayHooks) -> None:
        """``hooks``: what the other areas do when a stay ends (``residence.areas``)."""
        self._db = database
        self._today = clock.today
        self._now = clock.now
        self._hooks = hooks

    def admit(self, admission: Admission) -> Done[int]:
        """Start a stay (for a new person, or a returning one); returns the person's id."""
        with self._db.write() as session:
            person = _admit(session, admission, self._today())
        return Done(person, RESIDENTS_CHANGED)

    def admit_many(
        self, admissions: Sequence[Admission], progress: Counted | None = None
    ) -> Done[list[int]]:
        """Admit all of them in one transaction, or none (the import). ``progress`` is told
        how many of how many are done as it goes."""
        ids = []
        with self._db.write() as session:
            for admission in admissions:
                ids.append(_admit(session, admission, self._today()))
                if progress is not None:
                    progress(len(ids), len(admissions))
        return Done(ids, RESIDENTS_CHANGED)

    def check_admissions(
        self, admissions: Sequence[Admission], progress: Counted | None = None
    ) -> list[str | None]:
        """Try each admission after the ones before it, then undo them all.

        Returns, for each, None if it would be admitted or the message saying why not.
        This is the import's preview: every rule applies, and nothing is saved.
        """
        problems: list[str | None] = []
        with self._db.rehearse() as session:
            for admission in admissions:
                savepoint = session.begin_nested()
                try:
                    _admit(session, admission, self._today())
                except (ValidationError, Conflict, NotFound) as error:
                    savepoint.rollback()
                    problems.append(str(error))
                else:
                    savepoint.commit()
                    problems.append(None)
                if progress is not None:
                    progress(len(problems), len(admissions))
        return problems

    def update_details(
        self, person_id: int, details: PersonDetails, seen: int | None = None
    ) -> Done[None]:
        """Save the person's details; ``seen``: the version the form was filled from (their
        file's ``version``), and Conflict if someone saved a change to them since."""
        details = validated_details(details, self._today())
        with self._db.write() as session:
            person = get_row(session, orm.Person, person_id, "resident")
            if seen is not None:
                refuse_if_changed(session, "person", person_id, seen, person_id)
            write_details(session, person, details)
        return Done(None, RESIDENTS_CHANGED)

    def move_bed(self, stay_id: int, bed_id: int, on: date) -> Done[None]:
        """Record a move to another bed on ``on`` (a same-day move corrects today's bed)."""
        with self._db.write() as session:
            stay = _active_stay(session, stay_id)
            current = open_assignment(stay)
            after, what = _latest(stay, [current.start] if current else [], "the last bed move")
            check_event_date(on, after=after, after_what=what, today=self._today(), field="on")
            if current is not None and current.bed_id == bed_id:
                raise ValidationError.single("bed", "That is the bed they are in now.")
            if current is not None and current.start == on:
                check_bed_free(session, bed_id, on, None, ignore=current.id)
                current.bed_id = bed_id
            else:
                check_bed_free(session, bed_id, on, None)
                if current is not None:
                    current.end_date = on
                    session.flush()  # free the old bed before taking the new one
                session.add(orm.BedAssignment(stay_id=stay.id, bed_id=bed_id, start=on))
        return Done(None, RESIDENTS_CHANGED)

    def change_phase(self, stay_id: int, phase_id: int, on: date, note: str = "") -> Done[None]:
        """Record the manager's decision to move a resident to another phase."""
        note = _checked_note(note)
        with self._db.write() as session:
            stay = _active_stay(session, stay_id)
            get_row(session, orm.Phase, phase_id, "phase")
            latest = stay.phases[-1] if stay.phases else None
            after, what = _latest(stay, [latest.start] if latest else [], "the last phase change")
            check_event_date(on, after=after, after_what=what, today=self._today(), field="on")
            if latest is not None and latest.phase_id == phase_id:
                raise ValidationError.single("phase", "They are in that phase already.")
            if not note and _skips(session, latest.phase_id if latest else None, phase_id):
                raise ValidationError.single(
                    "note", "This skips a phase and its criteria: say why in the note."
                )
            if latest is not None and latest.start == on:
                latest.phase_id, latest.note = phase_id, note
            else:
                session.add(orm.StayPhase(stay_id=stay.id, phase_id=phase_id, start=on, note=note))
        return Done(None, RESIDENTS_CHANGED)

    def discharge(self, stay_id: int, discharge: Discharge) -> Done[None]:
        """End a stay with its date, reason and note; the bed is free from that day."""
        note = _checked_note(discharge.note)
        _not_a_transfer(discharge)
        with self._db.write() as session:
            stay = get_row(session, orm.Stay, stay_id, "stay")
            if stay.move_out is not None:
                raise Conflict(
                    f"This stay already ended on {format_date(stay.move_out)}. "
                    "To correct it, amend the discharge."
                )
            _end_stay(stay, discharge, note, self._today())
            event = StayEnded(stay.person_id, stay.id, discharge.move_out)
            changed = self._hooks.ended(session, event)
        return Done(None, RESIDENTS_CHANGED | changed)

    def transfer(self, stay_id: int, move: Transfer) -> Done[int]:
        """End the stay here ("transferred to …") and start the next one in the other house on
        the same day, linked to it, in one transaction; returns the new stay's id."""
        with self._db.write(also=(move.to_house,)) as session:
            stay = _active_stay(session, stay_id)
            here, there = this_house(session), get_row(session, orm.House, move.to_house, "house")
            if here is None or stay.house_id != here.id:
                raise NotFound("That stay isn't in this house.")
            if there.id == here.id:
                raise ValidationError.single("to_house", "Choose another house to move them to.")
            note = f"Transferred to {there.name}."
            _end_stay(stay, Discharge(move.day, DischargeReason.TRANSFERRED), note, self._today())
            with houses.only(session, here.id):  # the other areas end what was here, only
                changed = self._hooks.ended(session, StayEnded(stay.person_id, stay.id, move.day))
            session.flush()  # the stay here ends before the one there begins
            next_stay = _continued(session, stay, there.id, move)
            next_stay.referral_source = f"Transferred from {here.name}"
            session.flush()
            return Done(next_stay.id, RESIDENTS_CHANGED | changed)

    def amend_discharge(self, stay_id: int, discharge: Discharge, why: str) -> Done[None]:
        """Correct a discharge; the original and the reason for the change are kept."""
        note, why = _checked_note(discharge.note), clean(why)
        _not_a_transfer(discharge)
        if not why:
            raise ValidationError.single("why", "Say why the discharge is being corrected.")
        if problem := text_problem(why, max_length=4000, multiline=True):
            raise ValidationError.single("why", f"The reason {problem}.")
        with self._db.write() as session:
            stay = get_row(session, orm.Stay, stay_id, "stay")
            if stay.move_out is None or stay.discharge_reason is None:
                raise Conflict("This stay has not ended; discharge it instead of amending.")
            if stay.discharge_reason == DischargeReason.TRANSFERRED:
                raise Conflict(
                    "This stay ended in a transfer, and the stay in the other house goes on "
                    "from that day: it can't be amended. Correct the stay there instead."
                )
            _check_move_out(stay, discharge.move_out, self._today())
            _check_before_next_stay(session, stay, discharge.move_out)
            _move_last_bed_end(session, stay, discharge.move_out)
            session.add(self._amendment(session, stay, discharge, note, why))
            event = MoveOutCorrected(stay.person_id, stay.id, stay.move_out, discharge.move_out)
            changed = self._hooks.corrected(session, event)
            stay.move_out, stay.discharge_reason = discharge.move_out, discharge.reason.value
            stay.discharge_note = note
        return Done(None, RESIDENTS_CHANGED | changed)

    def _amendment(
        self, session: Session, stay: orm.Stay, new: Discharge, note: str, why: str
    ) -> orm.DischargeAmendment:
        assert stay.move_out is not None and stay.discharge_reason is not None
        return orm.DischargeAmendment(
            stay_id=stay.id,
            amended_at=self._now(),
            amended_by=who_changed(session),
            why=why,
            old_move_out=stay.move_out,
            old_reason=stay.discharge_reason,
            old_note=stay.discharge_note,
            new_move_out=new.move_out,
            new_reason=new.reason.value,
            new_note=note,
        )


def _admit(session: Session, admission: Admission, today: date) -> int:
    details = validated_details(admission.details, today)
    check_move_in(admission.move_in, today, details.date_of_birth)
    referral = clean(admission.referral_source)
    if problem := text_problem(referral, max_length=200):
        raise ValidationError.single("referral_source", f"Referral source {problem}.")
    person = _person_for(session, admission, details)
    write_details(session, person, details)
    stay = orm.Stay(person=person, move_in=admission.move_in, referral_source=referral)
    session.add(stay)
    phase_id = admission.phase_id or _first_phase(session)
    if phase_id is not None:
        get_row(session, orm.Phase, phase_id, "phase")
        stay.phases.append(orm.StayPhase(phase_id=phase_id, start=admission.move_in))
    ended = admission.discharge.move_out if admission.discharge else None
    if admission.bed_id is not None:
        check_bed_free(session, admission.bed_id, admission.move_in, ended)
        bed = orm.BedAssignment(bed_id=admission.bed_id, start=admission.move_in, end_date=ended)
        stay.beds.append(bed)
    session.flush()
    if admission.discharge is not None:  # a past stay, from a spreadsheet of the house's history
        _end_stay(stay, admission.discharge, _checked_note(admission.discharge.note), today)
        session.flush()
    _now_living(session, details, stay)
    return person.id


def _continued(session: Session, stay: orm.Stay, house: int, move: Transfer) -> orm.Stay:
    """The stay that continues ``stay`` in ``house`` from the transfer's day: its first phase
    there (or the one chosen) and the bed chosen, all of them that house's records."""
    phase = move.phase_id or session.scalar(
        select(orm.Phase.id)
        .where(orm.Phase.house_id == house)
        .order_by(orm.Phase.position)
        .limit(1)
    )
    if phase is not None and get_row(session, orm.Phase, phase, "phase").house_id != house:
        raise ValidationError.single("phase", "Choose one of the other house's phases.")
    next_stay = orm.Stay(
        house_id=house, person_id=stay.person_id, move_in=move.day, transferred_from_id=stay.id
    )
    session.add(next_stay)
    if phase is not None:
        next_stay.phases.append(orm.StayPhase(house_id=house, phase_id=phase, start=move.day))
    if move.bed_id is not None:
        if get_row(session, orm.Bed, move.bed_id, "bed").house_id != house:
            raise ValidationError.single("bed", "Choose one of the other house's beds.")
        check_bed_free(session, move.bed_id, move.day, None)
        next_stay.beds.append(orm.BedAssignment(house_id=house, bed_id=move.bed_id, start=move.day))
    return next_stay


def _end_stay(stay: orm.Stay, discharge: Discharge, note: str, today: date) -> None:
    _check_move_out(stay, discharge.move_out, today)
    stay.move_out, stay.discharge_reason = discharge.move_out, discharge.reason.value
    stay.discharge_note = note
    if (bed := open_assignment(stay)) is not None:
        bed.end_date = discharge.move_out


def _person_for(session: Session, admission: Admission, details: PersonDetails) -> orm.Person:
    if admission.returning_person_id is None:
        _refuse_if_living_here(session, details)
        person = orm.Person()
        session.add(person)
        return person
    person = get_row(session, orm.Person, admission.returning_person_id, "resident")
    if person.stays and (last := person.stays[-1]).move_out is None:
        raise Conflict(
            f"{person.first_name} {person.last_name} already lives in the house "
            f"(moved in {format_date(last.move_in)}). Discharge that stay first."
        )
    if person.stays and (last_out := person.stays[-1].move_out) and admission.move_in < last_out:
        raise ValidationError.single(
            "move_in",
            f"Move-in is before their last move-out ({format_date(last_out)}); check the date.",
        )
    return person


# Who lives here, by folded name: (name as typed, date of birth, move-in) for each. Built once
# per session and kept up to date as it admits, so an import of n rows looks names up n times
# instead of reading everyone n times (1,500 rows took a minute; 100,000 never finished).
LivingNames = dict[tuple[str, str], list[tuple[str, date | None, date]]]


def _living_names(session: Session) -> LivingNames:
    if (known := session.info.get("living_names")) is not None:
        return known  # type: ignore[no-any-return]
    living: LivingNames = {}
    rows = session.execute(
        select(
            orm.Person.first_name, orm.Person.last_name, orm.Person.date_of_birth, orm.Stay.move_in
        )
        .join(orm.Stay)
        .where(orm.Stay.move_out.is_(None))
    )
    for first, last, born, move_in in rows:
        living.setdefault((fold(first), fold(last)), []).append((f"{first} {last}", born, move_in))
    session.info["living_names"] = living
    return living


def _refuse_if_living_here(session: Session, details: PersonDetails) -> None:
    """Someone with this name (and birth date, where both are known) already lives here."""
    same_name = _living_names(session).get((fold(details.first_name), fold(details.last_name)), [])
    for name, born_on_file, move_in in same_name:
        born = (born_on_file, details.date_of_birth)
        if None in born or born[0] == born[1]:
            hint = "" if None not in born else " If this is someone else, give both dates of birth."
            raise Conflict(
                f"{name} already lives in the house (moved in {format_date(move_in)}).{hint}"
            )


def _now_living(session: Session, details: PersonDetails, stay: orm.Stay) -> None:
    """The one just admitted, for the next admission in this session to find."""
    if stay.move_out is None and (living := session.info.get("living_names")) is not None:
        key = (fold(details.first_name), fold(details.last_name))
        entry = (f"{details.first_name} {details.last_name}", details.date_of_birth, stay.move_in)
        living.setdefault(key, []).append(entry)


def _first_phase(session: Session) -> int | None:
    return session.scalar(select(orm.Phase.id).order_by(orm.Phase.position).limit(1))


def _active_stay(session: Session, stay_id: int) -> orm.Stay:
    stay = get_row(session, orm.Stay, stay_id, "stay")
    if stay.move_out is not None:
        raise Conflict(f"This stay ended on {format_date(stay.move_out)}; it can't change now.")
    return stay


def _latest(stay: orm.Stay, starts: list[date], what: str) -> tuple[date, str]:
    """The latest of ``starts`` and move-in, named as the manager knows it.

    The first phase and bed start on move-in day: a date before them is "before move-in".
    """
    latest = max(starts, default=stay.move_in)
    return (latest, what) if latest > stay.move_in else (stay.move_in, "move-in")


def _check_move_out(stay: orm.Stay, move_out: date, today: date) -> None:
    """Move-out falls after every event of the stay, and not in the future."""
    phase = _latest(stay, [p.start for p in stay.phases], "the last phase change")
    bed = _latest(stay, [b.start for b in stay.beds], "the last bed move")
    after, what = max(phase, bed, key=lambda event: event[0])
    check_event_date(move_out, after=after, after_what=what, today=today, field="move_out")


def _check_before_next_stay(session: Session, stay: orm.Stay, move_out: date) -> None:
    # In any house the one amending may see: the next stay may be in another.
    query = (
        select(orm.Stay.move_in)
        .where(orm.Stay.person_id == stay.person_id, orm.Stay.move_in > stay.move_in)
        .order_by(orm.Stay.move_in)
        .execution_options(every_house=True)
    )
    later = list(session.scalars(query))
    if later and move_out > later[0]:
        raise ValidationError.single(
            "move_out",
            f"Move-out is after their next move-in ({format_date(later[0])}).",
        )


def _move_last_bed_end(session: Session, stay: orm.Stay, move_out: date) -> None:
    last = stay.beds[-1] if stay.beds else None
    if last is None or last.end_date != stay.move_out:
        return
    check_bed_free(session, last.bed_id, last.start, move_out, ignore=last.id)
    last.end_date = move_out


def _not_a_transfer(discharge: Discharge) -> None:
    if discharge.reason == DischargeReason.TRANSFERRED:
        raise ValidationError.single(
            "reason", "A transfer is its own action: Transfer to another house."
        )


def _skips(session: Session, current: int | None, chosen: int) -> bool:
    """Whether ``chosen`` lies beyond the phase after ``current`` in the house's order."""
    order = list(session.scalars(select(orm.Phase.id).order_by(orm.Phase.position)))
    now = order.index(current) if current in order else -1
    return chosen in order and order.index(chosen) > now + 1


def _checked_note(note: str) -> str:
    note = clean(note)
    if problem := text_problem(note, max_length=4000, multiline=True):
        raise ValidationError.single("note", f"The note {problem}.")
    return note
