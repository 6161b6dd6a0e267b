"""outside meetings by day

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24 02:00:00

The Home page reads the whole house's outside meetings for a week: without an index on the
day alone that is a scan of every slip ever logged (60,000 in ten years).
"""

from __future__ import annotations

from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_outside_meeting_day', 'outside_meeting', ['day'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_outside_meeting_day', table_name='outside_meeting')
