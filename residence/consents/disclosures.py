"""Reports for outside the house, made only under a consent in force, and the disclosure log:
every report saved or printed is logged with the SHA-256 of the exact PDF."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from residence.changes import Area, Changes, Done
from residence.clock import Clock
from residence.consents.book import ConsentBook, NotAllowed
from residence.consents.progress import gather
from residence.consents.records import (
    FEDERAL_NOTICE,
    Category,
    ConsentForm,
    ConsentInfo,
    DisclosureInfo,
    HouseRoster,
    Notice,
    ProgressReport,
    RosterLine,
    Standing,
)
from residence.consents.sections import Section
from residence.db import orm
from residence.db.database import Database
from residence.db.edits import refuse_if_changed, version
from residence.db.houses import house_of
from residence.db.lookup import get_row
from residence.errors import ValidationError
from residence.residents.presence import phase_on, short_name
from residence.text_rules import fold, sort_key, text_problem
from residence.who import who_changed

LOGGED = Changes.of(Area.CONSENTS)
# The house's notice prints at the foot of every page of a disclosed report, whose foot grows
# to hold it: room for the full 42 CFR 2.32 statement (about 700 characters) twice over, in
# few enough lines that the page keeps most of its room for the report.
NOTICE_LENGTH, NOTICE_LINES = 2000, 12


@dataclass(frozen=True)
class Skipped:
    person_id: int
    name: str
    reason: str


class Disclosures:
    def __init__(
        self, database: Database, consents: ConsentBook, clock: Clock, sections: Sequence[Section]
    ) -> None:
        """``sections``: what a progress report may show, as the areas register it."""
        self._db = database
        self._consents = consents
        self._sections = tuple(sections)
        self._today = clock.today
        self._now = clock.now

    # -- the redisclosure notice -------------------------------------------------------------

    def notice(self) -> str:
        with self._db.read() as session:
            return _notice(session)

    def save_notice(self, text: str, seen: int | None = None) -> Done[Notice]:
        """The house's wording; empty goes back to the short federal form. ``seen``: the
        house's ``version`` the form was filled from, and Conflict if the notice changed since."""
        text = text.strip()
        if problem := text_problem(text, max_length=NOTICE_LENGTH, multiline=True):
            raise ValidationError.single("notice", f"The notice {problem}.")
        if (lines := len(text.splitlines())) > NOTICE_LINES:
            raise ValidationError.single(
                "notice", f"The notice has {lines} lines; at most {NOTICE_LINES} fit a page's foot."
            )
        with self._db.write() as session:
            house = get_row(session, orm.House, house_of(session), "house")
            refuse_if_changed(
                session,
                "house",
                house.id,
                seen,
                called="the notice",
                fields=("redisclosure_notice",),
            )
            house.redisclosure_notice = text
            session.flush()
            saved = version(session, "house", house.id)  # in the writing transaction: exact
        return Done(Notice(text or FEDERAL_NOTICE, saved), LOGGED)

    # -- progress reports --------------------------------------------------------------------

    def progress(
        self,
        consent_id: int,
        first: date,
        last: date,
        standing: Standing = Standing.NOT_STATED,
        statement: str = "",
    ) -> ProgressReport:
        """The report under ``consent_id`` for ``first``..``last``, ending with the manager's
        ``standing`` and ``statement``; NotAllowed says why there can't be one."""
        consent = self._consents.allowed(consent_id)
        if first > last:
            raise ValidationError.single("first", "The period starts after it ends.")
        if last > self._today():
            raise ValidationError.single("last", "The period can't end after today.")
        statement = _statement(standing, statement)
        with self._db.read() as session:
            report = self._report(session, consent, first, last)
        return replace(report, standing=standing, statement=statement)

    def _report(
        self, session: Session, consent: ConsentInfo, first: date, last: date
    ) -> ProgressReport:
        house = get_row(session, orm.House, house_of(session), "house")
        person = get_row(session, orm.Person, consent.person_id, "resident")
        name = f"{person.first_name} {person.last_name}"
        if person.preferred_name:
            name += f" (“{person.preferred_name}”)"
        legal = f"{person.first_name} {person.last_name}"
        shown = initials(legal, dotted=True) if house.report_names == "initials" else name
        return ProgressReport(
            house=house.name,
            house_address=house.address,
            house_phone=house.phone,
            resident=name,
            identifier=f"{shown} · Record {person.id:04d}",
            date_of_birth=person.date_of_birth,
            consent=consent,
            first=first,
            last=last,
            prepared_by=house.manager_name or who_changed(session),
            preparer_role=house.manager_role,
            standing=Standing.NOT_STATED,
            statement="",
            notice=_notice(session),
            generated=self._now(),
            **gather(session, consent, first, last, self._sections),  # type: ignore[arg-type]
        )

    def batch(
        self, case_manager_id: int, first: date, last: date
    ) -> tuple[list[ProgressReport], list[Skipped]]:
        """Reports for every resident of one case manager (living here in the period), each
        under its own consent; those without one are listed with the reason."""
        with self._db.read() as session:
            people = session.execute(
                select(
                    orm.Person.id,
                    orm.Person.first_name,
                    orm.Person.last_name,
                    orm.Person.preferred_name,
                )
                .join(orm.Stay)
                .where(orm.Person.case_manager_id == case_manager_id)
                .where(orm.Stay.move_in <= last)
                .where((orm.Stay.move_out.is_(None)) | (orm.Stay.move_out > first))
                .distinct()
            ).all()
        reports, skipped = [], []
        for person_id, first_name, last_name, preferred in sorted(
            people, key=lambda p: (sort_key(p.last_name), sort_key(p.first_name), p.id)
        ):
            try:
                consent = self._consents.for_case_manager(person_id, case_manager_id)
                reports.append(self.progress(consent.id or 0, first, last))
            except NotAllowed as refused:
                name = short_name(first_name, last_name, preferred)
                skipped.append(Skipped(person_id, name, str(refused)))
        return reports, skipped

    # -- the log -----------------------------------------------------------------------------

    def record(self, report: ProgressReport, pdf: bytes, how: str) -> Done[DisclosureInfo]:
        """Log a report that left the house, with the fingerprint of the exact file."""
        consent = self._consents.allowed(report.consent.id or 0)  # not revoked meanwhile
        with self._db.write() as session:
            row = orm.Disclosure(
                at=self._now(),
                by=who_changed(session),
                person_id=consent.person_id,
                consent_id=consent.id,
                recipient=consent.recipient,
                categories=",".join(c.value for c in Category if c in consent.categories),
                first=report.first,
                last=report.last,
                sha256=hashlib.sha256(pdf).hexdigest(),
                how=how,
                standing=report.standing.value,
                statement=report.statement,
                prepared_by=preparer(report),
            )
            session.add(row)
            session.flush()
            return Done(_disclosure(session, row), LOGGED)

    def log(self, search: str = "") -> list[DisclosureInfo]:
        """The log, newest first; ``search`` matches the resident or the recipient."""
        wanted = fold(search)
        with self._db.read() as session:
            rows = session.scalars(
                select(orm.Disclosure).order_by(orm.Disclosure.at.desc(), orm.Disclosure.id.desc())
            )
            names = _names_in_log(session)
            entries = [_disclosure(session, row, names) for row in rows]
        return [e for e in entries if wanted in fold(f"{e.resident} {e.recipient}")]

    # -- for the house's own files -----------------------------------------------------------

    def consent_form(self, consent_id: int) -> ConsentForm:
        with self._db.read() as session:
            house = get_row(session, orm.House, house_of(session), "house")
            consent = self._consents.get(consent_id)
            person = get_row(session, orm.Person, consent.person_id, "resident")
            return ConsentForm(
                house.name,
                house.address,
                f"{person.first_name} {person.last_name}",
                person.date_of_birth,
                consent,
                self._now(),
                _notice(session),
            )

    def blank_consent_form(self) -> ConsentForm:
        """The form with nothing filled in but the house: what a newcomer is handed first."""
        with self._db.read() as session:
            house = get_row(session, orm.House, house_of(session), "house")
            return ConsentForm(
                house.name, house.address, "", None, None, self._now(), _notice(session)
            )

    def roster(self) -> HouseRoster:
        today = self._today()
        with self._db.read() as session:
            house = get_row(session, orm.House, house_of(session), "house")
            lines = [
                _roster_line(session, stay, person, today)
                for stay, person in session.execute(
                    select(orm.Stay, orm.Person).join(orm.Person).where(orm.Stay.move_out.is_(None))
                )
            ]
            beds = session.scalars(select(orm.Bed).where(orm.Bed.retired.is_(False))).all()
            occupied = len([line for line in lines if line.bed])
            name = house.name
        lines.sort(key=lambda line: sort_key(line.name))
        return HouseRoster(name, today, len(beds), occupied, tuple(lines), self._now())


