"""mentors

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 22:42:04.057709
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('external_mentor',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('phone', sa.String(length=80), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.CheckConstraint("role IN ('alumnus', 'peer_specialist', 'recovery_coach')", name=op.f('ck_external_mentor_role')),
    sa.CheckConstraint('length(trim(name)) > 0', name=op.f('ck_external_mentor_name_given')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_external_mentor'))
    )
    op.create_table('mentorship',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('mentee_id', sa.Integer(), nullable=False),
    sa.Column('mentor_person_id', sa.Integer(), nullable=True),
    sa.Column('external_mentor_id', sa.Integer(), nullable=True),
    sa.Column('started', sa.Date(), nullable=False),
    sa.Column('ended', sa.Date(), nullable=True),
    sa.Column('end_reason', sa.String(length=20), nullable=True),
    sa.Column('end_note', sa.String(length=4000), nullable=False),
    sa.CheckConstraint('(ended IS NULL) = (end_reason IS NULL)', name=op.f('ck_mentorship_end_has_reason')),
    sa.CheckConstraint('(mentor_person_id IS NULL) <> (external_mentor_id IS NULL)', name=op.f('ck_mentorship_one_mentor')),
    sa.CheckConstraint('ended IS NULL OR ended >= started', name=op.f('ck_mentorship_ends_after_start')),
    sa.CheckConstraint('mentor_person_id IS NULL OR mentor_person_id <> mentee_id', name=op.f('ck_mentorship_not_self')),
    sa.ForeignKeyConstraint(['external_mentor_id'], ['external_mentor.id'], name=op.f('fk_mentorship_external_mentor_id_external_mentor')),
    sa.ForeignKeyConstraint(['mentee_id'], ['person.id'], name=op.f('fk_mentorship_mentee_id_person')),
    sa.ForeignKeyConstraint(['mentor_person_id'], ['person.id'], name=op.f('fk_mentorship_mentor_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mentorship'))
    )
    with op.batch_alter_table('mentorship', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mentorship_mentee_id'), ['mentee_id'], unique=False)
        batch_op.create_index('ix_mentorship_mentor', ['mentor_person_id'], unique=False)
        batch_op.create_index('uq_mentorship_active_mentee', ['mentee_id'], unique=True, sqlite_where=sa.text('ended IS NULL'), postgresql_where=sa.text('ended IS NULL'))

    op.create_table('check_in',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('mentorship_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('how', sa.String(length=12), nullable=False),
    sa.Column('note', sa.String(length=4000), nullable=False),
    sa.Column('shareable', sa.Boolean(), nullable=False),
    sa.CheckConstraint("how IN ('in_person', 'phone', 'meeting')", name=op.f('ck_check_in_how_known')),
    sa.ForeignKeyConstraint(['mentorship_id'], ['mentorship.id'], name=op.f('fk_check_in_mentorship_id_mentorship')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_check_in'))
    )
    with op.batch_alter_table('check_in', schema=None) as batch_op:
        batch_op.create_index('ix_check_in_pair_day', ['mentorship_id', 'day'], unique=False)

    with op.batch_alter_table('house', schema=None) as batch_op:
        batch_op.add_column(sa.Column('mentor_min_days_sober', sa.Integer(), server_default='90', nullable=False))
        batch_op.add_column(sa.Column('mentor_min_phase', sa.Integer(), server_default='3', nullable=False))
        batch_op.add_column(sa.Column('mentor_max_mentees', sa.Integer(), server_default='3', nullable=False))
        batch_op.add_column(sa.Column('mentor_check_in_days', sa.Integer(), server_default='7', nullable=False))
        batch_op.add_column(sa.Column('alumni_may_mentor', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.add_column(sa.Column('peers_may_mentor', sa.Boolean(), server_default=sa.true(), nullable=False))



def downgrade() -> None:
    with op.batch_alter_table('house', schema=None) as batch_op:
        batch_op.drop_column('peers_may_mentor')
        batch_op.drop_column('alumni_may_mentor')
        batch_op.drop_column('mentor_check_in_days')
        batch_op.drop_column('mentor_max_mentees')
        batch_op.drop_column('mentor_min_phase')
        batch_op.drop_column('mentor_min_days_sober')

    with op.batch_alter_table('check_in', schema=None) as batch_op:
        batch_op.drop_index('ix_check_in_pair_day')

    op.drop_table('check_in')
    with op.batch_alter_table('mentorship', schema=None) as batch_op:
        batch_op.drop_index('uq_mentorship_active_mentee', sqlite_where=sa.text('ended IS NULL'), postgresql_where=sa.text('ended IS NULL'))
        batch_op.drop_index('ix_mentorship_mentor')
        batch_op.drop_index(batch_op.f('ix_mentorship_mentee_id'))

    op.drop_table('mentorship')
    op.drop_table('external_mentor')
