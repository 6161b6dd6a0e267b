"""Consents (releases of information), progress reports and the disclosure log, as plain
frozen values. A consent names what 42 CFR § 2.31 asks a written consent to name: who may
receive, why, what may be disclosed, when it was signed, when it ends, and how to revoke it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

# The short form in 42 CFR § 2.32; the house may set its own wording.
FEDERAL_NOTICE = "42 CFR part 2 prohibits unauthorized use or disclosure of these records."


class Category(StrEnum):
    """What a consent lets the house disclose, in the order a report shows it."""

    STAY = "stay"
    SOBRIETY = "sobriety"
    ATTENDANCE = "attendance"
    OUTSIDE = "outside"
    CHORES = "chores"
    MENTORS = "mentors"
    NOTES = "notes"

    @property
    def label(self) -> str:
        return _CATEGORY_LABELS[self]


_CATEGORY_LABELS = {
    Category.STAY: "Stay dates and phase",
    Category.SOBRIETY: "Sobriety date and milestones",
    Category.ATTENDANCE: "House-meeting attendance",
    Category.OUTSIDE: "Outside meetings",
    Category.CHORES: "Chores",
    Category.MENTORS: "Mentor check-ins",
    Category.NOTES: "Notes marked shareable",
}


class ConsentStatus(StrEnum):
    ACTIVE = "active"
    EXPIRING = "expiring"  # active, ends within 30 days
    EXPIRED = "expired"
    REVOKED = "revoked"
    ENDED = "ended"  # its expiry event happened

    @property
    def label(self) -> str:
        return {
            ConsentStatus.ACTIVE: "Active",
            ConsentStatus.EXPIRING: "Expiring soon",
            ConsentStatus.EXPIRED: "Expired",
            ConsentStatus.REVOKED: "Revoked",
            ConsentStatus.ENDED: "Ended",
        }[self]

    @property
    def allows(self) -> bool:
        return self in (ConsentStatus.ACTIVE, ConsentStatus.EXPIRING)


@dataclass(frozen=True)
class ConsentInfo:
    """A signed release of information; ``id`` None for one not saved yet."""

    id: int | None
    person_id: int
    recipient_name: str  # a person, or empty when a class of recipients is named
    recipient_org: str
    purpose: str
    categories: frozenset[Category]
    signed_on: date
    expires_on: date | None  # a date, or…
    expiry_event: str = ""  # …an event ("when I leave the program"), or both
    revoke_how: str = "In writing to the house manager."
    recipient_class: str = ""  # e.g. "my case manager at Riverside Treatment Center"
    case_manager_id: int | None = None  # when the recipient is the resident's case manager
    irrevocable_until: date | None = None  # court- or probation-ordered placements
    irrevocable_event: str = ""
    revoked_on: date | None = None
    revoked_how: str = ""
    ended_by_event: bool = False  # revoked_on is the day the expiry event happened
    scan_name: str = ""  # the signed form, when one is attached

    @property
    def recipient(self) -> str:
        named = ", ".join(part for part in (self.recipient_name, self.recipient_org) if part)
        return named or self.recipient_class

    @property
    def expiry(self) -> str:
        """When it ends, in words: a date, an event, or whichever comes first."""
        from residence.dates import format_date

        parts = []
        if self.expires_on is not None:
            parts.append(format_date(self.expires_on))
        if self.expiry_event:
            parts.append(self.expiry_event)
        return " or ".join(parts) + (", whichever comes first" if len(parts) == 2 else "")


@dataclass(frozen=True)
class ConsentRow:
    info: ConsentInfo
    resident: str
    status: ConsentStatus
    status_text: str  # "Expires 12 Dec 2026", "Revoked 3 Nov 2026 (in writing)"…


@dataclass(frozen=True)
class DisclosureInfo:
    id: int
    at: datetime
    by: str
    person_id: int
    resident: str
    consent_id: int
    recipient: str
    categories: tuple[Category, ...]
    first: date
    last: date
    sha256: str
    how: str  # "saved", "printed", "command line"


# -- what a progress report says, category by category (None: not covered) -----------------


@dataclass(frozen=True)
class StayPart:
    move_in: date
    move_out: date | None
    phases: tuple[tuple[date, str], ...]  # (from, phase name)
    discharge: str = ""  # the reason, for a stay that ended


@dataclass(frozen=True)
class AttendanceSummary:
    held: int  # house meetings held while the resident lived here in the period
    present: int
    late: int
    excused: tuple[tuple[date, str], ...]  # (day, reason)
    missed: tuple[date, ...]  # absent, or not recorded

    @property
    def attended(self) -> int:
        return self.present + self.late


@dataclass(frozen=True)
class OutsideWeek:
    week_start: date
    count: int
    quota: int


@dataclass(frozen=True)
class ChoreSummary:
    done: int
    missed: tuple[tuple[date, str], ...]  # (day, chore)
    excused: int
    covered: int  # done for them by a housemate


@dataclass(frozen=True)
class CheckInLine:
    day: date
    how: str
    mentor: str
    note: str  # only when notes are covered and the note was marked shareable


@dataclass(frozen=True)
class ProgressReport:
    house: str
    house_address: str
    house_phone: str
    resident: str
    date_of_birth: date | None
    consent: ConsentInfo
    first: date
    last: date
    prepared_by: str
    notice: str  # the redisclosure notice, on every page
    generated: datetime
    stays: tuple[StayPart, ...] | None = None
    sobriety_date: date | None = None
    days_sober: int | None = None  # on the report's last day
    milestones: tuple[tuple[str, date], ...] | None = None  # reached within the period
    attendance: AttendanceSummary | None = None
    outside: tuple[OutsideWeek, ...] | None = None
    chores: ChoreSummary | None = None
    check_ins: tuple[CheckInLine, ...] | None = None
    notes: tuple[tuple[date, str], ...] | None = None  # shareable notes: (day, text)


@dataclass(frozen=True)
class ConsentForm:
    """A release of information to print and sign, prefilled."""

    house: str
    house_address: str
    resident: str
    date_of_birth: date | None
    consent: ConsentInfo
    generated: datetime


@dataclass(frozen=True)
class RosterLine:
    name: str
    bed: str  # "Oak · A", or "" without a bed
    move_in: date
    phase: str
    days_in_house: int
    days_sober: int | None


@dataclass(frozen=True)
class HouseRoster:
    """The census for the house's own files (not a disclosure)."""

    house: str
    today: date
    beds: int
    occupied: int
    lines: tuple[RosterLine, ...]
    generated: datetime
