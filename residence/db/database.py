"""Opening the house's database file: checks, migrations, and short transactions.

Every way a file can be unusable ends in a StorageError that says what to do, and the file
itself is left exactly as it was.
"""

from __future__ import annotations

import copy
import os
import secrets
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from residence.clock import Clock
from residence.db import cipher, houses, schema
from residence.db.audit import HEAD, remember_head, watch
from residence.db.engine import DEFAULT_BUSY_TIMEOUT_MS, make_engine
from residence.db.server import (
    ChangeListener,
    Server,
    is_address,
    make_server_engine,
    server_errors,
)
from residence.errors import DamagedFile, HouseNeeded, StorageError

SQLITE_HEADER = b"SQLite format 3\x00"


Location = Path | Server  # a house file, or a database on a server


def parse_location(text: str) -> Location:
    """Where a house is, as a manager typed it: a server's address (postgresql://…) or a
    file's path. StorageError for an address that can't be one."""
    return Server.parse(text) if is_address(text) else Path(text.strip()).expanduser()


class Database:
    """An open database: hands out one short session per use case."""

    def __init__(
        self, location: Location, engine: Engine, clock: Clock, key: str | None = None
    ) -> None:
        self.location = location
        # The house file; None on a server (no side files: no anchor, lock or backups beside it)
        self.path = location if isinstance(location, Path) else None
        self.engine = engine
        # Stamps the audit entries: the app's one clock (the demo's, when it writes history).
        self.clock = clock
        self.key = key  # the passphrase of an encrypted file, for backups made while open
        self._writer = engine.execution_options(writes=True)
        self.scratch: Path | None = None
        self.server_name: str | None = None  # on a server: its connections' application name
        # The house every session works in (``houses``): None before the first is set up.
        self.house_id: int | None = None

    @contextmanager
    def write(self, *, also: tuple[int, ...] = ()) -> Iterator[Session]:
        """One transaction that writes: committed at the end, rolled back on any error. It
        works in the chosen house and sees the houses ``also`` (a transfer's other house)."""
        with self._errors(), Session(self._writer) as session:
            houses.scope(session, self.house_id, also)
            with session.begin():
                # Every change goes to the audit trail, in the same transaction.
                watch(session, self.path, self.clock.now)
                yield session
            if self.path is not None:
                remember_head(self.path, session.info.get(HEAD))

    @contextmanager
    def read(self, *, every_house: bool = False) -> Iterator[Session]:
        """One transaction that reads the chosen house (``every_house``: all the houses this
        database shows the one who opened it)."""
        with self._errors(), Session(self.engine) as session, session.begin():
            houses.scope(session, None if every_house else self.house_id)
            yield session

    @contextmanager
    def rehearse(self) -> Iterator[Session]:
        """A writing transaction that is always rolled back: try changes, keep nothing."""
        with self._errors(), Session(self._writer) as session:
            houses.scope(session, self.house_id)
            transaction = session.begin()
            try:
                yield session
            finally:
                transaction.rollback()

    @contextmanager
    def verbatim(self) -> Iterator[Connection]:
        """One writing transaction outside the audit trail, for copying records that carry
        their trail with them (``copying``): nothing else may write this way."""
        with self._errors(), self._writer.begin() as connection:
            yield connection

    def sees_every_house(self) -> bool:
        """Whether who opened it sees every house (on a server, a manager's role sees only
        theirs; a file shows everything to whoever can open it)."""
        if self.server is None:
            return True
        from residence.db.server_roles import sees_every_house

        with self.read(every_house=True) as session:
            return sees_every_house(session.connection())

    def in_house(self, house: int) -> Database:
        """This database, working in ``house`` (another of its houses: a transfer's choices,
        the look over every house). It shares the connections: close this one, not it."""
        other = copy.copy(self)
        other.house_id = house
        other.scratch = None
        return other

    def choose_house(self, wanted: str | None) -> None:
        """Work in the house called ``wanted``; None: the only one there is. HouseNeeded when
        there are several and none was named."""
        with self.read(every_house=True) as session:
            if wanted is not None:
                self.house_id = houses.find(session, wanted)
                return
            known = houses.names(session)
        if not known and not self.sees_every_house():
            user = self.server.url.username if self.server else None
            raise StorageError(
                f"The database {self} holds houses, but your role ({user or 'yours'}) may see "
                "none of them. Ask the operator to give you yours (`residence server "
                "add-manager`)."
            )
        if len(known) > 1:
            names = tuple(name for _, name in known)
            raise HouseNeeded(
                f"{self} holds {len(known)} houses ({', '.join(names)}). "
                "Say which with --house NAME.",
                names,
            )
        self.house_id = known[0][0] if known else None

    def listen_for_changes(self) -> ChangeListener | None:
        """On a server, what others save (a file has one writer at a time: None)."""
        if not isinstance(self.location, Server) or self.server_name is None:
            return None
        return ChangeListener(self.location, self.server_name)

    @property
    def file(self) -> Path:
        """The house file, for what only a file has (backups, its lock, its anchor)."""
        if self.path is None:
            raise StorageError(f"The house at {self} is on a server: it has no file here.")
        return self.path

    @property
    def server(self) -> Server | None:
        return self.location if isinstance(self.location, Server) else None

    def __str__(self) -> str:
        """Where the house is, to show: the file's path or the server's address."""
        return str(self.location)

    def _errors(self) -> AbstractContextManager[None]:
        if isinstance(self.location, Server):
            return server_errors(self.location)
        return _storage_errors(self.location)

    def close(self) -> None:
        self.engine.dispose()
        if self.scratch is not None:  # the upgraded copy an older file was read through
            shutil.rmtree(self.scratch, ignore_errors=True)


