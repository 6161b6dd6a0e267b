"""changes announced

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 07:45:00

On a server, every transaction that writes to the audit trail (every save) announces itself on
the ``residence_changes`` channel when it commits, with the application name of the connection
that saved, so that each window shows what was saved at another desk without restarting. A
file has one writer at a time and no such channel: nothing changes on SQLite.
"""

from __future__ import annotations

from residence.db import server_rules
from alembic import op


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        server_rules.announce_changes("audit_entry")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        server_rules.drop_announce_changes("audit_entry")
