"""goal close note

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-06 21:40:00

A goal set aside says why, and a met one may say how: the note kept with its closing. Goals
closed before this migration have none.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Added in place: a plain ADD COLUMN with its default copies nothing.
    op.add_column(
        'plan_goal',
        sa.Column('close_note', sa.String(length=400), server_default='', nullable=False),
    )


def downgrade() -> None:
    with op.batch_alter_table('plan_goal') as batch:
        batch.drop_column('close_note')
