"""The demo house's recovery plans and recovery capital: plans at different stages, and
BARC-10s at each checkpoint of every stay, rising for most residents, falling for the one
whose stay ended in a return to use; the newest arrivals' and one other's next sheet still
due, so Home has something to say."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from residence.clock import FixedClock
from residence.recovery.records import (
    HIGHEST,
    LOWEST,
    STATEMENTS,
    Area,
    ContactDraft,
    GoalState,
    Tie,
)
from residence.recovery.rules import checkpoints
from residence.residents.reasons import DischargeReason
from residence.residents.records import Status
from residence.workspace import Workspace


def build_demo_recovery(workspace: Workspace, clock: FixedClock, today: date) -> None:
    """``clock`` is the demo's: the house's own question is added on the day its first stay
    began (so it is on every sheet since), and the clock is then back where it was."""
    rng = random.Random(47)
    left_out = 0
    built = clock.now()
    files = workspace.queries.details(Status.ALL)
    first = min((stay.move_in for file in files for stay in file.stays), default=today)
    clock.move_to(datetime.combine(first, time(9)))
    place = workspace.recovery.add_question("I know where I will live after the house.").value
    clock.move_to(built)
    for file in files:
        for stay in file.stays:
            last = min(stay.move_out or today, today)
            reached = checkpoints(stay.move_in, last)
            relapsed = stay.discharge_reason is DischargeReason.RETURNED_TO_USE
            if stay.move_out is None and len(reached) > 1 and left_out < 2:
                reached, left_out = reached[:-1], left_out + 1  # the latest one is due now
            total = rng.randint(22, 32)
            for number, checkpoint in enumerate(reached):
                if number:
                    step = -rng.randint(3, 7) if relapsed else rng.randint(2, 7)
                    total = max(14, min(58, total + step))
                scores = spread_scores(total, rng)
                answers = {place.id: min(6, 1 + number + rng.randint(0, 1))}
                workspace.recovery.record(file.person_id, checkpoint.on, scores,
                                          on_paper=rng.random() < 0.3, answers=answers)  # fmt: skip


def spread_scores(total: int, rng: random.Random) -> tuple[int, ...]:
    """Ten scores of 1–6 adding up to ``total``, unevenly, as people answer."""
    scores = [LOWEST] * len(STATEMENTS)
    while sum(scores) < total:
        item = rng.randrange(len(scores))
        if scores[item] < HIGHEST:
            scores[item] += 1
    return tuple(scores)


GOALS = (
    (Area.RECOVERY, "Go to 90 meetings in 90 days", "Sponsor",
     ("Find a home group", "Get a sponsor", "Share at a meeting")),
    (Area.WORK, "Find steady work", "Case manager",
     ("Update the résumé", "Apply to three jobs a week", "Practise an interview")),
    (Area.MONEY, "Pay off the old phone bill", "", ("Call the company about a plan",)),
    (Area.HOUSING, "Move into my own place", "Case manager",
     ("Save the first month's rent", "Put my name on the housing list")),
)  # fmt: skip


def build_demo_plans(workspace: Workspace, clock: FixedClock) -> None:
    """Plans for the residents living here, set a few days after each moved in: a newcomer's
    two first goals, and further in steps done and the first goal met. ``clock`` is the demo's,
    moved to each day a thing is done and back again at the end."""
    built = clock.now()
    for row in workspace.queries.rows():
        _plan_for(workspace, clock, row.person_id, row.move_in, built.date())
    clock.move_to(built)


def _plan_for(
    workspace: Workspace, clock: FixedClock, person: int, move_in: date, today: date
) -> None:
    def on(day: date) -> date:
        clock.move_to(datetime.combine(day, time(17, 30)))
        return day

    plans = workspace.plans
    set_on = on(min(move_in + timedelta(days=3), today))
    for number, (area, what, helper, steps) in enumerate(GOALS):
        if (today - move_in).days < 20 and number > 1:
            break  # a newcomer starts with two goals
        target = set_on + timedelta(days=60 + 30 * number)
        goal = plans.add_goal(person, area, what, helper, target).value
        made = [plans.add_step(goal.id, step, set_on + timedelta(days=14 * (i + 1))).value
                for i, step in enumerate(steps)]  # fmt: skip
        for step in made:
            assert step.due is not None
            if step.due - timedelta(days=2) <= today:
                plans.step_done(step.id, on(step.due - timedelta(days=2)))
                on(set_on)
        met = set_on + timedelta(days=95)
        if area is Area.RECOVERY and met <= today:
            plans.close_goal(goal.id, GoalState.MET, on(met))
            on(set_on)
        dropped = set_on + timedelta(days=40)
        if area is Area.MONEY and dropped + timedelta(days=60) <= today:
            why = "The company wrote the old bill off: nothing left to pay."
            plans.close_goal(goal.id, GoalState.DROPPED, on(dropped), why)
            on(set_on)


# Made-up people and numbers (555-01xx is set aside for fiction).
FAMILY = (
    ("Rosa", "mother"),
    ("Alan", "father"),
    ("Maya", "sister"),
    ("Dev", "brother"),
    ("Grace", "aunt"),
    ("Omar", "uncle"),
    ("Ines", "grandmother"),
    ("Luis", "cousin"),
)
GIVEN = ("Rosa", "Alan", "Maya", "Dev", "Grace", "Omar", "Ines", "Pavel", "Nia", "Luis", "Ada")
SURNAMES = ("Ibarra", "Kowal", "Sato", "Mendes", "Quinn", "Haddad", "Lund", "Okoro", "Vance")


def build_demo_network(workspace: Workspace, today: date) -> None:
    """Everyone living in the house has a network of two to four: family, a sober friend, for
    some a counsellor. Priya's mother is covered by a consent, so the house may call her."""
    rng = random.Random(12)
    for row in workspace.queries.rows():
        person = row.person_id
        given, relation = rng.choice(FAMILY)
        contacts = [ContactDraft(f"{given} {row.last_name}", Tie.FAMILY, relation, _phone(rng))]
        contacts.append(ContactDraft(_someone(rng), Tie.FRIEND, "from the home group",
                                     _phone(rng)))  # fmt: skip
        if rng.random() < 0.5:
            contacts.append(ContactDraft(_someone(rng), Tie.COUNSELLOR, "outpatient", _phone(rng)))
        if row.first_name == "Priya":
            [consent] = [c for c in workspace.consents.rows(person)
                         if c.info.recipient_name == "Lakshmi Raman"]  # fmt: skip
            contacts[0] = ContactDraft("Lakshmi Raman", Tie.FAMILY, "mother", "555-0142",
                                       consent.info.id)  # fmt: skip
        for contact in contacts:
            workspace.network.add(person, contact)


def _someone(rng: random.Random) -> str:
    return f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}"


def _phone(rng: random.Random) -> str:
    return f"555-01{rng.randint(10, 99)}"
