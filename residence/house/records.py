"""The house's own settings, as plain values."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class HouseSettings:
    name: str
    address: str = ""
    phone: str = ""
    manager_name: str = ""
    week_starts_on: int = 0  # 0 = Monday ... 6 = Sunday
    manager_role: str = "House manager"  # printed under the name on a progress report
    report_names: str = "name"  # how a progress report names its resident on every page
    # The house record's version once saved (``db.edits``): what the form now shows.
    version: int | None = field(default=None, compare=False)


# How a disclosed report names its resident at the top of every page, with the record number.
REPORT_NAMES = {"name": "Full name and record number", "initials": "Initials and record number"}


@dataclass(frozen=True)
class BedInfo:
    id: int
    room_id: int
    room_name: str
    label: str
    retired: bool = False

    @property
    def full_label(self) -> str:
        return f"{self.room_name} · {self.label}"


@dataclass(frozen=True)
class RoomInfo:
    id: int
    name: str
    beds: tuple[BedInfo, ...]


@dataclass(frozen=True)
class MoveUpRules:
    """The house's written criteria for moving up to a phase, from the one before it: each
    None when the house doesn't ask for it. The areas that keep the records judge them
    (``residence.phaseup``)."""

    days_in_phase: int | None = None  # at least this many days in the phase before
    quota_weeks: int | None = None  # outside-meeting quota met in each of the last N weeks
    house_meeting_percent: int | None = None  # of house meetings in the last 30 days
    missed_chores_at_most: int | None = None  # in the last 30 days

    def asked(self) -> dict[str, int]:
        """The criteria the house asks for, by name, with their amounts."""
        return {name: amount for name, amount in vars(self).items() if amount is not None}


# What a phase's criteria for moving up to it may ask, and how the message names it.
MOVE_UP_LIMITS = {
    "days_in_phase": (1, 3650, "Days in the phase before"),
    "quota_weeks": (1, 52, "Weeks of the outside-meeting quota"),
    "house_meeting_percent": (1, 100, "The share of house meetings"),
    "missed_chores_at_most": (0, 100, "Missed chores"),
}
MOVE_UP_COLUMNS = {name: f"up_{name}" for name in MOVE_UP_LIMITS}


@dataclass(frozen=True)
class PhaseInfo:
    """A phase (level) of a stay. ``id`` is None for one not saved yet."""

    id: int | None
    name: str
    position: int
    curfew: time | None = None
    weekly_meetings: int = 0
    description: str = ""
    move_up: MoveUpRules = MoveUpRules()
    # The trail's newest entry about it when it was read (``db.edits``): a change from an
    # older reading is refused rather than written over one made since.
    version: int | None = field(default=None, compare=False)


# The three phases most houses start from; every house changes them in Settings.
DEFAULT_PHASES = (
    PhaseInfo(
        None, "Phase 1 · Orientation", 1, time(22, 0), 5, "First ~30 days; no overnight passes."
    ),
    PhaseInfo(None, "Phase 2", 2, time(23, 0), 4, "To ~90 days."),
    PhaseInfo(None, "Phase 3", 3, time(0, 0), 3, "90+ days; may mentor newer residents."),
)
