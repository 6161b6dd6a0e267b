"""What the app does to the house file between closing the window and opening it again:
restore a backup, set, change or remove the passphrase; or open another house instead."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from residence.clock import Clock
from residence.safety.backups import Progress, default_folder, restore
from residence.safety.encryption import change, decrypt, encrypt, encrypt_copies, plain_copies
from residence.workspace import Location


def _tr(text: str) -> str:
    return QCoreApplication.translate("HouseTask", text)


@dataclass(frozen=True)
class RestoreBackup:
    backup: Path
    clock: Clock  # when the restore is made: the current file is kept aside under that date
    key: str | None = None  # the backup's passphrase; the restored house takes it

    def doing(self) -> str:
        return _tr("Restoring {backup}…").format(backup=self.backup.name)

    def run(self, path: Path, key: str | None, progress: Progress) -> tuple[str, str | None]:
        # A plain backup over an encrypted house is encrypted with the house's passphrase.
        done = restore(self.backup, path, self.clock.now(), progress, key=self.key, house_key=key)
        return _tr(
            "The house is back as it was in {backup}.\n\nThe file as it was before is "
            "kept as {aside}."
        ).format(backup=done.backup.name, aside=done.kept_aside), self.key or key


@dataclass(frozen=True)
class SetPassphrase:
    passphrase: str

    def doing(self) -> str:
        return _tr("Setting the passphrase on the house file and its backups…")

    def run(self, path: Path, key: str | None, progress: Progress) -> tuple[str, str | None]:
        if key is None:
            return self._encrypt(path, progress), self.passphrase
        progress(0, 0)  # no steps to show: a busy bar
        change(path, key, self.passphrase)
        return _tr(
            "The passphrase is changed. Backups made before today still open with the "
            "old passphrase."
        ), self.passphrase

    def _encrypt(self, path: Path, progress: Progress) -> str:
        """The house file, then its older plain backups and kept-aside copies."""
        copies = plain_copies(path)
        total = len(copies) + 1
        progress(0, total)
        encrypt(path, self.passphrase)
        failed = encrypt_copies(copies, self.passphrase, lambda done, _: progress(done + 1, total))
        message = _tr(
            "The house file is now encrypted: without the passphrase it can't be read. "
            "So are its backups in {folder} and the copies kept beside it. Backups you "
            "made elsewhere (on a USB stick) are not: make a new one and delete "
            "them."
        ).format(folder=default_folder(path))
        if failed:
            message += "\n\n" + _tr(
                "These copies couldn't be encrypted (they are damaged) and stay readable; "
                "delete them once you no longer need them:\n{names}"
            ).format(names="\n".join(str(f) for f in failed))
        return message


@dataclass(frozen=True)
class RemovePassphrase:
    def doing(self) -> str:
        return _tr("Removing the passphrase…")

    def run(self, path: Path, key: str | None, progress: Progress) -> tuple[str, str | None]:
        progress(0, 0)
        if key is not None:
            decrypt(path, key)
        return _tr(
            "The house file is no longer encrypted: anyone who can open it on this "
            "computer can read it."
        ), None


@dataclass(frozen=True)
class OpenOther:
    """Close this house and open another (File ▸ Open…): nothing is done to this one."""

    location: Location
    house: str | None = None  # which of its houses (None: the only one, or ask)


HouseTask = RestoreBackup | SetPassphrase | RemovePassphrase | OpenOther
