"""Chores as the screens and the chart see them: plain frozen values."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from itertools import pairwise

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
    # The trail's newest entry about it when it was read: a save from an older reading is
    # refused rather than written over a change made since (``db.edits``).
    version: int | None = field(default=None, compare=False)

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
    # Who lives there in the week without a chore in it: the chart names them, so nobody
    # hunts the fridge for a name that isn't there (a house with more people than chores).
    free: tuple[PersonName, ...] = ()

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


DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")  # as format_date writes them


class ChangeReason(StrEnum):
    """Why regenerating a week changed a cell it already had."""

    MOVED_OUT = "moved_out"  # its person no longer lives in the house that day
    EXEMPT = "exempt"  # its person is exempt from it now
    RETIRED = "retired"  # the chore is retired, or no longer done that day or by that many
    CHORE_CHANGED = "chore_changed"  # the chore's effort or days changed
    NEW = "new"  # a chore, day or slot the week didn't have
    WAS_EMPTY = "was_empty"  # nobody had it; now someone can
    NO_CHORE = "no_chore"  # handed to someone who had no chore this week
    PASSED_ON = "passed_on"  # handed on along a chain so that someone with none has one


@dataclass(frozen=True)
class CellChange:
    """Cells of one chore slot that regenerating gave to someone else, and why."""

    chore: str
    days: tuple[date, ...]
    before: str  # "" for nobody
    after: str  # "" for nobody (or removed, for RETIRED)
    reason: ChangeReason
    about: str = ""  # whom the reason is about: who moved out, who had no chore

    def __str__(self) -> str:
        who = f"{self.before or 'nobody'} → {self.after or 'nobody'}"
        if self.reason is ChangeReason.RETIRED:
            who = "taken off the chart"
        return f"{self.chore} {day_span(self.days)}: {who} ({self._why()})"

    def _why(self) -> str:
        return {
            ChangeReason.MOVED_OUT: f"{self.about} moved out",
            ChangeReason.EXEMPT: f"{self.about} is exempt",
            ChangeReason.RETIRED: "the chore was retired or no longer falls then",
            ChangeReason.CHORE_CHANGED: "the chore changed",
            ChangeReason.NEW: "new on the chart",
            ChangeReason.WAS_EMPTY: "nobody had it",
            ChangeReason.NO_CHORE: f"{self.about} had no chore this week",
            ChangeReason.PASSED_ON: f"so that {self.about} has a chore too",
        }[self.reason]


def day_span(days: tuple[date, ...]) -> str:
    """“Wed–Sun” for a run of days, “Mon, Wed, Fri” otherwise."""
    names = [DAY_NAMES[d.weekday()] for d in days]
    consecutive = all((b - a).days == 1 for a, b in pairwise(days))
    if len(days) > 2 and consecutive:
        return f"{names[0]}–{names[-1]}"
    return ", ".join(names)


@dataclass(frozen=True)
class Generated:
    """A week's rotation as generating left it, and what it changed of the week before."""

    grid: WeekGrid
    changes: tuple[CellChange, ...] = ()
    remade: bool = False  # the week had a rotation already

    @property
    def cells_changed(self) -> int:
        return sum(len(c.days) for c in self.changes)


class RestReason(StrEnum):
    """Why a resident has no chore this week."""

    NO_ROTATION = "no_rotation"  # the week isn't generated yet
    EXEMPT = "exempt"  # exempt from every chore all the days they live here
    FEWER_CHORES = "fewer_chores"  # more people than chores: the busiest lately rest
    ARRIVED = "arrived"  # came (or off an exemption) after the week was made: regenerate


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
    this_week: int = 0  # chores they are the week's person of (covers don't count)
    rest: RestReason | None = None  # why they have none this week

    @property
    def why_none(self) -> str:
        """The sentence the fairness view shows beside someone without a chore this week."""
        if self.rest is None:
            return ""
        return {
            RestReason.NO_ROTATION: "the week isn't generated yet",
            RestReason.EXEMPT: "exempt from chores this week",
            RestReason.FEWER_CHORES: (
                "rests this week: fewer chores than people, and those who did the most over "
                "the last 4 weeks rest first"
            ),
            RestReason.ARRIVED: (
                "moved in or came off an exemption after the week was made: regenerate to give "
                "them one"
            ),
        }[self.rest]


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
