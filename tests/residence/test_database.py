"""Opening the database file: every unusable file is refused with a helpful message and left
byte-for-byte as it was."""

from __future__ import annotations

import hashlib
import random
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from residence.areas import stay_hooks
from residence.db.database import Database, open_database
from residence.errors import DamagedFile, StorageError
from residence.house.records import HouseSettings
from residence.house.service import HouseService
from residence.residents.records import Admission, PersonDetails, Status
from residence.residents.service import ResidentService
from tests.conftest import TODAY, House, clock_on


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def residence_file(path: Path) -> Path:
    """A closed Residence database with a house in it (the WAL folded back into the file)."""
    database = open_database(path, clock=clock_on())
    HouseService(database).set_up(HouseSettings(name="Magnolia House"))
    database.close()
    return path


def refused(path: Path, *words: str, kind: type[StorageError] = StorageError) -> str:
    """Open ``path``, expecting a StorageError (of ``kind``) that names the file; the file is
    unchanged."""
    before = digest(path)
    with pytest.raises(kind) as raised:
        open_database(path, busy_timeout_ms=200, clock=clock_on()).close()
    message = str(raised.value)
    assert str(path) in message or "disk" in message
    for word in words:
        assert word in message
    assert digest(path) == before, "the file was changed"
    return message


# -- creating and reopening ----------------------------------------------------------------


def test_a_new_database_is_created_with_its_folder_readable_only_by_the_owner(
    tmp_path: Path,
) -> None:
    path = tmp_path / "new" / "nested" / "house.sqlite3"
    database = open_database(path, clock=clock_on())
    try:
        assert path.is_file()
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert HouseService(database).settings() is None
    finally:
        database.close()


def test_an_empty_file_is_treated_as_new(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite3"
    path.touch()
    database = open_database(path, clock=clock_on())
    try:
        HouseService(database).set_up(HouseSettings(name="Fresh"))
    finally:
        database.close()


def test_a_missing_file_is_not_created_when_asked_not_to(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "house.sqlite3"
    with pytest.raises(StorageError, match="no database"):
        open_database(path, create=False, clock=clock_on())
    assert not path.exists() and not path.parent.exists()


def test_what_was_saved_is_there_after_reopening(tmp_path: Path) -> None:
    path = residence_file(tmp_path / "house.sqlite3")
    database = open_database(path, clock=clock_on())
    try:
        ResidentService(database, clock=clock_on(), hooks=stay_hooks()).admit(
            Admission(PersonDetails("José", "Ñúñez"), TODAY)
        )
    finally:
        database.close()
    database = open_database(path, clock=clock_on())
    try:
        from residence.residents.queries import ResidentQueries

        [row] = ResidentQueries(database, clock=clock_on()).rows(Status.ALL)
        assert row.name == "José Ñúñez"
        assert HouseService(database).settings() == HouseSettings(name="Magnolia House")
    finally:
        database.close()


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    folder = tmp_path / "folder.sqlite3"
    folder.mkdir()
    with pytest.raises(StorageError, match="folder"):
        open_database(folder, clock=clock_on())


def test_a_folder_that_cannot_be_created_is_a_storage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError, match="Can't create"):
        open_database(blocker / "house.sqlite3", clock=clock_on())
    assert blocker.read_text() == "not a folder"


# -- files that must be refused and left alone ---------------------------------------------


@pytest.mark.parametrize(
    "content",
    [b"name,phone\nJos\xc3\xa9,555\n", b"\x00" * 4096, b"SQLite format 2\x00" + b"\x00" * 100],
    ids=["csv", "zeros", "almost-sqlite"],
)
def test_a_file_that_is_not_sqlite_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "house.sqlite3"
    path.write_bytes(content)
    refused(path, "not a Residence database", "untouched")


@pytest.mark.parametrize("journal_mode", ["delete", "wal"])
def test_another_programs_sqlite_database_is_refused(tmp_path: Path, journal_mode: str) -> None:
    path = tmp_path / "contacts.db"
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA journal_mode = {journal_mode}")
    connection.execute("CREATE TABLE contact (name TEXT, phone TEXT)")
    connection.execute("INSERT INTO contact VALUES ('Zoë', '555-0100')")
    connection.commit()
    connection.close()
    refused(path, "another program", "untouched")
    with sqlite3.connect(path) as check:
        assert check.execute("SELECT name FROM contact").fetchall() == [("Zoë",)]
    check.close()


@pytest.mark.parametrize("journal_mode", ["wal", "delete"])
def test_a_database_from_a_newer_version_is_refused(tmp_path: Path, journal_mode: str) -> None:
    path = residence_file(tmp_path / "house.sqlite3")
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA journal_mode = {journal_mode}")  # "delete": e.g. a plain copy
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    message = refused(path, "newer version", "9999")
    assert "nothing was changed" in message


def test_a_read_only_file_is_refused(tmp_path: Path) -> None:
    path = residence_file(tmp_path / "house.sqlite3")
    path.chmod(0o444)
    try:
        refused(path, "read-only")
    finally:
        path.chmod(0o600)


def test_a_corrupt_file_with_a_valid_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "house.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + random.Random(1).randbytes(16 * 1024))
    refused(path, "damaged", "untouched", kind=DamagedFile)


def test_a_residence_file_with_damaged_pages_is_refused(tmp_path: Path) -> None:
    path = residence_file(tmp_path / "house.sqlite3")
    data = bytearray(path.read_bytes())
    data[100:] = random.Random(2).randbytes(len(data) - 100)  # keep the 100-byte database header
    path.write_bytes(bytes(data))
    refused(path, "damaged", kind=DamagedFile)


@pytest.fixture
def exclusive_lock() -> Iterator[list[sqlite3.Connection]]:
    """Holds BEGIN EXCLUSIVE on a file from another connection, as another program would."""
    held: list[sqlite3.Connection] = []
    yield held
    for connection in held:
        connection.rollback()
        connection.close()


def lock(path: Path, held: list[sqlite3.Connection]) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("BEGIN EXCLUSIVE")
    held.append(connection)


def test_a_locked_file_is_refused_on_opening(
    tmp_path: Path, exclusive_lock: list[sqlite3.Connection]
) -> None:
    path = residence_file(tmp_path / "house.sqlite3")
    with sqlite3.connect(path) as connection:  # as a copy of the file would be
        connection.execute("PRAGMA journal_mode = delete")
    connection.close()
    lock(path, exclusive_lock)
    refused(path, "in use by another program")


@pytest.mark.sqlite_only  # a file's lock; on a server, writers wait for each other
def test_a_write_while_another_program_holds_the_lock_is_refused_and_saves_nothing(
    house: House, exclusive_lock: list[sqlite3.Connection]
) -> None:
    lock(house.db.file, exclusive_lock)
    with pytest.raises(StorageError, match="in use by another program"):
        house.residents.admit(Admission(PersonDetails("Locked", "Out"), TODAY))
    exclusive_lock.pop().close()
    assert house.queries.rows(Status.ALL) == []
    house.residents.admit(Admission(PersonDetails("Let", "In"), TODAY))  # works once released
    assert [row.name for row in house.queries.rows()] == ["Let In"]


def test_an_error_inside_a_write_keeps_nothing(database: Database) -> None:
    service = HouseService(database)
    service.set_up(HouseSettings(name="Before"))
    from residence.db import orm

    with pytest.raises(RuntimeError), database.write() as session:
        house = session.get(orm.House, 1)
        assert house is not None
        house.name = "After"
        session.flush()
        raise RuntimeError("boom")
    settings = service.settings()
    assert settings is not None and settings.name == "Before"
