"""progress report standing

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 07:30:00

A progress report ends as a case manager expects: the manager's statement of the resident's
standing, and the preparer's name and role. The disclosure log keeps what was printed, so the
same report can be made again and its SHA-256 checked. The house chooses how its reports name a
resident on every page: the name, or initials and the record number.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('house', schema=None) as batch_op:
        batch_op.add_column(sa.Column('manager_role', sa.String(length=80), server_default='House manager', nullable=False))
        batch_op.add_column(sa.Column('report_names', sa.String(length=10), server_default='name', nullable=False))
        batch_op.create_check_constraint('report_names_known', "report_names IN ('name', 'initials')")
    # Plain ADD COLUMN keeps the append-only triggers a batch copy would have to rebuild.
    op.add_column('disclosure', sa.Column('standing', sa.String(length=20), server_default='', nullable=False))
    op.add_column('disclosure', sa.Column('statement', sa.String(length=4000), server_default='', nullable=False))
    op.add_column('disclosure', sa.Column('prepared_by', sa.String(length=200), server_default='', nullable=False))


def downgrade() -> None:
    for column in ('prepared_by', 'statement', 'standing'):
        op.drop_column('disclosure', column)
    with op.batch_alter_table('house', schema=None) as batch_op:
        batch_op.drop_constraint('report_names_known', type_='check')
        batch_op.drop_column('report_names')
        batch_op.drop_column('manager_role')
