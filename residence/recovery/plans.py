"""Recovery plans: a stay's goals, in the areas that matter (the exit plan among them), each
with who helps, a target date and small steps; a goal is met or set aside, never deleted."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from residence.changes import Done
from residence.clock import Clock
from residence.dates import format_date
from residence.db import orm
from residence.db.database import Database
from residence.db.lookup import get_row
from residence.errors import Conflict, ValidationError
from residence.recovery.records import Area, Goal, GoalState, Step
from residence.recovery.service import RECOVERY_CHANGED
from residence.text_rules import clean, text_problem


class PlanBook:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._db = database
        self._today = clock.today

    def add_goal(
        self, person_id: int, area: Area, what: str, helper: str = "", target: date | None = None
    ) -> Done[Goal]:
        """A goal of the plan of the stay the resident lives in now."""
        what, helper = _text(what, "what", "the goal"), clean(helper)
        if problem := text_problem(helper, max_length=200):
            raise ValidationError.single("helper", f"Who helps: this {problem}.")
        today = self._today()
        if target is not None and target < today:
            raise ValidationError.single("target", f"{format_date(target)} has passed.")
        with self._db.write() as session:
            stay = _living_here(session, person_id, today)
            row = orm.PlanGoal(stay_id=stay, area=area.value, what=what, helper=helper,
                               target=target, set_on=today)  # fmt: skip
            session.add(row)
            session.flush()
            return Done(_goal(row, []), RECOVERY_CHANGED)

    def add_step(self, goal_id: int, what: str, due: date | None = None) -> Done[Step]:
        what = _text(what, "what", "the step")
        with self._db.write() as session:
            goal = _open_goal(session, goal_id)
            row = orm.PlanStep(goal_id=goal.id, what=what, due=due)
            session.add(row)
            session.flush()
            return Done(_step(row), RECOVERY_CHANGED)

    def step_done(self, step_id: int, on: date) -> Done[None]:
        if on > self._today():
            raise ValidationError.single("on", f"{format_date(on)} is in the future.")
        with self._db.write() as session:
            step = get_row(session, orm.PlanStep, step_id, "step")
            goal = _open_goal(session, step.goal_id)
            if on < goal.set_on:
                raise ValidationError.single(
                    "on", f"The goal was set on {format_date(goal.set_on)}: done that day or later."
                )
            if step.done_on is not None:
                raise Conflict(f"That step was done on {format_date(step.done_on)} already.")
            step.done_on = on
        return Done(None, RECOVERY_CHANGED)

    def close_goal(self, goal_id: int, state: GoalState, on: date, note: str = "") -> Done[None]:
        """The goal was met, or set aside (``DROPPED``, saying why in ``note``), on ``on``."""
        if state is GoalState.OPEN:
            raise ValidationError.single("state", "Say whether the goal was met or set aside.")
        note = clean(note)
        if state is GoalState.DROPPED and not note:
            raise ValidationError.single("note", "Say why the goal is set aside.")
        if problem := text_problem(note, max_length=400):
            raise ValidationError.single("note", f"This {problem}.")
        if on > self._today():
            raise ValidationError.single("on", f"{format_date(on)} is in the future.")
        with self._db.write() as session:
            goal = _open_goal(session, goal_id)
            if on < goal.set_on:
                raise ValidationError.single(
                    "on", f"The goal was set on {format_date(goal.set_on)}."
                )
            goal.state, goal.closed_on, goal.close_note = state.value, on, note
        return Done(None, RECOVERY_CHANGED)

    def plan(self, person_id: int) -> list[Goal]:
        """The resident's goals, every stay's, oldest stay and goal first, with their steps."""
        with self._db.read() as session:
            goals = list(
                session.scalars(
                    select(orm.PlanGoal)
                    .join(orm.Stay, orm.Stay.id == orm.PlanGoal.stay_id)
                    .where(orm.Stay.person_id == person_id)
                    .order_by(orm.Stay.move_in, orm.PlanGoal.id)
                )
            )
            steps: dict[int, list[orm.PlanStep]] = {}
            if goals:
                query = select(orm.PlanStep).where(orm.PlanStep.goal_id.in_([g.id for g in goals]))
                for step in session.scalars(query.order_by(orm.PlanStep.id)):
                    steps.setdefault(step.goal_id, []).append(step)
            return [_goal(goal, steps.get(goal.id, [])) for goal in goals]


def _text(value: str, field: str, called: str) -> str:
    text = clean(value)
    if not text:
        raise ValidationError.single(field, f"Say what {called} is.")
    if problem := text_problem(text, max_length=400):
        raise ValidationError.single(field, f"This {problem}.")
    return text


def _living_here(session: Session, person_id: int, today: date) -> int:
    person = get_row(session, orm.Person, person_id, "resident")
    stay = session.scalar(
        select(orm.Stay.id).where(orm.Stay.person_id == person.id, orm.Stay.move_out.is_(None))
    )
    if stay is None:
        raise Conflict("A recovery plan is for someone living in the house.")
    return int(stay)


def _open_goal(session: Session, goal_id: int) -> orm.PlanGoal:
    goal = get_row(session, orm.PlanGoal, goal_id, "goal")
    if goal.state != GoalState.OPEN.value:
        raise Conflict("That goal is closed: set a new one instead.")
    return goal


def _step(row: orm.PlanStep) -> Step:
    return Step(row.id, row.what, row.due, row.done_on)


def _goal(row: orm.PlanGoal, steps: list[orm.PlanStep]) -> Goal:
    return Goal(
        id=row.id,
        stay_id=row.stay_id,
        area=Area(row.area),
        what=row.what,
        helper=row.helper,
        target=row.target,
        state=GoalState(row.state),
        closed_on=row.closed_on,
        steps=tuple(_step(s) for s in steps),
        close_note=row.close_note,
    )
