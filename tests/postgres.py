"""A throwaway PostgreSQL server for the test run: started in a temporary folder on a Unix
socket only (no TCP port), as a user who isn't root, stopped and removed at the end.

Each test gets its own database, copied from a template that already holds the schema (a
CREATE DATABASE … TEMPLATE takes milliseconds; running the migrations takes a second).
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from glob import glob
from itertools import count
from pathlib import Path

import psycopg
from psycopg import sql

from residence.clock import FixedClock
from residence.db.database import open_database
from residence.db.server import Server
from residence.demo.house import write_demo

ADMIN = "residence_admin"  # the server's superuser in the tests
TEMPLATE = "residence_template"
PASSWORD_GROUP = "log_in_with_password"  # its members must give their password


def binaries() -> Path | None:
    """Where initdb and pg_ctl are (Debian keeps them out of PATH), or None."""
    if found := shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    folders = sorted(glob("/usr/lib/postgresql/*/bin"), key=lambda f: int(f.split("/")[-2]))
    return Path(folders[-1]) if folders else None


@dataclass
class TestServer:
    """A running server and the databases made on it for the tests."""

    __test__ = False  # not a class of tests, whatever its name

    folder: Path
    socket: Path
    _numbers: Iterator[int] = field(default_factory=lambda: count(1))
    _demo: str | None = None

    def address(self, database: str, user: str = ADMIN) -> Server:
        return Server.parse(f"postgresql://{user}@/{database}?host={self.socket}")

    def admin(self, database: str = "postgres") -> psycopg.Connection[tuple[object, ...]]:
        return psycopg.connect(host=str(self.socket), user=ADMIN, dbname=database, autocommit=True)

    def new_database(self, *, template: str = TEMPLATE) -> str:
        """A database of its own for one test, a copy of ``template``: by default the app's
        schema and no house yet."""
        name = f"test_{os.getpid()}_{next(self._numbers)}"
        with self.admin() as connection:
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return name

    def demo_template(self, at: datetime) -> str:
        """A database holding the demo house as it stands at ``at``, made on first use."""
        if self._demo is None:
            self._demo = self.new_database()
            write_demo(self.address(self._demo), at)
        return self._demo

    def role_with_password(self, database: str, role: str, password: str) -> Server:
        """A role that logs in with ``password`` and may use ``database``; its address."""
        with self.admin(database) as connection:
            connection.execute(
                sql.SQL("CREATE ROLE {} LOGIN IN ROLE {} PASSWORD {}").format(
                    sql.Identifier(role), sql.Identifier(PASSWORD_GROUP), sql.Literal(password)
                )
            )
            for grant in ("SCHEMA public", "ALL TABLES IN SCHEMA public",
                          "ALL SEQUENCES IN SCHEMA public"):  # fmt: skip
                connection.execute(f'GRANT ALL ON {grant} TO "{role}"')
        return self.address(database, user=role)

    def drop(self, name: str) -> None:
        with self.admin() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def running_server() -> Iterator[TestServer]:
    """Start a server, make the template database, and stop it all at the end."""
    bin_folder = binaries()
    if bin_folder is None:
        raise FileNotFoundError("PostgreSQL isn't installed (no initdb/pg_ctl)")
    folder = Path(tempfile.mkdtemp(prefix="residence-pg-"))
    user = _server_user()
    data, socket = folder / "data", folder / "socket"
    socket.mkdir()
    if user is not None:
        for path in (folder, socket):
            shutil.chown(path, user=user)
    try:
        _as(user, str(bin_folder / "initdb"), "-D", str(data), "-U", ADMIN, "-A", "trust",
            "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")  # fmt: skip
        # Trust on the socket, but for roles that the tests give a password.
        (data / "pg_hba.conf").write_text(
            f"local all +{PASSWORD_GROUP} scram-sha-256\nlocal all all trust\n"
        )
        # Throwaway: nothing needs to survive a crash, so don't wait for the disk.
        settings = f"-k {socket} -c listen_addresses='' -c fsync=off -c synchronous_commit=off "
        settings += "-c full_page_writes=off -c max_connections=200"
        _as(user, str(bin_folder / "pg_ctl"), "-D", str(data), "-o", settings,
            "-l", str(folder / "server.log"), "-w", "-s", "start")  # fmt: skip
        try:
            server = TestServer(folder, socket)
            _make_template(server)
            yield server
        finally:
            _as(user, str(bin_folder / "pg_ctl"), "-D", str(data), "-m", "immediate", "-s",
                "stop")  # fmt: skip
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _make_template(server: TestServer) -> None:
    with server.admin() as connection:
        connection.execute(f'CREATE DATABASE "{TEMPLATE}"')
        connection.execute(f"CREATE ROLE {PASSWORD_GROUP} NOLOGIN")
    database = open_database(server.address(TEMPLATE), clock=FixedClock(datetime(2026, 1, 1)))
    database.close()


def _server_user() -> str | None:
    """PostgreSQL won't run as root: as root, the server runs as the postgres user (or nobody)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name).pw_name
    raise PermissionError("running as root, and there is no other user to run PostgreSQL as")


def _as(user: str | None, *command: str) -> None:
    if user is not None:
        command = ("runuser", "-u", user, "--", *command)
    # Not under libfaketime (the suite's second run): the server keeps the real time, or its
    # timed waits would never end.
    env = {k: v for k, v in os.environ.items() if k not in {"LD_PRELOAD", "FAKETIME"}}
    subprocess.run(command, check=True, capture_output=True, cwd="/", env=env)
