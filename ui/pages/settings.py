"""House settings: the house, its rooms and beds, its phases."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from residence.changes import Area, Changes, Done
from residence.consents.disclosures import NOTICE_LENGTH, NOTICE_LINES
from residence.consents.records import FEDERAL_NOTICE
from residence.errors import Conflict, ValidationError
from residence.house.records import REPORT_NAMES, WEEKDAYS, HouseSettings
from residence.mentors.records import MentorRules
from residence.safety.backups import default_folder
from residence.workspace import Workspace

from ui.backups import kept_counts, set_kept_counts
from ui.dialogs.passphrase import NewPassphraseDialog
from ui.dialogs.phase import PhaseEditor
from ui.dialogs.text_form import TextForm
from ui.events import AppEvents
from ui.house_tasks import RemovePassphrase, SetPassphrase
from ui.lock_screen import lock_minutes, set_lock_minutes
from ui.pages.freshness import Freshness
from ui.widgets.actions import run_action
from ui.widgets.criteria import rules_summary
from ui.widgets.form import FieldErrors, field_value

ID_ROLE = Qt.ItemDataRole.UserRole


WIDE_ENOUGH = 1100  # pixels the page needs for its boxes side by side


class SettingsPage(QScrollArea):
    # Something done to the closed house file (a passphrase set, changed or removed).
    task_requested = Signal(object)

    def __init__(self, services: Workspace, events: AppEvents) -> None:
        super().__init__()
        self.services = services
        self.events = events
        # What each box of the house's record was filled from (read before it: a change saved
        # in between is then refused, never written over); boxes save apart, so each its own.
        self._seen: dict[str, int | None] = {"house": None, "notice": None, "rules": None}
        self.setWidgetResizable(True)
        content = QWidget()
        layout = QVBoxLayout(content)
        # Side by side on a wide screen, one above the other on a small one (1024×600).
        self._columns = top = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        top.addWidget(self._house_box(), 3, Qt.AlignmentFlag.AlignTop)
        right = QVBoxLayout()
        right.addWidget(self._mentor_box())
        right.addWidget(self._notice_box())
        right.addWidget(self._backups_box())
        right.addWidget(self._server_box() if self.services.on_server else self._encryption_box())
        top.addLayout(right, 2)
        layout.addLayout(top)
        row = QHBoxLayout()
        row.addWidget(self._rooms_box(), 1)
        row.addWidget(self._phases_box(), 2)
        layout.addLayout(row, 1)
        layout.addWidget(self._questions_box())
        self.setWidget(content)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        events.data_changed.connect(self._on_changed)
        self._read_once = False
        self._saved: dict[str, list[object]] = {}
        self.freshness = Freshness(self, self._read)  # read when opened

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        narrow = event.size().width() < WIDE_ENOUGH
        self._columns.setDirection(
            QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        )
        super().resizeEvent(event)

    # -- the house ---------------------------------------------------------------------------

    def _house_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("House"))
        form = QFormLayout(box)
        self.house_errors = FieldErrors()
        self.name = QLineEdit()
        self.address = QPlainTextEdit()
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(60)
        self.phone = QLineEdit()
        self.manager = QLineEdit()
        self.role = QLineEdit()
        self.role.setPlaceholderText(self.tr("e.g. House manager"))
        self.report_names = QComboBox()
        for key, label in REPORT_NAMES.items():
            self.report_names.addItem(self.tr(label), key)
        self.report_names.setToolTip(
            self.tr(
                "How a progress report names the resident at the top of every page, "
                "with the record number"
            )
        )
        self.week_start = QComboBox()
        for day in WEEKDAYS:
            self.week_start.addItem(self.tr(day))
        rows = (
            (self.tr("House name*"), "name", self.name),
            (self.tr("Address"), "address", self.address),
            (self.tr("Phone"), "phone", self.phone),
            (self.tr("House manager"), "manager_name", self.manager),
            (self.tr("Manager's role"), "manager_role", self.role),
            (self.tr("Reports name a resident by"), "report_names", self.report_names),
            (self.tr("Week starts on"), "week_starts_on", self.week_start),
        )
        for label, field, widget in rows:
            self.house_errors.add_row(form, label, field, widget)
        self.save_house_button = QPushButton(self.tr("Save house details"))
        self.save_house_button.clicked.connect(self.save_house)
        row = QHBoxLayout()
        row.addWidget(self.save_house_button)
        row.addStretch(1)
        form.addRow("", row)
        return box

    def save_house(self) -> None:
        settings = HouseSettings(
            name=self.name.text(),
            address=self.address.toPlainText(),
            phone=self.phone.text(),
            manager_name=self.manager.text(),
            week_starts_on=self.week_start.currentIndex(),
            manager_role=self.role.text(),
            report_names=self.report_names.currentData(),
        )
        try:
            done = self.services.house.save_settings(settings, seen=self._seen["house"])
        except ValidationError as error:
            self.house_errors.show(error.errors)
            return
        except Conflict as error:
            self._saved_elsewhere(error, self._load_house, self.tr("House details"))
            return
        self._seen["house"] = done.value.version
        self.house_errors.clear()
        self._mark_saved(self.tr("House details"))
        self.events.data_changed.emit(done.changes)

    def _saved_elsewhere(self, error: Conflict, load: Callable[[], None], box: str) -> None:
        """Saved at another desk since the box was filled: theirs is kept, and shown."""
        shown = self.tr("The box now shows what is saved.")
        QMessageBox.warning(self, self.tr("Not saved"), f"{error}\n\n{shown}")
        load()
        self._mark_saved(box)

    # -- encryption --------------------------------------------------------------------------

    def _server_box(self) -> QGroupBox:
        """On a server there is no file to encrypt: say where the records are and who keeps
        them safe there."""
        box = QGroupBox(self.tr("Server"))
        label = QLabel(
            self.tr(
                "The records are on the server {server}. Its administrator keeps them safe: "
                "who may log in, the encryption of the disk and of the network, and the "
                "backups."
            ).format(server=self.services.location)
        )
        label.setWordWrap(True)
        QFormLayout(box).addRow(label)
        return box

    def _encryption_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Encryption"))
        encrypted = self.services.encrypted
        state = QLabel(
            self.tr("The house file is encrypted: it can't be read without its passphrase.")
            if encrypted
            else self.tr(
                "The house file is not encrypted. Recommended: set a passphrase, so that a "
                "lost or shared computer doesn't give the records away."
            )
        )
        state.setWordWrap(True)
        self.lock_after = QSpinBox()
        self.lock_after.setRange(0, 240)
        self.lock_after.setSpecialValueText(self.tr("never"))
        self.lock_after.setSuffix(self.tr(" idle minutes"))
        self.lock_after.setValue(lock_minutes())
        self.lock_after.valueChanged.connect(set_lock_minutes)
        form = QFormLayout(box)
        form.addRow(state)
        buttons = QHBoxLayout()
        actions = (
            (
                (self.tr("Change passphrase…"), self.change_passphrase),
                (self.tr("Remove passphrase…"), self.remove_passphrase),
            )
            if encrypted
            else ((self.tr("Set a passphrase…"), self.change_passphrase),)
        )
        for text, slot in actions:
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, slot=slot: slot())
            buttons.addWidget(button)
        buttons.addStretch(1)
        form.addRow(buttons)
        if encrypted:
            form.addRow(self.tr("Lock the window after"), self.lock_after)
        return box

    def change_passphrase(self) -> None:
        check = self.services.passphrase_matches if self.services.encrypted else None
        dialog = NewPassphraseDialog(self.events, self, check_old=check)
        if dialog.exec() and dialog.passphrase:
            self.task_requested.emit(SetPassphrase(dialog.passphrase))

    def remove_passphrase(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Remove the passphrase?"),
            self.tr(
                "Anyone who can open the file on this computer will be able to read the records. "
                "Residence closes the house, stores it unencrypted, and opens it again."
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.task_requested.emit(RemovePassphrase())

    # -- backups -----------------------------------------------------------------------------

    def _backups_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Automatic backups (when the app closes, and once a day)"))
        self.keep_daily, self.keep_weekly = QSpinBox(), QSpinBox()
        self.keep_daily.setRange(1, 365)
        self.keep_weekly.setRange(0, 520)
        daily, weekly = kept_counts()
        self.keep_daily.setValue(daily)
        self.keep_weekly.setValue(weekly)
        self.keep_daily.setSuffix(self.tr(" days"))
        self.keep_weekly.setSuffix(self.tr(" weeks before them"))
        for spin in (self.keep_daily, self.keep_weekly):
            spin.valueChanged.connect(
                lambda _v: set_kept_counts(self.keep_daily.value(), self.keep_weekly.value())
            )
        form = QFormLayout(box)
        form.addRow(self.tr("Keep one a day for"), self.keep_daily)
        form.addRow(self.tr("and one a week for"), self.keep_weekly)
        path = self.services.path
        where = QLabel(
            self.tr("In {folder}. Use File ▸ Back up now… for a USB stick.").format(
                folder=default_folder(path)
            )
            if path is not None
            else self.tr(
                "This house is on a server: the window makes no backups of it. "
                "`residence backup --db ADDRESS --to FOLDER` writes one (a checked pg_dump); "
                "the server's administrator keeps the rest (see Running on a server in the "
                "manual, F1)."
            )
        )
        where.setWordWrap(True)
        form.addRow("", where)
        return box

    # -- the redisclosure notice -------------------------------------------------------------

    def _notice_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Notice on every page of a report sent outside the house"))
        self.notice = QPlainTextEdit()
        self.notice.setTabChangesFocus(True)
        self.notice.setFixedHeight(110)  # the full federal statement is about seven lines
        self.notice.setPlaceholderText(FEDERAL_NOTICE)
        self.notice_errors = FieldErrors()
        form = QFormLayout(box)
        self.notice_errors.add_row(form, self.tr("Wording"), "notice", self.notice)
        save = QPushButton(self.tr("Save notice"))
        save.clicked.connect(self.save_notice)
        hint = QLabel(
            self.tr(
                "Empty: the short form of 42 CFR part 2. At most {n} characters on {lines} lines."
            ).format(n=NOTICE_LENGTH, lines=NOTICE_LINES)
        )
        hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(save)
        row.addWidget(hint, 1)
        form.addRow("", row)
        return box

    def _load_notice(self) -> None:
        self._seen["notice"] = self.services.house.version()
        notice = self.services.disclosures.notice()
        self.notice.setPlainText("" if notice == FEDERAL_NOTICE else notice)

    def save_notice(self) -> None:
        try:
            done = self.services.disclosures.save_notice(
                self.notice.toPlainText(), seen=self._seen["notice"]
            )
        except ValidationError as error:
            self.notice_errors.show(error.errors)
            return
        except Conflict as error:
            self._saved_elsewhere(error, self._load_notice, self.tr("Notice"))
            return
        self._seen["notice"] = done.value.version
        self.notice_errors.clear()
        self._mark_saved(self.tr("Notice"))
        self.events.data_changed.emit(done.changes)

    # -- mentor rules ------------------------------------------------------------------------

    def _mentor_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Who may mentor"))
        form = QFormLayout(box)
        self.mentor_errors = FieldErrors()
        self.min_days = QSpinBox()
        self.min_days.setRange(0, 3650)
        self.min_days.setSuffix(self.tr(" days sober"))
        self.min_phase = QComboBox()
        self.max_mentees = QSpinBox()
        self.max_mentees.setRange(1, 20)
        self.check_in_days = QSpinBox()
        self.check_in_days.setRange(1, 90)
        self.check_in_days.setPrefix(self.tr("every "))
        self.check_in_days.setSuffix(self.tr(" days"))
        self.alumni = QCheckBox(self.tr("Alumni may mentor"))
        self.peers = QCheckBox(self.tr("Peer specialists and recovery coaches may mentor"))
        rows = (
            (self.tr("At least"), "min_days_sober", self.min_days),
            (self.tr("In phase, or later"), "min_phase", self.min_phase),
            (self.tr("Mentees at once, at most"), "max_mentees", self.max_mentees),
            (self.tr("Pairs check in"), "check_in_days", self.check_in_days),
        )
        for label, field, widget in rows:
            self.mentor_errors.add_row(form, label, field, widget)
        form.addRow("", self.alumni)
        form.addRow("", self.peers)
        save = QPushButton(self.tr("Save mentor rules"))
        save.clicked.connect(self.save_mentor_rules)
        row = QHBoxLayout()
        row.addWidget(save)
        row.addStretch(1)
        form.addRow("", row)
        return box

    def _load_mentor_rules(self) -> None:
        self._seen["rules"] = self.services.house.version()
        rules = self.services.mentors.rules()
        self._reload_phase_choices(rules.min_phase)
        self.min_days.setValue(rules.min_days_sober)
        self.max_mentees.setValue(rules.max_mentees)
        self.check_in_days.setValue(rules.check_in_days)
        self.alumni.setChecked(rules.alumni_may_mentor)
        self.peers.setChecked(rules.peers_may_mentor)

    def _reload_phase_choices(self, chosen: int | None = None) -> None:
        """The phases to choose from, keeping the choice (phases may have been renamed)."""
        keep = chosen if chosen is not None else self.min_phase.currentData()
        self.min_phase.clear()
        for phase in self.services.house.phases():
            self.min_phase.addItem(phase.name, phase.position)
        self.min_phase.setCurrentIndex(max(0, self.min_phase.findData(keep)))

    def save_mentor_rules(self) -> None:
        rules = MentorRules(
            min_days_sober=self.min_days.value(),
            min_phase=self.min_phase.currentData() or 0,
            max_mentees=self.max_mentees.value(),
            check_in_days=self.check_in_days.value(),
            alumni_may_mentor=self.alumni.isChecked(),
            peers_may_mentor=self.peers.isChecked(),
        )
        try:
            done = self.services.mentors.save_rules(rules, seen=self._seen["rules"])
        except ValidationError as error:
            self.mentor_errors.show(error.errors)
            return
        except Conflict as error:
            self._saved_elsewhere(error, self._load_mentor_rules, self.tr("Mentor rules"))
            return
        self._seen["rules"] = done.value.version
        self.mentor_errors.clear()
        self._mark_saved(self.tr("Mentor rules"))
        self.events.data_changed.emit(done.changes)
        status = getattr(self.window(), "statusBar", None)
        if callable(status):
            status().showMessage(self.tr("Mentor rules saved."), 6000)

    # -- rooms and beds ----------------------------------------------------------------------

    def _rooms_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Rooms and beds"))
        self.rooms = QTreeWidget()
        self.rooms.setHeaderHidden(True)
        buttons = QHBoxLayout()
        for label, slot in (
            (self.tr("Add room…"), self.add_room),
            (self.tr("Rename…"), self.rename_room),
            (self.tr("Add bed…"), self.add_bed),
            (self.tr("Out of use / back"), self.toggle_bed),
        ):
            button = QPushButton(label)
            button.clicked.connect(lambda _checked=False, slot=slot: slot())
            buttons.addWidget(button)
        layout = QVBoxLayout(box)
        layout.addWidget(self.rooms, 1)
        layout.addLayout(buttons)
        return box

    def add_room(self) -> None:
        house = self.services.house
        fields = [(self.tr("Room name*"), "room", ""),
                  (self.tr("Bed labels, separated by commas"), "bed", "A, B")]  # fmt: skip
        TextForm(
            self.tr("Add room"),
            self.events,
            fields,
            lambda typed: house.add_room(typed["room"], _labels(typed["bed"])),
            self,
        ).exec()

    def rename_room(self) -> None:
        room = self._selected(room=True)
        if room is None:
            return
        room_id, house = room.data(0, ID_ROLE), self.services.house
        TextForm(
            self.tr("Rename room"),
            self.events,
            [(self.tr("Room name*"), "room", room.text(0))],
            lambda typed: house.rename_room(room_id, typed["room"]),
            self,
        ).exec()

    def add_bed(self) -> None:
        room = self._selected(room=True)
        if room is None:
            return
        room_id, house = room.data(0, ID_ROLE), self.services.house
        TextForm(
            self.tr("Add bed"),
            self.events,
            [(self.tr("Bed label*"), "bed", "")],
            lambda typed: house.add_bed(room_id, typed["bed"]),
            self,
        ).exec()

    def toggle_bed(self) -> None:
        bed = self._selected(room=False)
        if bed is not None:
            retired = bool(bed.data(0, ID_ROLE + 1))
            bed_id = bed.data(0, ID_ROLE)
            self._run(lambda: self.services.house.set_bed_retired(bed_id, not retired))

    def _selected(self, *, room: bool) -> QTreeWidgetItem | None:
        item = self.rooms.currentItem()
        if item is not None and room and item.parent() is not None:
            item = item.parent()
        if item is None or (not room and item.parent() is None):
            what = self.tr("a room") if room else self.tr("a bed")
            QMessageBox.information(
                self, self.tr("Choose first"), self.tr("Select {what} first.").format(what=what)
            )
            return None
        return item

    # -- phases ------------------------------------------------------------------------------

    def _phases_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Phases"))
        self.phases = QTableWidget(0, 5)
        self.phases.setHorizontalHeaderLabels(
            [
                self.tr("Phase"),
                self.tr("Curfew"),
                self.tr("Outside meetings / week"),
                self.tr("To move up to it"),
                self.tr("Notes"),
            ]
        )
        self.phases.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.phases.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.phases.horizontalHeader().setStretchLastSection(True)
        self.phases.verticalHeader().hide()
        self.phases.doubleClicked.connect(lambda _index: self.edit_phase())
        buttons = QHBoxLayout()
        for label, slot in (
            (self.tr("Add…"), self.add_phase),
            (self.tr("Edit…"), self.edit_phase),
            (self.tr("Move up"), lambda: self.move_phase(-1)),
            (self.tr("Move down"), lambda: self.move_phase(1)),
        ):
            button = QPushButton(label)
            button.clicked.connect(lambda _checked=False, slot=slot: slot())
            buttons.addWidget(button)
        layout = QVBoxLayout(box)
        layout.addWidget(self.phases, 1)
        layout.addLayout(buttons)
        return box

    def add_phase(self) -> None:
        PhaseEditor(self.services, self.events, None, self).exec()

    def edit_phase(self) -> None:
        row = self.phases.currentRow()
        if row >= 0:
            phase = self._phase_list[row]
            PhaseEditor(self.services, self.events, phase, self).exec()

    def move_phase(self, step: int) -> None:
        row = self.phases.currentRow()
        if row < 0:
            return
        phase_id = self._phase_list[row].id
        assert phase_id is not None
        self._run(lambda: self.services.house.move_phase(phase_id, step))
        self.phases.selectRow(max(0, min(row + step, self.phases.rowCount() - 1)))

    # -- the house's own BARC-10 questions ----------------------------------------------------

    def _questions_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("The house's own questions, after the BARC-10's ten"))
        note = QLabel(
            self.tr(
                "Answered on the same scale (1 strongly disagree to 6 strongly agree), kept "
                "with each sheet and never part of the BARC-10's total. A question is never "
                "reworded, as answers were given to its words: stop asking it and add another."
            )
        )
        note.setWordWrap(True)
        self.question_list = QListWidget()
        self.question_list.setMaximumHeight(110)
        add, stop = QPushButton(self.tr("Add…")), QPushButton(self.tr("Stop asking"))
        add.clicked.connect(lambda _checked=False: self.add_question())
        stop.clicked.connect(lambda _checked=False: self.stop_question())
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(stop)
        buttons.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addWidget(note)
        layout.addWidget(self.question_list)
        layout.addLayout(buttons)
        return box

    def _reload_questions(self) -> None:
        self.question_list.clear()
        for question in self.services.recovery.questions():
            item = QListWidgetItem(question.text)
            item.setData(ID_ROLE, question.id)
            self.question_list.addItem(item)

    def add_question(self) -> None:
        TextForm(
            self.tr("A question of the house's own"),
            self.events,
            [(self.tr("Question*"), "text", "")],
            lambda typed: self.services.recovery.add_question(typed["text"]),
            self,
        ).exec()

    def stop_question(self) -> None:
        chosen = self.question_list.selectedItems()
        if not chosen:
            return
        item = chosen[0]
        asked = QMessageBox.question(
            self,
            self.tr("Stop asking"),
            self.tr("Stop asking “{question}”? The answers given stay with their sheets; it "
                    "can't be asked again, only added anew.").format(question=item.text()),
        )  # fmt: skip
        if asked == QMessageBox.StandardButton.Yes:
            number = int(item.data(ID_ROLE))
            self._run(lambda: self.services.recovery.retire_question(number))

    # -- common ------------------------------------------------------------------------------

    def _run(self, action: Callable[[], Done[object]]) -> None:
        """Do a settings change through the one action runner: every refusal is shown."""
        run_action(self, self.events, action)

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(Area.HOUSE, Area.RECOVERY):
            self.freshness.changed()

    def _read(self) -> None:
        """All of it the first time; after that rooms and phases only, for the house form may
        hold typing that isn't saved yet."""
        if not self._read_once:
            self._read_once = True
            self.reload()
            return
        self._reload_rooms()
        self._reload_phases()
        self._reload_phase_choices()
        self._reload_questions()

    def reload(self) -> None:
        self._load_house()
        self._load_mentor_rules()
        self._load_notice()
        self._reload_rooms()
        self._reload_phases()
        self._reload_questions()
        for group in self._groups():
            self._mark_saved(group)

    # -- what is typed but not saved ---------------------------------------------------------

    def _groups(self) -> dict[str, tuple[tuple[QWidget, ...], Callable[[], None]]]:
        """Each box that is saved with its own button: its fields, and how it is saved."""
        return {
            self.tr("House details"): (
                (self.name, self.address, self.phone, self.manager, self.role,
                 self.report_names, self.week_start),
                self.save_house,
            ),
            self.tr("Mentor rules"): (
                (self.min_days, self.min_phase, self.max_mentees, self.check_in_days,
                 self.alumni, self.peers),
                self.save_mentor_rules,
            ),
            self.tr("Notice"): ((self.notice,), self.save_notice),
        }  # fmt: skip

    def _mark_saved(self, name: str) -> None:
        fields, _save = self._groups()[name]
        self._saved[name] = [field_value(f) for f in fields]

    def unsaved(self) -> list[str]:
        """The boxes whose fields were changed and not saved (none before the page is read)."""
        return [
            name
            for name, (fields, _save) in self._groups().items()
            if name in self._saved and self._saved[name] != [field_value(f) for f in fields]
        ]

    def save_unsaved(self) -> bool:
        """Save each changed box; False if one was refused (its message shows beside it)."""
        for name in self.unsaved():
            self._groups()[name][1]()
        return not self.unsaved()

    def _load_house(self) -> None:
        seen = self.services.house.version()
        settings = self.services.house.settings()
        self._seen["house"] = seen if settings else 0
        if settings is not None:
            self.name.setText(settings.name)
            self.address.setPlainText(settings.address)
            self.phone.setText(settings.phone)
            self.manager.setText(settings.manager_name)
            self.role.setText(settings.manager_role)
            self.report_names.setCurrentIndex(self.report_names.findData(settings.report_names))
            self.week_start.setCurrentIndex(settings.week_starts_on)

    def _reload_rooms(self) -> None:
        self.rooms.clear()
        for room in self.services.house.rooms():
            item = QTreeWidgetItem([room.name])
            item.setData(0, ID_ROLE, room.id)
            for bed in room.beds:
                text = bed.label + (self.tr(" (out of use)") if bed.retired else "")
                child = QTreeWidgetItem([text])
                child.setData(0, ID_ROLE, bed.id)
                child.setData(0, ID_ROLE + 1, bed.retired)
                child.setDisabled(bed.retired)
                item.addChild(child)
            self.rooms.addTopLevelItem(item)
        self.rooms.expandAll()

    def _reload_phases(self) -> None:
        self._phase_list = self.services.house.phases()
        self.phases.setRowCount(len(self._phase_list))
        for row, phase in enumerate(self._phase_list):
            curfew = phase.curfew.strftime("%H:%M") if phase.curfew else "—"
            move_up = rules_summary(phase.move_up) if row else self.tr("(everyone starts here)")
            cells = (phase.name, curfew, str(phase.weekly_meetings), move_up, phase.description)
            for column, text in enumerate(cells):
                self.phases.setItem(row, column, QTableWidgetItem(text))
        self.phases.resizeColumnsToContents()
        self.phases.resizeRowsToContents()


def _labels(text: str) -> list[str]:
    """Bed labels typed with commas between them."""
    return [label for label in text.split(",") if label.strip()]
