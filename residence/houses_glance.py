"""All houses at a glance: one line per house for an operator (or a manager of several), what
each house's Home page would flag first. Built from each house's own services, so a line says
exactly what that house's Home says."""

from __future__ import annotations

from dataclasses import dataclass

from residence.workspace import Workspace


@dataclass(frozen=True)
class HouseLine:
    house_id: int
    name: str
    beds: int
    occupied: int
    residents: int
    moved_in: int  # this week (the house's own week)
    moved_out: int
    consents_expiring: int  # of current residents, not yet renewed
    check_ins_overdue: int  # mentor pairs past their check-in interval
    house_meeting_missed: bool  # last week had no house meeting on record

    @property
    def free(self) -> int:
        return self.beds - self.occupied


def houses_glance(workspace: Workspace) -> list[HouseLine]:
    """Each house the one who opened the database may see, by name."""
    return [
        _line(workspace.in_house(house), house, name) for house, name in workspace.house.houses()
    ]


def _line(house: Workspace, house_id: int, name: str) -> HouseLine:
    summary = house.home.summary()
    week = summary.week_first
    moves = [m for m in summary.recent_moves if m.on >= week]
    glance = house.meetings_glance(summary.today, week)
    return HouseLine(
        house_id=house_id,
        name=name,
        beds=summary.census.beds,
        occupied=summary.census.occupied,
        residents=summary.census.residents,
        moved_in=sum(1 for m in moves if m.moved_in),
        moved_out=sum(1 for m in moves if not m.moved_in),
        consents_expiring=len(house.consents.expiring()),
        check_ins_overdue=len(house.mentors.overdue()),
        house_meeting_missed=glance.no_meeting_last_week,
    )
