"""What a progress report says about one resident for a period: only the sections the consent
covers are even read from the database (minimum necessary); each area registers its own."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from residence.consents.records import ConsentInfo
from residence.consents.sections import Section, Subject, gather_all
from residence.db import orm


def gather(
    session: Session, consent: ConsentInfo, first: date, last: date, sections: Sequence[Section]
) -> dict[str, object]:
    """The report's fields for the covered categories, by ProgressReport field name."""
    return gather_all(sections, session, subject(session, consent, first, last))


def subject(session: Session, consent: ConsentInfo, first: date, last: date) -> Subject:
    stays = _stays(session, consent.person_id, first, last)
    here = tuple(
        (max(s.move_in, first), min(s.move_out - timedelta(days=1), last) if s.move_out else last)
        for s in stays
    )
    ids = tuple(s.id for s in stays)
    return Subject(consent.person_id, first, last, ids, here, consent.categories)


def _stays(session: Session, person_id: int, first: date, last: date) -> list[orm.Stay]:
    return list(
        session.scalars(
            select(orm.Stay)
            .where(orm.Stay.person_id == person_id, orm.Stay.move_in <= last)
            .where((orm.Stay.move_out.is_(None)) | (orm.Stay.move_out > first))
            .order_by(orm.Stay.move_in)
        )
    )
