"""The app's areas put together: what each one registers for the others to run.

A new area adds its line here; no area imports another's service."""

from __future__ import annotations

from residence.chores import phaseup as chore_phaseup
from residence.chores import report_sections as chore_sections
from residence.consents.sections import Section
from residence.db.renumbering import Embedded
from residence.meetings import minutes_snapshot
from residence.meetings import outcomes as meeting_outcomes
from residence.meetings import phaseup as meeting_phaseup
from residence.meetings import report_sections as meeting_sections
from residence.mentors import hooks as mentor_hooks
from residence.mentors import outcomes as mentor_outcomes
from residence.mentors import report_sections as mentor_sections
from residence.outcomes.service import Measure
from residence.phaseup.records import Criterion
from residence.recovery import outcomes as recovery_outcomes
from residence.recovery import report_sections as recovery_sections
from residence.residents import outcomes as resident_outcomes
from residence.residents import phaseup as resident_phaseup
from residence.residents import report_sections as resident_sections
from residence.residents.hooks import StayHooks


def stay_hooks() -> StayHooks:
    """Every area's hooks on a stay's events (a move-out, a corrected move-out)."""
    hooks = StayHooks()
    mentor_hooks.register(hooks)
    return hooks


def embedded_numbers() -> Embedded:
    """The text columns that hold records' numbers, and how each moves them: a house copied
    beside others is numbered on from theirs (``db.renumbering``)."""
    return {("minutes", "final_records"): minutes_snapshot.renumbered}


def outcome_measures() -> list[Measure]:
    """What the outcomes report shows, measure by measure, in the order it is printed."""
    return [
        resident_outcomes.stays,
        recovery_outcomes.capital,
        meeting_outcomes.attendance,
        mentor_outcomes.coverage,
    ]


def phase_criteria() -> list[Criterion]:
    """What the house may ask before a resident moves up a phase, in the order it is judged:
    each area judges its own from its records (``residence.phaseup``)."""
    return [
        resident_phaseup.days_in_phase,
        meeting_phaseup.quota_weeks,
        meeting_phaseup.house_meeting_percent,
        chore_phaseup.missed_chores_at_most,
    ]


def report_sections() -> list[Section]:
    """What a progress report may show, section by section, in the order it is printed."""
    return [
        *resident_sections.sections(),
        *meeting_sections.sections(),
        *chore_sections.sections(),
        *mentor_sections.sections(),
        *recovery_sections.sections(),
    ]
