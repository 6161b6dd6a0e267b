"""Asking for a passphrase: to open an encrypted house, to unlock the window, or a new one
(typed twice)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget
from residence.changes import Changes, Done
from residence.errors import ValidationError
from residence.safety.encryption import MIN_PASSPHRASE

from ui.dialogs.base import FormDialog
from ui.events import AppEvents


def _secret() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class NewPassphraseDialog(FormDialog):
    """A new passphrase, twice; with ``old`` set, the current one first."""

    def __init__(
        self, events: AppEvents, parent: QWidget | None = None, *, check_old: object = None
    ) -> None:
        super().__init__(self.tr("Passphrase"), events, parent)
        self.check_old = check_old
        self.old, self.new, self.again = _secret(), _secret(), _secret()
        if check_old is not None:
            self.add_field(self.tr("Current passphrase"), "old", self.old)
        self.add_field(self.tr("New passphrase"), "new", self.new)
        self.add_field(self.tr("Again"), "again", self.again)
        self.passphrase = ""

    def submit(self) -> Done[None]:
        if callable(self.check_old) and not self.check_old(self.old.text()):
            raise ValidationError.single("old", self.tr("That is not the current passphrase."))
        if len(self.new.text()) < MIN_PASSPHRASE:
            raise ValidationError.single(
                "new",
                self.tr(
                    "At least {n} characters: a few words are easy to remember and hard to guess."
                ).format(n=MIN_PASSPHRASE),
            )
        if self.new.text() != self.again.text():
            raise ValidationError.single("again", self.tr("The two don't match."))
        self.passphrase = self.new.text()
        return Done(None, Changes.of())
