"""A date typed as text (15 Mar 1990, YYYY-MM-DD or MM/DD/YYYY), optional unless required.

Typing is faster than a spin box for dates decades back (a date of birth), and an empty
field means "not known", which QDateEdit can't say.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QWidget
from residence.dates import format_date, parse_date


class DateField(QLineEdit):
    problem_changed = Signal(str)  # "" when the text is a valid date or empty

    def __init__(self, parent: QWidget | None = None, *, required: bool = False) -> None:
        super().__init__(parent)
        self._required = required
        self.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.setMaximumWidth(160)
        self.textChanged.connect(self._check)

    def date(self) -> dt.date | None:
        """The date typed, or None when empty; raises ValueError with the reason when wrong."""
        text = self.text().strip()
        if not text:
            if self._required:
                raise ValueError(self.tr("A date is required."))
            return None
        return parse_date(text)

    def set_date(self, value: dt.date | None) -> None:
        self.setText(value.isoformat() if value else "")

    def problem(self) -> str:
        try:
            self.date()
        except ValueError as error:
            return str(error)
        return ""

    def _check(self) -> None:
        text = self.text().strip()
        problem = self.problem()
        # While typing, only complain once the text is as long as a date can be.
        shown = problem if len(text) >= 10 else ""
        self.setToolTip("" if problem or not text else format_date(parse_date(text)))
        self.problem_changed.emit(shown)
