"""A house database on a PostgreSQL server: its address, the rule that records cross a network
only encrypted, the engine, and what the server's refusals mean (server-only pieces stay here,
as SQLite's stay in ``engine`` and ``cipher``).

An address is a URL in libpq's form: ``postgresql://user@host:port/dbname?sslmode=require``,
with a Unix socket as ``postgresql://user@/dbname?host=/run/postgresql``. A password is never
taken from a stored setting: libpq finds it in ``~/.pgpass``, a service file or ``PGPASSWORD``,
or the command asks for it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import psycopg
from sqlalchemy import URL, Connection, Engine, create_engine, event, make_url, text
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    InterfaceError,
    OperationalError,
    ProgrammingError,
)

from residence.errors import StorageError

SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")
# libpq's modes that refuse to talk without TLS; "prefer" (its default) and "allow" fall back
# to plain text without a word, so they don't count.
ENCRYPTED = frozenset({"require", "verify-ca", "verify-full"})
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
# Every writer holds this (transaction-level) lock, so that the audit trail's chain is written
# by one transaction at a time, as SQLite's BEGIN IMMEDIATE does on a file.
# Every save announces itself here when it commits (migration 0012).
CHANGES_CHANNEL = "residence_changes"
WRITER_LOCK = 7_310_411  # any number of the app's own; "residence" on a phone keypad, cut short


class PasswordNeeded(StorageError):
    """The server asks for a password and none was found (``.pgpass``, ``PGPASSWORD``)."""


class PasswordRefused(StorageError):
    """The server refused the password given."""


def is_address(text: str) -> bool:
    """Whether ``text`` (what --db was given) names a server rather than a file."""
    return text.strip().lower().startswith(SCHEMES)


@dataclass(frozen=True)
class Server:
    """Where a house database lives on a PostgreSQL server."""

    url: URL

    @classmethod
    def parse(cls, text: str) -> Server:
        try:
            url = make_url(text.strip())
        except (ArgumentError, ValueError):  # ValueError: a port that isn't a number
            # Not echoed: what was typed may hold a password.
            raise StorageError(
                "That is not a server address. Write it as "
                "postgresql://user@host:port/dbname, or give a file's path."
            ) from None
        if url.get_backend_name() not in {"postgresql", "postgres"}:
            raise StorageError("That is not a PostgreSQL address (postgresql://…).")
        # A password given as libpq's ?password= option is a password all the same: kept where
        # it is never shown, remembered or put on a command line.
        query = dict(url.query)
        password = query.pop("password", None)
        query.pop("sslpassword", None)
        if password is not None:
            secret = password[0] if isinstance(password, tuple) else password
            url = url.set(query=query, password=str(secret))
        elif len(query) != len(url.query):
            url = url.set(query=query)
        if not url.database:
            raise StorageError(
                f"{cls(url)} names no database. Add its name after the last slash: "
                "postgresql://user@host/residence."
            )
        return cls(url.set(drivername="postgresql+psycopg"))

    def __str__(self) -> str:
        """The address to show and to remember: never with the password."""
        address, _, query = self.libpq(password=False).partition("?")
        # A socket folder reads as typed (host=/run/postgresql), not as host=%2Frun%2F…
        # (only the slashes: an escaped & or = must stay escaped)
        return f"{address}?{query.replace('%2F', '/')}" if query else address

    def libpq(self, *, password: bool = True) -> str:
        """The address as libpq itself takes it (no SQLAlchemy driver name); ``password``:
        with it, for a connection of our own — never for a command line or the screen."""
        url = self.url.set(drivername="postgresql")
        # (``set`` leaves a field as it is when given None.)
        return (url if password else url._replace(password=None)).render_as_string(
            hide_password=False
        )

    @property
    def host(self) -> str:
        query_host = self.url.query.get("host")
        if isinstance(query_host, tuple):
            query_host = query_host[0]
        return str(self.url.host or query_host or "")

    @property
    def local(self) -> bool:
        """On this computer: a Unix socket (a host that is a folder, or none) or loopback."""
        host = self.host
        if any(option in self.url.query for option in ("hostaddr", "service")):
            return False  # where they lead isn't in the address: ask for TLS to be safe
        if not host and os.environ.get("PGHOST", "/").strip()[:1] not in {"/", ""}:
            return os.environ["PGHOST"].strip().lower() in LOCAL_HOSTS
        return not host or host.startswith("/") or host.lower() in LOCAL_HOSTS

    @property
    def sslmode(self) -> str:
        mode = self.url.query.get("sslmode", "")
        return str(mode[0] if isinstance(mode, tuple) else mode).lower()

    def with_password(self, password: str) -> Server:
        return Server(self.url.set(password=password))

    def check_encrypted(self) -> None:
        """Refuse a server across a network that doesn't insist on TLS. Writing
        ``sslmode=disable`` in the address is the manager saying, knowingly, that this network
        may carry the records in the clear."""
        if self.local or self.sslmode in ENCRYPTED or self.sslmode == "disable":
            return
        raise StorageError(
            f"{self} is on another computer and the address doesn't insist on encryption, so "
            "residents' records could cross the network readable by anyone on it. Add "
            "?sslmode=require (or verify-full) to the address. Only on a private network you "
            "trust, add ?sslmode=disable instead to send them unencrypted."
        )


def make_server_engine(
    server: Server, *, read_only: bool = False, name: str = "Residence"
) -> Engine:
    """An engine on ``server``. ``read_only``: every transaction is READ ONLY, so a command
    that only reads can't write even by mistake. ``name``: the application name its
    connections give the server, which its saves announce (``ChangeListener``)."""
    options = "-c default_transaction_read_only=on" if read_only else ""
    engine = create_engine(
        server.url,
        connect_args={"options": options, "application_name": name},
        pool_pre_ping=True,  # a server restarted while the window was open: reconnect
    )

    @event.listens_for(engine, "begin")
    def _on_begin(connection: object) -> None:
        writes = connection.get_execution_options().get("writes", False)  # type: ignore[attr-defined]
        if writes:
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITER_LOCK})")  # type: ignore[attr-defined]

    return engine


@contextmanager
def server_errors(server: Server) -> Iterator[None]:
    """Turn the server's refusals into messages that say what to do."""
    try:
        yield
    except (OperationalError, InterfaceError) as error:
        raise explained(server, error.orig) from None
    except DBAPIError as error:
        if isinstance(error, ProgrammingError) and "invalid connection option" in str(error.orig):
            raise StorageError(  # a typo in the address: ?sslmod=
                f"The address {server} has an option libpq doesn't know: "
                f"{_first_line(error.orig)}. Check its spelling."
            ) from None
        state = _sqlstate(error.orig)
        if state.startswith("42501"):  # insufficient privilege, row-level security's refusal
            # (Never the statement: its parameters are a resident's details.)
            raise StorageError(
                f"Your database role may not do this on {server}: it belongs to another house, "
                "or needs an operator. Ask the operator; nothing was changed."
            ) from None
        if state.startswith("22"):  # a value the server won't take (a file's, copied in)
            # (Its message may quote the value: never shown.)
            raise StorageError(
                f"The server at {server} refused a value it can't hold (PostgreSQL error "
                f"{state}). Nothing was changed; `residence check` on the file may say more."
            ) from None
        raise


