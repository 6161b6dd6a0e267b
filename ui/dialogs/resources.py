"""The house's resources: the list to keep up (add, correct, take off and put back) and to
print for the bulletin board and a newcomer's packet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from residence.changes import Done
from residence.resources.records import Kind, ResourceInfo
from residence.workspace import Workspace

from ui.dialogs.base import FormDialog
from ui.events import AppEvents
from ui.widgets.actions import add_button, run_action
from ui.widgets.sizing import open_at

ROLE = Qt.ItemDataRole.UserRole


class ResourceEditor(FormDialog):
    def __init__(
        self,
        services: Workspace,
        events: AppEvents,
        resource: ResourceInfo | None,
        parent: QWidget | None = None,
    ) -> None:
        title = self.tr("Add a resource") if resource is None else self.tr("Edit the resource")
        super().__init__(title, events, parent)
        self.services, self.resource = services, resource
        start = resource or ResourceInfo(None, Kind.MEETING, "")
        self.kind = QComboBox()
        for kind in Kind:
            self.kind.addItem(self.tr(kind.label), kind)
        self.kind.setCurrentIndex(self.kind.findData(start.kind))
        self.name = QLineEdit(start.name)
        self.fellowship = QLineEdit(start.fellowship)
        self.fellowship.setPlaceholderText(self.tr("for a meeting: AA, NA, SMART Recovery…"))
        self.details = QPlainTextEdit(start.details)
        self.details.setPlaceholderText(self.tr("When and where, what to bring, what it costs"))
        self.details.setTabChangesFocus(True)
        self.details.setFixedHeight(80)
        self.phone = QLineEdit(start.phone)
        self.add_field(self.tr("Kind"), "kind", self.kind)
        self.add_field(self.tr("Name*"), "name", self.name)
        self.add_field(self.tr("Fellowship"), "fellowship", self.fellowship)
        self.add_field(self.tr("When, where, what to know"), "details", self.details)
        self.add_field(self.tr("Phone"), "phone", self.phone)
        self.setMinimumWidth(520)

    def submit(self) -> Done[ResourceInfo]:
        resource = ResourceInfo(
            self.resource.id if self.resource else None,
            Kind(self.kind.currentData()),
            self.name.text(),
            self.details.toPlainText(),
            self.phone.text(),
            self.fellowship.text(),
            self.resource.retired if self.resource else False,
            self.resource.version if self.resource else None,
        )
        return self.services.resources.save(resource)


class ResourcesDialog(QDialog):
    def __init__(
        self, services: Workspace, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Resources the house connects people to"))
        self.services, self.events = services, events
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(
            [self.tr("Name"), self.tr("Fellowship"), self.tr("When, where"), self.tr("Phone")]
        )
        self.tree.setColumnWidth(0, 240)
        self.tree.setColumnWidth(2, 300)
        self.tree.currentItemChanged.connect(lambda *_: self._enable())
        self.tree.itemDoubleClicked.connect(lambda *_: self._edit())
        self.retired = QCheckBox(self.tr("Show those taken off the list"))
        self.retired.toggled.connect(lambda _on: self.reload())
        buttons = QHBoxLayout()
        add_button(buttons, self.tr("Add…"), self._add)
        self.edit_button = add_button(buttons, self.tr("Edit…"), self._edit)
        self.retire_button = add_button(buttons, self.tr("Take off the list"), self._retire)
        buttons.addStretch(1)
        add_button(buttons, self.tr("Print…"), self.print_list)
        add_button(buttons, self.tr("Close"), self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.retired)
        layout.addLayout(buttons)
        self.resources: list[ResourceInfo] = []
        self.reload()
        open_at(self, 860, 520)

    def reload(self) -> None:
        self.resources = self.services.resources.resources(include_retired=self.retired.isChecked())
        self.tree.clear()
        groups: dict[Kind, QTreeWidgetItem] = {}
        for resource in self.resources:
            if resource.kind not in groups:
                groups[resource.kind] = QTreeWidgetItem([self.tr(resource.kind.label)])
                self.tree.addTopLevelItem(groups[resource.kind])
            name = resource.name + (self.tr(" (off the list)") if resource.retired else "")
            first_line = resource.details.splitlines()[0] if resource.details else ""
            item = QTreeWidgetItem([name, resource.fellowship, first_line, resource.phone])
            item.setToolTip(2, resource.details)
            item.setData(0, ROLE, resource.id)
            groups[resource.kind].addChild(item)
        self.tree.expandAll()
        self._enable()

    def _chosen(self) -> ResourceInfo | None:
        item = self.tree.currentItem()
        number = item.data(0, ROLE) if item is not None else None
        return next((r for r in self.resources if r.id == number), None)

    def _enable(self) -> None:
        chosen = self._chosen()
        self.edit_button.setEnabled(chosen is not None)
        self.retire_button.setEnabled(chosen is not None)
        back = chosen is not None and chosen.retired
        self.retire_button.setText(
            self.tr("Put back on the list") if back else self.tr("Take off the list")
        )

    def _add(self) -> None:
        if ResourceEditor(self.services, self.events, None, self).exec():
            self.reload()

    def _edit(self) -> None:
        chosen = self._chosen()
        if chosen is not None and ResourceEditor(self.services, self.events, chosen, self).exec():
            self.reload()

    def _retire(self) -> None:
        chosen = self._chosen()
        if chosen is not None and chosen.id is not None:
            number, back = chosen.id, not chosen.retired
            if run_action(
                self, self.events, lambda: self.services.resources.set_retired(number, back)
            ):
                self.reload()

    def print_list(self) -> None:
        from residence.resources.records import ResourceList
        from residence.resources.report import resources_file_name, resources_pdf

        from ui.pdf_view import PdfPreview

        settings = self.services.house.settings()
        on_list = tuple(self.services.resources.resources())
        document = ResourceList(settings.name if settings else "",
                                settings.phone if settings else "", on_list,
                                self.services.clock.now())  # fmt: skip
        name = resources_file_name(self.services.clock.today().isoformat())
        PdfPreview(resources_pdf(document), self.tr("Resources"), name, self).exec()
