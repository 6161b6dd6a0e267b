"""``check`` holds every record to the audit trail: a record changed, added or removed outside
the app, a trail rewritten, a byte flipped on the disk — each is found, and the report names
the record and the field, never what it holds."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from residence.db.audit import GENESIS, seal
from residence.db.database import Location
from residence.residents.records import Admission, PersonDetails
from residence.safety.encryption import encrypt
from residence.workspace import open_workspace
from tests.conftest import House, cli, clock_on
from tests.outside import outside

NOTE = 'Says "call my sister first" every time'  # quoted: only the record holds it raw


def _admit(house: House) -> int:
    details = PersonDetails("Ana", "Quill", notes=NOTE)
    return house.residents.admit(Admission(details, date(2026, 6, 1))).value


def _sql(where: Location, script: str) -> None:
    outside(where, script)


def _check(path: Location, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = cli(["check", "--db", str(path)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_a_house_the_app_wrote_passes_and_says_what_was_compared(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, said = _check(demo_copy, capsys)
    assert code == 0 and "every record is what the trail says" in said


@pytest.mark.parametrize(
    ("edit", "found"),
    [
        ("UPDATE person SET first_name = 'Mallory' WHERE id = {ana}", "first name changed"),
        ("UPDATE stay SET move_in = '2026-01-01' WHERE person_id = {ana}", "move in changed"),
        (
            "INSERT INTO room (house_id, name, position) VALUES (1, 'Mallory', 9)",
            "room #3 was added outside the app",
        ),
        ("DELETE FROM stay_phase WHERE stay_id IN (SELECT id FROM stay)", "removed outside"),
    ],
)
def test_a_record_changed_outside_the_app_fails_the_check(
    house: House, edit: str, found: str, capsys: pytest.CaptureFixture[str]
) -> None:
    ana = _admit(house)
    path = house.db.location
    house.db.close()
    assert _check(path, capsys)[0] == 0
    _sql(path, edit.format(ana=ana))
    code, said = _check(path, capsys)
    assert code == 1 and found in said
    assert "Mallory" not in said and "2026-01-01" not in said  # where, never what


def test_deleting_the_whole_trail_and_its_anchor_shows(
    house: House, capsys: pytest.CaptureFixture[str]
) -> None:
    _admit(house)
    path = house.db.location
    house.db.close()
    if isinstance(path, Path):
        _sql(
            path,
            "DROP TRIGGER audit_entry_append_only_delete; DELETE FROM audit_entry; "
            "CREATE TRIGGER audit_entry_append_only_delete BEFORE DELETE ON audit_entry "
            "BEGIN SELECT RAISE(ABORT, 'The audit trail cannot be changed.'); END",
        )
        path.with_name(path.name + ".audit-head").unlink()
    else:  # the table's owner can switch the guard off and on again
        _sql(
            path,
            "ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only; "
            "DELETE FROM audit_entry; "
            "ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only",
        )
    code, said = _check(path, capsys)
    assert code == 1 and "records differ" in said and "was added outside the app" in said


def test_emptying_the_disclosure_log_shows_even_with_its_guard_put_back(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _sql(
        demo_copy,
        "DROP TRIGGER disclosure_append_only_delete; DELETE FROM disclosure; "
        "CREATE TRIGGER disclosure_append_only_delete BEFORE DELETE ON disclosure "
        "BEGIN SELECT RAISE(ABORT, 'The disclosure log cannot be changed.'); END",
    )
    code, said = _check(demo_copy, capsys)
    assert code == 1 and "disclosure #1 was removed outside the app" in said


@pytest.mark.sqlite_only  # the anchor is a file beside the house file
def test_a_rewritten_and_resealed_trail_is_caught_by_its_anchor(
    house: House, capsys: pytest.CaptureFixture[str]
) -> None:
    """A forger who changes a record and its entries, then re-seals the whole chain with the
    app's own (unkeyed) hash, leaves a chain that verifies: the anchor beside the file
    still remembers the newest entry as it was."""
    ana = _admit(house)
    path = house.db.file
    house.db.close()
    connection = sqlite3.connect(path)
    connection.row_factory = sqlite3.Row
    connection.executescript("DROP TRIGGER audit_entry_append_only_update")
    previous = GENESIS
    for row in connection.execute("SELECT * FROM audit_entry ORDER BY id").fetchall():
        entry = dict(row) | {"at": datetime.fromisoformat(row["at"])}
        changes = json.loads(entry["changes"])
        if entry["record"] == "person" and "first_name" in changes:
            changes["first_name"][1] = "Mallory"
        entry |= {"changes": json.dumps(changes, ensure_ascii=False, sort_keys=True)}
        entry |= {"previous_hash": previous, "hash": seal(entry | {"previous_hash": previous})}
        previous = entry["hash"]
        connection.execute(
            "UPDATE audit_entry SET changes = ?, previous_hash = ?, hash = ? WHERE id = ?",
            (entry["changes"], entry["previous_hash"], entry["hash"], entry["id"]),
        )
    connection.execute("UPDATE person SET first_name = 'Mallory' WHERE id = ?", (ana,))
    connection.commit()
    connection.close()
    code, said = _check(path, capsys)
    assert code == 1 and "is missing or different" in said


def _flip(path: Path, needle: bytes, xor: int) -> None:
    data = bytearray(path.read_bytes())
    at = data.find(needle)
    assert at > 0 and data.find(needle, at + 1) < 0  # the record's copy, the only raw one
    data[at + 1] ^= xor
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("xor", "found"),
    [(0x01, "notes changed outside the app"), (0x80, "is damaged and can't be read (notes)")],
)
@pytest.mark.sqlite_only  # the bytes of the file on the disk
def test_a_flipped_byte_in_a_record_is_found_and_never_shown(
    house: House, tmp_path: Path, xor: int, found: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _admit(house)
    house.db.close()
    flat = tmp_path / "flat.sqlite3"  # one file, no write-ahead log: the bytes on the disk
    _sql(house.db.file, f"VACUUM INTO '{flat}'")
    _flip(flat, b'"call my sister first"', xor)
    code, said = _check(flat, capsys)
    assert code == 1 and "resident #1" in said and found in said
    assert cli(["residents", "--db", str(flat), "--status", "all"]) in (0, 1)
    said = "".join(capsys.readouterr())
    assert "sister" not in said and "Traceback" not in said


@pytest.mark.sqlite_only  # a server refuses a date that isn't one
def test_an_unreadable_record_stops_a_listing_with_the_way_out(
    house: House, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _admit(house)
    house.db.close()
    _sql(house.db.file, "UPDATE stay SET move_in = '2026-0x-01 call my sister'")
    assert cli(["residents", "--db", str(house.db.file)]) == 1
    said = capsys.readouterr().err
    assert "can't be read: the file is damaged" in said and "residence check" in said
    assert "sister" not in said


def test_an_older_house_is_sealed_as_it_is_upgraded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file from before the trail has records the trail never saw: upgrading gives each its
    "on file" entry, so check passes, and holds them from then on."""
    old = tmp_path / "old.sqlite3"
    shutil.copy(Path(__file__).parents[1] / "fixtures" / "schema-0001.sqlite3", old)
    open_workspace(old, clock=clock_on()).close()  # the app opens it: upgraded
    connection = sqlite3.connect(old)
    on_file = connection.execute("SELECT count(*) FROM audit_entry WHERE action = 'on file'")
    assert on_file.fetchone()[0] > 0
    connection.close()
    capsys.readouterr()
    assert _check(old, capsys)[0] == 0
    _sql(old, "UPDATE room SET name = 'Forged' WHERE id = 1")
    code, said = _check(old, capsys)
    assert code == 1 and "room #1: name changed outside the app" in said