def explained(server: Server, error: BaseException | None) -> StorageError:
    reason = str(error or "").lower()
    state = _sqlstate(error)
    if "no password supplied" in reason:
        return PasswordNeeded(
            f"The server at {server} asks for a password. Put it in your .pgpass file, or "
            "run the command in a terminal to type it."
        )
    if state == "28P01" or "password authentication failed" in reason:
        return PasswordRefused(f"The server at {server} refused the password. Try again.")
    if state.startswith("28"):
        return StorageError(
            f"The server at {server} doesn't let {server.url.username or 'you'} in. Ask its "
            "administrator for access."
        )
    if state == "3D000":
        return StorageError(
            f"There is no database {server.url.database} on the server. Check the name, or "
            "ask the administrator to create it (then `residence server init`)."
        )
    if state in {"40001", "40P01"}:
        return StorageError(
            "Someone else was saving at the same moment. Try again; nothing was changed."
        )
    if "connection" in reason or "server" in reason or "timeout" in reason:
        return StorageError(
            f"Can't reach the server at {server}: {_first_line(error)}. Check the address "
            "and that the server is running; nothing was changed."
        )
    return StorageError(
        f"The server at {server} failed: {_first_line(error)}. Nothing was changed."
    )


def _sqlstate(error: BaseException | None) -> str:
    return str(getattr(error, "sqlstate", "") or "")


