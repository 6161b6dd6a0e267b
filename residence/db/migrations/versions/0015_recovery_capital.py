"""recovery capital

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03 15:30:00

A resident's BARC-10s (the Brief Assessment of Recovery Capital): ten scores of 1 to 6 each
time it is taken during a stay. A house's records like any other: on a server, row-level
security gives each house its own.
"""

from __future__ import annotations

import sqlalchemy as sa

from residence.db import server_rules
from alembic import op


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

SCORES = tuple(f"score_{n}" for n in range(1, 11))


def upgrade() -> None:
    op.create_table('recovery_capital',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('stay_id', sa.Integer(), nullable=False),
    sa.Column('taken_on', sa.Date(), nullable=False),
    *(sa.Column(s, sa.Integer(), nullable=False) for s in SCORES),
    sa.Column('on_paper', sa.Boolean(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=200), nullable=False),
    sa.Column('withdrawn_why', sa.String(length=4000), server_default='', nullable=False),
    sa.Column('house_id', sa.Integer(), nullable=False),
    *(sa.CheckConstraint(f'{s} BETWEEN 1 AND 6', name=op.f(f'ck_recovery_capital_{s}_on_scale')) for s in SCORES),
    sa.ForeignKeyConstraint(['house_id'], ['house.id'], name=op.f('fk_recovery_capital_house_id_house')),
    sa.ForeignKeyConstraint(['stay_id'], ['stay.id'], name=op.f('fk_recovery_capital_stay_id_stay')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recovery_capital'))
    )
    op.create_index('uq_recovery_capital_stay_day', 'recovery_capital', ['stay_id', 'taken_on'], unique=True, sqlite_where=sa.text("withdrawn_why = ''"), postgresql_where=sa.text("withdrawn_why = ''"))
    if op.get_bind().dialect.name != "sqlite":
        server_rules.by_house('recovery_capital')


def downgrade() -> None:
    op.drop_index('uq_recovery_capital_stay_day', table_name='recovery_capital')
    op.drop_table('recovery_capital')
