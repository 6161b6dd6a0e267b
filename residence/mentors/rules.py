"""The house's mentor rules as pure functions: who may mentor whom, and suggested pairings."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace

from residence.mentors.records import MentorFacts, MentorKey, MentorRules, Role, Suggestion


def why_not(
    mentor: MentorFacts, rules: MentorRules, mentee_id: int | None, min_phase_name: str = ""
) -> str:
    """Why ``mentor`` may not take ``mentee_id`` (or a new mentee, for None); "" when they may."""
    if mentor.key.person_id is not None and mentor.key.person_id == mentee_id:
        return "Nobody mentors themself."
    if problem := _standing(mentor, rules, min_phase_name):
        return problem
    if mentor.load >= rules.max_mentees:
        return f"Already mentors {mentor.load}; the house allows {rules.max_mentees}."
    return ""


def meets_the_rules(mentor: MentorFacts, rules: MentorRules) -> bool:
    """Senior enough to mentor at all, whatever their load: such a resident needs no mentor."""
    return not _standing(mentor, rules, "")


def _standing(mentor: MentorFacts, rules: MentorRules, min_phase_name: str) -> str:
    if mentor.role is Role.RESIDENT:
        if not mentor.lives_here:
            return "Not living in the house."
        if mentor.days_sober is None:
            return "No sobriety date on file."
        if mentor.days_sober < rules.min_days_sober:
            return f"{mentor.days_sober} days sober; the house asks for {rules.min_days_sober}."
        if mentor.phase_position is None or mentor.phase_position < rules.min_phase:
            wanted = min_phase_name or f"phase {rules.min_phase}"
            return f"In {mentor.phase or 'no phase'}; mentors are in {wanted} or later."
        return ""
    if not mentor.active:
        return "No longer mentoring."
    if mentor.role is Role.ALUMNUS and not rules.alumni_may_mentor:
        return "The house rules don't let alumni mentor."
    if mentor.role.external and mentor.role is not Role.ALUMNUS and not rules.peers_may_mentor:
        return "The house rules don't let outside peer specialists or coaches mentor."
    return ""


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
            and not why_not(replace(m, load=loads[m.key]), rules, mentee_id)
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
