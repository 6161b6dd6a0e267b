"""audit_trail

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 23:31:12.672465
"""

from __future__ import annotations

import sqlalchemy as sa

from residence.db import server_rules
from alembic import op


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('os_user', sa.String(length=200), nullable=False),
    sa.Column('manager', sa.String(length=200), nullable=False),
    sa.Column('action', sa.String(length=10), nullable=False),
    sa.Column('record', sa.String(length=80), nullable=False),
    sa.Column('record_id', sa.String(length=80), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('changes', sa.Text(), nullable=False),
    sa.Column('previous_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry'))
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.create_index('ix_audit_entry_at', ['at'], unique=False)
        batch_op.create_index('ix_audit_entry_person', ['person_id'], unique=False)

    # The trail is append-only, whoever writes to the file.
    if op.get_bind().dialect.name == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_entry_append_only_{event.lower()} BEFORE {event} "
                "ON audit_entry BEGIN SELECT RAISE(ABORT, 'The audit trail cannot be changed.'); END"
            )
    else:
        server_rules.append_only('audit_entry', 'The audit trail cannot be changed.')


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        server_rules.drop_append_only('audit_entry')
    if op.get_bind().dialect.name == "sqlite":
        for event in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS audit_entry_append_only_{event}")
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_entry_person')
        batch_op.drop_index('ix_audit_entry_at')

    op.drop_table('audit_entry')
