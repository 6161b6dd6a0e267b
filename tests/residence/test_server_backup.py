"""Backups of a house on a server: a checked pg_dump into a folder, restored only into a new,
empty database, and checked there."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from residence.db.server import Server
from tests.conftest import NOW, cli
from tests.postgres import TestServer

pytestmark = pytest.mark.sqlite_only  # all on the server: not parametrized


@pytest.fixture
def demo_on_server(postgres: TestServer) -> Iterator[Server]:
    name = postgres.new_database(template=postgres.demo_template(NOW))
    yield postgres.address(name)
    postgres.drop(name)


@pytest.fixture
def empty_database(postgres: TestServer) -> Iterator[Server]:
    with postgres.admin() as admin:
        admin.execute('CREATE DATABASE "restored_here"')
    yield postgres.address("restored_here")
    postgres.drop("restored_here")


def test_a_server_house_is_backed_up_and_restored_into_an_empty_database(
    demo_on_server: Server,
    empty_database: Server,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli(["residents", "--db", str(demo_on_server), "--status", "all"]) == 0
    before = capsys.readouterr().out
    assert cli(["backup", "--db", str(demo_on_server), "--to", str(tmp_path)]) == 0
    dump = Path(capsys.readouterr().out.strip())
    assert dump.parent == tmp_path and dump.suffix == ".dump"
    assert dump.name.startswith(f"residence-{demo_on_server.url.database}-2026-06-15-")
    assert stat.S_IMODE(dump.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == [dump.name]  # no partial file left
    assert cli(["restore", str(dump), "--db", str(empty_database)]) == 0
    said = capsys.readouterr().out
    assert "Restored" in said and "audit trail intact; every record is what the trail says" in said
    assert cli(["residents", "--db", str(empty_database), "--status", "all"]) == 0
    assert capsys.readouterr().out == before


def test_a_restore_never_goes_over_a_house(
    demo_on_server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(["backup", "--db", str(demo_on_server), "--to", str(tmp_path)]) == 0
    dump = capsys.readouterr().out.strip()
    assert cli(["restore", dump, "--db", str(demo_on_server)]) == 1
    said = capsys.readouterr().err
    assert "isn't empty" in said and "Nothing was changed" in said
    assert cli(["check", "--db", str(demo_on_server)]) == 0


def test_what_is_not_a_house_backup_is_refused(
    empty_database: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_a_dump = tmp_path / "holiday.dump"
    not_a_dump.write_bytes(b"PGDMP but not really")
    assert cli(["restore", str(not_a_dump), "--db", str(empty_database)]) == 1
    assert "not a readable backup" in capsys.readouterr().err


def test_a_server_backup_needs_a_folder_that_is_there(
    demo_on_server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(["backup", "--db", str(demo_on_server)]) == 1
    assert "give --to FOLDER" in capsys.readouterr().err
    missing = tmp_path / "stick"
    assert cli(["backup", "--db", str(demo_on_server), "--to", str(missing)]) == 1
    assert "doesn't exist" in capsys.readouterr().err
    assert not missing.exists()
