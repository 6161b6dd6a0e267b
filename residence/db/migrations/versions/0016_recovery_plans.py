"""recovery plans

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 16:05:00

A stay's recovery plan: goals in the areas that matter (the exit plan among them), each with
who helps, a target date and small steps. A house's records: on a server, its own.
"""

from __future__ import annotations

import sqlalchemy as sa

from residence.db import server_rules
from alembic import op


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('plan_goal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('stay_id', sa.Integer(), nullable=False),
    sa.Column('area', sa.String(length=12), nullable=False),
    sa.Column('what', sa.String(length=4000), nullable=False),
    sa.Column('helper', sa.String(length=200), nullable=False),
    sa.Column('target', sa.Date(), nullable=True),
    sa.Column('state', sa.String(length=8), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('set_on', sa.Date(), nullable=False),
    sa.Column('house_id', sa.Integer(), nullable=False),
    sa.CheckConstraint("area IN ('recovery', 'health', 'work', 'money', 'family', 'legal', 'housing')", name=op.f('ck_plan_goal_area_known')),
    sa.CheckConstraint("state IN ('open', 'met', 'dropped')", name=op.f('ck_plan_goal_state_known')),
    sa.CheckConstraint("(state = 'open') = (closed_on IS NULL)", name=op.f('ck_plan_goal_closed_when_done')),
    sa.CheckConstraint('length(trim(what)) > 0', name=op.f('ck_plan_goal_what_given')),
    sa.ForeignKeyConstraint(['house_id'], ['house.id'], name=op.f('fk_plan_goal_house_id_house')),
    sa.ForeignKeyConstraint(['stay_id'], ['stay.id'], name=op.f('fk_plan_goal_stay_id_stay')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_goal'))
    )
    op.create_index('ix_plan_goal_stay', 'plan_goal', ['stay_id'], unique=False)
    op.create_table('plan_step',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sa.Integer(), nullable=False),
    sa.Column('what', sa.String(length=4000), nullable=False),
    sa.Column('due', sa.Date(), nullable=True),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('house_id', sa.Integer(), nullable=False),
    sa.CheckConstraint('length(trim(what)) > 0', name=op.f('ck_plan_step_what_given')),
    sa.ForeignKeyConstraint(['goal_id'], ['plan_goal.id'], name=op.f('fk_plan_step_goal_id_plan_goal')),
    sa.ForeignKeyConstraint(['house_id'], ['house.id'], name=op.f('fk_plan_step_house_id_house')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_step'))
    )
    op.create_index('ix_plan_step_goal', 'plan_step', ['goal_id'], unique=False)
    if op.get_bind().dialect.name != "sqlite":
        server_rules.by_house('plan_goal')
        server_rules.by_house('plan_step')


def downgrade() -> None:
    op.drop_index('ix_plan_step_goal', table_name='plan_step')
    op.drop_table('plan_step')
    op.drop_index('ix_plan_goal_stay', table_name='plan_goal')
    op.drop_table('plan_goal')
