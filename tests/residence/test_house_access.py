"""Who sees which house on a server is the server's rule, not only the window's: a manager's
own database role, reaching the server with raw SQL as psql would, can neither read nor
change another house's residents, stays, consents, disclosures or trail; an operator's role
sees every house; the trail names the role that wrote each entry."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import psycopg
import pytest

from residence.db.database import open_database
from residence.house.records import HouseSettings
from residence.house.service import HouseService
from residence.residents.records import Admission, PersonDetails, Transfer
from residence.workspace import workspace_for
from tests.conftest import NOW, cli, clock_on
from tests.outside import libpq_address
from tests.postgres import TestServer

pytestmark = pytest.mark.sqlite_only  # not parametrized: every test here is on the server


@pytest.fixture
def two_houses(postgres: TestServer) -> Iterator[tuple[TestServer, str]]:
    """The demo house (Magnolia…) and Birch House, with Zed Birchwood living there, on one
    server database prepared by `server init`; dana manages Birch only."""
    name = postgres.new_database(template=postgres.demo_template(NOW))
    admin = postgres.address(name)
    assert cli(["server", "init", str(admin)]) == 0
    database = open_database(admin, clock=clock_on(), choose_house=False)
    try:
        birch = HouseService(database).add_house(HouseSettings("Birch House"), [("Loft", ["1"])])
        work = workspace_for(database.in_house(birch.value))
        work.residents.admit(Admission(PersonDetails("Zed", "Birchwood"), date(2026, 5, 1)))
    finally:
        database.close()
    assert cli(["server", "add-manager", "dana", "--house", "Birch House", "--db", str(admin)]) == 0
    yield postgres, name
    postgres.drop(name)


def _as(server: TestServer, database: str, role: str) -> psycopg.Connection[tuple[object, ...]]:
    return psycopg.connect(libpq_address(server.address(database, user=role)), autocommit=True)


def _one(connection: psycopg.Connection[tuple[object, ...]], query: str) -> int:
    """The count ``query`` gives."""
    row = connection.execute(query.encode()).fetchone()
    assert row is not None and isinstance(row[0], int)
    return row[0]


def test_a_managers_role_reads_only_its_own_houses_records(
    two_houses: tuple[TestServer, str],
) -> None:
    server, name = two_houses
    with _as(server, name, "dana") as dana:
        assert dana.execute(b"SELECT name FROM house").fetchall() == [("Birch House",)]
        assert dana.execute(b"SELECT first_name FROM person").fetchall() == [("Zed",)]
        for table in ("consent", "consent_scan", "disclosure", "outside_meeting", "minutes"):
            assert _one(dana, f"SELECT count(*) FROM {table}") == 0, table
        assert _one(dana, "SELECT count(*) FROM stay") == 1
        assert _one(dana, "SELECT count(DISTINCT house_id) FROM audit_entry") == 1
    with _as(server, name, "residence_admin") as admin:  # the demo house has them all
        assert _one(admin, "SELECT count(*) FROM consent") > 0
        assert _one(admin, "SELECT count(*) FROM disclosure") > 0


def test_a_managers_role_cannot_change_or_add_to_another_house(
    two_houses: tuple[TestServer, str],
) -> None:
    server, name = two_houses
    with _as(server, name, "dana") as dana:
        # Invisible rows are not there to change: nothing happens, nothing is said.
        changed = dana.execute(b"UPDATE person SET notes = 'x' WHERE first_name <> 'Zed'")
        assert changed.rowcount == 0
        assert dana.execute(b"DELETE FROM chore_assignment").rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            dana.execute(b"INSERT INTO room (house_id, name, position) VALUES (1, 'Spy', 9)")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            dana.execute(b"UPDATE stay SET house_id = 1")  # moving its own stay into Magnolia
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            dana.execute(b"ALTER TABLE consent DISABLE ROW LEVEL SECURITY")  # not the owner
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            dana.execute(b"UPDATE alembic_version SET version_num = '9999'")
    with _as(server, name, "residence_admin") as admin:
        assert _one(admin, "SELECT count(*) FROM person WHERE notes = 'x'") == 0
        assert _one(admin, "SELECT count(*) FROM room WHERE name = 'Spy'") == 0


def test_a_manager_cannot_reach_another_houses_people_by_a_back_door(
    two_houses: tuple[TestServer, str],
) -> None:
    server, name = two_houses
    with _as(server, name, "residence_admin") as admin:
        samuel = _one(admin, "SELECT min(id) FROM person WHERE house_id = 1")
        magnolia_case_managers = _one(admin, "SELECT count(*) FROM case_manager")
    assert magnolia_case_managers > 0
    with _as(server, name, "dana") as dana:
        # A stay of her own house for someone of another: refused, before any constraint
        # could say whether that person lives somewhere.
        with pytest.raises(psycopg.errors.IntegrityError, match="someone this house has on file"):
            dana.execute(
                f"INSERT INTO stay (house_id, person_id, move_in, move_out, referral_source, "
                f"discharge_reason, discharge_note) VALUES (2, {samuel}, '2010-01-01', "
                "'2010-01-02', '', 'other', '')".encode()
            )
        # Giving herself (or anyone) a house, or pushing a file into another house.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            dana.execute(b"INSERT INTO house_access (house_id, role) VALUES (2, 'eve')")
        with pytest.raises(psycopg.errors.IntegrityError, match="Only an operator"):
            dana.execute(b"UPDATE person SET house_id = 1 WHERE first_name = 'Zed'")
        # Another house's case managers are not hers to read or change.
        assert _one(dana, "SELECT count(*) FROM case_manager") == 0
        assert dana.execute(b"UPDATE case_manager SET phone = 'x'").rowcount == 0
        # Nothing of her own can stand in for the tables the rules read.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            dana.execute(b"CREATE TEMP VIEW pg_roles AS SELECT 'residence_operator' AS rolname")
        assert dana.execute(b"SELECT name FROM house").fetchall() == [("Birch House",)]


def test_a_role_given_no_house_is_told_so(
    two_houses: tuple[TestServer, str], capsys: pytest.CaptureFixture[str]
) -> None:
    server, name = two_houses
    with server.admin(name) as admin:
        admin.execute('CREATE ROLE nobody LOGIN IN ROLE "residence_manager"')
    assert cli(["residents", "--db", str(server.address(name, user="nobody"))]) == 1
    said = capsys.readouterr().err
    assert "may see none of them" in said and said.count("\n") == 1


def test_the_append_only_tables_refuse_a_manager_too(two_houses: tuple[TestServer, str]) -> None:
    server, name = two_houses
    with _as(server, name, "dana") as dana:
        for statement in ("UPDATE audit_entry SET manager = 'x'", "DELETE FROM audit_entry"):
            with pytest.raises(psycopg.errors.IntegrityError, match="cannot be changed"):
                dana.execute(statement.encode())
        # Nor may an entry name another role than the one writing it.
        with pytest.raises(psycopg.errors.IntegrityError, match="name the role"):
            dana.execute(
                b"INSERT INTO audit_entry (house_id, at, os_user, manager, action, record, "
                b"record_id, changes, previous_hash, hash, db_role) SELECT house_id, at, os_user, "
                b"manager, action, record, record_id, changes, hash, hash, 'residence_admin' "
                b"FROM audit_entry LIMIT 1"
            )


def test_the_window_and_commands_as_a_manager_see_their_house_and_sign_as_their_role(
    two_houses: tuple[TestServer, str], capsys: pytest.CaptureFixture[str]
) -> None:
    server, name = two_houses
    dana = server.address(name, user="dana")
    assert cli(["houses", "--db", str(dana)]) == 0
    assert capsys.readouterr().out.splitlines() == ["Birch House"]  # one: no --house needed
    assert cli(["residents", "--db", str(dana)]) == 0
    assert "Zed Birchwood" in capsys.readouterr().out
    database = open_database(dana, clock=clock_on())
    try:
        work = workspace_for(database)
        work.residents.admit(Admission(PersonDetails("Yara", "Birchwood"), date(2026, 6, 1)))
        newest = work.audit.entries(limit=1)[0]
        assert newest.db_role == "dana"
    finally:
        database.close()
    # The whole database's check is the operator's: a manager is told so, in one line.
    assert cli(["check", "--db", str(dana)]) == 1
    assert "sees only some of the houses" in capsys.readouterr().err


def test_an_operators_role_sees_every_house_and_can_transfer_between_them(
    two_houses: tuple[TestServer, str], capsys: pytest.CaptureFixture[str]
) -> None:
    server, name = two_houses
    admin = server.address(name)
    assert cli(["server", "add-operator", "olu", "--db", str(admin)]) == 0
    assert "olu (a new role" in capsys.readouterr().out
    olu = server.address(name, user="olu")
    assert cli(["houses", "--db", str(olu)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2
    database = open_database(olu, clock=clock_on(), house="Birch House")
    try:
        work = workspace_for(database)
        zed = next(row for row in work.queries.rows() if row.name == "Zed Birchwood")
        stay = work.queries.detail(zed.person_id).stays[-1]
        magnolia = next(n for n, h in work.house.houses() if h != "Birch House")
        work.residents.transfer(stay.id, Transfer(magnolia, NOW.date()))
    finally:
        database.close()
    assert cli(["check", "--db", str(olu)]) == 0
    with _as(server, name, "dana") as dana:  # Birch's manager sees the stay end, not the next
        assert dana.execute(b"SELECT discharge_reason FROM stay").fetchall() == [("transferred",)]
    # Magnolia's own manager now has Zed on file, edits him, and the edit is on Magnolia's trail.
    assert (
        cli(["server", "add-manager", "mia", "--house", "Magnolia House", "--db", str(admin)]) == 0
    )
    database = open_database(server.address(name, user="mia"), clock=clock_on())
    try:
        work = workspace_for(database)
        zed = next(row for row in work.queries.rows() if row.name == "Zed Birchwood")
        file = work.queries.detail(zed.person_id)
        details = replace(file.details, phone="555-0142")
        work.residents.update_details(zed.person_id, details, seen=file.version)
        assert work.audit.entries(limit=1)[0].db_role == "mia"
    finally:
        database.close()
    assert cli(["check", "--db", str(olu)]) == 0


def test_add_manager_refuses_a_role_that_bypasses_the_rules(
    two_houses: tuple[TestServer, str], capsys: pytest.CaptureFixture[str]
) -> None:
    server, name = two_houses
    admin = server.address(name)
    argv = ["server", "add-manager", "residence_admin", "--house", "Birch House", "--db"]
    assert cli([*argv, str(admin)]) == 1
    assert "superuser" in capsys.readouterr().err
    assert cli(["server", "add-manager", "eve", "--house", "Oak", "--db", str(admin)]) == 1
    assert "no house called “Oak”" in capsys.readouterr().err


def test_check_finds_row_level_security_switched_off(
    two_houses: tuple[TestServer, str], capsys: pytest.CaptureFixture[str]
) -> None:
    server, name = two_houses
    with _as(server, name, "residence_admin") as admin:
        admin.execute(b"ALTER TABLE consent DISABLE ROW LEVEL SECURITY")
    assert cli(["check", "--db", str(server.address(name))]) == 1
    assert "row-level security on consent" in capsys.readouterr().err
