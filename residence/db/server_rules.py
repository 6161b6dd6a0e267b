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


# -- who sees which house ----------------------------------------------------------------------
# Row-level security: a role sees (and writes) the rows of the houses ``house_access`` gives it;
# a member of OPERATORS sees every house; the tables' owner (the administrator who migrates)
# and superusers bypass it, as PostgreSQL has it. The visible houses are one uncorrelated
# subquery per statement (computed once), not a function called for every row.

MANAGERS, OPERATORS = "residence_manager", "residence_operator"
VISIBLE = "house_id IN (SELECT public.residence_visible_houses())"
# Every function names its objects in full and looks only in pg_catalog (and the caller's
# temporary schema, last): a role can't put a table, view or operator of its own in front of
# the ones meant (PostgreSQL before 15 lets every role create in public: `server init`
# revokes that too).
SAFE_PATH = "SET search_path = pg_catalog, pg_temp"
# Who may move a record between houses: an operator, or the administrator who owns the tables.
ABOVE_HOUSES = "(public.residence_is_operator() OR public.residence_is_administrator())"


def house_functions() -> None:
    """``residence_visible_houses()``, the houses the connected role may see, and
    ``residence_house_count()``, how many there are: both read what the role itself can't
    (SECURITY DEFINER, owned by the administrator), and nothing else."""
    op.execute(
        "CREATE FUNCTION residence_is_operator() RETURNS boolean LANGUAGE sql STABLE "
        f"SECURITY DEFINER {SAFE_PATH} AS $$ "
        f"SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = '{OPERATORS}' "
        "AND pg_catalog.pg_has_role(session_user, r.oid, 'MEMBER')) $$"
    )
    op.execute(
        "CREATE FUNCTION residence_is_administrator() RETURNS boolean LANGUAGE sql STABLE "
        f"{SAFE_PATH} AS $$ SELECT pg_catalog.pg_has_role(session_user, (SELECT c.relowner "
        "FROM pg_catalog.pg_class c WHERE c.oid = 'public.house'::pg_catalog.regclass), "
        "'MEMBER') $$"
    )
    op.execute(
        "CREATE FUNCTION residence_visible_houses() RETURNS SETOF integer LANGUAGE sql STABLE "
        f"SECURITY DEFINER {SAFE_PATH} AS $$ "
        "SELECT id FROM public.house WHERE public.residence_is_operator() "
        "UNION SELECT house_id FROM public.house_access WHERE role::text = session_user::text $$"
    )
    op.execute(
        "CREATE FUNCTION residence_house_count() RETURNS bigint LANGUAGE sql STABLE "
        f"SECURITY DEFINER {SAFE_PATH} AS $$ SELECT count(*) FROM public.house $$"
    )


def house_policies(tables: tuple[str, ...]) -> None:
    """Each of ``tables`` (a house's records, with ``house_id``) shows and takes only the rows
    of the houses the role may see; a person, also through their stays; a house, itself.

    A person seen through a stay must not be one a manager could reach by writing a stay of
    their own for them: a stay is only for someone the role sees already (so a transfer is
    made by an operator, or by a manager of both houses), and a person's first house changes
    only by an operator's hand. A case manager is seen by the house that recorded them and by
    those whose people or consents name them."""
    for table in tables:
        by_house(table)
    person = (
        f"{VISIBLE} OR id IN (SELECT person_id FROM public.stay WHERE "
        "stay.house_id IN (SELECT public.residence_visible_houses()))"
    )
    op.execute("ALTER TABLE person ENABLE ROW LEVEL SECURITY")
    op.execute(f"CREATE POLICY person_by_house ON person USING ({person}) WITH CHECK ({person})")
    named = (
        f"{VISIBLE} OR id IN (SELECT case_manager_id FROM public.person) "
        "OR id IN (SELECT case_manager_id FROM public.consent)"
    )  # (those two read as the role: only the people and consents it sees)
    op.execute("ALTER TABLE case_manager ENABLE ROW LEVEL SECURITY")
    op.execute(
        f"CREATE POLICY case_manager_by_house ON case_manager USING ({named}) WITH CHECK ({named})"
    )
    house = "id IN (SELECT public.residence_visible_houses())"
    op.execute("ALTER TABLE house ENABLE ROW LEVEL SECURITY")
    op.execute(f"CREATE POLICY house_itself ON house USING ({house}) WITH CHECK ({house})")
    _refusing_trigger(
        "stay",
        "stay_person_on_file",
        "BEFORE INSERT OR UPDATE OF person_id",
        f"NOT {ABOVE_HOUSES} AND NOT EXISTS "
        "(SELECT 1 FROM public.person p WHERE p.id = NEW.person_id)",
        "A stay is only for someone this house has on file.",
    )
    _refusing_trigger(
        "person",
        "person_house_kept",
        "BEFORE UPDATE OF house_id",
        f"NEW.house_id IS DISTINCT FROM OLD.house_id AND NOT {ABOVE_HOUSES}",
        "Only an operator moves a person's file to another house.",
    )


def by_house(table: str) -> None:
    """``table`` (a house's records: a later migration's new table too) shows and takes only
    the rows of the houses the role may see."""
    table = _name(table)
    op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    op.execute(
        f"CREATE POLICY {table}_by_house ON {table} USING ({VISIBLE}) WITH CHECK ({VISIBLE})"
    )


def own_role_only(table: str) -> None:
    """An entry of ``table`` names the role that wrote it: any other role is refused, but for
    the administrator (the tables' owner), who restores and copies entries others wrote."""
    _refusing_trigger(
        table,
        f"{table}_own_role",
        "BEFORE INSERT",
        "NEW.db_role IS DISTINCT FROM session_user AND NOT public.residence_is_administrator()",
        "An entry must name the role that writes it.",
    )


def _refusing_trigger(table: str, name: str, when: str, refused_if: str, message: str) -> None:
    """A trigger ``name`` on ``table`` that refuses a row (``refused_if``, in plpgsql) with
    ``message``; its function runs as the role writing (its row-level security applies)."""
    table, name = _name(table), _name(name)
    quoted = message.replace("'", "''")
    op.execute(
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql {SAFE_PATH} AS $$ BEGIN "
        f"IF {refused_if} THEN RAISE EXCEPTION '{quoted}' "
        "USING ERRCODE = 'integrity_constraint_violation'; END IF; RETURN NEW; END $$"
    )
    op.execute(f"CREATE TRIGGER {name} {when} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()")
