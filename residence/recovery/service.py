"""Recovery capital: recording the BARC-10s a resident takes, and which are due."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from residence.changes import Area, Changes, Done
from residence.clock import Clock
from residence.dates import format_date
from residence.db import orm
from residence.db.database import Database
from residence.db.lookup import get_row
from residence.errors import Conflict, ValidationError
from residence.recovery import rules
from residence.recovery.records import Assessment, Checkpoint, Due, HouseQuestion
from residence.residents.presence import short_name
from residence.text_rules import clean, sort_key, text_problem
from residence.who import who_changed

RECOVERY_CHANGED = Changes.of(Area.RECOVERY)


class RecoveryCapitalBook:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._db = database
        self._today, self._now = clock.today, clock.now

    def record(
        self,
        person_id: int,
        taken_on: date,
        scores: Sequence[int],
        *,
        on_paper: bool = False,
        answers: Mapping[int, int] | None = None,
    ) -> Done[Assessment]:
        """Record a BARC-10 the resident took on ``taken_on`` (ten scores, 1–6), in the stay
        they lived in then; one a day. ``answers``: to the house's own questions (question
        id: score), each optional, kept with the sheet and never in its total."""
        if problem := rules.scores_problem(scores):
            raise ValidationError.single("scores", problem)
        answers = dict(answers or {})
        if any(not 1 <= score <= 6 for score in answers.values()):
            raise ValidationError.single("answers", "Each answer is a score from 1 to 6.")
        if taken_on > self._today():
            raise ValidationError.single("taken_on", f"{format_date(taken_on)} is in the future.")
        with self._db.write() as session:
            stay = _stay_on(session, person_id, taken_on)
            if any(a.taken_on == taken_on for a in _taken(session, stay.id)):
                raise ValidationError.single(
                    "taken_on",
                    f"A BARC-10 of {format_date(taken_on)} is on file already; if it was "
                    "wrong, withdraw it first, saying why.",
                )
            row = orm.RecoveryCapital(
                stay_id=stay.id,
                taken_on=taken_on,
                on_paper=on_paper,
                recorded_at=self._now(),
                recorded_by=who_changed(session),
                **{name: int(score) for name, score in zip(orm.SCORES, scores, strict=True)},
            )
            session.add(row)
            session.flush()
            asked = _asked(session, answers, taken_on)
            for question, score in answers.items():
                session.add(orm.HouseAnswer(recovery_capital_id=row.id, question_id=question,
                                            score=score))  # fmt: skip
            given = tuple((asked[q], s) for q, s in answers.items())
            return Done(_assessment(row, person_id, given), RECOVERY_CHANGED)

    def questions(self, *, retired: bool = False) -> list[HouseQuestion]:
        """The house's own questions in the order they were added: those asked now, or
        (``retired``) every one ever asked, for a sheet of an earlier day."""
        with self._db.read() as session:
            query = select(orm.HouseQuestion).order_by(orm.HouseQuestion.id)
            if not retired:
                query = query.where(orm.HouseQuestion.retired_on.is_(None))
            return [_question(q) for q in session.scalars(query)]

    def add_question(self, text: str) -> Done[HouseQuestion]:
        text = clean(text)
        if not text:
            raise ValidationError.single("text", "Write the question.")
        if problem := text_problem(text, max_length=400):
            raise ValidationError.single("text", f"The question {problem}.")
        with self._db.write() as session:
            row = orm.HouseQuestion(text=text, added_on=self._today())
            session.add(row)
            session.flush()
            return Done(_question(row), RECOVERY_CHANGED)

    def retire_question(self, question_id: int) -> Done[None]:
        """No longer asked; the answers given stay with their sheets. (A question is never
        changed: the answers on file were given to its words.)"""
        with self._db.write() as session:
            row = get_row(session, orm.HouseQuestion, question_id, "question")
            if row.retired_on is not None:
                raise Conflict(f"“{row.text}” is no longer asked already.")
            row.retired_on = max(self._today(), row.added_on)
        return Done(None, RECOVERY_CHANGED)

    def withdraw(self, assessment_id: int, why: str) -> Done[None]:
        """A mistaken BARC-10 (the wrong resident, a sheet typed wrong) counts no more; it
        stays on file with the reason."""
        why = clean(why)
        if not why:
            raise ValidationError.single("why", "Say why it is withdrawn.")
        if problem := text_problem(why, max_length=400):
            raise ValidationError.single("why", f"The reason {problem}.")
        with self._db.write() as session:
            row = get_row(session, orm.RecoveryCapital, assessment_id, "BARC-10")
            if row.withdrawn_why:
                raise Conflict("That BARC-10 was withdrawn already.")
            row.withdrawn_why = why
        return Done(None, RECOVERY_CHANGED)

    def history(self, person_id: int) -> list[Assessment]:
        """Every BARC-10 the resident took here, oldest first (withdrawn ones too)."""
        with self._db.read() as session:
            rows = session.scalars(
                select(orm.RecoveryCapital)
                .join(orm.Stay, orm.Stay.id == orm.RecoveryCapital.stay_id)
                .where(orm.Stay.person_id == person_id)
                .order_by(orm.RecoveryCapital.taken_on, orm.RecoveryCapital.id)
            ).all()
            answers = _answers(session, [row.id for row in rows])
            return [_assessment(row, person_id, answers.get(row.id, ())) for row in rows]

    def due(self) -> list[Due]:
        """The residents living here today whose BARC-10 is due (from a week ahead) or
        overdue, overdue first, then by the day it was due."""
        today = self._today()
        found = []
        with self._db.read() as session:
            stays = session.execute(
                select(orm.Stay, orm.Person)
                .join(orm.Person, orm.Person.id == orm.Stay.person_id)
                .where(orm.Stay.move_in <= today, orm.Stay.move_out.is_(None))
            ).all()
            taken = _taken_by_stay(session, [stay.id for stay, _ in stays])
            for stay, person in stays:
                shown = rules.due(stay.move_in, today, taken.get(stay.id, []))
                if shown is not None:
                    name = short_name(person.first_name, person.last_name, person.preferred_name)
                    found.append(Due(person.id, name, shown[0], overdue=shown[1]))
        return sorted(found, key=lambda d: (not d.overdue, d.checkpoint.on, sort_key(d.name)))

    def next_due(self, person_id: int) -> Checkpoint | None:
        """When the resident's next BARC-10 is due in the stay they live in now (None if they
        don't live here): the one due now, else the next checkpoint."""
        today = self._today()
        with self._db.read() as session:
            stay = session.scalar(
                select(orm.Stay).where(
                    orm.Stay.person_id == person_id,
                    orm.Stay.move_in <= today,
                    orm.Stay.move_out.is_(None),
                )
            )
            if stay is None:
                return None
            move_in, taken = stay.move_in, [a.taken_on for a in _taken(session, stay.id)]
        shown = rules.due(move_in, today, taken)
        if shown is not None:
            return shown[0]
        # A sheet taken up to a week early counted for the checkpoint ahead: the next is after.
        return rules.next_checkpoint(move_in, today + timedelta(days=rules.EARLY))


