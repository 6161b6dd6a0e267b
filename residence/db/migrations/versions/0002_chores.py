"""chores

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 20:29:13.484720
"""

from __future__ import annotations

import sqlalchemy as sa

from residence.db import server_rules
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


# One resident per bed, one stay per person, at any time in history: periods are half-open
# [start, end), so a bed freed or a stay ended on a day can start again that day. The schema
# itself refuses overlaps (the app is not the only possible writer): on SQLite with these
# triggers, on PostgreSQL with an exclusion constraint (server_rules.no_overlap).
_NO_OVERLAP = {
    "bed_assignment": ("bed_id", "start", "end_date", "one resident per bed at any time"),
    "stay": ("person_id", "move_in", "move_out", "one stay per person at any time"),
}


def _create_overlap_triggers() -> None:
    for table, (key, start, end, message) in _NO_OVERLAP.items():
        for event in ("INSERT", "UPDATE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_overlap_{event.lower()} BEFORE {event} ON {table} "
                f"WHEN EXISTS (SELECT 1 FROM {table} AS other WHERE other.{key} = NEW.{key} "
                f"AND other.id IS NOT NEW.id "
                f"AND other.{start} < COALESCE(NEW.{end}, '9999-12-31') "
                f"AND NEW.{start} < COALESCE(other.{end}, '9999-12-31')) "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            )


def upgrade() -> None:
    op.create_table('chore',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('area', sa.String(length=80), nullable=False),
    sa.Column('instructions', sa.String(length=4000), nullable=False),
    sa.Column('schedule', sa.String(length=10), nullable=False),
    sa.Column('days', sa.Integer(), nullable=False),
    sa.Column('weight', sa.Integer(), nullable=False),
    sa.Column('people', sa.Integer(), nullable=False),
    sa.Column('retired', sa.Boolean(), nullable=False),
    sa.CheckConstraint("schedule IN ('daily', 'weekdays', 'weekly')", name=op.f('ck_chore_schedule_known')),
    sa.CheckConstraint('days BETWEEN 0 AND 127', name=op.f('ck_chore_days_bitmask')),
    sa.CheckConstraint('people BETWEEN 1 AND 10', name=op.f('ck_chore_people_1_to_10')),
    sa.CheckConstraint('weight BETWEEN 1 AND 5', name=op.f('ck_chore_weight_1_to_5')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_chore')),
    sa.UniqueConstraint('name', name=op.f('uq_chore_name'))
    )
    op.create_table('chore_week',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('start', sa.Date(), nullable=False),
    sa.Column('generated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_chore_week')),
    sa.UniqueConstraint('start', name=op.f('uq_chore_week_start'))
    )
    op.create_table('chore_assignment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('week_id', sa.Integer(), nullable=False),
    sa.Column('chore_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('slot', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('chore_name', sa.String(length=80), nullable=False),
    sa.Column('load', sa.Double(), nullable=False),
    sa.Column('locked', sa.Boolean(), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('covered_by_id', sa.Integer(), nullable=True),
    sa.Column('signed_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("(status = 'covered') = (covered_by_id IS NOT NULL)", name=op.f('ck_chore_assignment_covered_names_who')),
    sa.CheckConstraint("status = 'pending' OR person_id IS NOT NULL", name=op.f('ck_chore_assignment_signed_has_person')),
    sa.CheckConstraint("status IN ('pending', 'done', 'missed', 'excused', 'covered')", name=op.f('ck_chore_assignment_status_known')),
    sa.ForeignKeyConstraint(['chore_id'], ['chore.id'], name=op.f('fk_chore_assignment_chore_id_chore')),
    sa.ForeignKeyConstraint(['covered_by_id'], ['person.id'], name=op.f('fk_chore_assignment_covered_by_id_person')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_chore_assignment_person_id_person')),
    sa.ForeignKeyConstraint(['week_id'], ['chore_week.id'], name=op.f('fk_chore_assignment_week_id_chore_week')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_chore_assignment')),
    sa.UniqueConstraint('chore_id', 'day', 'slot', name='uq_chore_assignment_cell')
    )
    with op.batch_alter_table('chore_assignment', schema=None) as batch_op:
        batch_op.create_index('ix_chore_assignment_day', ['day'], unique=False)
        batch_op.create_index(batch_op.f('ix_chore_assignment_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_chore_assignment_week_id'), ['week_id'], unique=False)

    op.create_table('chore_exemption',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('chore_id', sa.Integer(), nullable=True),
    sa.Column('start', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.CheckConstraint('end_date IS NULL OR end_date >= start', name=op.f('ck_chore_exemption_ends_after_start')),
    sa.ForeignKeyConstraint(['chore_id'], ['chore.id'], name=op.f('fk_chore_exemption_chore_id_chore')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_chore_exemption_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_chore_exemption'))
    )
    with op.batch_alter_table('chore_exemption', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_chore_exemption_person_id'), ['person_id'], unique=False)

    if op.get_bind().dialect.name == "sqlite":
        _create_overlap_triggers()
    else:
        for table, (key, start, end, _message) in _NO_OVERLAP.items():
            server_rules.no_overlap(table, key, start, end)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        for table in _NO_OVERLAP:
            server_rules.drop_no_overlap(table)
    if op.get_bind().dialect.name == "sqlite":
        for table in _NO_OVERLAP:
            for event in ("insert", "update"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_no_overlap_{event}")
    with op.batch_alter_table('chore_exemption', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_chore_exemption_person_id'))

    op.drop_table('chore_exemption')
    with op.batch_alter_table('chore_assignment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_chore_assignment_week_id'))
        batch_op.drop_index(batch_op.f('ix_chore_assignment_person_id'))
        batch_op.drop_index('ix_chore_assignment_day')

    op.drop_table('chore_assignment')
    op.drop_table('chore_week')
    op.drop_table('chore')
