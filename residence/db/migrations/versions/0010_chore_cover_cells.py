"""chore cover cells

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 07:30:00

A cell where someone covers one day of another resident's weekly chore (the week's person is
away or exempt that day) is not that person's chore of the week: the rule "everyone has a chore
before anyone has two" and the fairness view must tell the two apart without reading the reason.
Cells made before this migration count as their holder's chore, as they always did.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('chore_assignment') as batch:
        batch.add_column(
            sa.Column('cover', sa.Boolean(), server_default='0', nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table('chore_assignment') as batch:
        batch.drop_column('cover')
