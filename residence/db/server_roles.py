"""Who may work in which house on a server: the database roles of managers and operators.

Each person logs in as their own role. A manager's role is a member of ``MANAGERS`` and is
given houses one by one (a row of ``house_access``); an operator's role is a member of
``OPERATORS`` and sees every house. The server's row-level security holds them to it
(``server_rules.house_policies``). The groups hold the privileges on the tables; their
members hold none of their own. Run with an administrator's connection: roles belong to the
whole server, so this needs a role that may create roles.
"""

from __future__ import annotations

from psycopg import sql
from sqlalchemy import Connection, select, text
from sqlalchemy.orm import Session

from residence.db import orm
from residence.db.server_rules import MANAGERS, OPERATORS
from residence.errors import ResidenceError

GROUPS = (MANAGERS, OPERATORS)


def prepare_groups(connection: Connection) -> None:
    """The two groups (made if missing), with what they may do on every table: read and write
    the records, read the schema's version, never change the schema."""
    for group in GROUPS:
        if not _role_exists(connection, group):
            _execute(connection, sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(group)))
    # No temporary tables for anyone but the administrator: nothing of a role's own can stand
    # in for the house's tables (the safeguards name theirs in full besides).
    database = connection.scalar(text("SELECT current_database()"))
    _execute(
        connection,
        sql.SQL("REVOKE TEMPORARY ON DATABASE {} FROM PUBLIC").format(sql.Identifier(database)),
    )
    # Nor anything of their own in the house's schema (PostgreSQL before 15 allows it).
    _execute(connection, sql.SQL("REVOKE CREATE ON SCHEMA public FROM PUBLIC"))
    grant_to_groups(connection)


def grant_to_groups(connection: Connection) -> None:
    """Give the groups (where they exist) their privileges on every table there is now: run
    after each upgrade, so that a table a migration adds is theirs too."""
    groups = [g for g in GROUPS if _role_exists(connection, g)]
    if not groups:
        return
    names = sql.SQL(", ").join(sql.Identifier(g) for g in groups)
    for statement in (
        "GRANT USAGE ON SCHEMA public TO {}",
        "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {}",
        "REVOKE INSERT, UPDATE, DELETE ON alembic_version FROM {}",
        # Who may see which house is the administrator's to say (add-manager), never a
        # manager's: they may read who else works in their houses, not change it.
        "REVOKE INSERT, UPDATE, DELETE ON house_access FROM {}",
        "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {}",
    ):
        _execute(connection, sql.SQL(statement).format(names))


def add_manager(session: Session, role: str, house: int) -> bool:
    """``role`` (made if it is new: it logs in, without a password yet) may work in ``house``,
    which the house's audit trail records; whether the role was new."""
    new = _member(session.connection(), role, MANAGERS)
    given = select(orm.HouseAccess.id).where(
        orm.HouseAccess.role == role, orm.HouseAccess.house_id == house
    )
    if session.scalar(given) is None:
        session.add(orm.HouseAccess(role=role, house_id=house))
    return new


def add_operator(session: Session, role: str) -> bool:
    """``role`` (made if new) sees every house; whether it was new."""
    return _member(session.connection(), role, OPERATORS)


def sees_every_house(connection: Connection) -> bool:
    """Whether the connected role sees every house (an operator, or the administrator)."""
    seen = connection.scalar(text("SELECT count(*) FROM house"))
    return bool(seen == connection.scalar(text("SELECT residence_house_count()")))


def _member(connection: Connection, role: str, group: str) -> bool:
    if not _role_exists(connection, group):
        raise ResidenceError(
            "This database has no house roles yet: run `residence server init` on it first."
        )
    new = not _role_exists(connection, role)
    if new:
        _execute(connection, sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(role)))
    elif connection.scalar(
        text("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = :r"), {"r": role}
    ):
        raise ResidenceError(
            f"{role} is a superuser or bypasses row-level security: it would see every house "
            "whatever it is given. Give each person a role of their own."
        )
    _execute(
        connection,
        sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(role)),
    )
    return new


def _role_exists(connection: Connection, role: str) -> bool:
    found = connection.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role})
    return found is not None


def _execute(connection: Connection, statement: sql.Composable) -> None:
    """A statement with identifiers in it, quoted by psycopg (DDL takes no parameters)."""
    raw = connection.connection.driver_connection
    connection.exec_driver_sql(statement.as_string(raw))
