"""A resident's recovery plan on paper, their own copy: each goal with who helps and its
target, and its steps with a box to tick; the exit plan last."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from xml.sax.saxutils import escape

from reportlab.lib.units import inch
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from residence.dates import format_date
from residence.recovery.records import Area, Goal, GoalState
from residence.reports.common import PageFrame, grid_style, render, style

WIDTH = 8.5 * inch - 2 * 0.4 * inch
FOOTER = "Your recovery plan: yours to keep. Confidential."


@dataclass(frozen=True)
class PlanDocument:
    house: str
    resident: str
    goals: Sequence[Goal]  # the stay's, open and closed
    as_of: date
    generated: datetime


def plan_pdf(plan: PlanDocument) -> bytes:
    frame = PageFrame(plan.house, "Recovery plan", f"As of {format_date(plan.as_of)}",
                      plan.generated, FOOTER, subject=plan.resident)  # fmt: skip
    story: list[Flowable] = [Spacer(1, 6)]
    if not plan.goals:
        story.append(Paragraph("No goals are set yet.", style(11)))
    ordered = sorted(plan.goals, key=lambda g: (list(Area).index(g.area), g.id))
    for goal in ordered:
        story.append(KeepTogether(_goal(goal)))
    return render(frame, story)


def plan_file_name(as_of: date) -> str:
    return f"recovery-plan-{as_of.isoformat()}.pdf"


def _goal(goal: Goal) -> list[Flowable]:
    state = {
        GoalState.OPEN: "",
        GoalState.MET: f" — met on {format_date(goal.closed_on)}" if goal.closed_on else "",
        GoalState.DROPPED: f" — set aside on {format_date(goal.closed_on)}"
        if goal.closed_on
        else "",
    }[goal.state]
    if goal.closed_on and goal.close_note:
        state += f": {goal.close_note}"
    parts: list[Flowable] = [
        Paragraph(escape(goal.area.label), style(10, bold=True, spaceBefore=10)),
        Paragraph(escape(goal.what) + escape(state), style(12, spaceAfter=2)),
    ]
    facts = []
    if goal.helper:
        facts.append(f"Who helps: {goal.helper}")
    if goal.target:
        facts.append(f"By {format_date(goal.target)}")
    if facts:
        parts.append(Paragraph(escape(" · ".join(facts)), style(10, spaceAfter=4)))
    if goal.steps:
        rows: list[list[object]] = [["Done", "Step", "By"]]
        for step in goal.steps:
            done = f"☒ {format_date(step.done_on)}" if step.done_on else "☐"
            by = format_date(step.due) if step.due else ""
            rows.append([done, Paragraph(escape(step.what), style(10.5)), by])
        table = Table(rows, colWidths=(1.3 * inch, WIDTH - 2.5 * inch, 1.2 * inch))
        table.setStyle(grid_style(10.5, padding=(3, 4)))
        parts.append(table)
    return parts
