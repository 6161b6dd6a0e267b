"""The house's mentor rules as pure functions: who may mentor whom, and suggested pairings."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace

from residence.mentors.records import (
    Ineligible,
    MentorFacts,
    MentorKey,
    MentorRules,
    Role,
    Suggestion,
    WhyNotMentor,
)


def why_not(
    mentor: MentorFacts, rules: MentorRules, mentee_id: int | None, min_phase_name: str = ""
) -> WhyNotMentor | None:
    """Why ``mentor`` may not take ``mentee_id`` (or a new mentee, for None); None when they may."""
    if mentor.key.person_id is not None and mentor.key.person_id == mentee_id:
        return WhyNotMentor(Ineligible.THEMSELF)
    if problem := _standing(mentor, rules, min_phase_name):
        return problem
    if mentor.load >= rules.max_mentees:
        return WhyNotMentor(Ineligible.FULL, has=mentor.load, wants=rules.max_mentees)
    return None


def meets_the_rules(mentor: MentorFacts, rules: MentorRules) -> bool:
    """Senior enough to mentor at all, whatever their load: such a resident needs no mentor."""
    return _standing(mentor, rules, "") is None


def _standing(mentor: MentorFacts, rules: MentorRules, min_phase_name: str) -> WhyNotMentor | None:
    if mentor.role is Role.RESIDENT:
        if not mentor.lives_here:
            return WhyNotMentor(Ineligible.AWAY)
        if mentor.days_sober is None:
            return WhyNotMentor(Ineligible.NO_SOBRIETY_DATE)
        if mentor.days_sober < rules.min_days_sober:
            return WhyNotMentor(Ineligible.TOO_NEW, mentor.days_sober, rules.min_days_sober)
        if mentor.phase_position is None or mentor.phase_position < rules.min_phase:
            wanted = min_phase_name or f"phase {rules.min_phase}"
            return WhyNotMentor(Ineligible.PHASE, phase=mentor.phase, lowest_phase=wanted)
        return None
    if not mentor.active:
        return WhyNotMentor(Ineligible.STOPPED)
    if mentor.role is Role.ALUMNUS and not rules.alumni_may_mentor:
        return WhyNotMentor(Ineligible.NO_ALUMNI)
    if mentor.role.external and mentor.role is not Role.ALUMNUS and not rules.peers_may_mentor:
        return WhyNotMentor(Ineligible.NO_PEERS)
    return None


def suggest_pairings(
    mentees: Sequence[tuple[int, str]],
    mentors: Sequence[MentorFacts],
    rules: MentorRules,
    ended_badly: Collection[tuple[int, MentorKey]] = (),
) -> list[Suggestion]:
    """A mentor for each mentee, in the order given (newest first), where one can be found.

    Each goes to the least loaded eligible mentor, so the load spreads; a tie goes to a
    resident of the house (peer support lives in the house), then the longest sober. A pair
    whose earlier assignment ended badly is not suggested again.
    """
    loads = {m.key: m.load for m in mentors}
    suggestions = []
    for mentee_id, mentee in mentees:
        options = [
            m
            for m in mentors
            if (mentee_id, m.key) not in ended_badly
            and why_not(replace(m, load=loads[m.key]), rules, mentee_id) is None
        ]
        if not options:
            continue
        best = min(
            options,
            key=lambda m: (loads[m.key], m.role.external, -(m.days_sober or 0), m.name, m.key),
        )
        loads[best.key] += 1
        suggestions.append(Suggestion(mentee_id, mentee, best.key, best.name))
    return suggestions
