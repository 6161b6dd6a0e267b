"""Alembic environment: runs on the connection that ``residence.db.database`` hands over."""

from __future__ import annotations

from alembic import context

from residence.db.orm import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
)
with context.begin_transaction():
    context.run_migrations()