def test_an_upgrade_that_puts_every_record_in_one_house_writes_no_entry_and_holds_them(
    demo_house: Location, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every record of an older file is its one house's: the trail needn't say so record by
    record (hundreds of thousands of entries in a ten-year house), and a record moved to
    another house behind the app's back is still found."""
    from residence.db.replay import IMPLIED

    assert IMPLIED["house_id"] == 1
    _sql(
        demo_house,
        "INSERT INTO house (name, address, phone, manager_name, manager_role, report_names, "
        "week_starts_on, mentor_min_days_sober, mentor_min_phase, mentor_max_mentees, "
        "mentor_check_in_days, alumni_may_mentor, peers_may_mentor, redisclosure_notice) "
        "SELECT 'Elsewhere', address, phone, manager_name, manager_role, report_names, "
        "week_starts_on, mentor_min_days_sober, mentor_min_phase, mentor_max_mentees, "
        "mentor_check_in_days, alumni_may_mentor, peers_may_mentor, redisclosure_notice "
        "FROM house WHERE id = 1; "
        "UPDATE outside_meeting SET house_id = (SELECT max(id) FROM house) "
        "WHERE id = (SELECT min(id) FROM outside_meeting)",
    )
    code, said = _check(demo_house, capsys)
    assert code == 1 and "house id changed outside the app" in said


def test_an_encrypted_house_edited_without_its_passphrase_is_refused(
    demo_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """SQLCipher seals every page with an HMAC under a key derived from the passphrase: a
    byte changed by anyone without it makes the page fail, so the trail can't be re-sealed."""
    secret = "correct horse battery staple"
    encrypt(demo_copy, secret)
    monkeypatch.setenv("RESIDENCE_PASSPHRASE", secret)
    assert _check(demo_copy, capsys)[0] == 0
    data = bytearray(demo_copy.read_bytes())
    data[len(data) // 2] ^= 0x01
    demo_copy.write_bytes(bytes(data))
    code, said = _check(demo_copy, capsys)
    assert code == 1 and "damaged" in said
