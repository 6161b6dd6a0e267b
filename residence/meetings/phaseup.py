"""What the phase-up assistant asks of meetings: the outside-meeting quota met week after week,
and a share of the house meetings attended. A meeting with no roll and a week before the
house logged slips are no record, never a miss."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from residence.consents.sections import Subject
from residence.dates import format_date, week_start
from residence.db import orm
from residence.meetings.report_sections import attendance_of, outside_of
from residence.phaseup.records import Candidate, Criterion, Finding, since


def _subject(candidate: Candidate, first: date, last: date) -> Subject:
    here = (max(first, candidate.move_in), last)
    return Subject(candidate.person_id, first, last, (candidate.stay_id,), (here,), frozenset())


# -- the outside-meeting quota -----------------------------------------------------------------


def _quota_asked(amount: int, before: str) -> str:
    if amount == 1:
        return "Outside-meeting quota met last week"
    return f"Outside-meeting quota met in each of the last {amount} weeks"


def _quota_judged(session: Session, candidate: Candidate, amount: int) -> tuple[Finding, str]:
    """The last ``amount`` whole house weeks before the one containing the day."""
    first_weekday = session.scalar(select(orm.House.week_starts_on)) or 0
    this_week = week_start(candidate.day, first_weekday)
    first = this_week - timedelta(weeks=amount)
    if candidate.move_in >= this_week:
        return Finding.NOT_MET, "no whole week in the house yet"
    weeks = outside_of(session, _subject(candidate, first, this_week - timedelta(days=1))).weeks
    on_record = [w for w in weeks if w.on_record]
    short = [w for w in on_record if w.short_by]
    if short:
        shown = ", ".join(
            f"{w.count} of {w.quota} in the week of {format_date(w.week_start)}" for w in short[:3]
        )
        more = f", and {len(short) - 3} more" if len(short) > 3 else ""
        return Finding.NOT_MET, f"short in {len(short)} of {len(weeks)} weeks: {shown}{more}"
    if len(weeks) < amount:
        return Finding.NOT_MET, f"in the house {len(weeks)} of the last {amount} weeks"
    if len(on_record) < len(weeks):
        missing = len(weeks) - len(on_record)
        return Finding.NO_RECORD, f"no slips on record for {missing} of the {amount} weeks"
    counts = ", ".join(f"{w.count} of {w.quota}" for w in on_record[-4:])
    return Finding.MET, f"met every week (the last {min(4, len(on_record))}: {counts})"


quota_weeks = Criterion("quota_weeks", _quota_asked, _quota_judged)


# -- house meetings ----------------------------------------------------------------------------


def _house_asked(amount: int, before: str) -> str:
    return f"At least {amount}% of house meetings in the last 30 days"


def _house_judged(session: Session, candidate: Candidate, amount: int) -> tuple[Finding, str]:
    """Present or late, of the meetings whose roll was taken with the resident on it; an
    excused absence is left out of the count, as the house excused it."""
    summary = attendance_of(session, _subject(candidate, candidate.look_back_from, candidate.day))
    counted = summary.held - len(summary.excused) - len(summary.not_on_roll)
    if counted <= 0:
        if summary.held:
            return Finding.NO_RECORD, (
                f"{summary.held} with a roll {since(candidate)}, each excusing them or "
                "without them on it"
            )
        return Finding.NO_RECORD, f"no house meeting with a roll {since(candidate)}"
    share = 100 * summary.attended // counted  # down: 79.5% is not 80%
    notes = [f"{summary.attended} of {counted} ({share}%) {since(candidate)}"]
    if summary.excused:
        notes.append(f"{len(summary.excused)} excused")
    if summary.no_roll or summary.not_on_roll:
        notes.append(f"{len(summary.no_roll) + len(summary.not_on_roll)} with no mark on record")
    if summary.before_records:
        notes.append(f"{summary.before_records} before the house's roll calls begin")
    met = summary.attended * 100 >= amount * counted
    return (Finding.MET if met else Finding.NOT_MET), "; ".join(notes)


house_meeting_percent = Criterion("house_meeting_percent", _house_asked, _house_judged)
