"""The first start: name the house and, quickly, its rooms and beds."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QSpinBox, QWidget
from residence.changes import Done
from residence.errors import ValidationError
from residence.house.records import HouseSettings
from residence.safety.encryption import MIN_PASSPHRASE
from residence.workspace import Workspace

from ui.dialogs.base import FormDialog
from ui.events import AppEvents


class FirstRunDialog(FormDialog):
    def __init__(
        self, services: Workspace, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Welcome to Residence"), events, parent)
        self.services = services
        intro = QLabel(
            self.tr(
                "<h3>Welcome</h3>Everything stays on this computer. Give the house's name "
                "(it is printed on every page); rooms, beds and phases can be changed later "
                "in Settings."
            )
        )
        intro.setWordWrap(True)
        self.body.insertWidget(0, intro)
        self.name = QLineEdit()
        self.manager = QLineEdit()
        self.rooms = QSpinBox()
        self.rooms.setRange(0, 50)
        self.rooms.setValue(6)
        self.beds = QSpinBox()
        self.beds.setRange(1, 8)
        self.beds.setValue(2)
        self.add_field(self.tr("House name*"), "name", self.name)
        self.add_field(self.tr("Your name (house manager)"), "manager_name", self.manager)
        self.add_field(self.tr("Rooms"), "rooms", self.rooms)
        self.add_field(self.tr("Beds per room"), "beds", self.beds)
        self.passphrase, self.again = QLineEdit(), QLineEdit()
        if not services.on_server:  # a server's records are its administrator's to encrypt
            self._passphrase_fields()
        self.save_button.setText(self.tr("Start"))
        self.setMinimumWidth(480)

    def _passphrase_fields(self) -> None:
        # Recommended: the records are about people in recovery, on a computer that may be lost.
        for field in (self.passphrase, self.again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(
            self.tr("recommended: a few words, 8 characters or more")
        )
        self.add_field(self.tr("Passphrase"), "passphrase", self.passphrase)
        self.add_field(self.tr("Passphrase again"), "again", self.again)
        note = QLabel(
            self.tr(
                "With a passphrase the house file is encrypted: nobody can read it without "
                "it — and nobody can recover it if it is forgotten."
            )
        )
        note.setWordWrap(True)
        self.form.addRow("", note)

    def chosen_passphrase(self) -> str:
        return self.passphrase.text()

    def submit(self) -> Done[HouseSettings]:
        if self.passphrase.text() or self.again.text():
            if len(self.passphrase.text()) < MIN_PASSPHRASE:
                raise ValidationError.single(
                    "passphrase",
                    self.tr("At least {n} characters, or none.").format(n=MIN_PASSPHRASE),
                )
            if self.passphrase.text() != self.again.text():
                raise ValidationError.single("again", self.tr("The two don't match."))
        labels = [chr(ord("A") + i) for i in range(self.beds.value())]
        rooms = [
            (self.tr("Room {n}").format(n=number), labels)
            for number in range(1, self.rooms.value() + 1)
        ]
        settings = HouseSettings(name=self.name.text(), manager_name=self.manager.text())
        return self.services.house.set_up(settings, rooms)
