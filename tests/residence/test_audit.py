"""The audit trail: every change with who, when, before and after; append-only; and a chain
of hashes that shows any tampering to ``residence check``."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from residence.residents.records import Admission, PersonDetails
from residence.workspace import Workspace, workspace_for
from tests.conftest import TODAY, House, cli
from tests.outside import REFUSED, engine_of, outside


@pytest.fixture
def ws(house: House) -> Workspace:
    return workspace_for(house.db)


def test_a_change_is_recorded_with_who_and_before_and_after(ws: Workspace) -> None:
    ana = ws.residents.admit(Admission(PersonDetails("Ana", "Test"), date(2026, 6, 1))).value
    details = ws.queries.detail(ana).details
    ws.residents.update_details(ana, replace(details, phone="555-0101"))
    [newest, *_] = ws.audit.entries(person_id=ana)
    assert (newest.action, newest.record, newest.record_id) == ("changed", "person", str(ana))
    assert newest.changes == {"phone": ["", "555-0101"]}
    assert newest.manager == "Dana Test" and newest.os_user
    records = {e.record for e in ws.audit.entries(person_id=ana)}
    assert {"person", "stay", "stay_phase"} <= records  # the admission, all of it
    assert ws.audit.verify() == ""


def test_the_trail_filters_by_period(ws: Workspace) -> None:
    ws.residents.admit(Admission(PersonDetails("Ana", "Test"), date(2026, 6, 1)))
    assert ws.audit.entries(first=TODAY, last=TODAY)
    assert ws.audit.entries(last=date(2000, 1, 1)) == []


def test_the_trail_cannot_be_edited_and_tampering_shows(
    ws: Workspace, house: House, capsys: pytest.CaptureFixture[str]
) -> None:
    ana = ws.residents.admit(Admission(PersonDetails("Ana", "Test"), date(2026, 6, 1))).value
    ws.residents.update_details(ana, replace(ws.queries.detail(ana).details, phone="555-0101"))
    with pytest.raises(REFUSED, match="audit trail cannot be changed"):
        outside(house.db.location, "UPDATE audit_entry SET manager = 'someone else'")
    # Someone who takes the guard off and edits an entry is still found out.
    disarm = {
        "sqlite": "DROP TRIGGER audit_entry_append_only_update",
        "postgresql": "ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only",
    }[engine_of(house.db.location)]
    outside(house.db.location, f"{disarm}; UPDATE audit_entry SET changes = '{{}}' WHERE id = 2")
    assert ws.audit.verify() == "entry 2 was changed after it was written"
    where = str(house.db)
    ws.close()
    assert cli(["check", "--db", where]) == 1
    assert "audit trail was tampered with: entry 2" in capsys.readouterr().err


@pytest.mark.sqlite_only  # the anchor is a file beside the house file
def test_cutting_off_the_newest_entries_shows(ws: Workspace, house: House) -> None:
    # The chain alone can't see its newest entries cut off: the anchor beside the file can.
    ana = ws.residents.admit(Admission(PersonDetails("Ana", "Test"), date(2026, 6, 1))).value
    ws.residents.update_details(ana, replace(ws.queries.detail(ana).details, phone="555-0101"))
    newest = ws.audit.entries()[0].id
    connection = sqlite3.connect(house.db.file)
    try:
        connection.execute("DROP TRIGGER audit_entry_append_only_delete")
        connection.execute("DELETE FROM audit_entry WHERE id = ?", (newest,))
        connection.commit()
    finally:
        connection.close()
    assert ws.audit.verify() == (
        f"entry {newest}, written on this computer, is missing or different (the trail now ends "
        f"at entry {newest - 1}): its newest entries were removed, or an older copy of the house "
        "file was put in its place by hand"
    )
    # The next save doesn't hide it: the anchor stays on the missing entry.
    ws.residents.update_details(ana, replace(ws.queries.detail(ana).details, phone="555-0102"))
    assert ws.audit.verify().startswith(f"entry {newest}, written on this computer, is missing")


@pytest.mark.sqlite_only
def test_the_anchor_follows_every_commit(ws: Workspace, house: House) -> None:
    ws.residents.admit(Admission(PersonDetails("Ana", "Test"), date(2026, 6, 1)))
    anchor = Path(house.db.file).with_name(Path(house.db.file).name + ".audit-head")
    number, digest = anchor.read_text().split()
    newest = ws.audit.entries()[0]
    assert int(number) == newest.id
    assert ws.audit.verify() == ""
    anchor.unlink()  # a lost anchor: the chain is still checked, the cut-off can't be
    assert ws.audit.verify() == ""
    assert digest


@pytest.mark.parametrize(
    "defused",
    [
        "DROP TRIGGER audit_entry_append_only_update",
        "DROP TRIGGER disclosure_append_only_delete",
        "DROP TRIGGER stay_no_overlap_insert",
        # the same name, refusing nothing
        "DROP TRIGGER audit_entry_append_only_delete; CREATE TRIGGER "
        "audit_entry_append_only_delete BEFORE DELETE ON audit_entry BEGIN SELECT 1; END",
    ],
)
def test_check_notices_when_the_files_safeguards_are_gone(
    demo_copy: Path, defused: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(["check", "--db", str(demo_copy)]) == 0
    connection = sqlite3.connect(demo_copy)
    connection.executescript(defused)
    connection.close()
    assert cli(["check", "--db", str(demo_copy)]) == 1
    assert "safeguards were removed" in capsys.readouterr().err


def test_every_safeguard_check_looks_for_is_in_a_new_house(house: House) -> None:
    from residence.db.server import APPEND_ONLY, GUARDS, NO_OVERLAP
    from residence.safety.audit import SAFEGUARDS, AuditTrail

    with house.db.engine.connect() as connection:
        if house.db.path is not None:
            query = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
            assert set(connection.scalars(text(query))) == SAFEGUARDS  # a new one goes there too
        else:
            query = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
            triggers = {f"{t}_append_only{end}" for t in APPEND_ONLY for end in ("", "_truncate")}
            triggers |= {name for _table, name in GUARDS}  # what keeps the houses apart
            announcing = {"audit_entry_announce"}  # not a safeguard: the news of each save
            assert set(connection.scalars(text(query))) == triggers | announcing
            query = "SELECT conname FROM pg_constraint WHERE contype = 'x'"
            assert set(connection.scalars(text(query))) == set(NO_OVERLAP.values())
    assert AuditTrail(house.db).missing_safeguards() == []
