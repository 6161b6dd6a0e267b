"""A resident's recovery plan: its goals and their steps, new ones added, steps done, goals
met or set aside; and their own printed copy."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from residence.changes import Done
from residence.dates import format_date
from residence.errors import ValidationError
from residence.recovery.records import Area, Goal, GoalState, Step
from residence.workspace import Workspace

from ui.dialogs.base import FormDialog, date_problem
from ui.dialogs.text_form import TextForm
from ui.events import AppEvents
from ui.widgets.actions import add_button, run_action
from ui.widgets.date_field import DateField
from ui.widgets.sizing import open_at

ROLE = Qt.ItemDataRole.UserRole


class GoalDialog(FormDialog):
    def __init__(
        self, services: Workspace, events: AppEvents, person_id: int, parent: QWidget | None
    ) -> None:
        super().__init__(self.tr("A goal of the recovery plan"), events, parent)
        self.services, self.person_id = services, person_id
        self.area = QComboBox()
        for area in Area:
            self.area.addItem(self.tr(area.label), area)
        self.what = QLineEdit()
        self.helper = QLineEdit()
        self.helper.setPlaceholderText(self.tr("the mentor, the sponsor, the case manager…"))
        self.target = DateField()
        self.add_field(self.tr("Area"), "area", self.area)
        self.add_field(self.tr("Goal*"), "what", self.what)
        self.add_field(self.tr("Who helps"), "helper", self.helper)
        self.add_field(self.tr("By"), "target", self.target)
        self.setMinimumWidth(480)

    def submit(self) -> Done[Goal]:
        if problem := date_problem("target", self.tr("By"), self.target):
            raise ValidationError(problem)
        return self.services.plans.add_goal(
            self.person_id,
            Area(self.area.currentData()),
            self.what.text(),
            self.helper.text(),
            self.target.date(),
        )


class StepDialog(FormDialog):
    def __init__(
        self, services: Workspace, events: AppEvents, goal: Goal, parent: QWidget | None
    ) -> None:
        super().__init__(self.tr("A step towards: {goal}").format(goal=goal.what), events, parent)
        self.services, self.goal_id = services, goal.id
        self.what = QLineEdit()
        self.due = DateField()
        self.add_field(self.tr("Step*"), "what", self.what)
        self.add_field(self.tr("By"), "due", self.due)
        self.setMinimumWidth(440)

    def submit(self) -> Done[Step]:
        if problem := date_problem("due", self.tr("By"), self.due):
            raise ValidationError(problem)
        return self.services.plans.add_step(self.goal_id, self.what.text(), self.due.date())


class PlanDialog(QDialog):
    """The plan of the stay the resident lives in now."""

    def __init__(
        self,
        services: Workspace,
        events: AppEvents,
        person_id: int,
        name: str,
        stay_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Recovery plan: {name}").format(name=name))
        self.services, self.events = services, events
        self.person_id, self.name, self.stay_id = person_id, name, stay_id
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Goal or step"), self.tr("By"), self.tr("Done")])
        self.tree.setColumnWidth(0, 380)
        self.tree.currentItemChanged.connect(lambda *_: self._enable())
        buttons = QHBoxLayout()
        self.add_goal = add_button(buttons, self.tr("Add goal…"), self._new_goal)
        self.add_step = add_button(buttons, self.tr("Add step…"), self._new_step)
        self.done_button = add_button(buttons, self.tr("Step done today"), self._step_done)
        self.met = add_button(
            buttons, self.tr("Goal met today"), lambda: self._close(GoalState.MET)
        )
        self.drop = add_button(
            buttons, self.tr("Set aside…"), lambda: self._close(GoalState.DROPPED)
        )
        buttons.addStretch(1)
        add_button(buttons, self.tr("Print…"), self.print_plan)
        add_button(buttons, self.tr("Close"), self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.goals: list[Goal] = []
        self.reload()
        open_at(self, 760, 460)

    def reload(self) -> None:
        self.goals = [
            g for g in self.services.plans.plan(self.person_id) if g.stay_id == self.stay_id
        ]
        self.tree.clear()
        for goal in self.goals:
            state = {GoalState.MET: self.tr("met"), GoalState.DROPPED: self.tr("set aside")}
            closed = f"{state[goal.state]} {format_date(goal.closed_on)}" if goal.closed_on else ""
            item = QTreeWidgetItem([f"{goal.area.label}: {goal.what}", _day(goal.target), closed])
            item.setData(0, ROLE, ("goal", goal.id))
            item.setToolTip(
                0, f"{goal.what}" + (f" — who helps: {goal.helper}" if goal.helper else "")
            )
            for step in goal.steps:
                child = QTreeWidgetItem([step.what, _day(step.due), _day(step.done_on)])
                child.setData(0, ROLE, ("step", step.id))
                item.addChild(child)
            self.tree.addTopLevelItem(item)
            item.setExpanded(True)
        self._enable()

    def _chosen(self) -> tuple[Goal | None, int | None]:
        """The goal chosen (or the step's goal), and the step if a step is chosen."""
        item = self.tree.currentItem()
        if item is None:
            return None, None
        kind, number = item.data(0, ROLE)
        step, parent = None, item.parent()
        if kind == "step" and parent is not None:
            number, step = parent.data(0, ROLE)[1], number
        goal = next((g for g in self.goals if g.id == number), None)
        return goal, step

    def _enable(self) -> None:
        goal, step = self._chosen()
        open_goal = goal is not None and goal.state is GoalState.OPEN
        undone = (
            step is not None
            and goal is not None
            and any(s.id == step and s.done_on is None for s in goal.steps)
        )
        self.add_step.setEnabled(open_goal)
        self.done_button.setEnabled(open_goal and undone)
        self.met.setEnabled(open_goal)
        self.drop.setEnabled(open_goal)

    def _new_goal(self) -> None:
        if GoalDialog(self.services, self.events, self.person_id, self).exec():
            self.reload()

    def _new_step(self) -> None:
        goal, _ = self._chosen()
        if goal is not None and StepDialog(self.services, self.events, goal, self).exec():
            self.reload()

    def _step_done(self) -> None:
        _, step = self._chosen()
        today = self.services.clock.today()
        if step is not None and run_action(
            self, self.events, lambda: self.services.plans.step_done(step, today)
        ):
            self.reload()

    def _close(self, state: GoalState) -> None:
        """Met (after a yes: it can't be reopened), or set aside with the reason."""
        goal, _ = self._chosen()
        if goal is None:
            return
        today = self.services.clock.today()
        if state is GoalState.DROPPED:
            form = TextForm(
                self.tr("Set aside: {goal}").format(goal=goal.what),
                self.events,
                [(self.tr("Why*"), "note", "")],
                lambda typed: self.services.plans.close_goal(goal.id, state, today, typed["note"]),
                self,
            )
            if form.exec():
                self.reload()
            return
        asked = QMessageBox.question(
            self,
            self.tr("Goal met"),
            self.tr(
                "Mark “{goal}” as met today? A goal met is closed: a new one can follow."
            ).format(goal=goal.what),
        )
        if asked == QMessageBox.StandardButton.Yes and run_action(
            self, self.events, lambda: self.services.plans.close_goal(goal.id, state, today)
        ):
            self.reload()

    def print_plan(self) -> None:
        from residence.recovery.plan_report import PlanDocument, plan_file_name, plan_pdf

        from ui.pdf_view import PdfPreview

        settings = self.services.house.settings()
        now = self.services.clock.now()
        document = PlanDocument(settings.name if settings else "", self.name, self.goals,
                                now.date(), now)  # fmt: skip
        PdfPreview(
            plan_pdf(document), self.tr("Recovery plan"), plan_file_name(now.date()), self
        ).exec()


def _day(day: date | None) -> str:
    return format_date(day) if day is not None else ""
