"""What kind of data a write touched, so each page reloads only when it must."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

T = TypeVar("T", covariant=True)


class Area(StrEnum):
    HOUSE = "house"
    RESIDENTS = "residents"
    CHORES = "chores"
    MEETINGS = "meetings"
    MENTORS = "mentors"
    CONSENTS = "consents"
    RECOVERY = "recovery"
    RESOURCES = "resources"


@dataclass(frozen=True)
class Changes:
    areas: frozenset[Area]

    @classmethod
    def of(cls, *areas: Area) -> Changes:
        return cls(frozenset(areas))

    def touches(self, *areas: Area) -> bool:
        return any(area in self.areas for area in areas)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.areas | other.areas)


@dataclass(frozen=True)
class Done(Generic[T]):
    """What a write returns: its result and what it changed."""

    value: T
    changes: Changes
