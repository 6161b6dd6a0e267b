"""Resources as the window, the printed list and the command line see them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class Kind(StrEnum):
    """What a resource is, in the order the printed list shows them."""

    MEETING = "meeting"
    LITERATURE = "literature"
    HEALTH = "health"
    WORK = "work"
    HOUSING = "housing"
    LEGAL = "legal"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Kind.MEETING: "Meetings",
    Kind.LITERATURE: "Literature",
    Kind.HEALTH: "Clinics and health",
    Kind.WORK: "Jobs and school",
    Kind.HOUSING: "Housing",
    Kind.LEGAL: "Legal aid",
    Kind.OTHER: "Other help",
}


@dataclass(frozen=True)
class ResourceInfo:
    """One resource; ``id`` None for one not saved yet. ``details``: when and where, what to
    bring, what it costs. ``fellowship`` for a meeting (AA, NA, SMART Recovery...)."""

    id: int | None
    kind: Kind
    name: str
    details: str = ""
    phone: str = ""
    fellowship: str = ""
    retired: bool = False
    # The trail's newest entry about it when it was read (``db.edits``).
    version: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Shared:
    """A resource a mentor shared with a resident at a check-in."""

    day: date
    resource: str
    kind: Kind
    mentor: str


@dataclass(frozen=True)
class ResourceList:
    house: str
    house_phone: str
    resources: tuple[ResourceInfo, ...]
    generated: datetime
