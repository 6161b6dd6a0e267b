"""A house at the issue's limit: 20 residents and 20 chores, generated in one week."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from residence.chores.records import ChoreInfo, Schedule, WeekGrid
from residence.house.records import HouseSettings
from residence.residents.records import Admission, PersonDetails
from residence.workspace import open_workspace
from tests.conftest import clock_on

TODAY = date(2026, 6, 15)
# Long and look-alike names on purpose: two Christophers must still be told apart on paper.
NAMES = [
    ("Christopher", "Montgomery-Abernathy"), ("Christopher", "Bell"), ("Nguyễn", "Thị Minh"),
    ("Zoë", "O'Brien-Łukasz"), ("José", "Ñúñez"), ("Mohammed", "Al-Rashid"),
    ("Darnell", "Washington"), ("Aiyana", "Redcloud"), ("Bartholomew", "Featherstonehaugh"),
    ("Priya", "Raman"), ("Tomás", "Herrera"), ("Lucía", "Fernández-Ortega"),
    ("Kevin", "O'Malley"), ("Samuel", "Okafor"),
    ("Marcus", "Bell"), ("Rebecca", "Lindqvist"), ("Andre", "Dubois"), ("Grace", "Whitfield"),
    ("Omar", "Haddad"), ("Dylan", "Reyes"),
]  # fmt: skip


def twenty_by_twenty(folder: Path) -> WeekGrid:
    """A set-up house with 20 residents in 20 beds and 20 chores; its generated week."""
    workspace = open_workspace(folder / "big.sqlite3", clock=clock_on(TODAY))
    try:
        rooms = [(f"Room {n}", ["A", "B"]) for n in range(1, 11)]
        workspace.house.set_up(HouseSettings("Big House"), rooms)
        beds = workspace.house.beds()
        admissions = [
            Admission(PersonDetails(first, last), date(2026, 5, 1), bed.id)
            for (first, last), bed in zip(NAMES, beds, strict=True)
        ]
        workspace.residents.admit_many(admissions)
        for n in range(20):
            schedule = (Schedule.DAILY, Schedule.WEEKDAYS, Schedule.WEEKLY)[n % 3]
            days = frozenset() if schedule is Schedule.DAILY else frozenset({n % 7})
            people = 2 if n % 4 == 0 else 1  # some chores take two people
            workspace.chores.save_chore(
                ChoreInfo(
                    None, f"Chore number {n:02d}", "Area", "", schedule, days, n % 5 + 1, people
                )
            )
        return workspace.weeks.generate(TODAY).value.grid
    finally:
        workspace.close()


def test_twenty_residents_share_twenty_chores(tmp_path: Path) -> None:
    grid = twenty_by_twenty(tmp_path)
    assert len({row.chore_id for row in grid.rows}) == 20
    assert all(c.person_id is not None for c in grid.cells())
    assert len({c.person_id for c in grid.cells()}) == 20  # everyone has something
