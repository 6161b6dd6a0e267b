"""Which schema this code writes, and applying the migrations up to it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection

# The newest migration's revision id. A test checks it against the migrations folder,
# so opening an up-to-date database never has to import Alembic (start-up time).
HEAD = "0021"

MIGRATIONS = Path(__file__).with_name("migrations")


def upgrade(connection: Connection, at: datetime) -> None:
    """Apply every migration the database lacks, on ``connection`` inside its transaction.

    Then the records the trail doesn't hold yet (from before it existed, or the columns a
    migration added) get their "on file" entry stamped ``at``, so that from now on ``check``
    can hold every record to the trail. A migration that changes values must write its own
    entries: this only fills what the trail never had."""
    from alembic import command
    from alembic.config import Config

    from residence.db.audit import os_user
    from residence.db.replay import seal_unrecorded

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")
    if connection.dialect.name != "sqlite":
        from residence.db.server_roles import grant_to_groups

        grant_to_groups(connection)  # a table just added is the house roles' too
    seal_unrecorded(connection, at, os_user())


def head_in_folder() -> str:
    """The head revision as Alembic reads it from the migrations folder."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head


def known_revisions() -> frozenset[str]:
    """Every revision this code knows; anything else came from a newer version."""
    return frozenset(
        path.stem.split("_", 1)[0] for path in (MIGRATIONS / "versions").glob("[0-9]*.py")
    )
