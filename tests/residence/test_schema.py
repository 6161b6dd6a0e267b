"""The migrations and the ORM models describe the same schema."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from residence.db import schema
from residence.db.database import Database
from residence.db.orm import Base


def test_the_head_written_in_code_is_the_migrations_folders_head() -> None:
    assert schema.head_in_folder() == schema.HEAD
    assert schema.HEAD in schema.known_revisions()


def test_a_new_database_is_at_head(database: Database) -> None:
    with database.engine.connect() as connection:
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert revision == schema.HEAD


def test_a_database_built_by_migrations_matches_the_models(database: Database) -> None:
    with database.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "render_as_batch": True}
        )
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_every_model_table_exists_with_its_partial_unique_indexes(database: Database) -> None:
    with database.engine.connect() as connection:
        inspector = inspect(connection)
        assert set(Base.metadata.tables) <= set(inspector.get_table_names())
        stay_indexes = {ix["name"]: ix for ix in inspector.get_indexes("stay")}
        bed_indexes = {ix["name"]: ix for ix in inspector.get_indexes("bed_assignment")}
        mentor_indexes = {ix["name"]: ix for ix in inspector.get_indexes("mentorship")}
        query = (
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            if connection.dialect.name == "sqlite"
            else "SELECT indexname, indexdef FROM pg_indexes"
        )
        sql: dict[str, str] = dict(connection.execute(text(query)).all())
    assert stay_indexes["uq_stay_one_active"]["unique"]
    assert bed_indexes["uq_bed_assignment_occupied"]["unique"]
    assert mentor_indexes["uq_mentorship_active_mentee"]["unique"]
    # Partial: only the open stay, the occupied bed, the active pair must be unique.
    assert "move_out IS NULL" in sql["uq_stay_one_active"]
    assert "end_date IS NULL" in sql["uq_bed_assignment_occupied"]
    assert "ended IS NULL" in sql["uq_mentorship_active_mentee"]


@pytest.mark.sqlite_only  # a server always enforces them
def test_foreign_keys_are_enforced_on_every_connection(database: Database) -> None:
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
