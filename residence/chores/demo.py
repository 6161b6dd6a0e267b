"""The demo house's chores: a realistic catalogue, two exemptions, and eight weeks of history."""

from __future__ import annotations

import random
from datetime import date, timedelta

from residence.chores.catalogue import ChoreCatalogue
from residence.chores.records import ChoreInfo, GridCell, Schedule, SignOff, SignOffEntry
from residence.chores.weeks import ChoreWeeks
from residence.db.database import Database
from residence.residents.queries import ResidentQueries

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
D, W, ON = Schedule.DAILY, Schedule.WEEKLY, Schedule.WEEKDAYS

CHORES = (
    ChoreInfo(None, "Kitchen after breakfast", "Kitchen", "Dishes, counters, stovetop.", D,
              weight=2),
    ChoreInfo(None, "Kitchen after dinner", "Kitchen", "Dishes, counters, sweep the floor.", D,
              weight=3, people=2),
    ChoreInfo(None, "Fridge clean-out", "Kitchen", "Throw out anything unlabelled or past date.",
              W, frozenset({SUN}), weight=3),
    ChoreInfo(None, "Dining table and chairs", "Kitchen", "Wipe down after dinner.", D, weight=1),
    ChoreInfo(None, "Upstairs bathroom", "Bathrooms", "Sink, toilet, shower, floor.", ON,
              frozenset({MON, WED, FRI}), weight=4),
    ChoreInfo(None, "Downstairs bathroom", "Bathrooms", "Sink, toilet, floor, restock paper.", ON,
              frozenset({MON, WED, FRI}), weight=4),
    ChoreInfo(None, "Bathroom deep clean", "Bathrooms", "Grout, vents, behind the toilet.", W,
              frozenset({SAT}), weight=5),
    ChoreInfo(None, "Common room tidy", "Common room", "Cushions, blankets, remotes, dust.", D,
              weight=1),
    ChoreInfo(None, "Vacuum and mop", "Floors", "All shared rooms downstairs.", ON,
              frozenset({TUE, FRI}), weight=3),
    ChoreInfo(None, "Stairs and hallway", "Floors", "Vacuum the stairs, mop the hall.", ON,
              frozenset({TUE, SAT}), weight=2),
    ChoreInfo(None, "Kitchen trash", "Trash", "Out to the bin when full, new bag.", D, weight=1),
    ChoreInfo(None, "Trash and recycling to the curb", "Trash", "Pickup is Thursday morning.",
              ON, frozenset({WED}), weight=2),
    ChoreInfo(None, "Yard and porch", "Yard", "Sweep the porch, pick up litter, water plants.",
              W, frozenset({SAT}), weight=3),
    ChoreInfo(None, "Laundry room", "Laundry", "Clean the lint traps, wipe machines.", W,
              frozenset({THU}), weight=2),
    ChoreInfo(None, "Windows and mirrors", "Common room", "Downstairs windows and all mirrors.",
              W, frozenset({FRI}), weight=2),
)  # fmt: skip


def build_demo_chores(database: Database, today: date) -> None:
    catalogue = ChoreCatalogue(database, database.clock)
    for chore in CHORES:
        catalogue.save_chore(chore)
    ids = {c.name: c.id for c in catalogue.chores()}
    _exemptions(catalogue, ResidentQueries(database, database.clock), ids, today)
    weeks = ChoreWeeks(database, database.clock)
    start = weeks.week_of(today)
    history = random.Random(2026)  # the same sign-offs for the same day, every time
    for back in range(8, -1, -1):
        grid = weeks.generate(start - timedelta(weeks=back), past=True).value.grid
        cells = grid.cells()
        entries = [
            _outcome(cell, history, cells)
            for cell in cells
            if cell.day < today and cell.person_id is not None and not cell.away
        ]
        weeks.sign_off_many(entries)


def _exemptions(
    catalogue: ChoreCatalogue, queries: ResidentQueries, ids: dict[str, int | None], today: date
) -> None:
    people = {row.first_name: row for row in queries.rows()}
    if (newcomer := people.get("Aiyana")) is not None:
        catalogue.add_exemption(
            newcomer.person_id,
            None,
            newcomer.move_in,
            newcomer.move_in + timedelta(days=2),
            "First days in the house",
        )
    if (nights := people.get("Thị Minh")) is not None:
        catalogue.add_exemption(
            nights.person_id,
            ids["Kitchen after breakfast"],
            today - timedelta(weeks=10),
            None,
            "Works nights: asleep at breakfast",
        )


def _outcome(cell: GridCell, rng: random.Random, week: list[GridCell]) -> SignOffEntry:
    """Mostly done; now and then missed, excused, or covered by a housemate."""
    roll = rng.random()
    if roll < 0.86:
        return SignOffEntry(cell.assignment_id, SignOff.DONE)
    if roll < 0.93:
        return SignOffEntry(cell.assignment_id, SignOff.MISSED, "Reminded at the house meeting")
    if roll < 0.97:
        return SignOffEntry(cell.assignment_id, SignOff.EXCUSED, "Doctor's appointment")
    # Someone else with a chore that day: certainly in the house.
    others = {c.person_id for c in week if c.day == cell.day and not c.away}
    helpers = sorted(p for p in others if p is not None and p != cell.person_id)
    if not helpers:
        return SignOffEntry(cell.assignment_id, SignOff.DONE)
    return SignOffEntry(cell.assignment_id, SignOff.COVERED, "Swapped days", rng.choice(helpers))
