"""Meetings as the screens and printed sheets see them: plain frozen values."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from enum import StrEnum


class Kind(StrEnum):
    HOUSE = "house"  # the house meeting
    GROUP = "group"  # an in-house group: step study, life skills…


class Presence(StrEnum):
    PRESENT = "present"
    LATE = "late"
    EXCUSED = "excused"
    ABSENT = "absent"


FELLOWSHIPS = ("AA", "NA", "CA", "SMART Recovery", "Celebrate Recovery", "Refuge Recovery", "Other")


@dataclass(frozen=True)
class SeriesInfo:
    """A weekly event; ``id`` None for one not saved yet."""

    id: int | None
    kind: Kind
    title: str
    weekday: int  # 0 = Monday
    start_time: time
    minutes: int = 60
    place: str = ""
    mandatory: bool = True
    starts: date = date(2000, 1, 1)
    ends: date | None = None
    # The trail's newest entry about it when read (``db.edits``): a change from an older
    # reading is refused rather than written over one made since.
    version: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Occurrence:
    """One meeting on the calendar. ``meeting_id`` is None until something is recorded."""

    meeting_id: int | None
    series_id: int | None
    series_date: date | None
    kind: Kind
    title: str
    day: date
    start_time: time
    minutes: int
    place: str
    mandatory: bool
    cancelled: bool = False
    cancel_reason: str = ""

    @property
    def moved(self) -> bool:
        return self.series_date is not None and self.series_date != self.day


@dataclass(frozen=True)
class AttendanceLine:
    person_id: int
    name: str
    status: Presence | None  # None: not taken yet
    reason: str = ""


@dataclass(frozen=True)
class ActionItemInfo:
    """An action item of a house meeting: what, who, by when, and when it was done."""

    id: int
    what: str
    who: str
    person_id: int | None
    due: date | None
    done_on: date | None
    raised_on: date


@dataclass(frozen=True)
class OutsideEntry:
    id: int
    person_id: int
    name: str
    day: date
    fellowship: str
    meeting: str
    online: bool
    slip_seen: bool


@dataclass(frozen=True)
class QuotaLine:
    """A resident's outside meetings in one house week, against their phase's quota."""

    person_id: int
    name: str
    phase: str
    quota: int
    count: int

    @property
    def short(self) -> bool:
        return self.count < self.quota
