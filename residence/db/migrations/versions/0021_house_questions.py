"""house questions

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06 21:45:00

The house's own questions, asked after the BARC-10's ten on the same 1–6 scale and never part
of its total, and each resident's answers on their sheets. A house's records: on a server, its
own.
"""

from __future__ import annotations

import sqlalchemy as sa

from residence.db import server_rules
from alembic import op


revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('house_question',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=400), nullable=False),
    sa.Column('added_on', sa.Date(), nullable=False),
    sa.Column('retired_on', sa.Date(), nullable=True),
    sa.Column('house_id', sa.Integer(), nullable=False),
    sa.CheckConstraint('length(trim(text)) > 0', name=op.f('ck_house_question_text_given')),
    sa.CheckConstraint('retired_on IS NULL OR retired_on >= added_on', name=op.f('ck_house_question_retired_after')),
    sa.ForeignKeyConstraint(['house_id'], ['house.id'], name=op.f('fk_house_question_house_id_house')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_house_question'))
    )
    op.create_table('house_answer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recovery_capital_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('house_id', sa.Integer(), nullable=False),
    sa.CheckConstraint('score BETWEEN 1 AND 6', name=op.f('ck_house_answer_score_on_scale')),
    sa.ForeignKeyConstraint(['house_id'], ['house.id'], name=op.f('fk_house_answer_house_id_house')),
    sa.ForeignKeyConstraint(['question_id'], ['house_question.id'], name=op.f('fk_house_answer_question_id_house_question')),
    sa.ForeignKeyConstraint(['recovery_capital_id'], ['recovery_capital.id'], name=op.f('fk_house_answer_recovery_capital_id_recovery_capital')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_house_answer')),
    sa.UniqueConstraint('recovery_capital_id', 'question_id', name='uq_house_answer_once')
    )
    if op.get_bind().dialect.name != "sqlite":
        server_rules.by_house('house_question')
        server_rules.by_house('house_answer')


def downgrade() -> None:
    op.drop_table('house_answer')
    op.drop_table('house_question')
