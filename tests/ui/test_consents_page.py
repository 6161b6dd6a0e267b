"""Consents as the manager uses them: record one, revoke it, make a progress report under it and
see the save logged; and an expired consent offers to record a new one instead of a report."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from residence.consents.records import Category, ConsentInfo, ConsentStatus
from residence.residents.records import Admission, PersonDetails
from residence.workspace import Workspace, workspace_for
from ui.dialogs.consents import ConsentDialog, RevokeDialog
from ui.events import AppEvents
from ui.main_window import CONSENTS, HOME, MainWindow

from tests.conftest import TODAY, House
from tests.ui.typing import type_text


@pytest.fixture
def ws(house: House) -> Workspace:
    workspace = workspace_for(house.db)
    details = PersonDetails(
        "Ana",
        "Test",
        sobriety_date=date(2026, 1, 5),
        case_manager_name="Rae Casey",
        case_manager_org="Riverside Treatment Center",
    )
    workspace.residents.admit(Admission(details, date(2026, 4, 1)))
    return workspace


def _ana(ws: Workspace) -> int:
    return ws.queries.rows()[0].person_id


def test_recording_a_consent_for_the_case_manager(
    qtbot: QtBot, ws: Workspace, events: AppEvents
) -> None:
    dialog = ConsentDialog(ws, events, TODAY, person_id=_ana(ws))
    qtbot.addWidget(dialog)
    dialog.case_manager.setCurrentIndex(1)
    dialog._fill_from_case_manager()
    type_text(dialog.purpose, "To coordinate my treatment and housing.")
    dialog.categories[Category.ATTENDANCE].setChecked(True)
    dialog.categories[Category.CHORES].setChecked(True)
    dialog.save()
    [row] = ws.consents.rows()
    assert (row.info.recipient, row.info.categories, row.info.signed_on, row.status) == (
        "Rae Casey, Riverside Treatment Center",
        frozenset({Category.ATTENDANCE, Category.CHORES}),
        TODAY,
        ConsentStatus.ACTIVE,
    )
    assert row.info.case_manager_id == ws.queries.case_managers()[0].id


def test_a_consent_without_what_it_covers_is_refused_beside_the_field(
    qtbot: QtBot, ws: Workspace, events: AppEvents
) -> None:
    dialog = ConsentDialog(ws, events, TODAY, person_id=_ana(ws))
    qtbot.addWidget(dialog)
    type_text(dialog.recipient_name, "Rae Casey")
    type_text(dialog.purpose, "Housing")
    dialog.save()
    assert ws.consents.rows() == []
    assert "Tick at least one kind of information." in dialog.errors.message("categories")


def test_revoking_keeps_the_consent_on_file(qtbot: QtBot, ws: Workspace, events: AppEvents) -> None:
    consent = ws.consents.save(
        ConsentInfo(
            None,
            _ana(ws),
            "Rae Casey",
            "Riverside",
            "Housing",
            frozenset(Category),
            date(2026, 5, 1),
            date(2027, 5, 1),
        )
    ).value
    dialog = RevokeDialog(ws, events, consent, "Ana Test", TODAY)
    qtbot.addWidget(dialog)
    type_text(dialog.how, "In writing")
    dialog.save()
    [row] = ws.consents.rows()
    assert (row.status, row.info.revoked_on, row.info.revoked_how) == (
        ConsentStatus.REVOKED,
        TODAY,
        "In writing",
    )


def test_a_progress_report_saved_is_logged_with_its_fingerprint(
    qtbot: QtBot, ws: Workspace, events: AppEvents, tmp_path: Path
) -> None:
    import hashlib

    ws.consents.save(
        ConsentInfo(
            None,
            _ana(ws),
            "Rae Casey",
            "Riverside",
            "Housing",
            frozenset({Category.STAY}),
            date(2026, 5, 1),
            date(2027, 5, 1),
        )
    )
    window = MainWindow(ws, events, "house")
    qtbot.addWidget(window)
    window.nav.setCurrentRow(CONSENTS)
    page = window.consents
    page.table.selectRow(0)
    report = ws.disclosures.progress(page.rows[0].info.id or 0, date(2026, 5, 1), TODAY)
    preview = page.show_report(report)
    assert preview.file_name.startswith("progress-AT-") and "Ana" not in preview.file_name
    assert preview.save_to(tmp_path / preview.file_name)
    [entry] = ws.disclosures.log()
    saved = (tmp_path / preview.file_name).read_bytes()
    assert entry.sha256 == hashlib.sha256(saved).hexdigest() and entry.how == "saved"
    assert page.log_table.rowCount() == 0  # the log tab reads its rows when opened
    page.tabs.setCurrentIndex(1)
    assert page.log_table.rowCount() == 1
    preview.close()


def test_an_expired_consent_offers_to_record_a_new_one(
    qtbot: QtBot, ws: Workspace, events: AppEvents, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = ConsentInfo(
        None,
        _ana(ws),
        "Rae Casey",
        "Riverside",
        "Housing",
        frozenset(Category),
        date(2025, 5, 1),
        date(2026, 5, 1),
    )
    ws.consents.save(old)
    window = MainWindow(ws, events, "house")
    qtbot.addWidget(window)
    window.nav.setCurrentRow(CONSENTS)
    page = window.consents
    page.table.selectRow(0)
    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str, *_a: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr("ui.pages.consents.QMessageBox.question", answer)
    page.progress_report()
    assert asked and asked[0].startswith("Expired on 1 May 2026.")
    assert "Record a new consent to Rae Casey, Riverside?" in asked[0]
    assert ws.disclosures.log() == []


def test_home_lists_an_expiring_consent_and_a_resident_without_one(
    qtbot: QtBot, ws: Workspace, events: AppEvents
) -> None:
    window = MainWindow(ws, events, "house")
    qtbot.addWidget(window)
    window.nav.setCurrentRow(HOME)  # pages read their rows when opened
    assert "no consent in force" in window.home.consents.body.text()
    info = ConsentInfo(
        None,
        _ana(ws),
        "Rae Casey",
        "Riverside Treatment Center",
        "Housing",
        frozenset(Category),
        date(2026, 5, 1),
        TODAY + timedelta(days=9),
        case_manager_id=ws.queries.case_managers()[0].id,
    )
    events.data_changed.emit(ws.consents.save(info).changes)
    text = window.home.consents.body.text()
    assert "Expiring within 30 days:" in text and "expires 24 Jun 2026" in text
    assert "no consent in force" not in text


def test_a_resident_without_consent_gets_no_report_and_an_offer_to_record_one(
    qtbot: QtBot, ws: Workspace, events: AppEvents, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(ws, events, "house")
    qtbot.addWidget(window)
    window.nav.setCurrentRow(CONSENTS)
    page = window.consents
    page.who.setCurrentIndex(page.who.findData(_ana(ws)))
    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str, *_a: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr("ui.pages.consents.QMessageBox.question", answer)
    page.progress_report()
    assert asked == ["No consent on file for Ana Test.\n\nRecord a consent now?"]


def test_the_period_dialog_says_what_the_consent_leaves_out(
    qtbot: QtBot, events: AppEvents
) -> None:
    from PySide6.QtWidgets import QLabel
    from ui.dialogs.consents import PeriodDialog

    dialog = PeriodDialog(events, "Progress report", TODAY, left_out=["Chores", "Mentor check-ins"])
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert (
        "This consent does not cover, so the report leaves out: chores, mentor check-ins." in texts
    )


def test_a_report_waits_for_the_manager_to_choose_a_standing(
    qtbot: QtBot, ws: Workspace, events: AppEvents, monkeypatch: pytest.MonkeyPatch
) -> None:
    from residence.consents.records import Standing
    from ui.dialogs.consents import PeriodDialog

    ws.consents.save(
        ConsentInfo(
            None, _ana(ws), "Rae Casey", "Riverside", "Housing",
            frozenset({Category.STAY}), date(2026, 5, 1), date(2027, 5, 1),
        )
    )  # fmt: skip
    dialog = PeriodDialog(events, "Progress report", TODAY, standing=True)
    qtbot.addWidget(dialog)
    dialog.save_button.click()
    assert not dialog.result()
    assert (
        dialog.errors.message("standing")
        == "Choose the resident's overall standing for this report."
    )
    assert dialog.standing is not None
    dialog.standing.setCurrentIndex(dialog.standing.findData(Standing.CONCERNS))
    dialog.save_button.click()
    assert dialog.errors.message("statement") == "Say what the concerns are."
    type_text(dialog.statement, "Late rent twice; a plan is agreed.")
    dialog.save_button.click()
    assert dialog.result() and dialog.chosen_standing is Standing.CONCERNS

    # The page hands what was chosen to the report it shows.
    monkeypatch.setattr("ui.pages.consents.PeriodDialog", lambda *a, **k: dialog)
    monkeypatch.setattr(dialog, "exec", lambda: True)
    window = MainWindow(ws, events, "house")
    qtbot.addWidget(window)
    window.nav.setCurrentRow(CONSENTS)
    shown: list[object] = []
    monkeypatch.setattr(window.consents, "show_report", shown.append)
    window.consents.table.selectRow(0)
    window.consents.progress_report()
    [report] = shown
    assert (report.standing, report.statement) == (  # type: ignore[attr-defined]
        Standing.CONCERNS,
        "Late rent twice; a plan is agreed.",
    )


def test_a_blank_consent_form_is_one_click_from_the_consents_page(
    qtbot: QtBot, ws: Workspace, events: AppEvents, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from pypdf import PdfReader

    previews: list[tuple[bytes, str]] = []

    class Preview:
        def __init__(self, pdf: bytes, _title: str, name: str, _parent: object) -> None:
            previews.append((pdf, name))

        def exec(self) -> int:
            return 0

    monkeypatch.setattr("ui.pdf_view.PdfPreview", Preview)
    window = MainWindow(ws, events, "house")
    qtbot.addWidget(window)
    window.nav.setCurrentRow(CONSENTS)
    window.consents.print_blank_form()
    [(pdf, name)] = previews
    assert name == "consent-form-blank.pdf"
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Ana" not in text and "☒" not in text


def test_renewing_and_closing_untouched_asks_nothing(
    qtbot: QtBot, ws: Workspace, events: AppEvents, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = ConsentInfo(
        None, _ana(ws), "Rae Casey", "Riverside", "Housing", frozenset(Category),
        date(2025, 5, 1), date(2026, 5, 1),
    )  # fmt: skip
    ws.consents.save(old)
    [row] = ws.consents.rows()
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(str(a[1])))
    dialog = ConsentDialog(ws, events, TODAY, person_id=_ana(ws), like=row.info)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reject()
    assert asked == [] and not dialog.isVisible()
    dialog = ConsentDialog(ws, events, TODAY, person_id=_ana(ws), like=row.info)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.categories[Category.CHORES].setChecked(False)  # a change: it asks

    def keep_editing(*args: object, **_kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[1]))
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", keep_editing)
    dialog.reject()
    assert asked == ["Discard changes?"] and dialog.isVisible()


def test_a_progress_report_starts_from_the_residents_own_file(
    qtbot: QtBot, ws: Workspace, events: AppEvents, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str, *_a: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr("ui.pages.consents.QMessageBox.question", answer)
    window = MainWindow(ws, events, "house")
    qtbot.addWidget(window)
    window.show_resident(_ana(ws))
    [button] = [
        b
        for b in window.residents.panel.current_actions.findChildren(QPushButton)
        if b.text() == "Progress report…"
    ]
    button.click()
    assert window.nav.currentRow() == CONSENTS
    assert window.consents.who.currentData() == _ana(ws)
    assert asked and asked[0].startswith("No consent on file for Ana Test.")
