"""consents

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 23:04:37.111139
"""

from __future__ import annotations

import sqlalchemy as sa

from residence.db import server_rules
from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('consent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('recipient_name', sa.String(length=200), nullable=False),
    sa.Column('recipient_org', sa.String(length=200), nullable=False),
    sa.Column('recipient_class', sa.String(length=200), nullable=False),
    sa.Column('case_manager_id', sa.Integer(), nullable=True),
    sa.Column('purpose', sa.String(length=4000), nullable=False),
    sa.Column('categories', sa.String(length=200), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=True),
    sa.Column('expiry_event', sa.String(length=200), nullable=False),
    sa.Column('revoke_how', sa.String(length=4000), nullable=False),
    sa.Column('irrevocable_until', sa.Date(), nullable=True),
    sa.Column('irrevocable_event', sa.String(length=200), nullable=False),
    sa.Column('revoked_on', sa.Date(), nullable=True),
    sa.Column('revoked_how', sa.String(length=4000), nullable=False),
    sa.Column('ended_by_event', sa.Boolean(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=200), nullable=False),
    sa.CheckConstraint('expires_on IS NOT NULL OR length(trim(expiry_event)) > 0', name=op.f('ck_consent_expiry_given')),
    sa.CheckConstraint('expires_on IS NULL OR expires_on >= signed_on', name=op.f('ck_consent_expires_after')),
    sa.CheckConstraint('length(categories) > 0', name=op.f('ck_consent_categories_given')),
    sa.CheckConstraint('length(trim(purpose)) > 0', name=op.f('ck_consent_purpose_given')),
    sa.CheckConstraint('revoked_on IS NULL OR revoked_on >= signed_on', name=op.f('ck_consent_revoked_after')),
    sa.ForeignKeyConstraint(['case_manager_id'], ['case_manager.id'], name=op.f('fk_consent_case_manager_id_case_manager')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_consent_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consent'))
    )
    with op.batch_alter_table('consent', schema=None) as batch_op:
        batch_op.create_index('ix_consent_person', ['person_id'], unique=False)

    op.create_table('consent_scan',
    sa.Column('consent_id', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=200), nullable=False),
    sa.Column('media_type', sa.String(length=80), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['consent_id'], ['consent.id'], name=op.f('fk_consent_scan_consent_id_consent')),
    sa.PrimaryKeyConstraint('consent_id', name=op.f('pk_consent_scan'))
    )
    op.create_table('disclosure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('by', sa.String(length=200), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('consent_id', sa.Integer(), nullable=False),
    sa.Column('recipient', sa.String(length=4000), nullable=False),
    sa.Column('categories', sa.String(length=200), nullable=False),
    sa.Column('first', sa.Date(), nullable=False),
    sa.Column('last', sa.Date(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('how', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['consent_id'], ['consent.id'], name=op.f('fk_disclosure_consent_id_consent')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_disclosure_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_disclosure'))
    )
    with op.batch_alter_table('disclosure', schema=None) as batch_op:
        batch_op.create_index('ix_disclosure_person', ['person_id'], unique=False)

    with op.batch_alter_table('house', schema=None) as batch_op:
        batch_op.add_column(sa.Column('redisclosure_notice', sa.String(length=4000), server_default='', nullable=False))

    # The disclosure log is append-only, whoever writes to the file.
    if op.get_bind().dialect.name == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER disclosure_append_only_{event.lower()} BEFORE {event} "
                "ON disclosure BEGIN SELECT RAISE(ABORT, 'The disclosure log cannot be changed.'); END"
            )
    else:
        server_rules.append_only('disclosure', 'The disclosure log cannot be changed.')


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        server_rules.drop_append_only('disclosure')
    if op.get_bind().dialect.name == "sqlite":
        for event in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS disclosure_append_only_{event}")
    with op.batch_alter_table('house', schema=None) as batch_op:
        batch_op.drop_column('redisclosure_notice')

    with op.batch_alter_table('disclosure', schema=None) as batch_op:
        batch_op.drop_index('ix_disclosure_person')

    op.drop_table('disclosure')
    op.drop_table('consent_scan')
    with op.batch_alter_table('consent', schema=None) as batch_op:
        batch_op.drop_index('ix_consent_person')

    op.drop_table('consent')
