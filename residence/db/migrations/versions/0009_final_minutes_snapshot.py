"""final minutes snapshot

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-09 08:00:00

Final minutes keep what they showed from the records when they were finalised: the roll call,
the action items carried and raised (done or open as of then) and the chore report, as JSON
text, so a reprint doesn't change after a later completion or a remade chore week.

Minutes finalised before this revision get nothing: what the records said when they were
finalised can't be known now. They go on showing those parts live, and say so.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('minutes', sa.Column('final_records', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('minutes', schema=None) as batch_op:
        batch_op.drop_column('final_records')
