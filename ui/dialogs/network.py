"""A resident's support network: the people they can call, each with whether the house may
contact them about the resident (only under a consent naming them); and the wallet card."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from residence.changes import Done
from residence.recovery.records import ContactDraft, SupportContact, Tie
from residence.workspace import Workspace

from ui.dialogs.base import FormDialog
from ui.dialogs.text_form import TextForm
from ui.events import AppEvents
from ui.widgets.actions import add_button
from ui.widgets.sizing import open_at

ROLE = Qt.ItemDataRole.UserRole


class ContactDialog(FormDialog):
    """Add a contact, or correct one (``contact``)."""

    def __init__(
        self,
        services: Workspace,
        events: AppEvents,
        person_id: int,
        contact: SupportContact | None,
        parent: QWidget | None = None,
    ) -> None:
        title = self.tr("Add to the support network") if contact is None else self.tr("Contact")
        super().__init__(title, events, parent)
        self.services, self.person_id, self.contact = services, person_id, contact
        draft = contact.draft if contact else ContactDraft("", Tie.FAMILY)
        self.name = QLineEdit(draft.name)
        self.tie = QComboBox()
        for tie in Tie:
            self.tie.addItem(self.tr(tie.label), tie)
        self.tie.setCurrentIndex(self.tie.findData(draft.tie))
        self.relation = QLineEdit(draft.relation)
        self.relation.setPlaceholderText(self.tr("mother, cousin, from the home group…"))
        self.phone = QLineEdit(draft.phone)
        self.consent = QComboBox()
        self.consent.addItem(self.tr("None: the house doesn't contact them about the resident"))
        for row in services.consents.rows(person_id):
            label = f"#{row.info.id} to {row.info.recipient} · {row.status_text}"
            self.consent.addItem(label, row.info.id)
        if draft.consent_id is not None:
            self.consent.setCurrentIndex(max(0, self.consent.findData(draft.consent_id)))
        self.add_field(self.tr("Name*"), "name", self.name)
        self.add_field(self.tr("Who they are"), "tie", self.tie)
        self.add_field(self.tr("Relationship"), "relation", self.relation)
        self.add_field(self.tr("Phone"), "phone", self.phone)
        self.add_field(self.tr("House may contact them under"), "consent_id", self.consent)
        rule = QLabel(
            self.tr(
                "Calling someone about a resident tells them the resident lives here: only "
                "under a consent the resident signed naming them, while it is in force."
            )
        )
        rule.setWordWrap(True)
        self.form.addRow(rule)
        self.setMinimumWidth(560)

    def submit(self) -> Done[object]:
        draft = ContactDraft(
            self.name.text(),
            Tie(self.tie.currentData()),
            self.relation.text(),
            self.phone.text(),
            self.consent.currentData(),
        )
        if self.contact is None:
            return self.services.network.add(self.person_id, draft)
        return self.services.network.change(self.contact.id, draft, self.contact.version)


class NetworkDialog(QDialog):
    def __init__(
        self,
        services: Workspace,
        events: AppEvents,
        person_id: int,
        name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Support network: {name}").format(name=name))
        self.services, self.events, self.person_id, self.name = services, events, person_id, name
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(
            [self.tr("Name"), self.tr("Who they are"), self.tr("Phone"), self.tr("House may call")]
        )
        self.tree.setColumnWidth(0, 220)
        self.tree.setColumnWidth(1, 220)
        self.tree.currentItemChanged.connect(lambda *_: self._enable())
        self.tree.itemDoubleClicked.connect(lambda *_: self._edit())
        buttons = QHBoxLayout()
        add_button(buttons, self.tr("Add…"), self._add)
        self.edit_button = add_button(buttons, self.tr("Edit…"), self._edit)
        self.remove_button = add_button(buttons, self.tr("Take off…"), self._remove)
        buttons.addStretch(1)
        add_button(buttons, self.tr("Print a wallet card…"), self.print_card)
        add_button(buttons, self.tr("Close"), self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.contacts: list[SupportContact] = []
        self.reload()
        open_at(self, 820, 400)

    def reload(self) -> None:
        self.contacts = self.services.network.network(self.person_id)
        self.tree.clear()
        for contact in self.contacts:
            may = self.tr("yes") if contact.may_contact else self.tr("no")
            item = QTreeWidgetItem(
                [contact.draft.name, contact.described, contact.draft.phone, may]
            )
            item.setToolTip(3, contact.contact_rule)
            item.setData(0, ROLE, contact.id)
            self.tree.addTopLevelItem(item)
        self._enable()

    def _chosen(self) -> SupportContact | None:
        item = self.tree.currentItem()
        number = item.data(0, ROLE) if item is not None else None
        return next((c for c in self.contacts if c.id == number), None)

    def _enable(self) -> None:
        chosen = self._chosen() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def _add(self) -> None:
        if ContactDialog(self.services, self.events, self.person_id, None, self).exec():
            self.reload()

    def _edit(self) -> None:
        contact = self._chosen()
        if (
            contact is not None
            and ContactDialog(self.services, self.events, self.person_id, contact, self).exec()
        ):
            self.reload()

    def _remove(self) -> None:
        contact = self._chosen()
        if contact is None:
            return
        form = TextForm(
            self.tr("Take {name} off the network").format(name=contact.draft.name),
            self.events,
            [(self.tr("Why*"), "why", "")],
            lambda typed: self.services.network.remove(contact.id, typed["why"]),
            self,
        )
        if form.exec():
            self.reload()

    def print_card(self) -> None:
        from residence.recovery.card_report import WalletCard, wallet_card_pdf

        from ui.pdf_view import PdfPreview

        details = self.services.queries.detail(self.person_id).details
        settings = self.services.house.settings()
        card = WalletCard.of(
            settings.name if settings else "",
            settings.phone if settings else "",
            self.name,
            (details.sponsor_name, details.sponsor_phone),
            self.contacts,
            self.services.clock.now(),
        )
        day = self.services.clock.today().isoformat()
        PdfPreview(
            wallet_card_pdf(card), self.tr("Wallet card"), f"wallet-card-{day}.pdf", self
        ).exec()
