"""The house's criteria for the next phase as the records judge them: a mark, the criterion
and the evidence beneath it, one after another."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from residence.dates import format_date
from residence.house.records import MoveUpRules
from residence.phaseup.records import Assessment, Finding

from ui.widgets.form import error_colour


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
        return f"{heading}<br><span style='color:{_muted()}'>The house sets none.</span>"
    marks = {
        Finding.MET: (f"color:{_good()}", "✓ met"),
        Finding.NOT_MET: (f"color:{error_colour()}", "✗ not met"),
        Finding.NO_RECORD: (f"color:{_muted()}", "? no record"),
    }
    rows = []
    for verdict in assessment.verdicts:
        style, mark = marks[verdict.finding]
        rows.append(
            f"<tr><td style='{style}; font-weight:600; padding-right:10px' nowrap>{mark}</td>"
            f"<td>{escape(verdict.asked)}<br>"
            f"<span style='color:{_muted()}'>{escape(verdict.evidence)}</span></td></tr>"
        )
    closing = (
        "All met."
        if assessment.all_met
        else f"{assessment.unsettled().capitalize()}: the move needs a note saying why."
    )
    return (
        f"{heading}<table cellspacing='0' cellpadding='3'>{''.join(rows)}</table><b>{closing}</b>"
    )


def _dark() -> bool:
    return QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def _good() -> str:
    """A green that reads on the theme's background, light or dark."""
    return "#81c784" if _dark() else "#2e7d32"


def _muted() -> str:
    return QApplication.palette().color(QPalette.ColorRole.PlaceholderText).name()


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
