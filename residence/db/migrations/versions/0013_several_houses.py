"""several houses

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 12:10:00

A database may hold several houses (an operator's). The house table may have more than one
row; every record a house owns carries its ``house_id`` (today's records: the one house there
is, number 1), and a person's file carries the house that took them in first. Names that were
unique in the house (rooms, phases and their order, chores, chore weeks, case managers) are
unique per house.
Each house's audit trail is a chain of its own; today's trail is house 1's, unchanged. A stay
may continue one in another house (a transfer: ``transferred_from_id``).

On SQLite a column that references another table can't be added in place: each table is
copied into its new shape (every reference checked before the upgrade commits), and the
triggers that kept its rules are put back exactly as they were.
"""

from __future__ import annotations

from typing import Literal

import sqlalchemy as sa

from alembic import op


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

OWNED = (
    'person', 'room', 'bed', 'phase', 'stay', 'stay_phase', 'bed_assignment',
    'discharge_amendment', 'chore', 'chore_exemption', 'chore_week', 'chore_assignment',
    'meeting_series', 'meeting', 'attendance', 'minutes', 'minutes_amendment', 'action_item',
    'outside_meeting', 'external_mentor', 'mentorship', 'check_in', 'consent', 'consent_scan',
    'disclosure', 'audit_entry', 'case_manager',
)
# Unique in the house, no longer in the whole database: (old name, new name, columns).
PER_HOUSE = {
    'room': [('uq_room_name', 'uq_room_name_per_house', ['house_id', 'name'])],
    'phase': [
        ('uq_phase_name', 'uq_phase_name_per_house', ['house_id', 'name']),
        ('uq_phase_position', 'uq_phase_position_per_house', ['house_id', 'position']),
    ],
    'chore': [('uq_chore_name', 'uq_chore_name_per_house', ['house_id', 'name'])],
    'chore_week': [('uq_chore_week_start', 'uq_chore_week_start_per_house', ['house_id', 'start'])],
    'case_manager': [
        ('uq_case_manager_name_org', 'uq_case_manager_per_house', ['house_id', 'name', 'organisation'])
    ],
}


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    triggers: list[str] = []
    if sqlite:
        # The copies drop and rename tables others refer to: the upgrade runs with foreign
        # keys off and checks them all before it commits (``database._migrate``).
        names = ", ".join(f"'{table}'" for table in ('house', *OWNED))
        triggers = [
            row[0]
            for row in op.get_bind().exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                f"AND tbl_name IN ({names}) ORDER BY name"
            )
        ]
    recreate: Literal["always", "auto"] = "always" if sqlite else "auto"
    with op.batch_alter_table('house', recreate=recreate) as batch:
        batch.drop_constraint(op.f('ck_house_single_row'), type_='check')
        batch.create_check_constraint(op.f('ck_house_name_given'), 'length(trim(name)) > 0')
        batch.create_unique_constraint(op.f('uq_house_name'), ['name'])
    for table in OWNED:
        # In place first, with the one house as its value; then without a default (every
        # record the app adds names its house) and with its reference. No index: a house is
        # most of the rows, and SQLite would take it over the selective ones.
        op.add_column(
            table, sa.Column('house_id', sa.Integer(), nullable=False, server_default='1')
        )
        with op.batch_alter_table(table, recreate=recreate) as batch:
            batch.alter_column(
                'house_id', server_default=None, existing_type=sa.Integer(),
                existing_nullable=False,
            )
            batch.create_foreign_key(op.f(f'fk_{table}_house_id_house'), 'house', ['house_id'], ['id'])
            if table == 'stay':  # a transfer's second stay names the one it continues
                batch.add_column(sa.Column('transferred_from_id', sa.Integer(), nullable=True))
                batch.create_foreign_key(
                    op.f('fk_stay_transferred_from_id_stay'), 'stay', ['transferred_from_id'], ['id']
                )
            for old, new, columns in PER_HOUSE.get(table, []):
                batch.drop_constraint(op.f(old), type_='unique')
                batch.create_unique_constraint(op.f(new), columns)
    for trigger in triggers:
        op.execute(trigger)


def downgrade() -> None:
    raise NotImplementedError("A database of several houses can't go back to one.")
