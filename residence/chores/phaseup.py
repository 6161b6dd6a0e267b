"""What the phase-up assistant asks of chores: no more missed in the last 30 days than the
house allows. Days before the house kept a chore chart are no record, never a miss."""

from __future__ import annotations

from sqlalchemy.orm import Session

from residence.chores.report_sections import chores_of
from residence.consents.sections import Subject
from residence.dates import format_date
from residence.phaseup.records import Candidate, Criterion, Finding, since


def _missed_asked(amount: int, before: str) -> str:
    if amount == 0:
        return "No missed chore in the last 30 days"
    return f"At most {amount} missed {'chore' if amount == 1 else 'chores'} in the last 30 days"


def _missed_judged(session: Session, candidate: Candidate, amount: int) -> tuple[Finding, str]:
    first, last = candidate.look_back_from, candidate.day
    subject = Subject(
        candidate.person_id, first, last, (candidate.stay_id,), ((first, last),), frozenset()
    )
    summary = chores_of(session, subject)
    shown = summary.done + len(summary.missed) + summary.excused + summary.covered
    if not shown:
        return Finding.NO_RECORD, f"no chore on the chart for them {since(candidate)}"
    evidence = f"{len(summary.missed)} missed, {summary.done} done {since(candidate)}"
    if summary.records_from is not None and summary.records_from > first:
        evidence += f" (the chart begins {format_date(summary.records_from)})"
    if summary.covered:
        evidence += f", {summary.covered} covered by a housemate"
    met = len(summary.missed) <= amount
    return (Finding.MET if met else Finding.NOT_MET), evidence


missed_chores_at_most = Criterion("missed_chores_at_most", _missed_asked, _missed_judged)
