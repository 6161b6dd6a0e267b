"""support network

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06 21:10:00

The people a resident can call, with phone and relationship, each naming the consent under
which the house may contact them about the resident. A house's records: on a server, its own.
"""

from __future__ import annotations

import sqlalchemy as sa

from residence.db import server_rules
from alembic import op


revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('support_contact',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('tie', sa.String(length=12), nullable=False),
    sa.Column('relation', sa.String(length=80), nullable=False),
    sa.Column('phone', sa.String(length=80), nullable=False),
    sa.Column('consent_id', sa.Integer(), nullable=True),
    sa.Column('added_on', sa.Date(), nullable=False),
    sa.Column('removed_on', sa.Date(), nullable=True),
    sa.Column('removed_why', sa.String(length=200), nullable=False),
    sa.Column('house_id', sa.Integer(), nullable=False),
    sa.CheckConstraint('length(trim(name)) > 0', name=op.f('ck_support_contact_name_given')),
    sa.CheckConstraint("tie IN ('family', 'friend', 'counsellor', 'sponsor', 'faith', 'other')", name=op.f('ck_support_contact_tie_known')),
    sa.CheckConstraint('removed_on IS NULL OR removed_on >= added_on', name=op.f('ck_support_contact_removed_after')),
    sa.CheckConstraint("(removed_on IS NULL) = (removed_why = '')", name=op.f('ck_support_contact_removed_says_why')),
    sa.ForeignKeyConstraint(['consent_id'], ['consent.id'], name=op.f('fk_support_contact_consent_id_consent')),
    sa.ForeignKeyConstraint(['house_id'], ['house.id'], name=op.f('fk_support_contact_house_id_house')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_support_contact_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_support_contact'))
    )
    op.create_index('ix_support_contact_person', 'support_contact', ['person_id'], unique=False)
    if op.get_bind().dialect.name != "sqlite":
        server_rules.by_house('support_contact')


def downgrade() -> None:
    op.drop_index('ix_support_contact_person', table_name='support_contact')
    op.drop_table('support_contact')
