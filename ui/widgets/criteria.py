"""The house's criteria for the next phase as the records judge them: a mark, the criterion
and the evidence beneath it, one after another."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from residence.dates import format_date
from residence.house.records import MoveUpRules
from residence.phaseup.records import Assessment, Finding

from ui.widgets.form import error_colour

GOOD = "#2e7d32"
MUTED = "#6b6b6b"


class CriteriaPanel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_assessment(self, assessment: Assessment | None) -> None:
        """The criteria for moving up, or nothing when the change isn't a move up."""
        if assessment is None or assessment.next_phase_id is None:
            self.hide()
            return
        self.setText(criteria_html(assessment))
        self.show()


def criteria_html(assessment: Assessment) -> str:
    day = format_date(assessment.candidate.day)
    heading = f"<b>{escape(assessment.next_phase)}</b>: the house's criteria on {day}"
    if not assessment.verdicts:
        return f"{heading}<br><span style='color:{MUTED}'>The house sets none.</span>"
    marks = {
        Finding.MET: (f"color:{GOOD}", "✓ met"),
        Finding.NOT_MET: (f"color:{error_colour()}", "✗ not met"),
        Finding.NO_RECORD: (f"color:{MUTED}", "? no record"),
    }
    rows = []
    for verdict in assessment.verdicts:
        style, mark = marks[verdict.finding]
        rows.append(
            f"<tr><td style='{style}; font-weight:600; padding-right:10px' nowrap>{mark}</td>"
            f"<td>{escape(verdict.asked)}<br>"
            f"<span style='color:{MUTED}'>{escape(verdict.evidence)}</span></td></tr>"
        )
    met = sum(1 for v in assessment.verdicts if v.finding is Finding.MET)
    closing = (
        "All met."
        if assessment.all_met
        else f"{met} of {len(assessment.verdicts)} met: the move needs a note saying why."
    )
    return (
        f"{heading}<table cellspacing='0' cellpadding='3'>{''.join(rows)}</table><b>{closing}</b>"
    )


def rules_summary(rules: MoveUpRules) -> str:
    """The criteria for a phase in a few words each, one a line, for a table cell."""
    parts = []
    if rules.days_in_phase is not None:
        parts.append(f"{rules.days_in_phase} days in the phase before")
    if rules.quota_weeks is not None:
        parts.append(f"outside-meeting quota {rules.quota_weeks} weeks")
    if rules.house_meeting_percent is not None:
        parts.append(f"{rules.house_meeting_percent}% of house meetings")
    if rules.missed_chores_at_most == 0:
        parts.append("no missed chore")
    elif rules.missed_chores_at_most is not None:
        parts.append(f"≤ {rules.missed_chores_at_most} missed chores")
    return "\n".join(parts) or "—"
