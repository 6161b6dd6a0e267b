"""What a progress report says of a resident's recovery capital and recovery plan, each under a
consent that covers it: the BARC-10 totals taken in the period (a withdrawn sheet is no
result); the plan's goals and steps as they stood on the period's last day."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from residence.consents.records import Category, PlanLine
from residence.consents.sections import Section, Subject
from residence.db import orm
from residence.recovery.records import Area, GoalState

STATES = {GoalState.OPEN: "open", GoalState.MET: "met", GoalState.DROPPED: "set aside"}


def sections() -> list[Section]:
    return [
        Section.of(_capital, Category.RECOVERY_CAPITAL),
        Section.of(_plan, Category.RECOVERY_PLAN),
    ]


def _capital(session: Session, subject: Subject) -> dict[str, object]:
    if not subject.stays:
        return {"recovery_capital": ()}
    rows = session.scalars(
        select(orm.RecoveryCapital)
        .where(
            orm.RecoveryCapital.stay_id.in_(subject.stays),
            orm.RecoveryCapital.taken_on.between(subject.first, subject.last),
            orm.RecoveryCapital.withdrawn_why == "",
        )
        .order_by(orm.RecoveryCapital.taken_on)
    )
    totals = tuple(
        (row.taken_on, sum(int(getattr(row, name)) for name in orm.SCORES), row.stay_id)
        for row in rows
    )
    return {"recovery_capital": totals}


def _plan(session: Session, subject: Subject) -> dict[str, object]:
    """Goals set by the last day and not closed before the first; a goal closed after the
    period was open in it, and a step done or added after it isn't yet done or there."""
    if not subject.stays:
        return {"recovery_plan": ()}
    goals = list(
        session.scalars(
            select(orm.PlanGoal)
            .where(
                orm.PlanGoal.stay_id.in_(subject.stays),
                orm.PlanGoal.set_on <= subject.last,
                or_(orm.PlanGoal.closed_on.is_(None), orm.PlanGoal.closed_on >= subject.first),
            )
            .order_by(orm.PlanGoal.set_on, orm.PlanGoal.id)
        )
    )
    steps = _steps_by_goal(session, [goal.id for goal in goals], subject.last)
    return {"recovery_plan": tuple(_line(goal, steps.get(goal.id, []), subject.last)
                                   for goal in goals)}  # fmt: skip


def _line(goal: orm.PlanGoal, steps: list[orm.PlanStep], last: date) -> PlanLine:
    closed = goal.closed_on if goal.closed_on is not None and goal.closed_on <= last else None
    state = STATES[GoalState(goal.state)] if closed is not None else STATES[GoalState.OPEN]
    shown = tuple(
        (step.what, step.due, step.done_on if step.done_on and step.done_on <= last else None)
        for step in steps
    )
    note = goal.close_note if closed is not None else ""
    return PlanLine(Area(goal.area).label, goal.what, goal.helper, goal.target, goal.set_on,
                    state, closed, shown, note)  # fmt: skip


def _steps_by_goal(
    session: Session, goal_ids: list[int], last: date
) -> dict[int, list[orm.PlanStep]]:
    """Each goal's steps added by ``last``: a step's day is its first entry in the trail."""
    rows = list(
        session.scalars(
            select(orm.PlanStep).where(orm.PlanStep.goal_id.in_(goal_ids)).order_by(orm.PlanStep.id)
        )
    )
    added = dict(
        session.execute(
            select(orm.AuditEntry.record_id, func.min(orm.AuditEntry.at))
            .where(
                orm.AuditEntry.record == "plan_step",
                orm.AuditEntry.record_id.in_([str(row.id) for row in rows]),
            )
            .group_by(orm.AuditEntry.record_id)
            .execution_options(every_house=True)
        ).all()
    )
    steps: dict[int, list[orm.PlanStep]] = {}
    for row in rows:
        day = added.get(str(row.id))
        if day is None or day.date() <= last:
            steps.setdefault(row.goal_id, []).append(row)
    return steps
