"""Residents as the screens and reports see them: plain frozen values, never ORM rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from residence.milestones import Milestone
from residence.residents.reasons import DischargeReason


@dataclass(frozen=True)
class PersonDetails:
    """Everything about a person that the manager types in (not their stays)."""

    first_name: str
    last_name: str
    preferred_name: str = ""
    date_of_birth: date | None = None
    sobriety_date: date | None = None
    phone: str = ""
    email: str = ""
    emergency_name: str = ""
    emergency_relation: str = ""
    emergency_phone: str = ""
    case_manager_name: str = ""
    case_manager_org: str = ""
    case_manager_phone: str = ""
    case_manager_email: str = ""
    probation_officer: str = ""
    probation_phone: str = ""
    sponsor_name: str = ""
    sponsor_phone: str = ""
    employment: str = ""
    notes: str = ""

    @property
    def display_name(self) -> str:
        return display_name(self.first_name, self.last_name, self.preferred_name)


@dataclass(frozen=True)
class Admission:
    """A move-in: a new person, or a returning one when ``returning_person_id`` is set."""

    details: PersonDetails
    move_in: date
    bed_id: int | None = None
    phase_id: int | None = None  # None: the house's first phase
    referral_source: str = ""
    returning_person_id: int | None = None
    discharge: Discharge | None = None  # a past stay, when importing a house's history


class Status(StrEnum):
    CURRENT = "current"
    FORMER = "former"
    ALL = "all"


@dataclass(frozen=True)
class ResidentRow:
    """One line of the residents table: a person and their latest stay."""

    person_id: int
    stay_id: int
    name: str
    first_name: str
    last_name: str
    room_bed: str
    phase: str
    move_in: date
    move_out: date | None
    days_sober: int | None
    case_manager: str

    @property
    def current(self) -> bool:
        return self.move_out is None


@dataclass(frozen=True)
class PhaseSpan:
    phase: str
    start: date
    note: str


@dataclass(frozen=True)
class BedSpan:
    room: str
    label: str
    start: date
    end: date | None

    @property
    def bed(self) -> str:
        return f"{self.room} · {self.label}"


@dataclass(frozen=True)
class Amendment:
    amended_at: datetime
    amended_by: str
    why: str
    old_move_out: date
    old_reason: DischargeReason
    old_note: str
    new_move_out: date
    new_reason: DischargeReason
    new_note: str


@dataclass(frozen=True)
class StayRecord:
    id: int
    move_in: date
    move_out: date | None
    referral_source: str
    discharge_reason: DischargeReason | None
    discharge_note: str
    phases: tuple[PhaseSpan, ...] = ()
    beds: tuple[BedSpan, ...] = ()
    amendments: tuple[Amendment, ...] = ()

    @property
    def current_phase(self) -> str:
        return self.phases[-1].phase if self.phases else ""

    @property
    def current_bed(self) -> BedSpan | None:
        return self.beds[-1] if self.beds and self.beds[-1].end is None else None


@dataclass(frozen=True)
class ResidentDetail:
    person_id: int
    details: PersonDetails
    stays: tuple[StayRecord, ...]
    days_sober: int | None = None
    next_milestone: Milestone | None = None
    version: int = 0  # of the details, for a save to find a change made since (db.edits)

    @property
    def current_stay(self) -> StayRecord | None:
        last = self.stays[-1] if self.stays else None
        return last if last is not None and last.move_out is None else None


@dataclass(frozen=True)
class ReturningMatch:
    """Someone already on file who may be the person being admitted."""

    person_id: int
    name: str
    date_of_birth: date | None
    last_move_in: date
    last_move_out: date | None
    stays: int


@dataclass(frozen=True)
class Discharge:
    move_out: date
    reason: DischargeReason
    note: str = ""


@dataclass(frozen=True)
class Transfer:
    """A move to another of the operator's houses on ``day``: the bed there (None: none yet)
    and its phase (None: that house's first)."""

    to_house: int
    day: date
    bed_id: int | None = None
    phase_id: int | None = None


@dataclass(frozen=True)
class CaseManagerInfo:
    id: int
    name: str
    organisation: str
    phone: str = ""
    email: str = ""

    @property
    def label(self) -> str:
        return f"{self.name}, {self.organisation}" if self.organisation else self.name


def display_name(first_name: str, last_name: str, preferred_name: str = "") -> str:
    """“First Last”, with the preferred name when it differs: “Roberto “Bobby” Diaz”."""
    if preferred_name and preferred_name != first_name:
        return f"{first_name} “{preferred_name}” {last_name}"
    return f"{first_name} {last_name}"