def initials(name: str, *, dotted: bool = False) -> str:
    """“JN” for José Ñúñez: for file names that must not carry a name; “J.Ñ.” ``dotted``,
    for a page that names the resident by initials (accents kept: it is read, not a file)."""
    parts = [part for part in name.split() if part[:1].isalpha()]
    if dotted:
        return "".join(f"{part[0].upper()}." for part in parts[:1] + parts[-1:]) or "X"
    letters = [fold(part)[:1].upper() for part in parts]
    return "".join(letters[:1] + letters[-1:]) or "X"


def preparer(report: ProgressReport) -> str:
    """“Dana Whitfield, House manager”: who prepared the report, as it printed it."""
    return ", ".join(part for part in (report.prepared_by, report.preparer_role) if part)


def _statement(standing: Standing, statement: str) -> str:
    statement = statement.strip()
    if problem := text_problem(statement, max_length=1000, multiline=True):
        raise ValidationError.single("statement", f"The statement {problem}.")
    if standing is Standing.CONCERNS and not statement:
        raise ValidationError.single("statement", "Say what the concerns are.")
    return statement


def _notice(session: Session) -> str:
    text = session.scalar(
        select(orm.House.redisclosure_notice).where(orm.House.id == house_of(session))
    )
    return text or FEDERAL_NOTICE


