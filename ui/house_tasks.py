"""What the app does to the house file between closing the window and opening it again:
restore a backup, set, change or remove the passphrase."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from residence.clock import now
from residence.safety.backups import restore
from residence.safety.encryption import change, decrypt, encrypt


def _tr(text: str) -> str:
    return QCoreApplication.translate("HouseTask", text)


@dataclass(frozen=True)
class RestoreBackup:
    backup: Path
    key: str | None = None  # the backup's passphrase; the restored house takes it

    def run(self, path: Path, key: str | None) -> tuple[str, str | None]:
        done = restore(self.backup, path, now(), key=self.key)
        return _tr("The house is back as it was in {backup}.\n\nThe file as it was before is "
                   "kept as {aside}.").format(backup=done.backup.name,
                                              aside=done.kept_aside), self.key  # fmt: skip


@dataclass(frozen=True)
class SetPassphrase:
    passphrase: str

    def run(self, path: Path, key: str | None) -> tuple[str, str | None]:
        if key is None:
            encrypt(path, self.passphrase)
            message = _tr("The house file is now encrypted: without the passphrase it can't "
                          "be read. Backups made from now on are encrypted too; older backups "
                          "are not — keep them somewhere safe or delete them.")  # fmt: skip
            return message, self.passphrase
        change(path, key, self.passphrase)
        return _tr("The passphrase is changed. Backups made before today still open with the "
                   "old passphrase."), self.passphrase  # fmt: skip


@dataclass(frozen=True)
class RemovePassphrase:
    def run(self, path: Path, key: str | None) -> tuple[str, str | None]:
        if key is not None:
            decrypt(path, key)
        return _tr("The house file is no longer encrypted: anyone who can open it on this "
                   "computer can read it."), None  # fmt: skip


HouseTask = RestoreBackup | SetPassphrase | RemovePassphrase