def open_database(
    where: Location,
    *,
    clock: Clock,
    create: bool = True,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    key: str | None = None,
    read_only: bool = False,
    house: str | None = None,
    choose_house: bool = True,
) -> Database:
    """Open (or, with ``create``, create) the database at ``where`` and choose the house to
    work in: ``house`` by name, else the only one (none before the first is set up).
    HouseNeeded when the database holds several and none was named; ``choose_house`` False:
    none is chosen (for what works on the whole database). See ``_open``."""
    database = _open(
        where, clock=clock, create=create, busy_timeout_ms=busy_timeout_ms, key=key,
        read_only=read_only,
    )  # fmt: skip
    try:
        if choose_house:
            database.choose_house(house)
    except BaseException:
        database.close()
        raise
    return database


def _open(
    where: Location,
    *,
    clock: Clock,
    create: bool,
    busy_timeout_ms: int,
    key: str | None,
    read_only: bool,
) -> Database:
    """Open (or, with ``create``, create) the database at ``path``; bring its schema up to date.
    Its changes are stamped in the audit trail by ``clock``. ``read_only`` (for a command that
    only reads, such as ``check``): opened read-only and left byte for byte, side files
    included; a file from an older version is read through an upgraded temporary copy.

    An encrypted file needs its passphrase (``key``): PassphraseNeeded says so. On a server
    (``where`` a Server) there is no file: the server keeps it, and the schema is created or
    brought up to date in one transaction."""
    if isinstance(where, Server):
        return _open_on_server(where, clock, create=create, read_only=read_only)
    path = Path(where).expanduser()
    is_new = not path.exists() or path.stat().st_size == 0
    if is_new and (not create or read_only):
        raise StorageError(
            f"There is no database at {path}. Start the app once to set up the house, "
            "or give the right file with --db."
        )
    if is_new:
        _prepare_new_file(path)
    else:
        _check_file(path, key, writing=not read_only)
    if read_only:
        return _open_read_only(path, clock, key, busy_timeout_ms)
    engine = make_engine(path, busy_timeout_ms=busy_timeout_ms, key=key)
    try:
        with _storage_errors(path):
            _check_and_migrate(engine, path, key, busy_timeout_ms / 1000, clock)
    except BaseException:
        engine.dispose()
        raise
    return Database(path, engine, clock, key)


def _open_on_server(server: Server, clock: Clock, *, create: bool, read_only: bool) -> Database:
    server.check_encrypted()
    # This database's own name on the server: its saves are announced under it, so that the
    # window that made them doesn't take them for someone else's.
    name = f"Residence {secrets.token_hex(6)}"
    engine = make_server_engine(server, read_only=read_only, name=name)
    try:
        with server_errors(server):
            revision = _server_revision(engine, server)
            if revision is None and (read_only or not create):
                raise StorageError(
                    f"The database {server} holds no house yet. Set it up with "
                    "`residence server init`, or give the right address with --db."
                )
            if revision != schema.HEAD:
                if read_only:
                    raise StorageError(
                        f"The database {server} is of an older version. Open it once with the "
                        "window or a command that writes to bring it up to date."
                    )
                _migrate(engine, clock)  # one transaction: all of it, or nothing
    except BaseException:
        engine.dispose()
        raise
    database = Database(server, engine, clock)
    database.server_name = name
    return database


def _server_revision(engine: Engine, server: Server) -> str | None:
    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        if "alembic_version" not in tables:
            if not tables:
                return None
            raise StorageError(
                f"The database {server} belongs to another program, not to Residence. "
                "Nothing was changed; give the address of a Residence database."
            )
        revision = connection.scalar(text("SELECT version_num FROM alembic_version"))
    if revision is not None and revision not in schema.known_revisions():
        raise StorageError(
            f"The database {server} was written by a newer version of Residence (schema "
            f"{revision}). Install the newer version to open it; nothing was changed."
        )
    return None if revision is None else str(revision)