def _names_in_log(session: Session) -> dict[int, str]:
    """Everyone the log names, read at once rather than once per entry."""
    people = session.execute(
        select(
            orm.Person.id, orm.Person.first_name, orm.Person.last_name, orm.Person.preferred_name
        ).where(orm.Person.id.in_(select(orm.Disclosure.person_id)))
    )
    return {
        person_id: short_name(first, last, preferred)
        for person_id, first, last, preferred in people
    }


def _disclosure(
    session: Session, row: orm.Disclosure, names: dict[int, str] | None = None
) -> DisclosureInfo:
    if names is None or row.person_id not in names:
        person = get_row(session, orm.Person, row.person_id, "resident")
        names = {
            row.person_id: short_name(person.first_name, person.last_name, person.preferred_name)
        }
    return DisclosureInfo(
        id=row.id,
        at=row.at,
        by=row.by,
        person_id=row.person_id,
        resident=names[row.person_id],
        consent_id=row.consent_id,
        recipient=row.recipient,
        categories=tuple(Category(c) for c in row.categories.split(",") if c),
        first=row.first,
        last=row.last,
        sha256=row.sha256,
        how=row.how,
        standing=Standing(row.standing),
        statement=row.statement,
        prepared_by=row.prepared_by,
    )


def _roster_line(session: Session, stay: orm.Stay, person: orm.Person, today: date) -> RosterLine:
    bed = session.execute(
        select(orm.Room.name, orm.Bed.label)
        .join(orm.Bed, orm.Bed.room_id == orm.Room.id)
        .join(orm.BedAssignment, orm.BedAssignment.bed_id == orm.Bed.id)
        .where(orm.BedAssignment.stay_id == stay.id, orm.BedAssignment.end_date.is_(None))
    ).first()
    phase = phase_on(session, person.id, today)
    sober = (today - person.sobriety_date).days if person.sobriety_date else None
    return RosterLine(
        short_name(person.first_name, person.last_name, person.preferred_name),
        f"{bed[0]} · {bed[1]}" if bed else "",
        stay.move_in,
        phase.name if phase else "",
        (today - stay.move_in).days,
        sober,
    )
