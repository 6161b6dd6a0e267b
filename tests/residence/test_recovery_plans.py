"""Recovery plans: goals in a stay, their steps, met or set aside but never deleted; the
resident's own printed copy."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy.exc import IntegrityError

from residence.db import orm
from residence.errors import Conflict, ValidationError
from residence.recovery.plans import PlanBook
from residence.recovery.records import Area, GoalState
from residence.residents.reasons import DischargeReason
from residence.residents.records import Admission, Discharge, PersonDetails
from residence.safety.audit import AuditTrail
from tests.conftest import TODAY, House, cli
from tests.residence.pdf_layout import layout_problems


@pytest.fixture
def plans(house: House) -> PlanBook:
    return PlanBook(house.db, house.clock)


def _admit(house: House) -> int:
    details = PersonDetails("Ana", "Quill")
    return house.residents.admit(Admission(details, TODAY - timedelta(days=20))).value


def test_a_goal_with_steps_is_kept_through_the_stay(house: House, plans: PlanBook) -> None:
    ana = _admit(house)
    later = TODAY + timedelta(days=60)
    goal = plans.add_goal(ana, Area.HOUSING, "Move into my own place", "Case manager", later)
    first = plans.add_step(goal.value.id, "Save the first month's rent", TODAY + timedelta(14))
    plans.add_step(goal.value.id, "Put my name on the housing list")
    plans.step_done(first.value.id, TODAY)
    [kept] = plans.plan(ana)
    assert (kept.area, kept.what, kept.helper, kept.target) == (
        Area.HOUSING, "Move into my own place", "Case manager", later,
    )  # fmt: skip
    assert [(s.what, s.done_on) for s in kept.steps] == [
        ("Save the first month's rent", TODAY),
        ("Put my name on the housing list", None),
    ]
    plans.close_goal(kept.id, GoalState.MET, TODAY)
    [met] = plans.plan(ana)
    assert (met.state, met.closed_on) == (GoalState.MET, TODAY)
    with pytest.raises(Conflict, match="closed"):
        plans.add_step(met.id, "One more")
    assert AuditTrail(house.db).differences() == []


def test_what_a_plan_refuses(house: House, plans: PlanBook) -> None:
    ana = _admit(house)
    with pytest.raises(ValidationError, match="Say what the goal is"):
        plans.add_goal(ana, Area.WORK, "   ")
    with pytest.raises(ValidationError, match="has passed"):
        plans.add_goal(ana, Area.WORK, "Find work", target=TODAY - timedelta(days=1))
    goal = plans.add_goal(ana, Area.WORK, "Find work").value
    step = plans.add_step(goal.id, "Update the résumé").value
    with pytest.raises(ValidationError, match="in the future"):
        plans.step_done(step.id, TODAY + timedelta(days=1))
    with pytest.raises(ValidationError, match="set on"):
        plans.step_done(step.id, TODAY - timedelta(days=1))
    with pytest.raises(ValidationError, match="met or set aside"):
        plans.close_goal(goal.id, GoalState.OPEN, TODAY)
    stay = house.queries.detail(ana).stays[-1].id
    house.residents.discharge(stay, Discharge(TODAY, DischargeReason.COMPLETED))
    with pytest.raises(Conflict, match="living in the house"):
        plans.add_goal(ana, Area.WORK, "Find more work")


def test_the_schema_keeps_a_closed_goal_dated(house: House) -> None:
    ana = _admit(house)
    stay = house.queries.detail(ana).stays[-1].id
    with pytest.raises(IntegrityError), house.db.write() as session:
        session.add(orm.PlanGoal(stay_id=stay, area="work", what="Find work", state="met",
                                 closed_on=None, set_on=TODAY))  # fmt: skip
        session.flush()


def test_the_printed_plan_is_the_residents_own_copy(
    house: House, plans: PlanBook, db_arg: str, tmp_path: Path
) -> None:
    ana = _admit(house)
    for area, what in ((Area.HOUSING, "Move into my own place"), (Area.RECOVERY, "90 in 90")):
        goal = plans.add_goal(ana, area, what, "Sponsor").value
        plans.add_step(goal.id, "Find a home group", date(2026, 7, 1))
    out = tmp_path / "plan.pdf"
    assert cli(["report", "plan", "--resident", str(ana), "--db", db_arg, "-o", str(out)]) == 0
    pdf = out.read_bytes()
    assert layout_problems(pdf) == []
    text = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert "Ana Quill" in text and "yours to keep" in text
    # The exit plan comes last, whatever order the goals were set in.
    assert text.index("90 in 90") < text.index("Housing after the house (exit plan)")
    assert "Who helps: Sponsor" in text and "1 Jul 2026" in text


def test_a_progress_report_shows_the_plan_as_it_stood_on_its_last_day(
    house: House, plans: PlanBook
) -> None:
    """A goal met after the period was open in it; a step done or added after it isn't done
    or there; nothing of the plan under a consent that doesn't cover it."""
    from residence.consents.records import Category, ConsentInfo
    from residence.workspace import workspace_for

    ws = workspace_for(house.db)
    ana = _admit(house)
    goal = plans.add_goal(ana, Area.WORK, "Find steady work", "Case manager").value
    early = plans.add_step(goal.id, "Update the résumé").value
    plans.step_done(early.id, TODAY)
    interview = plans.add_step(goal.id, "Practise an interview").value  # done after the period
    last = TODAY
    house.clock.move_to(house.clock.now() + timedelta(days=10))
    later = TODAY + timedelta(days=10)
    plans.add_step(goal.id, "Apply to three jobs a week")  # added after the period
    plans.step_done(interview.id, later)
    plans.close_goal(goal.id, GoalState.MET, later)

    def consent(*categories: Category) -> int:
        info = ConsentInfo(None, ana, "Rae Casey", "Riverside", "Progress", frozenset(categories),
                           TODAY - timedelta(days=20), TODAY + timedelta(days=90))  # fmt: skip
        return ws.consents.save(info).value.id or 0

    first = TODAY - timedelta(days=20)
    report = ws.disclosures.progress(consent(Category.RECOVERY_PLAN), first, last)
    [line] = report.recovery_plan or ()
    assert (line.area, line.what, line.helper, line.state, line.closed_on) == (
        "Work or school", "Find steady work", "Case manager", "open", None,
    )  # fmt: skip
    assert line.steps == (("Update the résumé", None, TODAY), ("Practise an interview", None, None))
    now = ws.disclosures.progress(consent(Category.RECOVERY_PLAN), first, later)
    [line] = now.recovery_plan or ()
    assert (line.state, line.closed_on) == ("met", later)
    assert [(what, done) for what, _due, done in line.steps] == [
        ("Update the résumé", TODAY),
        ("Practise an interview", later),
        ("Apply to three jobs a week", None),
    ]
    assert ws.disclosures.progress(consent(Category.STAY), first, last).recovery_plan is None


def test_a_goal_set_aside_says_why(house: House, plans: PlanBook) -> None:
    ana = _admit(house)
    goal = plans.add_goal(ana, Area.MONEY, "Pay off the old phone bill").value
    with pytest.raises(ValidationError, match="Say why the goal is set aside"):
        plans.close_goal(goal.id, GoalState.DROPPED, TODAY, "  ")
    plans.close_goal(goal.id, GoalState.DROPPED, TODAY, "The company wrote it off")
    [kept] = plans.plan(ana)
    assert (kept.state, kept.closed_on, kept.close_note) == (
        GoalState.DROPPED, TODAY, "The company wrote it off",
    )  # fmt: skip