def _stay_on(session: Session, person_id: int, day: date) -> orm.Stay:
    person = get_row(session, orm.Person, person_id, "resident")
    stay = session.scalar(
        select(orm.Stay)
        .where(
            orm.Stay.person_id == person_id,
            orm.Stay.move_in <= day,
            (orm.Stay.move_out.is_(None)) | (orm.Stay.move_out >= day),
        )
        # A stay may end the day the next begins: the sheet is the newer stay's.
        .order_by(orm.Stay.move_in.desc())
        .limit(1)
    )
    if stay is None:
        name = short_name(person.first_name, person.last_name, person.preferred_name)
        raise ValidationError.single(
            "taken_on", f"{name} didn't live in the house on {format_date(day)}."
        )
    return stay


def _taken(session: Session, stay_id: int) -> list[orm.RecoveryCapital]:
    return list(
        session.scalars(
            select(orm.RecoveryCapital).where(
                orm.RecoveryCapital.stay_id == stay_id, orm.RecoveryCapital.withdrawn_why == ""
            )
        )
    )


def _taken_by_stay(session: Session, stays: list[int]) -> dict[int, list[date]]:
    """The days each stay's BARC-10s were taken (that count), in one query."""
    found: dict[int, list[date]] = {}
    rows = session.execute(
        select(orm.RecoveryCapital.stay_id, orm.RecoveryCapital.taken_on).where(
            orm.RecoveryCapital.stay_id.in_(stays), orm.RecoveryCapital.withdrawn_why == ""
        )
    )
    for stay_id, day in rows:
        found.setdefault(stay_id, []).append(day)
    return found


def _asked(session: Session, answers: Mapping[int, int], day: date) -> dict[int, str]:
    """The questions answered, by id: each one on the sheets of ``day``."""
    rows = session.scalars(
        select(orm.HouseQuestion).where(orm.HouseQuestion.id.in_(list(answers)))
    ).all()
    for row in rows:
        if not _question(row).asked_on(day):
            raise ValidationError.single(
                "answers", f"“{row.text}” wasn't asked on {format_date(day)}'s sheets."
            )
    if len(rows) < len(answers):
        raise ValidationError.single("answers", "One of those questions isn't on file.")
    return {row.id: row.text for row in rows}


def _question(row: orm.HouseQuestion) -> HouseQuestion:
    return HouseQuestion(row.id, row.text, row.added_on, row.retired_on)


def _answers(session: Session, sheets: list[int]) -> dict[int, tuple[tuple[str, int], ...]]:
    found: dict[int, list[tuple[str, int]]] = {}
    rows = session.execute(
        select(orm.HouseAnswer.recovery_capital_id, orm.HouseQuestion.text, orm.HouseAnswer.score)
        .join(orm.HouseQuestion, orm.HouseQuestion.id == orm.HouseAnswer.question_id)
        .where(orm.HouseAnswer.recovery_capital_id.in_(sheets))
        .order_by(orm.HouseAnswer.question_id)
    )
    for sheet, text, score in rows:
        found.setdefault(sheet, []).append((text, score))
    return {sheet: tuple(given) for sheet, given in found.items()}


def _assessment(
    row: orm.RecoveryCapital, person_id: int, answers: tuple[tuple[str, int], ...] = ()
) -> Assessment:
    return Assessment(
        id=row.id,
        person_id=person_id,
        stay_id=row.stay_id,
        taken_on=row.taken_on,
        scores=tuple(int(getattr(row, name)) for name in orm.SCORES),
        on_paper=row.on_paper,
        recorded_by=row.recorded_by,
        withdrawn_why=row.withdrawn_why,
        answers=answers,
    )
