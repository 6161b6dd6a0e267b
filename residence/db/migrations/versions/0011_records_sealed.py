"""records sealed

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 18:30:00

From this version on, ``check`` holds every record to the audit trail. A file written before
the trail existed (or before a column was added) has records the trail never saw: this upgrade
changes no table, and the upgrade that runs it gives each of those records its "on file" entry
(``residence.db.schema.upgrade``), so they are held to what they are now.
"""

from __future__ import annotations


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
