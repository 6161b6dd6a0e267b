"""house access

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 12:40:00

On a server, each person logs in as their own database role, and the server itself keeps a
house manager's role to the rows of their houses (row-level security over ``house_access``,
which ``residence server add-manager`` fills); an operator's role sees every house. Every
audit entry names the role that wrote it, and the server refuses an entry naming another.
A house file has one user at a time and no roles: the table is there (one schema
everywhere) and stays empty, and entries name no role. A record's entries get an index: a
save checks that nobody changed the record since its form was filled.
"""

from __future__ import annotations

import sqlalchemy as sa

from residence.db import server_rules
from alembic import op


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

# The records a house owns (every table with house_id, but the person's file).
OWNED = (
    'room', 'bed', 'phase', 'stay', 'stay_phase', 'bed_assignment', 'discharge_amendment',
    'chore', 'chore_exemption', 'chore_week', 'chore_assignment', 'meeting_series', 'meeting',
    'attendance', 'minutes', 'minutes_amendment', 'action_item', 'outside_meeting',
    'external_mentor', 'mentorship', 'check_in', 'consent', 'consent_scan', 'disclosure',
    'audit_entry', 'house_access',
)


def upgrade() -> None:
    op.create_table('house_access',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=80), nullable=False),
    sa.Column('house_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['house_id'], ['house.id'], name=op.f('fk_house_access_house_id_house')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_house_access')),
    sa.UniqueConstraint('role', 'house_id', name='uq_house_access_role_house')
    )
    # Added in place: the trail's triggers refuse updates, and this touches no row.
    op.add_column('audit_entry', sa.Column('db_role', sa.String(length=80), server_default='', nullable=False))
    # A record's entries, found at once: the version a form was filled from.
    op.create_index('ix_audit_entry_record', 'audit_entry', ['record', 'record_id'], unique=False)
    if op.get_bind().dialect.name != "sqlite":
        server_rules.house_functions()
        server_rules.house_policies(OWNED)
        server_rules.own_role_only('audit_entry')


def downgrade() -> None:
    raise NotImplementedError("Row-level security isn't taken back by a downgrade.")
