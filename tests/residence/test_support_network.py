"""The support network: who a resident can call, whether the house may contact them (only
under a consent naming them, while it is in force), kept when taken off; the wallet card."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from residence.consents.records import Category, ConsentInfo
from residence.db import orm
from residence.errors import Conflict, ValidationError
from residence.recovery.records import ContactDraft, Tie
from residence.residents.records import Admission, PersonDetails
from residence.safety.audit import AuditTrail
from residence.workspace import Workspace, workspace_for
from tests.conftest import TODAY, House, cli


@pytest.fixture
def ws(house: House) -> Workspace:
    return workspace_for(house.db)


def _admit(ws: Workspace, first: str = "Ana") -> int:
    details = PersonDetails(first, "Quill", sponsor_name="Bo Reyes", sponsor_phone="555-0111")
    return ws.residents.admit(Admission(details, TODAY - timedelta(days=20))).value


def _consent_to(ws: Workspace, person: int, recipient: str, expires: date) -> int:
    info = ConsentInfo(None, person, recipient, "", "So the house may call my mother.",
                       frozenset({Category.STAY}), TODAY - timedelta(days=5), expires)  # fmt: skip
    saved = ws.consents.save(info).value
    assert saved.id is not None
    return saved.id


def test_the_house_may_call_only_under_a_consent_in_force(ws: Workspace) -> None:
    ana = _admit(ws)
    consent = _consent_to(ws, ana, "Rosa Quill", TODAY + timedelta(days=90))
    ws.network.add(ana, ContactDraft("Rosa Quill", Tie.FAMILY, "mother", "555-0142", consent))
    ws.network.add(ana, ContactDraft("Nia Vance", Tie.FRIEND, "", "555-0132"))
    mother, friend = ws.network.network(ana)
    assert (mother.may_contact, friend.may_contact) == (True, False)
    assert mother.contact_rule == (
        f"May be contacted about the resident: consent #{consent}, "
        f"until {(TODAY + timedelta(days=90)):%-d %b %Y}."
    )
    assert friend.contact_rule.startswith("No consent names them")
    ws.consents.revoke(consent, TODAY, "In writing")
    [mother, _friend] = ws.network.network(ana)
    assert not mother.may_contact
    assert mother.contact_rule.startswith(f"Consent #{consent} is no longer in force (revoked)")


def test_a_consent_to_someone_else_does_not_let_the_house_call_them(ws: Workspace) -> None:
    ana = _admit(ws)
    to_manager = _consent_to(ws, ana, "Rae Casey", TODAY + timedelta(days=90))
    with pytest.raises(ValidationError, match="is to Rae Casey, not to Uncle Bob"):
        ws.network.add(ana, ContactDraft("Uncle Bob", Tie.FAMILY, "uncle", "555-0101", to_manager))
    mother = _consent_to(ws, ana, "Rosa Quill (mother)", TODAY + timedelta(days=90))
    ws.network.add(ana, ContactDraft("rosa  QUILL", Tie.FAMILY, "mother", "555-0142", mother))
    [rosa] = ws.network.network(ana)
    assert rosa.may_contact  # the name as the consent gives it, case and spacing aside
    for not_her in ("Rosa", "Rosa Quil"):
        with pytest.raises(ValidationError, match=f"not to {not_her}:"):
            ws.network.add(ana, ContactDraft(not_her, Tie.FAMILY, "", "", mother))
    cousin = _consent_to(ws, ana, "Rosa Quill Martinez", TODAY + timedelta(days=90))
    with pytest.raises(ValidationError, match="is to Rosa Quill Martinez, not to Rosa Quill"):
        ws.network.add(ana, ContactDraft("Rosa Quill", Tie.FAMILY, "", "", cousin))
    with pytest.raises(ValidationError, match=r"not to Rosa Q\."):
        ws.network.change(rosa.id, ContactDraft("Rosa Q.", Tie.FAMILY, "", "", mother), None)


def test_an_expired_consent_no_longer_lets_the_house_call(house: House, ws: Workspace) -> None:
    ana = _admit(ws)
    consent = _consent_to(ws, ana, "Rosa Quill", TODAY + timedelta(days=1))
    ws.network.add(ana, ContactDraft("Rosa Quill", Tie.FAMILY, "mother", "555-0142", consent))
    house.clock.move_to(house.clock.now() + timedelta(days=2))
    [mother] = workspace_for(house.db).network.network(ana)
    assert not mother.may_contact and "(expired)" in mother.contact_rule


def test_another_residents_consent_is_refused(ws: Workspace) -> None:
    ana, bo = _admit(ws), _admit(ws, "Bo")
    theirs = _consent_to(ws, bo, "Rosa Quill", TODAY + timedelta(days=90))
    with pytest.raises(ValidationError, match="another resident's"):
        ws.network.add(ana, ContactDraft("Rosa Quill", Tie.FAMILY, "", "", theirs))
    with pytest.raises(ValidationError, match="Give the contact's name"):
        ws.network.add(ana, ContactDraft("  ", Tie.FAMILY))
    assert ws.network.network(ana) == []


def test_taken_off_the_network_is_kept_with_why(house: House, ws: Workspace) -> None:
    ana = _admit(ws)
    added = ws.network.add(ana, ContactDraft("Nia Vance", Tie.FRIEND, "", "555-0132")).value
    with pytest.raises(ValidationError, match="Say why"):
        ws.network.remove(added.id, " ")
    ws.network.remove(added.id, "Using again; Ana asked")
    assert ws.network.network(ana) == []
    [kept] = ws.network.network(ana, removed=True)
    assert (kept.removed_on, kept.removed_why) == (TODAY, "Using again; Ana asked")
    with pytest.raises(Conflict, match="taken off"):
        ws.network.change(added.id, ContactDraft("Nia Vance", Tie.FRIEND), None)
    assert AuditTrail(house.db).differences() == []


def test_a_correction_from_an_older_reading_is_refused(ws: Workspace) -> None:
    ana = _admit(ws)
    ws.network.add(ana, ContactDraft("Nia Vance", Tie.FRIEND, "", "555-0132"))
    [read] = ws.network.network(ana)
    ws.network.change(read.id, ContactDraft("Nia Vance", Tie.FRIEND, "", "555-0199"), read.version)
    with pytest.raises(Conflict, match="phone: 555-0199"):
        ws.network.change(read.id, ContactDraft("Nia Vance", Tie.FRIEND, "sister"), read.version)
    [now] = ws.network.network(ana)
    assert (now.draft.phone, now.draft.relation) == ("555-0199", "")


def test_the_database_keeps_a_removal_with_its_reason(house: House, ws: Workspace) -> None:
    ana = _admit(ws)
    ws.network.add(ana, ContactDraft("Nia Vance", Tie.FRIEND))
    with pytest.raises(IntegrityError), house.db.write() as session:
        session.execute(update(orm.SupportContact).values(removed_on=TODAY))
    with pytest.raises(IntegrityError), house.db.write() as session:
        session.execute(update(orm.SupportContact).values(tie="enemy"))


def test_the_wallet_card(ws: Workspace, db_arg: str, tmp_path: Path) -> None:
    ana = _admit(ws)
    for number in range(8):
        ws.network.add(ana, ContactDraft(f"Friend {number}", Tie.FRIEND, "", f"555-01{number}0"))
    ws.network.add(ana, ContactDraft("No Phone", Tie.FAMILY, "cousin"))
    out = tmp_path / "card.pdf"
    assert (
        cli(["report", "wallet-card", "--resident", str(ana), "--db", db_arg, "-o", str(out)]) == 0
    )
    [page] = PdfReader(out).pages
    text = page.extract_text()
    # The sponsor first, then the network in order: seven lines fit, the rest is said.
    assert "Bo Reyes (sponsor)" in text and "555-0111" in text
    assert all(f"Friend {n} (sober friend)" in text for n in range(6))
    assert "Friend 6" not in text and "No Phone" not in text
    assert "2 more with a phone number didn't fit" in text
    assert "988" in text and "Magnolia House" in text


def test_a_card_of_long_names_in_several_scripts_prints_nothing_over_anything() -> None:
    from datetime import datetime

    from residence.recovery.card_report import WalletCard, wallet_card_pdf
    from residence.recovery.records import SupportContact
    from tests.residence.pdf_layout import layout_problems

    names = (
        "Александра Константинопольская-Воскресенская",
        "Trần Quốc Khải Nguyễn Thị Minh-Châu",
        "Hubert Blaine Wolfeschlegelsteinhausenbergerdorff",
        "María José Peña-Ibáñez de la Fuente y Oyelaran",
        "Zoë O'Brien-Łukasz",
        "Christopher Montgomery-Abernathy-Featherstonehaugh",
        "Ωμέγα Παπαδόπουλος-Χατζηγεωργίου",
    )
    contacts = [
        SupportContact(
            n,
            1,
            ContactDraft(name, Tie.COUNSELLOR, "", "+1 (555) 010-0199 ext. 4321"),
            TODAY,
            None,
            "",
            False,
            "",
        )
        for n, name in enumerate(names)
    ]
    card = WalletCard.of(
        "The Very Long Name Recovery Residence of the Greater Springfield Area",
        "555-0100",
        names[0],
        ("Montgomery-Abernathy-Featherstonehaugh-Vanderbilt", "555-0111"),
        contacts,
        datetime(2026, 6, 15, 10),
    )
    assert layout_problems(wallet_card_pdf(card)) == []


def test_a_long_number_goes_on_the_card_whole(ws: Workspace, tmp_path: Path, db_arg: str) -> None:
    ana = _admit(ws)
    number = "+1 (555) 010-0199 extension 4321, then press 2 for the night desk"
    ws.network.add(ana, ContactDraft("Ines Ibarra", Tie.COUNSELLOR, "", number))
    out = tmp_path / "card.pdf"
    assert (
        cli(["report", "wallet-card", "--resident", str(ana), "--db", db_arg, "-o", str(out)]) == 0
    )
    text = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert number in text and "…" not in text
