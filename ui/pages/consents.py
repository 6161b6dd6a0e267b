"""The consents page: each resident's releases of information with their status, the
progress reports made under them, and the disclosure log, which can be read but never edited."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from residence.changes import Area, Changes
from residence.consents.disclosures import initials
from residence.consents.records import (
    Category,
    ConsentRow,
    ConsentStatus,
    DisclosureInfo,
    ProgressReport,
)
from residence.dates import format_date
from residence.errors import ResidenceError
from residence.residents.records import Status
from residence.safety.exports import ExportError, export
from residence.workspace import Workspace

from ui.dialogs.consents import ConsentDialog, PeriodDialog, RevokeDialog
from ui.events import AppEvents
from ui.pages.freshness import Freshness, read_tabs_when_opened
from ui.widgets.form import error_colour, fitting
from ui.widgets.lists import button_row, fill_table, list_table, tell
from ui.widgets.sizing import open_at

if TYPE_CHECKING:
    from ui.pdf_view import DisclosurePreview

CONSENT_COLUMNS = (
    "Resident",
    "Recipient",
    "Status",
    "Signed",
    "Ends",
    "Signed form",
    "May disclose",
)
STATUS_COLUMN = 2
LOG_COLUMNS = (
    "When",
    "By",
    "Resident",
    "Recipient",
    "Consent",
    "Information",
    "Period",
    "How",
    "SHA-256",
)
STATUS_COLOURS = {ConsentStatus.EXPIRING: "#9a6700"}


class ConsentsPage(QWidget):
    def __init__(self, services: Workspace, events: AppEvents) -> None:
        super().__init__()
        self.services, self.events = services, events
        self.today = services.clock.today
        self.rows: list[ConsentRow] = []
        self.entries: list[DisclosureInfo] = []
        self.tabs = QTabWidget()
        self.tabs.addTab(self._consents_tab(), self.tr("Consents"))
        log = self._log_tab()
        self.log_freshness = log.freshness = Freshness(log, self._reload_log)  # type: ignore[attr-defined]
        self.tabs.addTab(log, self.tr("Disclosure log"))
        read_tabs_when_opened(self.tabs)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        events.data_changed.connect(self._on_changed)
        self.freshness = Freshness(self, self.reload)  # read when opened

    # -- consents ----------------------------------------------------------------------------

    def _consents_tab(self) -> QWidget:
        tab = QWidget()
        self.who = fitting(QComboBox())
        # Wide enough for "Everyone" and most names, without measuring ten years of them.
        self.who.setMinimumContentsLength(22)
        self.who.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.who.currentIndexChanged.connect(lambda _i: self._reload_consents())
        self.table = list_table([self.tr(c) for c in CONSENT_COLUMNS])
        self.table.doubleClicked.connect(lambda _i: self.progress_report())
        filter_row = QHBoxLayout()
        filter_row.addWidget(QLabel(self.tr("Show consents of")))
        filter_row.addWidget(self.who)
        filter_row.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.addLayout(filter_row)
        layout.addWidget(
            button_row(
                [
                    (self.tr("Record consent…"), self.record),
                    (self.tr("Renew…"), self.renew),
                    (self.tr("Revoke…"), self.revoke),
                    (self.tr("Its event happened…"), self.end_by_event),
                    (self.tr("Attach signed form…"), self.attach_scan),
                    (self.tr("View signed form"), self.view_scan),
                    (self.tr("Print form…"), self.print_form),
                ]
            )
        )
        layout.addWidget(self.table, 1)
        layout.addWidget(
            button_row(
                [
                    (self.tr("Progress report…"), self.progress_report),
                    (self.tr("Reports for a case manager…"), self.batch),
                    (self.tr("House roster…"), self.print_roster),
                    (self.tr("Blank consent form…"), self.print_blank_form),
                ]
            )
        )
        note = QLabel(
            self.tr(
                "A report goes outside the house only under a consent in force, with only "
                "what it covers; every one saved or printed is logged."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        return tab

    def reload(self) -> None:
        chosen = self.who.currentData()
        self.who.blockSignals(True)
        self.who.clear()
        self.who.addItem(self.tr("Everyone"), None)
        for person_id, name in self.services.queries.names(Status.ALL):
            self.who.addItem(name, person_id)
        self.who.setCurrentIndex(max(0, self.who.findData(chosen)))
        self.who.blockSignals(False)
        self._reload_consents()
        self.log_freshness.changed()

    def _reload_consents(self) -> None:
        self.rows = self.services.consents.rows(self.who.currentData())
        self.table.setRowCount(len(self.rows))
        refused = QColor(error_colour())
        for r, row in enumerate(self.rows):
            info = row.info
            covers = ", ".join(c.label for c in Category if c in info.categories)
            if info.categories == set(Category):
                covers = self.tr("Everything a report holds")
            scan = info.scan_name or self.tr("not attached")
            state = self.tr(row.status.label)
            if row.status in (ConsentStatus.REVOKED, ConsentStatus.ENDED):
                state = row.status_text
            elif row.status.allows and info.irrevocable_until is not None:
                state += self.tr(" · irrevocable until {day}").format(
                    day=format_date(info.irrevocable_until)
                )
            cells = (
                row.resident,
                info.recipient,
                state,
                format_date(info.signed_on),
                info.expiry,
                scan,
                covers,
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == STATUS_COLUMN and not row.status.allows:
                    item.setForeground(refused)
                elif c == STATUS_COLUMN and row.status in STATUS_COLOURS:
                    item.setForeground(QColor(STATUS_COLOURS[row.status]))
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(Area.CONSENTS, Area.RESIDENTS):
            self.freshness.changed()

    def selected(self) -> ConsentRow | None:
        row = self.table.currentRow()
        if 0 <= row < len(self.rows):
            return self.rows[row]
        self._tell(self.tr("Select a consent first."))
        return None

    def record(self) -> None:
        ConsentDialog(
            self.services, self.events, self.today(), self, person_id=self.who.currentData()
        ).exec()

    def renew(self) -> None:
        if (row := self.selected()) is not None:
            ConsentDialog(
                self.services,
                self.events,
                self.today(),
                self,
                person_id=row.info.person_id,
                like=row.info,
            ).exec()

    def revoke(self) -> None:
        if (row := self.selected()) is not None:
            RevokeDialog(
                self.services, self.events, row.info, row.resident, self.today(), self
            ).exec()

    def end_by_event(self) -> None:
        if (row := self.selected()) is None:
            return
        if not row.info.expiry_event:
            self._tell(self.tr("This consent ends on a date, not an event."))
            return
        RevokeDialog(
            self.services, self.events, row.info, row.resident, self.today(), self, by_event=True
        ).exec()

    def attach_scan(self) -> None:
        if (row := self.selected()) is None:
            return
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Attach the signed form"),
            str(Path.home()),
            self.tr("Scans (*.pdf *.png *.jpg *.jpeg)"),
        )
        if not name:
            return
        try:
            data = Path(name).read_bytes()
            done = self.services.consents.attach_scan(row.info.id or 0, Path(name).name, data)
        except OSError as error:
            QMessageBox.warning(self, self.tr("Not attached"), f"{name}: {error.strerror}")
            return
        except ResidenceError as error:
            QMessageBox.warning(self, self.tr("Not attached"), str(error))
            return
        self.events.data_changed.emit(done.changes)

    def view_scan(self) -> None:
        from ui.pdf_view import PdfPreview

        if (row := self.selected()) is None:
            return
        scan = self.services.consents.scan(row.info.id or 0)
        if scan is None:
            self._tell(self.tr("No signed form is attached to this consent."))
            return
        name, media, data = scan
        if media == "application/pdf":
            PdfPreview(data, self.tr("Signed consent"), name, self).exec()
        else:
            ScanView(data, self).exec()

    def print_form(self) -> None:
        from residence.consents.form_report import consent_form_file_name, consent_form_pdf

        from ui.pdf_view import PdfPreview

        if (row := self.selected()) is None:
            return
        form = self.services.disclosures.consent_form(row.info.id or 0)
        name = consent_form_file_name(initials(form.resident), row.info.person_id)
        PdfPreview(consent_form_pdf(form), self.tr("Consent form"), name, self).exec()

    def print_blank_form(self) -> None:
        """The form with nothing filled in, for a newcomer to fill in and sign by hand."""
        from residence.consents.form_report import BLANK_FORM_FILE, consent_form_pdf

        from ui.pdf_view import PdfPreview

        form = self.services.disclosures.blank_consent_form()
        PdfPreview(
            consent_form_pdf(form), self.tr("Blank consent form"), BLANK_FORM_FILE, self
        ).exec()

    def print_roster(self) -> None:
        from residence.consents.roster_report import house_roster_file_name, house_roster_pdf

        from ui.pdf_view import PdfPreview

        roster = self.services.disclosures.roster()
        PdfPreview(
            house_roster_pdf(roster),
            self.tr("House roster"),
            house_roster_file_name(roster.today),
            self,
        ).exec()

    # -- progress reports --------------------------------------------------------------------

    def progress_report(self) -> None:
        if self.table.currentRow() < 0 and (person := self.who.currentData()) is not None:
            self._report_for(person)
            return
        if (row := self.selected()) is None:
            return
        if not row.status.allows:
            answer = QMessageBox.question(
                self,
                self.tr("No report under this consent"),
                self.tr("{why}\n\nRecord a new consent to {recipient}?").format(
                    why=f"{row.status_text}.", recipient=row.info.recipient
                ),
            )
            if answer == QMessageBox.StandardButton.Yes:
                self.renew()
            return
        left_out = [c.label for c in Category if c not in row.info.categories]
        period = PeriodDialog(
            self.events,
            self.tr("Progress report"),
            self.today(),
            self,
            left_out=left_out,
            standing=True,
        )
        if not period.exec() or period.period is None:
            return
        try:
            report = self.services.disclosures.progress(
                row.info.id or 0,
                *period.period,
                period.chosen_standing,
                period.statement.toPlainText(),
            )
        except ResidenceError as error:
            QMessageBox.warning(self, self.tr("No report"), str(error))
            return
        self.show_report(report)

    def report_for_resident(self, person_id: int) -> None:
        """From the resident's own file: their consents shown, and the report under the one in
        force (or why there is none)."""
        self.freshness.opened()
        self.who.setCurrentIndex(max(0, self.who.findData(person_id)))
        self.table.clearSelection()
        self.table.setCurrentCell(-1, -1)
        self.progress_report()

    def _report_for(self, person_id: int) -> None:
        """A report for the resident shown, when no consent is selected: under their one
        consent in force, or say why there is none and offer to record one."""
        rows = self.services.consents.rows(person_id)
        in_force = [r for r in rows if r.status.allows]
        if len(in_force) == 1:
            self.table.selectRow(self.rows.index(in_force[0]))
            self.progress_report()
            return
        if in_force:
            self._tell(self.tr("Select the consent (the recipient) the report goes under."))
            return
        name = self.who.currentText()
        why = (
            self.tr("No consent on file for {name}.").format(name=name)
            if not rows
            else self.tr("No consent of {name}'s is in force: {status}.").format(
                name=name, status=rows[0].status_text
            )
        )
        answer = QMessageBox.question(
            self,
            self.tr("No report without consent"),
            why + "\n\n" + self.tr("Record a consent now?"),
        )
        if answer == QMessageBox.StandardButton.Yes:
            ConsentDialog(
                self.services, self.events, self.today(), self, person_id=person_id
            ).exec()

    def show_report(self, report: ProgressReport) -> DisclosurePreview:
        from residence.consents.progress_report import progress_file_name, progress_pdf

        from ui.pdf_view import DisclosurePreview

        pdf = progress_pdf(report)
        name = progress_file_name(initials(report.resident), report.consent.person_id, report.last)
        preview = DisclosurePreview(
            pdf, self.tr("Progress report"), name, lambda how: self._log(report, pdf, how), self
        )
        preview.open()
        return preview

    def _log(self, report: ProgressReport, pdf: bytes, how: str) -> str | None:
        try:
            done = self.services.disclosures.record(report, pdf, how)
        except ResidenceError as error:
            return str(error)
        self.events.data_changed.emit(done.changes)
        return None

    def batch(self) -> None:
        managers = self.services.queries.case_managers()
        if not managers:
            self._tell(self.tr("No case managers on file."))
            return
        label, ok = QInputDialog.getItem(
            self,
            self.tr("Reports for a case manager"),
            self.tr("Case manager:"),
            [m.label for m in managers],
            0,
            False,
        )
        if not ok:
            return
        manager = managers[[m.label for m in managers].index(label)]
        period = PeriodDialog(
            self.events, self.tr("Reports for {who}").format(who=label), self.today(), self
        )
        if not period.exec() or period.period is None:
            return
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Save the reports in"), str(Path.home())
        )
        if folder:
            self.save_batch(manager.id, period.period, Path(folder))

    def save_batch(self, manager_id: int, period: tuple[date, date], folder: Path) -> str:
        """Write each report to ``folder`` and log it; say what was made and what was not."""
        from residence.consents.progress_report import progress_file_name, progress_pdf

        try:
            reports, skipped = self.services.disclosures.batch(manager_id, *period)
        except ResidenceError as error:
            QMessageBox.warning(self, self.tr("No reports"), str(error))
            return str(error)
        made = 0
        for report in reports:
            pdf = progress_pdf(report)
            path = folder / progress_file_name(
                initials(report.resident), report.consent.person_id, report.last
            )
            try:  # nobody was asked about replacing a report already in the folder: it stays
                export(path, pdf, instead=self.tr("move it out of that folder"))
            except ExportError as error:
                skipped_line = str(error)
                QMessageBox.warning(self, self.tr("Not saved"), skipped_line)
                break
            if (refused := self._log(report, pdf, "saved")) is not None:
                path.unlink(missing_ok=True)
                QMessageBox.warning(self, self.tr("Not saved"), refused)
                break
            made += 1
        summary = self.tr("{n} reports saved in {folder}.").format(n=made, folder=folder)
        if skipped:
            summary += (
                "\n\n"
                + self.tr("Not made:")
                + "\n"
                + "\n".join(f"• {s.name}: {s.reason}" for s in skipped)
            )
        QMessageBox.information(self, self.tr("Reports for a case manager"), summary)
        return summary

    # -- the disclosure log ------------------------------------------------------------------

    def _log_tab(self) -> QWidget:
        tab = QWidget()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search by resident or recipient"))
        self.search.textChanged.connect(lambda _t: self._reload_log())
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        print_log = QPushButton(self.tr("Print log…"))
        print_log.clicked.connect(self.print_log)
        top.addWidget(print_log)
        self.log_table = list_table([self.tr(c) for c in LOG_COLUMNS])
        layout = QVBoxLayout(tab)
        layout.addLayout(top)
        layout.addWidget(self.log_table, 1)
        layout.addWidget(
            QLabel(
                self.tr(
                    "Every report saved or printed for someone outside the "
                    "house. The log can't be edited."
                )
            )
        )
        return tab

    def _reload_log(self) -> None:
        self.entries = self.services.disclosures.log(self.search.text())
        fill_table(
            self.log_table,
            [
                (
                    e.at.strftime("%d %b %Y %H:%M"),
                    e.by,
                    e.resident,
                    e.recipient,
                    f"#{e.consent_id}",
                    ", ".join(c.label for c in e.categories),
                    f"{format_date(e.first)} – {format_date(e.last)}",
                    e.how,
                    e.sha256,
                )
                for e in self.entries
            ],
        )

    def print_log(self) -> None:
        from residence.consents.log_report import (
            DisclosureLogSheet,
            disclosure_log_file_name,
            disclosure_log_pdf,
        )

        from ui.pdf_view import PdfPreview

        settings = self.services.house.settings()
        sheet = DisclosureLogSheet(
            settings.name if settings else "",
            tuple(self.entries),
            self.search.text().strip(),
            self.services.clock.now(),
        )
        PdfPreview(
            disclosure_log_pdf(sheet),
            self.tr("Disclosure log"),
            disclosure_log_file_name(self.today()),
            self,
        ).exec()

    def _tell(self, message: str) -> None:
        tell(self, message)


class ScanView(QDialog):
    """A scanned image of a signed form."""

    def __init__(self, data: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Signed consent"))
        pixmap = QPixmap()
        pixmap.loadFromData(data)
        label = QLabel()
        label.setPixmap(pixmap.scaledToWidth(min(900, max(1, pixmap.width()))))
        scroll = QScrollArea()
        scroll.setWidget(label)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        open_at(self, 960, 760)
