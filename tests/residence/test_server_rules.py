"""The rules a house database keeps on PostgreSQL, as its own triggers and constraints: shown
through raw SQL, as another program (or a person at psql) would reach the server, and held
with several people saving at the same moment.

(The rules shared with SQLite are tested on both engines elsewhere; this is what only the
server has: TRUNCATE, disabled triggers, exclusion constraints, concurrent writers.)"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date

import psycopg
import pytest

from residence.db.database import open_database
from residence.db.server import Server
from residence.residents.records import Admission, PersonDetails
from residence.workspace import workspace_for
from tests.conftest import NOW, cli, clock_on
from tests.outside import REFUSED, outside
from tests.postgres import TestServer

pytestmark = pytest.mark.sqlite_only  # not parametrized: every test here is on the server


@pytest.fixture
def demo_on_server(postgres: TestServer) -> Iterator[Server]:
    name = postgres.new_database(template=postgres.demo_template(NOW))
    yield postgres.address(name)
    postgres.drop(name)


@pytest.mark.parametrize("table", ["audit_entry", "disclosure"])
@pytest.mark.parametrize("statement", ["UPDATE {t} SET id = id", "DELETE FROM {t}", "TRUNCATE {t}"])
def test_the_append_only_tables_refuse_even_the_servers_superuser(
    demo_on_server: Server, table: str, statement: str
) -> None:
    with pytest.raises(REFUSED, match="cannot be changed"):
        outside(demo_on_server, statement.format(t=table))


def test_two_stays_of_one_person_or_two_residents_of_one_bed_cannot_overlap(
    demo_on_server: Server,
) -> None:
    # A second, overlapping stay of the person of stay 1, and a second resident in a bed that
    # is taken, for a day of its time there.
    with pytest.raises(psycopg.errors.ExclusionViolation, match="one_stay_per_person"):
        outside(
            demo_on_server,
            "INSERT INTO stay (house_id, person_id, move_in, move_out, referral_source, "
            "discharge_reason, discharge_note) SELECT house_id, person_id, move_in, move_in + 1, "
            "'', 'completed', '' FROM stay WHERE id = 1",
        )
    with pytest.raises(psycopg.errors.ExclusionViolation, match="one_resident_per_bed"):
        outside(
            demo_on_server,
            "INSERT INTO bed_assignment (house_id, stay_id, bed_id, start, end_date) "
            "SELECT b.house_id, s.id, b.bed_id, b.start, b.start + 1 FROM bed_assignment b, stay s "
            "WHERE b.end_date IS NULL AND s.id <> b.stay_id LIMIT 1",
        )


@pytest.mark.parametrize(
    "defused",
    [
        "ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only",
        # fires only for replication: for everyone else, off
        "ALTER TABLE disclosure ENABLE REPLICA TRIGGER disclosure_append_only",
        "ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_own_role",
        "DROP TRIGGER disclosure_append_only_truncate ON disclosure",
        # the same trigger, its function made to refuse nothing
        "CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$",
        "ALTER TABLE stay DROP CONSTRAINT one_stay_per_person_at_any_time",
    ],
)
def test_check_notices_when_the_servers_safeguards_are_gone(
    demo_on_server: Server, defused: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(["check", "--db", str(demo_on_server)]) == 0
    outside(demo_on_server, defused)
    assert cli(["check", "--db", str(demo_on_server)]) == 1
    assert "safeguards were removed" in capsys.readouterr().err


def test_two_managers_saving_at_once_both_land_and_the_trail_stays_whole(
    demo_on_server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two people admitting residents at the same moment, each through their own connection:
    every admission lands, and the audit trail's chain is one unbroken line (each writer
    waits for the other's transaction to end before writing its link)."""
    failures: list[BaseException] = []
    start = threading.Barrier(2)

    def admit_many(who: str) -> None:
        database = open_database(demo_on_server, clock=clock_on(), create=False)
        workspace = workspace_for(database)
        try:
            start.wait()
            for n in range(12):
                details = PersonDetails(f"{who}{n}", "Concurrent")
                workspace.residents.admit(Admission(details, date(2026, 6, 15)))
        except BaseException as error:
            failures.append(error)
        finally:
            workspace.close()

    writers = [threading.Thread(target=admit_many, args=(who,)) for who in ("Ana", "Bo")]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    assert failures == []
    assert cli(["residents", "--db", str(demo_on_server)]) == 0
    listed = capsys.readouterr().out
    assert all(f"{who}{n} Concurrent" in listed for who in ("Ana", "Bo") for n in range(12))
    assert cli(["check", "--db", str(demo_on_server)]) == 0
    assert "audit trail intact; every record is what the trail says" in capsys.readouterr().out
