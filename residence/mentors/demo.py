"""The demo house's mentors: an alumna, a peer specialist and a coach from outside, pairs with
weekly check-ins (one pair overdue), pairs that ended for a reason, and a newcomer waiting."""

from __future__ import annotations

import random
from datetime import date, timedelta

from residence.mentors.records import EndReason, ExternalMentorInfo, How, MentorKey, Role
from residence.workspace import Workspace

EXTERNAL = (
    ExternalMentorInfo(None, "Rosa Delgado", Role.ALUMNUS, "555-0142", "rosa.d@example.org"),
    ExternalMentorInfo(None, "Janelle Price", Role.PEER_SPECIALIST, "555-0178",
                       "jprice@peers.example.org"),
    ExternalMentorInfo(None, "Glen Foster", Role.RECOVERY_COACH, "555-0119"),
)  # fmt: skip
NOTES = (
    "Went over the house rules together.",
    "Talked about the job search; practised an interview.",
    "Went to the Tuesday NA meeting together.",
    "Short call: doing well, busy week at work.",
    "Talked through a hard day; plans to call the sponsor.",
    "",
)


def build_demo_mentors(workspace: Workspace, today: date) -> None:
    rng = random.Random(311)
    book = workspace.mentors
    externals = [book.save_external(info).value.id for info in EXTERNAL]
    waiting = book.unpaired()
    if len(waiting) < 2:
        return
    # The newest arrival is still waiting for a mentor: Home says so.
    failed_once = False
    for number, mentee in enumerate(waiting[1:]):
        start = max(mentee.move_in + timedelta(days=3), today - timedelta(weeks=10))
        if not failed_once and start <= today - timedelta(days=40) and externals[2] is not None:
            failed_once = True
            # A first pairing that didn't work out; the mentee got someone else.
            first = book.assign(mentee.person_id, MentorKey(external_id=externals[2]), start).value
            _check_ins(workspace, first.id, start, start + timedelta(days=12), rng)
            start += timedelta(days=14)
            book.end(first.id, start, EndReason.NOT_A_FIT, "Schedules never matched.")
        mentor = _least_loaded(workspace, mentee.person_id)
        if mentor is None:
            break
        start = _from(workspace, mentor, start)
        pair = book.assign(mentee.person_id, mentor, start).value
        # One pair has let its check-ins slide: overdue on the Home page.
        last = today - timedelta(days=12 if number == 1 else rng.randint(1, 5))
        _check_ins(workspace, pair.id, start, max(last, start), rng)
    _a_finished_pair(workspace, today, rng)


def _least_loaded(workspace: Workspace, mentee: int) -> MentorKey | None:
    eligible = [c for c in workspace.mentors.candidates(mentee) if c.eligible]
    return eligible[0].facts.key if eligible else None


def _from(workspace: Workspace, mentor: MentorKey, start: date) -> date:
    """``start``, or the day the mentor moved in if that was later."""
    if mentor.person_id is None:
        return start
    moved_in = {r.person_id: r.move_in for r in workspace.queries.rows()}
    return max(start, moved_in[mentor.person_id])


def _check_ins(
    workspace: Workspace, pair: int, start: date, last: date, rng: random.Random
) -> None:
    """About weekly from ``start``, the last one on ``last``."""
    days = []
    day = last
    while day > start:
        days.append(day)
        day -= timedelta(days=rng.randint(5, 8))
    for day in sorted(days):
        how = rng.choice([How.IN_PERSON, How.IN_PERSON, How.PHONE, How.MEETING])
        note = rng.choice(NOTES)
        workspace.mentors.check_in(
            pair, day, how, note, shareable=bool(note) and rng.random() < 0.5
        )


def _a_finished_pair(workspace: Workspace, today: date, rng: random.Random) -> None:
    """A resident now past needing a mentor had one in their first months."""
    rules = workspace.mentors.rules()
    paired = {p.mentee_id for p in workspace.mentors.pairs(active_only=False)}
    for row in workspace.queries.rows():
        if row.person_id in paired or (today - row.move_in).days < 120:
            continue
        mentor = _least_loaded(workspace, row.person_id)
        if mentor is None:
            return
        start = max(
            row.move_in + timedelta(days=4), today - timedelta(days=rules.check_in_days * 20)
        )
        start = _from(workspace, mentor, start)
        pair = workspace.mentors.assign(row.person_id, mentor, start).value
        end = start + timedelta(weeks=10)
        _check_ins(workspace, pair.id, start, end - timedelta(days=2), rng)
        workspace.mentors.end(pair.id, end, EndReason.COMPLETED, "Doing well; mentors others now.")
        return
