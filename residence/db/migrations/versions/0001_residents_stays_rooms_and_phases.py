"""residents, stays, rooms and phases

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 20:02:32.221242
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('case_manager',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('organisation', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=80), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_manager')),
    sa.UniqueConstraint('name', 'organisation', name='uq_case_manager_name_org')
    )
    op.create_table('house',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('address', sa.String(length=4000), nullable=False),
    sa.Column('phone', sa.String(length=80), nullable=False),
    sa.Column('manager_name', sa.String(length=200), nullable=False),
    sa.Column('week_starts_on', sa.Integer(), nullable=False),
    sa.CheckConstraint('id = 1', name=op.f('ck_house_single_row')),
    sa.CheckConstraint('week_starts_on BETWEEN 0 AND 6', name=op.f('ck_house_week_day')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_house'))
    )
    op.create_table('phase',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('curfew', sa.Time(), nullable=True),
    sa.Column('weekly_meetings', sa.Integer(), nullable=False),
    sa.Column('description', sa.String(length=4000), nullable=False),
    sa.CheckConstraint('weekly_meetings >= 0', name=op.f('ck_phase_quota_not_negative')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_phase')),
    sa.UniqueConstraint('name', name=op.f('uq_phase_name')),
    sa.UniqueConstraint('position', name=op.f('uq_phase_position'))
    )
    op.create_table('room',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_room')),
    sa.UniqueConstraint('name', name=op.f('uq_room_name'))
    )
    op.create_table('bed',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('room_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=80), nullable=False),
    sa.Column('retired', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['room_id'], ['room.id'], name=op.f('fk_bed_room_id_room')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bed')),
    sa.UniqueConstraint('room_id', 'label', name='uq_bed_room_label')
    )
    op.create_table('person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('first_name', sa.String(length=200), nullable=False),
    sa.Column('last_name', sa.String(length=200), nullable=False),
    sa.Column('preferred_name', sa.String(length=200), nullable=False),
    sa.Column('date_of_birth', sa.Date(), nullable=True),
    sa.Column('sobriety_date', sa.Date(), nullable=True),
    sa.Column('phone', sa.String(length=80), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('emergency_name', sa.String(length=200), nullable=False),
    sa.Column('emergency_relation', sa.String(length=80), nullable=False),
    sa.Column('emergency_phone', sa.String(length=80), nullable=False),
    sa.Column('case_manager_id', sa.Integer(), nullable=True),
    sa.Column('probation_officer', sa.String(length=200), nullable=False),
    sa.Column('probation_phone', sa.String(length=80), nullable=False),
    sa.Column('sponsor_name', sa.String(length=200), nullable=False),
    sa.Column('sponsor_phone', sa.String(length=80), nullable=False),
    sa.Column('employment', sa.String(length=200), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.CheckConstraint('length(trim(first_name)) > 0', name=op.f('ck_person_first_name_given')),
    sa.CheckConstraint('length(trim(last_name)) > 0', name=op.f('ck_person_last_name_given')),
    sa.ForeignKeyConstraint(['case_manager_id'], ['case_manager.id'], name=op.f('fk_person_case_manager_id_case_manager')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person'))
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index('ix_person_name', ['last_name', 'first_name'], unique=False)

    op.create_table('stay',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('move_in', sa.Date(), nullable=False),
    sa.Column('move_out', sa.Date(), nullable=True),
    sa.Column('referral_source', sa.String(length=200), nullable=False),
    sa.Column('discharge_reason', sa.String(length=80), nullable=True),
    sa.Column('discharge_note', sa.String(length=4000), nullable=False),
    sa.CheckConstraint('(move_out IS NULL) = (discharge_reason IS NULL)', name=op.f('ck_stay_discharge_has_reason')),
    sa.CheckConstraint('move_out IS NULL OR move_out >= move_in', name=op.f('ck_stay_move_out_after_move_in')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_stay_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stay'))
    )
    with op.batch_alter_table('stay', schema=None) as batch_op:
        batch_op.create_index('ix_stay_dates', ['move_in', 'move_out'], unique=False)
        batch_op.create_index(batch_op.f('ix_stay_person_id'), ['person_id'], unique=False)
        batch_op.create_index('uq_stay_one_active', ['person_id'], unique=True, sqlite_where=sa.text('move_out IS NULL'), postgresql_where=sa.text('move_out IS NULL'))

    op.create_table('bed_assignment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('stay_id', sa.Integer(), nullable=False),
    sa.Column('bed_id', sa.Integer(), nullable=False),
    sa.Column('start', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.CheckConstraint('end_date IS NULL OR end_date >= start', name=op.f('ck_bed_assignment_ends_after_start')),
    sa.ForeignKeyConstraint(['bed_id'], ['bed.id'], name=op.f('fk_bed_assignment_bed_id_bed')),
    sa.ForeignKeyConstraint(['stay_id'], ['stay.id'], name=op.f('fk_bed_assignment_stay_id_stay')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bed_assignment'))
    )
    with op.batch_alter_table('bed_assignment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bed_assignment_bed_id'), ['bed_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_bed_assignment_stay_id'), ['stay_id'], unique=False)
        batch_op.create_index('uq_bed_assignment_occupied', ['bed_id'], unique=True, sqlite_where=sa.text('end_date IS NULL'), postgresql_where=sa.text('end_date IS NULL'))

    op.create_table('discharge_amendment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('stay_id', sa.Integer(), nullable=False),
    sa.Column('amended_at', sa.DateTime(), nullable=False),
    sa.Column('amended_by', sa.String(length=200), nullable=False),
    sa.Column('why', sa.String(length=4000), nullable=False),
    sa.Column('old_move_out', sa.Date(), nullable=False),
    sa.Column('old_reason', sa.String(length=80), nullable=False),
    sa.Column('old_note', sa.String(length=4000), nullable=False),
    sa.Column('new_move_out', sa.Date(), nullable=False),
    sa.Column('new_reason', sa.String(length=80), nullable=False),
    sa.Column('new_note', sa.String(length=4000), nullable=False),
    sa.ForeignKeyConstraint(['stay_id'], ['stay.id'], name=op.f('fk_discharge_amendment_stay_id_stay')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_discharge_amendment'))
    )
    with op.batch_alter_table('discharge_amendment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_discharge_amendment_stay_id'), ['stay_id'], unique=False)

    op.create_table('stay_phase',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('stay_id', sa.Integer(), nullable=False),
    sa.Column('phase_id', sa.Integer(), nullable=False),
    sa.Column('start', sa.Date(), nullable=False),
    sa.Column('note', sa.String(length=4000), nullable=False),
    sa.ForeignKeyConstraint(['phase_id'], ['phase.id'], name=op.f('fk_stay_phase_phase_id_phase')),
    sa.ForeignKeyConstraint(['stay_id'], ['stay.id'], name=op.f('fk_stay_phase_stay_id_stay')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stay_phase')),
    sa.UniqueConstraint('stay_id', 'start', name='uq_stay_phase_day')
    )
    with op.batch_alter_table('stay_phase', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stay_phase_stay_id'), ['stay_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('stay_phase', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stay_phase_stay_id'))

    op.drop_table('stay_phase')
    with op.batch_alter_table('discharge_amendment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_discharge_amendment_stay_id'))

    op.drop_table('discharge_amendment')
    with op.batch_alter_table('bed_assignment', schema=None) as batch_op:
        batch_op.drop_index('uq_bed_assignment_occupied', sqlite_where=sa.text('end_date IS NULL'), postgresql_where=sa.text('end_date IS NULL'))
        batch_op.drop_index(batch_op.f('ix_bed_assignment_stay_id'))
        batch_op.drop_index(batch_op.f('ix_bed_assignment_bed_id'))

    op.drop_table('bed_assignment')
    with op.batch_alter_table('stay', schema=None) as batch_op:
        batch_op.drop_index('uq_stay_one_active', sqlite_where=sa.text('move_out IS NULL'), postgresql_where=sa.text('move_out IS NULL'))
        batch_op.drop_index(batch_op.f('ix_stay_person_id'))
        batch_op.drop_index('ix_stay_dates')

    op.drop_table('stay')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index('ix_person_name')

    op.drop_table('person')
    op.drop_table('bed')
    op.drop_table('room')
    op.drop_table('phase')
    op.drop_table('house')
    op.drop_table('case_manager')