def _open_read_only(path: Path, clock: Clock, key: str | None, busy_timeout_ms: int) -> Database:
    """The file as it is, never written. One from an older version is read through an
    upgraded copy in a private temporary folder, removed on close."""
    with _storage_errors(path):
        revision = _inspect(path, key, busy_timeout_ms / 1000)  # damage, or a newer version
    if revision is None:
        raise StorageError(f"{path} holds no house yet. Start the app once to set it up.")
    if revision == schema.HEAD:
        engine = make_engine(path, busy_timeout_ms=busy_timeout_ms, key=key, read_only=True)
        return Database(path, engine, clock, key)
    scratch = Path(tempfile.mkdtemp(prefix="residence-"))  # the owner's only
    try:
        copy = scratch / path.name
        with _storage_errors(path):
            _copy_through_sqlite(path, copy, key)
            writer = make_engine(copy, busy_timeout_ms=busy_timeout_ms, key=key)
            try:
                _migrate(writer, clock)
            finally:
                writer.dispose()
        engine = make_engine(copy, busy_timeout_ms=busy_timeout_ms, key=key, read_only=True)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    database = Database(path, engine, clock, key)  # the anchor and messages: the file's own
    database.scratch = scratch
    return database


def _prepare_new_file(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(exist_ok=True)
        path.chmod(0o600)  # records about people in recovery: the owner only
    except OSError as error:
        raise StorageError(
            f"Can't create the database at {path}: {error.strerror}. "
            "Choose a folder you can write to."
        ) from None


def _check_file(path: Path, key: str | None, *, writing: bool = True) -> None:
    if path.is_dir():
        raise StorageError(f"{path} is a folder, not a database file. Choose a file.")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise StorageError(f"Can't read {path}: {error.strerror}.") from None
    if header != SQLITE_HEADER and not cipher.looks_encrypted(path):
        raise DamagedFile(
            f"{path} is not a Residence database (it may be damaged). "
            "The file was left untouched; open another file or restore a backup."
        )
    if header != SQLITE_HEADER and key is None:
        raise cipher.PassphraseNeeded(
            f"{path} is encrypted, or it is not a Residence database. The file was left "
            "untouched; if it is an encrypted house file, give its passphrase."
        )
    if writing and (not os.access(path, os.W_OK) or not path.stat().st_mode & stat.S_IWUSR):
        raise StorageError(
            f"{path} is read-only. Allow writing to it (file properties), "
            "or copy it to a folder you can write to, then open it again."
        )


def _check_and_migrate(
    engine: Engine, path: Path, key: str | None, timeout: float, clock: Clock
) -> None:
    revision = _inspect(path, key, timeout)
    if revision == schema.HEAD:
        return
    if revision is not None:
        _keep_copy_before_upgrade(path, revision, key)
    _migrate(engine, clock)


def _migrate(engine: Engine, clock: Clock) -> None:
    with engine.connect().execution_options(writes=True) as connection:
        if connection.dialect.name != "sqlite":
            with connection.begin():
                schema.upgrade(connection, clock.now())
            return
        # SQLite changes a table's shape by copying it, dropping the old one and renaming the
        # copy: references to it are broken for a moment. SQLite's own procedure: foreign keys
        # off (only possible outside a transaction), then all of them checked before commit.
        driver = connection.connection.driver_connection
        driver.execute("PRAGMA foreign_keys = OFF")  # type: ignore[union-attr]
        try:
            with connection.begin():
                schema.upgrade(connection, clock.now())
                if connection.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                    raise DamagedFile(
                        "The house file holds records that refer to others that aren't there: "
                        "it can't be brought up to date. Nothing was changed; restore a backup."
                    )
        finally:
            driver.execute("PRAGMA foreign_keys = ON")  # type: ignore[union-attr]
        _give_back_space(driver)


def _give_back_space(driver: Any) -> None:
    """After an upgrade that copied tables into a new shape (0013: every table), most of the
    old copies' pages are free: a file twice its size, and backups with it. VACUUM writes it
    afresh (in one transaction of its own: a power cut leaves the upgraded file as it was)."""
    free = driver.execute("PRAGMA freelist_count").fetchone()[0]
    pages = driver.execute("PRAGMA page_count").fetchone()[0]
    if pages and free * 4 > pages:
        driver.execute("VACUUM")


def _inspect(path: Path, key: str | None, timeout: float) -> str | None:
    """The schema revision in the file (None for an empty one), read without changing a byte.

    A read-only connection: the engine's settings (WAL) would rewrite the header of a file
    that turns out not to be ours.
    """
    try:
        connection = cipher.connect(path, key, read_only=True, timeout=timeout)
    except cipher.ALL_ERRORS as error:
        raise _explained(path, str(error)) from None
    try:
        return _revision(connection, path)
    except cipher.ALL_ERRORS as error:
        raise _explained(path, str(error)) from None
    finally:
        connection.close()


def _revision(connection: Any, path: Path) -> str | None:
    result = cipher.findings(connection.execute("PRAGMA quick_check").fetchall())
    if result != "ok":
        raise DamagedFile(
            f"{path} is damaged (integrity check: {result}). "
            "The file was left untouched; restore a backup."
        )
    tables = {
        row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    if "alembic_version" not in tables:
        if not tables:
            return None
        raise StorageError(
            f"{path} is an SQLite database of another program, not of Residence. "
            "The file was left untouched; choose another file."
        )
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    revision = None if row is None else str(row[0])
    if revision is not None and revision not in schema.known_revisions():
        raise StorageError(
            f"{path} was written by a newer version of Residence (schema {revision}). "
            "Install the newer version to open it; nothing was changed."
        )
    return revision


def _keep_copy_before_upgrade(path: Path, revision: str, key: str | None) -> Path:
    """Copy the file aside (consistently, through SQLite) before migrating it.

    An earlier copy is never overwritten: a second attempt gets a numbered name.
    """
    copy = path.with_name(f"{path.stem}.before-upgrade-from-{revision}{path.suffix}")
    number = 1
    while copy.exists():
        number += 1
        copy = path.with_name(f"{path.stem}.before-upgrade-from-{revision}-{number}{path.suffix}")
    try:
        _copy_through_sqlite(path, copy, key)
    except (*cipher.ALL_ERRORS, OSError) as error:
        copy.unlink(missing_ok=True)
        raise StorageError(
            f"Before updating {path} to this version, a copy must be kept beside it, and it "
            f"could not be written ({error}). Free some space or allow writing to the folder; "
            "nothing was changed."
        ) from None
    return copy


def _copy_through_sqlite(path: Path, copy: Path, key: str | None) -> None:
    """A consistent, owner-only copy of ``path`` (encrypted under the same ``key``)."""
    source = cipher.connect(path, key, read_only=True)
    try:
        target = cipher.connect(copy, key)
        with target:
            source.backup(target)
        target.close()
        copy.chmod(0o600)
    finally:
        source.close()


@contextmanager
def _storage_errors(path: Path) -> Iterator[None]:
    """Turn SQLite's failures into messages that say what to do."""
    try:
        yield
    except OperationalError as error:
        raise _explained(path, str(error.orig)) from error
    except DBAPIError as error:
        if isinstance(error.orig, cipher.DATABASE_ERRORS) and not isinstance(
            error.orig, cipher.INTEGRITY_ERRORS
        ):
            raise _explained(path, str(error.orig)) from error
        raise
    except ValueError as error:  # a value in the file that doesn't decode: never show it
        if _raised_reading(error):
            raise _unreadable(path) from None
        raise


def _raised_reading(error: BaseException) -> bool:
    """Whether SQLAlchemy raised ``error`` while turning a stored value into Python."""
    trace = error.__traceback__
    while trace is not None and trace.tb_next is not None:
        trace = trace.tb_next
    return trace is not None and "sqlalchemy" in trace.tb_frame.f_code.co_filename


def _unreadable(path: Path) -> DamagedFile:
    return DamagedFile(
        f"A record in {path} can't be read: the file is damaged. Nothing was changed; "
        f"`residence check --db {path}` says which record, then restore a backup."
    )


def _explained(path: Path, sqlite_message: str) -> StorageError:
    reason = sqlite_message.lower()
    if "not a database" in reason or "malformed" in reason or "corrupt" in reason:
        return DamagedFile(f"{path} is damaged. The file was left untouched; restore a backup.")
    if "could not decode" in reason:  # its message quotes the record: never show it
        return _unreadable(path)
    return StorageError(_explain(path, reason, sqlite_message))


def _explain(path: Path, reason: str, sqlite_message: str) -> str:
    if "locked" in reason or "busy" in reason:
        return (
            f"{path} is in use by another program. Close it (or the other copy of "
            "Residence) and try again; nothing was changed."
        )
    if "readonly" in reason or "read-only" in reason:
        return f"{path} is read-only. Allow writing to it and try again; nothing was changed."
    if "disk is full" in reason or "full" in reason:
        return "The disk is full. Free some space and try again; nothing was changed."
    if "unable to open" in reason:
        return f"Can't open {path}. Check that the folder exists and you may write to it."
    return f"The database at {path} failed: {sqlite_message}. Nothing was changed."
