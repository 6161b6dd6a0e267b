"""Moving a house file onto a server: every record, the trail and the disclosure log copied,
held to the file, and never copied twice."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from residence.db.copying import counts
from residence.db.database import open_database
from residence.db.server import Server
from residence.residents.presence import short_name
from residence.residents.records import Admission, PersonDetails, Status
from residence.workspace import workspace_for
from tests.conftest import cli, clock_on
from tests.postgres import TestServer

pytestmark = pytest.mark.sqlite_only  # from a file to the server: both are in every test


@pytest.fixture
def empty_server(postgres: TestServer) -> Iterator[Server]:
    with postgres.admin() as admin:
        admin.execute('CREATE DATABASE "moving_in"')  # empty: no schema yet
    yield postgres.address("moving_in")
    postgres.drop("moving_in")


def test_a_house_file_moves_to_the_server_whole(
    demo_copy: Path, empty_server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    signed = b"%PDF-1.4 the signed form, scanned"
    house = open_database(demo_copy, clock=clock_on())
    consents = workspace_for(house).consents
    first = consents.rows()[0].info.id
    assert first is not None
    consents.attach_scan(first, "signed.pdf", signed)
    house.close()
    assert cli(["residents", "--db", str(demo_copy), "--status", "all"]) == 0
    in_the_file = capsys.readouterr().out
    assert cli(["migrate-to", str(empty_server), "--db", str(demo_copy)]) == 0
    said = capsys.readouterr().out
    assert "audit trail is intact" in said and "as many rows as in the file" in said
    assert cli(["residents", "--db", str(empty_server), "--status", "all"]) == 0
    assert capsys.readouterr().out == in_the_file
    source = open_database(demo_copy, clock=clock_on(), read_only=True)
    target = open_database(empty_server, clock=clock_on())
    try:
        copied = counts(target)
        assert copied == counts(source)
        assert copied["consent_scan"] and copied["disclosure"] and copied["audit_entry"]
        # New records on the server go on from the file's numbering, and the trail with them.
        workspace = workspace_for(target)
        new = workspace.residents.admit(Admission(PersonDetails("Nia", "After"), date(2026, 6, 15)))
        assert new.value == copied["person"] + 1
        scan = workspace.consents.scan(first)
        assert scan is not None and scan[2] == signed
    finally:
        source.close()
        target.close()
    assert cli(["check", "--db", str(empty_server)]) == 0


def test_moving_twice_is_refused_and_changes_nothing(
    demo_copy: Path, empty_server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(["migrate-to", str(empty_server), "--db", str(demo_copy)]) == 0
    target = open_database(empty_server, clock=clock_on())
    before = counts(target)
    target.close()
    capsys.readouterr()
    assert cli(["migrate-to", str(empty_server), "--db", str(demo_copy)]) == 1
    said = capsys.readouterr().err.strip()
    assert "has a house called Magnolia House already" in said and "Nothing was copied" in said
    assert len(said.splitlines()) == 1
    target = open_database(empty_server, clock=clock_on())
    assert counts(target) == before
    target.close()


def test_a_house_changed_behind_the_apps_back_is_not_copied(
    demo_copy: Path, empty_server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    connection = sqlite3.connect(demo_copy)
    connection.execute("UPDATE person SET first_name = 'Someone' WHERE id = 2")
    connection.commit()
    connection.close()
    assert cli(["migrate-to", str(empty_server), "--db", str(demo_copy)]) == 1
    assert "doesn't pass `residence check`" in capsys.readouterr().err
    target = open_database(empty_server, clock=clock_on())
    assert not any(counts(target).values())
    target.close()


def test_migrate_to_wants_a_server_address(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as usage:
        cli(["migrate-to", "other.sqlite3", "--db", "house.sqlite3"])
    assert usage.value.code == 2
    assert "is not a server address" in capsys.readouterr().err


def test_a_copy_that_does_not_hold_up_is_never_kept(
    demo_copy: Path,
    empty_server: Server,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A row lost on the way (a fault between the two databases, played here) is found before
    the copy commits: the server is left without it, and a second try starts clean."""
    from residence.db import copying

    real = copying._copy_table

    def losing_one(reading: object, writing: object, table: object, renumbering: object) -> int:
        copied = real(reading, writing, table, renumbering)  # type: ignore[arg-type]
        if getattr(table, "name", "") == "outside_meeting":
            writing.execute(copying.text("DELETE FROM outside_meeting WHERE id = 1"))  # type: ignore[attr-defined]
        return copied

    monkeypatch.setattr(copying, "_copy_table", losing_one)
    assert cli(["migrate-to", str(empty_server), "--db", str(demo_copy)]) == 1
    said = capsys.readouterr().err
    assert "didn't hold up (not as many rows as the file in outside_meeting)" in said
    target = open_database(empty_server, clock=clock_on(), choose_house=False)
    try:
        assert sum(counts(target).values()) == 0
    finally:
        target.close()
    monkeypatch.undo()
    assert cli(["migrate-to", str(empty_server), "--db", str(demo_copy)]) == 0


def _older_house(tmp_path: Path) -> Path:
    """A house file written by the first schema, upgraded: its records never name a house."""
    path = tmp_path / "older.sqlite3"
    shutil.copy(Path(__file__).parent.parent / "fixtures" / "schema-0001.sqlite3", path)
    open_database(path, clock=clock_on(date(2026, 6, 15))).close()
    return path