def _first_line(error: BaseException | None) -> str:
    return str(error or "").strip().splitlines()[0] if str(error or "").strip() else "no answer"


class ChangeListener:
    """Hears the saves made on the server by everyone but ``own_name`` (this window's own
    connections): PostgreSQL's LISTEN, on a connection of its own. ``fileno()`` is the socket
    to watch; when it is readable, ``changed_elsewhere()`` reads what arrived, never waiting."""

    def __init__(self, server: Server, own_name: str) -> None:
        self.own_name = own_name
        self.lost = False  # the listening connection broke: no more news
        address = server.libpq()
        try:
            self._connection = psycopg.connect(
                address, autocommit=True, application_name=f"{own_name} (listening)"
            )
            self._connection.execute(f"LISTEN {CHANGES_CHANNEL}")
        except psycopg.Error as error:
            raise explained(server, error) from None

    def fileno(self) -> int:
        return self._connection.fileno()

    def changed_elsewhere(self) -> bool:
        """Whether anyone else saved since the last call. False also when the connection was
        lost: a window goes on working without the news."""
        try:
            heard = [n.payload for n in self._connection.notifies(timeout=0)]
        except psycopg.Error:
            self.lost = True
            return False
        return any(payload != self.own_name for payload in heard)

    def close(self) -> None:
        self._connection.close()


# What ``server_rules`` puts in place; ``check`` finds any of them gone or disabled.
APPEND_ONLY = ("audit_entry", "disclosure")
# The triggers that keep houses apart where a policy can't (``server_rules.house_policies``).
GUARDS = (
    ("audit_entry", "audit_entry_own_role"),
    ("stay", "stay_person_on_file"),
    ("person", "person_house_kept"),
)
NO_OVERLAP = {
    "bed_assignment": "one_resident_per_bed_at_any_time",
    "stay": "one_stay_per_person_at_any_time",
}


def missing_safeguards(connection: Connection) -> list[str]:
    """The server's safeguards that are gone or no longer refuse anything: an append-only
    trigger dropped or disabled (or its function made to return without refusing), an
    exclusion constraint dropped."""
    # By table and name: a trigger of that name on another table guards nothing. Enabled for
    # every session ('O', or 'A'): 'D' is off, and 'R' fires only for replication.
    triggers = {
        (table, name): (enabled, source)
        for table, name, enabled, source in connection.execute(
            text(
                "SELECT t.tgrelid::regclass::text, t.tgname, t.tgenabled, p.prosrc "
                "FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid WHERE NOT t.tgisinternal"
            )
        )
    }
    wanted = {
        (table, f"{table}_append_only{end}"): "RAISE EXCEPTION"
        for table in APPEND_ONLY
        for end in ("", "_truncate")
    }
    wanted |= dict.fromkeys(GUARDS, "RAISE EXCEPTION")
    missing = [
        name
        for (table, name), refusal in wanted.items()
        if (table, name) not in triggers
        or triggers[(table, name)][0] not in ("O", "A")
        or refusal not in str(triggers[(table, name)][1]).upper()
    ]
    constraints = set(
        connection.scalars(text("SELECT conname FROM pg_constraint WHERE contype = 'x'"))
    )
    missing += [name for name in NO_OVERLAP.values() if name not in constraints]
    missing += [f"row-level security on {table}" for table in _unguarded(connection)]
    return sorted(missing)


def _unguarded(connection: Connection) -> list[str]:
    """The tables of a house's records whose row-level security is off, or has no policy."""
    with_house = text(
        "SELECT table_name FROM information_schema.columns "
        "WHERE table_schema = 'public' AND column_name = 'house_id'"
    )
    guarded = {"house", *connection.scalars(with_house)}
    rows = connection.execute(
        text(
            "SELECT c.relname, c.relrowsecurity, (SELECT count(*) FROM pg_policy p "
            "WHERE p.polrelid = c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = "
            "c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'"
        )
    )
    return sorted(name for name, on, policies in rows if name in guarded and not (on and policies))
