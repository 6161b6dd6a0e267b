"""The rules the database keeps, as PostgreSQL keeps them (the migrations call these on a
server; SQLite's triggers for the same rules are in the migrations themselves).

- Append-only tables refuse UPDATE and DELETE (and TRUNCATE) with a trigger, whoever writes.
- "No two periods of one key overlap" is an exclusion constraint over a daterange; periods are
  half-open [start, end), an open end is infinity, so a bed freed on a day can be taken that day.
"""

from __future__ import annotations

from alembic import op

from residence.db.server import CHANGES_CHANNEL, NO_OVERLAP

# Only for names this module is given by the migrations, never for values: DDL can't take
# bound parameters, and each name is checked to be a plain identifier.


def _name(text: str) -> str:
    if not text.replace("_", "").isalnum() or not text.isascii():
        raise ValueError(f"not a plain identifier: {text!r}")
    return text


def append_only(table: str, message: str) -> None:
    """``table`` refuses every UPDATE, DELETE and TRUNCATE with ``message``."""
    table = _name(table)
    quoted = message.replace("'", "''")
    op.execute(
        f"CREATE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN RAISE EXCEPTION '{quoted}' USING ERRCODE = 'integrity_constraint_violation'; "
        "END $$"
    )
    op.execute(
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()"
    )
    op.execute(
        f"CREATE TRIGGER {table}_append_only_truncate BEFORE TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {table}_append_only()"
    )


def drop_append_only(table: str) -> None:
    op.execute(f"DROP FUNCTION IF EXISTS {_name(table)}_append_only() CASCADE")


def no_overlap(table: str, key: str, start: str, end: str) -> None:
    """No two rows of ``table`` with the same ``key`` have overlapping [start, end). The
    constraint is named for the rule (``NO_OVERLAP``): the server's refusal names it."""
    table, key, start, end = map(_name, (table, key, start, end))
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    op.execute(
        f"ALTER TABLE {table} ADD CONSTRAINT {NO_OVERLAP[table]} EXCLUDE USING gist "
        f'({key} WITH =, daterange("{start}", "{end}", \'[)\') WITH &&)'
    )


def drop_no_overlap(table: str) -> None:
    op.execute(f"ALTER TABLE {_name(table)} DROP CONSTRAINT IF EXISTS {NO_OVERLAP[table]}")


def announce_changes(table: str) -> None:
    """Each statement that writes to ``table`` sends the writer's application name on
    ``CHANGES_CHANNEL`` when its transaction commits (PostgreSQL sends one of a kind per
    transaction, and none for one rolled back)."""
    table = _name(table)
    op.execute(
        "CREATE FUNCTION residence_announce_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN PERFORM pg_notify('{CHANGES_CHANNEL}', current_setting('application_name')); "
        "RETURN NULL; END $$"
    )
    op.execute(
        f"CREATE TRIGGER {table}_announce AFTER INSERT ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION residence_announce_change()"
    )


def drop_announce_changes(table: str) -> None:
    op.execute(f"DROP TRIGGER IF EXISTS {_name(table)}_announce ON {_name(table)}")
    op.execute("DROP FUNCTION IF EXISTS residence_announce_change()")
