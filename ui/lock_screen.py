"""Locking the window of an encrypted house after some idle minutes: nothing of the records
stays visible until the passphrase is typed again."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

DEFAULT_MINUTES = 10
ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
}


def lock_minutes() -> int:
    """After how many idle minutes the window locks (0: never); Settings changes it."""
    return max(0, int(str(QSettings().value("lock/minutes", DEFAULT_MINUTES))))


def set_lock_minutes(minutes: int) -> None:
    QSettings().setValue("lock/minutes", minutes)


class IdleWatch(QObject):
    """Calls ``on_idle`` after the set minutes without a key or the mouse, app-wide."""

    def __init__(self, parent: QObject, on_idle: Callable[[], None]) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(on_idle)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.restart()

    def restart(self) -> None:
        minutes = lock_minutes()
        if minutes:
            self.timer.start(minutes * 60 * 1000)
        else:
            self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in ACTIVITY and self.timer.isActive():
            self.timer.start()  # same interval, from now
        return False


class LockScreen(QWidget):
    unlocked = Signal()

    def __init__(self, matches: Callable[[str], bool]) -> None:
        super().__init__()
        self.matches = matches
        title = QLabel(self.tr("<h2>Residence is locked</h2>"))
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(self.tr("Passphrase"))
        self.passphrase.setMaximumWidth(320)
        self.passphrase.returnPressed.connect(self.try_unlock)
        self.message = QLabel()
        button = QPushButton(self.tr("Unlock"))
        button.clicked.connect(self.try_unlock)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (
            title,
            QLabel(self.tr("Type the house file's passphrase to go on.")),
            self.passphrase,
            button,
            self.message,
        ):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def start(self) -> None:
        self.passphrase.clear()
        self.message.clear()
        self.passphrase.setFocus()

    def try_unlock(self) -> bool:
        if self.matches(self.passphrase.text()):
            self.passphrase.clear()
            self.unlocked.emit()
            return True
        self.passphrase.clear()
        self.message.setText(self.tr("That is not the passphrase."))
        return False
