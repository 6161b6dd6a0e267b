"""The demo house: Magnolia House, invented people with an invented history, put together
from each area's part (``residence/<area>/demo.py``).

Dates are relative to the moment it is built, so the demo always looks like a house in use;
for one moment the result is always the same, and nothing in it happens after that moment.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from residence.chores.demo import build_demo_chores
from residence.clock import FixedClock
from residence.consents.demo import build_demo_consents
from residence.db.database import Database, Location, open_database
from residence.errors import StorageError
from residence.house.records import HouseSettings, MoveUpRules
from residence.house.service import HouseService
from residence.meetings.demo import build_demo_meetings
from residence.mentors.demo import build_demo_mentors
from residence.recovery.demo import build_demo_network, build_demo_plans, build_demo_recovery
from residence.residents.demo import build_demo_residents
from residence.resources.demo import build_demo_resources
from residence.workspace import workspace_for

ROOMS = ("Oak", "Maple", "Birch", "Cedar", "Willow", "Aspen", "Pine")


MAGNOLIA = HouseSettings(
    name="Magnolia House",
    address="1428 Elm Street\nSpringfield",
    phone="555-0100",
    manager_name="Dana Whitaker",
    week_starts_on=0,
)


# The demo's written criteria for moving up (Phase 1 has none: everyone starts there).
MOVE_UP = {
    2: MoveUpRules(days_in_phase=30, quota_weeks=4, house_meeting_percent=80,
                   missed_chores_at_most=1),
    3: MoveUpRules(days_in_phase=30, quota_weeks=6, house_meeting_percent=90,
                   missed_chores_at_most=0),
}  # fmt: skip


def write_move_up_criteria(house: HouseService) -> None:
    for phase in house.phases():
        if phase.position in MOVE_UP:
            house.save_phase(replace(phase, move_up=MOVE_UP[phase.position]))


def write_demo(where: Location, at: datetime) -> None:
    """Write the demo house, as it stands at the moment ``at``, to a new file at ``where``, or
    into an empty database on a server; refuses to overwrite anything. Nothing in it is
    recorded after ``at``."""
    if isinstance(where, Path) and where.exists():
        raise StorageError(f"{where} already exists; choose a new file name for the demo.")
    today = at.date()
    clock = FixedClock(at)
    database = open_database(where, clock=clock)
    try:
        if HouseService(database).settings() is not None:
            raise StorageError(
                f"{where} holds a house already; give the address of an empty database."
            )
        build_demo(database, today)
        workspace = workspace_for(database)
        build_demo_meetings(workspace, today)
        build_demo_mentors(workspace, today)
        build_demo_resources(workspace)
        build_demo_recovery(workspace, clock, today)
        build_demo_plans(workspace, clock)
        build_demo_consents(workspace, clock, today)
        build_demo_network(workspace, today)
    finally:
        database.close()


def build_demo(database: Database, today: date) -> None:
    house = HouseService(database)
    house.set_up(MAGNOLIA)
    write_move_up_criteria(house)
    for room in ROOMS:
        house.add_room(room, ["A", "B"])
    build_demo_residents(database, house, today)
    build_demo_chores(database, today)
