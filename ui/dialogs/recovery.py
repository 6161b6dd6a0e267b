"""Recording a BARC-10: the ten statements with the resident's scores, on screen with them or
typed in from the printed sheet."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QGridLayout,
    QInputDialog,
    QLabel,
    QScrollArea,
    QWidget,
)
from residence.changes import Done
from residence.dates import format_date
from residence.errors import ValidationError
from residence.recovery.records import MOST, REMISSION_LINE, SCALE, STATEMENTS, Assessment
from residence.workspace import Workspace

from ui.dialogs.base import FormDialog, date_problem
from ui.dialogs.text_form import TextForm
from ui.events import AppEvents
from ui.widgets.date_field import DateField
from ui.widgets.sizing import open_at


class BarcDialog(FormDialog):
    """A resident's BARC-10 of a day: a score from 1 to 6 for each statement (typing the
    digit in a box chooses it, for typing in a sheet quickly)."""

    def __init__(
        self,
        services: Workspace,
        events: AppEvents,
        person_id: int,
        name: str,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("BARC-10 for {name}").format(name=name), events, parent)
        self.services, self.person_id = services, person_id
        self.taken_on = DateField(required=True)
        self.taken_on.set_date(today)
        self.add_field(self.tr("Taken on*"), "taken_on", self.taken_on)
        self.on_paper = QCheckBox(self.tr("Taken on the printed sheet, typed in now"))
        self.add_field("", "on_paper", self.on_paper)
        self.scores = [self._score_box() for _ in STATEMENTS]
        # The house's own questions: after the ten, optional, never in the total; those on
        # the sheets of the day typed (a paper sheet may be typed in after one was retired).
        self.questions = services.recovery.questions(retired=True)
        self.answers = [self._score_box(self.tr("— skip —")) for _ in self.questions]
        self._question_rows: list[tuple[QWidget, ...]] = []
        self.add_field(self.tr("Statements*"), "scores", self._statements())
        self.taken_on.textChanged.connect(lambda _text: self._show_questions())
        self._show_questions()
        self.total = QLabel()
        self.form.addRow(self.tr("Total"), self.total)
        self._show_total()
        printing = self.buttons.addButton(
            self.tr("Print a sheet…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        printing.clicked.connect(self.print_sheet)
        withdrawing = self.buttons.addButton(
            self.tr("Withdraw a sheet…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        withdrawing.clicked.connect(self.withdraw_sheet)
        withdrawing.setEnabled(any(s.counts for s in services.recovery.history(person_id)))
        self.withdrawing = withdrawing
        self.name = name
        open_at(self, 720, 640)

    def withdraw_sheet(self) -> None:
        """One typed in wrong, or for the wrong resident: it counts no more, and stays on file
        with the reason."""
        counted = [s for s in self.services.recovery.history(self.person_id) if s.counts]
        if not counted:
            return
        labels = [f"{format_date(s.taken_on)} · {s.total} of {MOST}" for s in reversed(counted)]
        label, chosen = QInputDialog.getItem(
            self, self.tr("Withdraw a BARC-10"), self.tr("Which sheet?"), labels, 0, False
        )
        if not chosen:
            return
        sheet = list(reversed(counted))[labels.index(label)]
        form = TextForm(
            self.tr("Withdraw the BARC-10 of {day}").format(day=format_date(sheet.taken_on)),
            self.events,
            [(self.tr("Why*"), "why", "")],
            lambda typed: self.services.recovery.withdraw(sheet.id, typed["why"]),
            self,
        )
        form.exec()
        self.withdrawing.setEnabled(
            any(s.counts for s in self.services.recovery.history(self.person_id))
        )

    def print_sheet(self) -> None:
        """The sheet with their name, to fill in by hand and type in here later."""
        from residence.recovery.sheet_report import BarcSheet, barc_sheet_pdf

        from ui.pdf_view import PdfPreview

        settings = self.services.house.settings()
        house = settings.name if settings else ""
        questions = tuple(q.text for q in self.questions if q.retired_on is None)
        pdf = barc_sheet_pdf(BarcSheet(house, self.name, self.services.clock.now(), questions))
        # The file's name says what it is, never whom: it may be left in a downloads folder.
        PdfPreview(pdf, self.tr("BARC-10 sheet"), "barc-10-sheet.pdf", self).exec()

    def _score_box(self, empty: str = "") -> QComboBox:
        box = QComboBox()
        box.addItem(empty or self.tr("— choose —"), None)
        for score, words in enumerate(SCALE, start=1):
            box.addItem(f"{score}  {self.tr(words)}", score)
        box.currentIndexChanged.connect(self._show_total)
        return box

    def _statements(self) -> QScrollArea:
        inside = QWidget()
        grid = QGridLayout(inside)
        grid.setColumnStretch(1, 1)
        for row, (statement, box) in enumerate(zip(STATEMENTS, self.scores, strict=True)):
            number = QLabel(f"{row + 1}.")
            number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            words = QLabel(self.tr(statement))
            words.setWordWrap(True)
            words.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            grid.addWidget(number, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(words, row, 1, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(box, row, 2, Qt.AlignmentFlag.AlignTop)
        self._questions_heading = QLabel(
            self.tr("<b>The house's own questions</b> (not in the BARC-10 total)")
        )
        grid.addWidget(self._questions_heading, len(STATEMENTS), 0, 1, 3)
        for n, (question, box) in enumerate(zip(self.questions, self.answers, strict=True)):
            row = len(STATEMENTS) + 1 + n
            words = QLabel(question.text)
            words.setTextFormat(Qt.TextFormat.PlainText)  # the house's words, never markup
            words.setWordWrap(True)
            dot = QLabel("·")
            grid.addWidget(dot, row, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            grid.addWidget(words, row, 1, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(box, row, 2, Qt.AlignmentFlag.AlignTop)
            self._question_rows.append((dot, words, box))
        scroll = QScrollArea()
        scroll.setWidget(inside)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setMinimumHeight(220)
        return scroll

    def _asked(self) -> list[bool]:
        """For each of the house's questions, whether it was on the sheets of the day typed."""
        try:
            day = self.taken_on.date() or self.services.clock.today()
        except ValueError:
            day = self.services.clock.today()
        return [question.asked_on(day) for question in self.questions]

    def _show_questions(self) -> None:
        asked = self._asked()
        for shown, row in zip(asked, self._question_rows, strict=True):
            for widget in row:
                widget.setVisible(shown)
        self._questions_heading.setVisible(any(asked))

    def chosen(self) -> list[int | None]:
        return [box.currentData() for box in self.scores]

    def _show_total(self) -> None:
        chosen = [s for s in self.chosen() if s is not None]
        if len(chosen) < len(STATEMENTS):
            missing = len(STATEMENTS) - len(chosen)
            self.total.setText(self.tr("{n} statements still to score").format(n=missing))
            return
        total = sum(chosen)
        line = self.tr(" (at or above {line})").format(line=REMISSION_LINE)
        shown = f"{total} of {MOST}" + (line if total >= REMISSION_LINE else "")
        self.total.setText(shown)

    def submit(self) -> Done[Assessment]:
        if problem := date_problem("taken_on", self.tr("Taken on"), self.taken_on):
            raise ValidationError(problem)
        chosen = self.chosen()
        unscored = [str(n) for n, score in enumerate(chosen, start=1) if score is None]
        if unscored:
            raise ValidationError.single(
                "scores", self.tr("Choose a score for statement {n}.").format(n=", ".join(unscored))
            )
        day = self.taken_on.date()
        assert day is not None
        scores = [int(s) for s in chosen if s is not None]
        asked = self._asked()
        answers = {
            question.id: int(box.currentData())
            for question, box, shown in zip(self.questions, self.answers, asked, strict=True)
            if shown and box.currentData() is not None
        }
        return self.services.recovery.record(
            self.person_id, day, scores, on_paper=self.on_paper.isChecked(), answers=answers
        )
