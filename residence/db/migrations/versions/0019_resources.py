"""resources

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06 21:30:00

The house's list of resources (meetings by fellowship, literature, clinics, job and housing
help, legal aid), and which a mentor shared at a check-in. A house's records: on a server,
its own.
"""

from __future__ import annotations

import sqlalchemy as sa

from residence.db import server_rules
from alembic import op


revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('resource',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('details', sa.String(length=4000), nullable=False),
    sa.Column('phone', sa.String(length=80), nullable=False),
    sa.Column('fellowship', sa.String(length=80), nullable=False),
    sa.Column('retired', sa.Boolean(), nullable=False),
    sa.Column('house_id', sa.Integer(), nullable=False),
    sa.CheckConstraint('length(trim(name)) > 0', name=op.f('ck_resource_name_given')),
    sa.CheckConstraint("kind IN ('meeting', 'literature', 'health', 'work', 'housing', 'legal', 'other')", name=op.f('ck_resource_kind_known')),
    sa.ForeignKeyConstraint(['house_id'], ['house.id'], name=op.f('fk_resource_house_id_house')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resource')),
    sa.UniqueConstraint('house_id', 'kind', 'name', name='uq_resource_name_per_house')
    )
    op.create_table('shared_resource',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('check_in_id', sa.Integer(), nullable=False),
    sa.Column('resource_id', sa.Integer(), nullable=False),
    sa.Column('house_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['check_in_id'], ['check_in.id'], name=op.f('fk_shared_resource_check_in_id_check_in')),
    sa.ForeignKeyConstraint(['house_id'], ['house.id'], name=op.f('fk_shared_resource_house_id_house')),
    sa.ForeignKeyConstraint(['resource_id'], ['resource.id'], name=op.f('fk_shared_resource_resource_id_resource')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shared_resource')),
    sa.UniqueConstraint('check_in_id', 'resource_id', name='uq_shared_resource_once')
    )
    op.create_index('ix_shared_resource_check_in', 'shared_resource', ['check_in_id'], unique=False)
    if op.get_bind().dialect.name != "sqlite":
        server_rules.by_house('resource')
        server_rules.by_house('shared_resource')


def downgrade() -> None:
    op.drop_index('ix_shared_resource_check_in', table_name='shared_resource')
    op.drop_table('shared_resource')
    op.drop_table('resource')
