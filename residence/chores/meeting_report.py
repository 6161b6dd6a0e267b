"""The chore report a house meeting's minutes carry, read from the chore weeks."""

from __future__ import annotations

from datetime import date, timedelta

from residence.chores.records import ChoreReport, SignOff, WeekGrid
from residence.chores.weeks import ChoreWeeks


def chore_report(weeks: ChoreWeeks, day: date) -> ChoreReport:
    """Last week's chores and next week's rotation, seen from a meeting on ``day``.

    A meeting on the week's last day (Sunday, with weeks from Monday) reports on the week
    it closes; any other day reports on the week before its own.
    """
    start = weeks.week_of(day)
    closes_week = day == start + timedelta(days=6)
    last_start = start if closes_week else start - timedelta(weeks=1)
    last = weeks.grid(last_start)
    upcoming = weeks.grid(last_start + timedelta(weeks=1))
    cells = last.cells()
    missed = tuple(
        (c.person_name, _chore_name(last, c.chore_id), c.day)
        for c in cells
        if c.status is SignOff.MISSED
    )
    # In the chart's order: chore by chore, each person once, in day order.
    assigned = (
        (row.chore_name, c.person_name)
        for row in upcoming.rows
        for c in row.cells
        if c is not None and c.person_id is not None
    )
    next_week = dict.fromkeys(assigned)
    return ChoreReport(
        week_start=last.start if last.generated else None,
        done=sum(c.status is SignOff.DONE for c in cells),
        missed=missed,
        excused=sum(c.status is SignOff.EXCUSED for c in cells),
        covered=sum(c.status is SignOff.COVERED for c in cells),
        next_week=tuple(next_week),
    )


def _chore_name(grid: WeekGrid, chore_id: int) -> str:
    return next((r.chore_name for r in grid.rows if r.chore_id == chore_id), "")
