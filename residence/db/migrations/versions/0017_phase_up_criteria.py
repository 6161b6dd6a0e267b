"""phase-up criteria

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06 21:00:00

The house's written criteria for moving up to a phase: days in the phase before, the weeks of
outside-meeting quota met, the share of house meetings attended and the missed chores allowed
in the last 30 days. Each is empty when the house doesn't ask for it, as for every phase before
this migration.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None

COLUMNS = (
    ('up_days_in_phase', 'up_days_not_negative', 'up_days_in_phase >= 0'),
    ('up_quota_weeks', 'up_quota_weeks_not_negative', 'up_quota_weeks >= 0'),
    (
        'up_house_meeting_percent',
        'up_house_meeting_percent_range',
        'up_house_meeting_percent BETWEEN 0 AND 100',
    ),
    ('up_missed_chores_at_most', 'up_missed_chores_not_negative', 'up_missed_chores_at_most >= 0'),
)


def upgrade() -> None:
    with op.batch_alter_table('phase') as batch:
        for column, _name, _rule in COLUMNS:
            batch.add_column(sa.Column(column, sa.Integer(), nullable=True))
    with op.batch_alter_table('phase') as batch:
        for _column, name, rule in COLUMNS:
            batch.create_check_constraint(op.f(f'ck_phase_{name}'), sa.text(rule))


def downgrade() -> None:
    with op.batch_alter_table('phase') as batch:
        for _column, name, _rule in COLUMNS:
            batch.drop_constraint(op.f(f'ck_phase_{name}'), type_='check')
        for column, _name, _rule in COLUMNS:
            batch.drop_column(column)
