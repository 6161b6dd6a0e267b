"""Chores as the screens and the chart see them: plain frozen values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from residence.dates import format_date
from residence.residents.presence import PersonName


class Schedule(StrEnum):
    DAILY = "daily"
    WEEKDAYS = "weekdays"  # on chosen days of the week
    WEEKLY = "weekly"  # once a week, by a deadline day


class SignOff(StrEnum):
    PENDING = "pending"
    DONE = "done"
    MISSED = "missed"
    EXCUSED = "excused"
    COVERED = "covered"  # by another resident

    @property
    def label(self) -> str:
        return {
            SignOff.PENDING: "Not signed off",
            SignOff.DONE: "Done",
            SignOff.MISSED: "Missed",
            SignOff.EXCUSED: "Excused",
            SignOff.COVERED: "Covered",
        }[self]


@dataclass(frozen=True)
class ChoreInfo:
    """A chore of the catalogue; ``id`` is None for one not saved yet."""

    id: int | None
    name: str
    area: str = ""
    instructions: str = ""
    schedule: Schedule = Schedule.DAILY
    days: frozenset[int] = (
        frozenset()
    )  # weekdays (0 = Monday) for WEEKDAYS; the deadline for WEEKLY
    weight: int = 1
    people: int = 1
    retired: bool = False

    def dates_in(self, week_days: tuple[date, ...]) -> tuple[date, ...]:
        """The days of this week when the chore is done (the deadline for a weekly one)."""
        if self.schedule is Schedule.DAILY:
            return week_days
        return tuple(d for d in week_days if d.weekday() in self.days)

    @property
    def when(self) -> str:
        names = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
        if self.schedule is Schedule.DAILY:
            return "Every day"
        chosen = ", ".join(names[d] for d in sorted(self.days))
        return f"Weekly, by {chosen}" if self.schedule is Schedule.WEEKLY else chosen


@dataclass(frozen=True)
class ExemptionInfo:
    id: int | None
    person_id: int
    person_name: str
    chore_id: int | None  # None: every chore
    chore_name: str
    start: date
    end: date | None
    reason: str

    def covers(self, chore_id: int, day: date) -> bool:
        in_range = self.start <= day and (self.end is None or day <= self.end)
        return in_range and self.chore_id in (None, chore_id)


@dataclass(frozen=True)
class GridCell:
    assignment_id: int
    chore_id: int
    day: date
    slot: int
    person_id: int | None
    person_name: str
    load: float
    locked: bool
    reason: str
    status: SignOff
    note: str
    covered_by: str
    away: bool  # the person no longer lives in the house that day: reassign it
    # The name's fields, for a sheet that prints a shorter form (None: nobody).
    person: PersonName | None = None
    covered: PersonName | None = None


@dataclass(frozen=True)
class GridRow:
    chore_id: int
    chore_name: str
    area: str
    slot: int
    weight: int
    cells: tuple[GridCell | None, ...]  # one per day of the week; None: not done that day
    instructions: str = ""  # the catalogue's “dishes, counters, stovetop”

    @property
    def label(self) -> str:
        return self.chore_name if self.slot == 0 else f"{self.chore_name} ({self.slot + 1})"


@dataclass(frozen=True)
class WeekGrid:
    start: date
    rows: tuple[GridRow, ...]
    generated: bool

    @property
    def days(self) -> tuple[date, ...]:
        return tuple(self.start + timedelta(days=i) for i in range(7))

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)

    def cells(self) -> list[GridCell]:
        return [cell for row in self.rows for cell in row.cells if cell is not None]


class Unavailable(StrEnum):
    """Why someone can't take a chore on a day."""

    AWAY = "away"  # not living in the house that day
    HAS_IT = "has_it"  # already has this chore that day
    EXEMPT = "exempt"  # exempt from it: the manager may still hand it to them

    @property
    def overridable(self) -> bool:
        """An exemption is the manager's to override; absence and double booking are not."""
        return self is Unavailable.EXEMPT


@dataclass(frozen=True)
class WhyNot:
    """Why someone can't take a chore, with what the sentence a person reads needs."""

    reason: Unavailable
    day: date
    exemption: str = ""  # the exemption's reason, for EXEMPT

    def __str__(self) -> str:
        if self.reason is Unavailable.AWAY:
            return f"not living in the house on {format_date(self.day)}"
        if self.reason is Unavailable.HAS_IT:
            return "already has this chore that day"
        return f"exempt: {self.exemption}"


@dataclass(frozen=True)
class Candidate:
    """Someone who might take a cell, for the manager's picker."""

    person_id: int
    name: str
    week_load: float
    why_not: WhyNot | None = None  # None: free to take it

    @property
    def available(self) -> bool:
        return self.why_not is None

    @property
    def lives_here(self) -> bool:
        """Living in the house that day (even if busy or exempt): could cover for someone."""
        return self.why_not is None or self.why_not.reason is not Unavailable.AWAY

    @property
    def may_be_given(self) -> bool:
        """The manager may hand them the cell: free, or only exempt."""
        return self.why_not is None or self.why_not.reason.overridable


@dataclass(frozen=True)
class ChoreReport:
    """The chore report on a house meeting's agenda: how last week went, who does what next."""

    week_start: date | None  # None: no chores that week
    done: int
    missed: tuple[tuple[str, str, date], ...]  # (who, chore, day)
    excused: int
    covered: int
    next_week: tuple[tuple[str, str], ...]  # (chore, who)


@dataclass(frozen=True)
class FairnessRow:
    person_id: int
    name: str
    last_4_weeks: float
    last_8_weeks: float
    heavy_counts: tuple[tuple[str, int], ...]  # (chore, times) over 8 weeks, heaviest chores


@dataclass(frozen=True)
class SignOffEntry:
    """How one chore went, as the manager signs it off."""

    assignment_id: int
    status: SignOff
    note: str = ""
    covered_by: int | None = None


@dataclass(frozen=True)
class DayChore:
    chore: str
    person: str
    status: SignOff
    day: date
