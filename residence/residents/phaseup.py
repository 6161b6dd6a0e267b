"""What the phase-up assistant asks of a stay itself: enough days in the phase before."""

from __future__ import annotations

from sqlalchemy.orm import Session

from residence.dates import format_date
from residence.phaseup.records import Candidate, Criterion, Finding


def _days_asked(amount: int, before: str) -> str:
    return f"At least {amount} {'day' if amount == 1 else 'days'} in {before}"


def _days_judged(session: Session, candidate: Candidate, amount: int) -> tuple[Finding, str]:
    if candidate.phase_start is None:
        return Finding.NO_RECORD, "no phase recorded for this stay"
    days = (candidate.day - candidate.phase_start).days
    evidence = f"{days} days, since {format_date(candidate.phase_start)}"
    return (Finding.MET if days >= amount else Finding.NOT_MET), evidence


days_in_phase = Criterion("days_in_phase", _days_asked, _days_judged)