def test_a_second_house_joins_the_houses_on_the_server_numbered_on_from_theirs(
    demo_copy: Path, empty_server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    older = _older_house(tmp_path)
    assert cli(["migrate-to", str(empty_server), "--db", str(demo_copy)]) == 0
    capsys.readouterr()
    assert cli(["residents", "--db", str(older), "--status", "all"]) == 0
    in_the_file = capsys.readouterr().out
    on_server = open_database(empty_server, clock=clock_on(), choose_house=False)
    before, demo_people = counts(on_server), counts(on_server)["person"]
    on_server.close()

    assert cli(["migrate-to", str(empty_server), "--db", str(older)]) == 0
    said = capsys.readouterr().out
    assert "audit trail is intact" in said
    assert f"resident #1 is #{demo_people + 1}" in said

    # Every record is there once, in the server's numbers, and the trail says so: check
    # replays both houses' trails against their records.
    assert cli(["check", "--db", str(empty_server)]) == 0
    capsys.readouterr()
    source = open_database(older, clock=clock_on(), read_only=True)
    target = open_database(empty_server, clock=clock_on(), choose_house=False)
    try:
        file_counts, now = counts(source), counts(target)
        assert {t: now[t] - before[t] for t in now} == file_counts
    finally:
        source.close()
        target.close()
    assert cli(["houses", "--db", str(empty_server)]) == 0
    assert {"Magnolia House", "Fixture House"} <= set(capsys.readouterr().out.split("\n"))
    args = ["residents", "--db", str(empty_server), "--house", "Fixture House", "--status", "all"]
    assert cli(args) == 0
    moved = capsys.readouterr().out
    assert _without_numbers(moved) == _without_numbers(in_the_file)
    assert moved != in_the_file  # the numbers did move

    # The house goes on working there: a new resident gets the next number, on its trail.
    target = open_database(empty_server, clock=clock_on(), house="Fixture House")
    try:
        new = workspace_for(target).residents.admit(
            Admission(PersonDetails("Nia", "After"), date(2026, 6, 15))
        )
        assert new.value == now["person"] + 1
    finally:
        target.close()
    assert cli(["check", "--db", str(empty_server)]) == 0

    # And twice is refused, by the house's name.
    capsys.readouterr()
    assert cli(["migrate-to", str(empty_server), "--db", str(older)]) == 1
    assert "has a house called Fixture House already" in capsys.readouterr().err


def _without_numbers(listing: str) -> list[str]:
    return [
        " ".join(w for w in line.split() if not w.strip("#").isdigit())
        for line in listing.splitlines()
    ]


def test_a_house_with_final_minutes_moves_beside_another_with_its_roll_call_renumbered(
    demo_copy: Path, empty_server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(["migrate-to", str(empty_server), "--db", str(_older_house(tmp_path))]) == 0
    assert cli(["migrate-to", str(empty_server), "--db", str(demo_copy)]) == 0
    assert "numbered on from theirs" in capsys.readouterr().out
    assert cli(["check", "--db", str(empty_server)]) == 0
    target = open_database(empty_server, clock=clock_on(), house="Magnolia House")
    try:
        workspace = workspace_for(target)
        names = {
            d.person_id: short_name(
                d.details.first_name, d.details.last_name, d.details.preferred_name
            )
            for d in workspace.queries.details(Status.ALL)
        }
        kept = [
            view
            for event in workspace.calendar.between(date(2026, 1, 1), date(2026, 6, 15))
            if event.meeting_id is not None
            and (view := workspace.minutes.view(event.meeting_id)).records_kept
        ]
        assert kept  # the demo's final minutes, as they were kept when finalised
        for view in kept:  # each line of a kept roll call is still the resident it names
            assert all(names[line.person_id] == line.name for line in view.roll_call)
    finally:
        target.close()


def test_a_number_given_again_after_a_removal_names_its_house_again() -> None:
    """SQLite gives a removed row's number to the next one: replay starts that record afresh,
    so the house an older file never mentioned is said again in its first entry."""
    import json
    from datetime import datetime

    from residence.db.copying import tables
    from residence.db.renumbering import Renumbering

    moved = ("house", "person", "audit_entry", "chore", "chore_week", "chore_assignment")
    moving = Renumbering(dict.fromkeys(moved, 10), tables(), {})

    def entry(number: int, action: str, changes: dict[str, list[object]]) -> dict[str, object]:
        return moving.row("audit_entry", {
            "id": number, "at": datetime(2026, 1, 5, 9), "os_user": "dana", "manager": "",
            "action": action, "record": "chore_assignment", "record_id": "7", "person_id": 3,
            "changes": json.dumps(changes), "house_id": 1, "db_role": "",
            "previous_hash": "", "hash": "",
        })  # fmt: skip

    first = entry(1, "added", {"id": [None, 7], "chore_id": [None, 2]})
    gone = entry(2, "removed", {"id": [7, None], "chore_id": [2, None]})
    again = entry(3, "added", {"id": [None, 7], "chore_id": [None, 4]})
    for added in (first, again):
        changes = json.loads(str(added["changes"]))
        assert changes["house_id"] == [None, 11] and changes["chore_id"][1] in (12, 14)
        assert added["record_id"] == "17" and added["person_id"] == 13
    assert "house_id" not in json.loads(str(gone["changes"]))
    assert again["previous_hash"] == gone["hash"] != ""  # one chain, sealed again
