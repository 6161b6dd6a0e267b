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
    RECOVERY_CAPITAL = "recovery_capital"
    RECOVERY_PLAN = "recovery_plan"

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
    Category.RECOVERY_CAPITAL: "Recovery capital (BARC-10 scores)",
    Category.RECOVERY_PLAN: "Recovery plan (goals and steps)",
}


class Standing(StrEnum):
    """The overall status line the house manager gives a progress report."""

    GOOD = "good"
    CONCERNS = "concerns"
    NOT_STATED = ""

    @property
    def label(self) -> str:
        return _STANDING_LABELS[self]


_STANDING_LABELS = {
    Standing.GOOD: "In good standing",
    Standing.CONCERNS: "Concerns noted",
    Standing.NOT_STATED: "Not stated by the house",
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
    # What the report said that the records don't: with them it can be made again and checked.
    standing: Standing = Standing.NOT_STATED
    statement: str = ""
    prepared_by: str = ""


# -- what a progress report says, category by category (None: not covered) -----------------


@dataclass(frozen=True)
class StayPart:
    move_in: date
    move_out: date | None
    phases: tuple[tuple[date, str], ...]  # (from, phase name)
    discharge: str = ""  # the reason, for a stay that ended


@dataclass(frozen=True)
class AttendanceSummary:
    """House meetings on days the resident lived here. Only a meeting whose roll was taken
    says anything about the resident: one without a roll is "no record", never a miss."""

    held: int  # meetings whose roll was taken
    present: int
    late: int
    excused: tuple[tuple[date, str], ...]  # (day, reason)
    missed: tuple[date, ...]  # marked absent on the roll
    not_on_roll: tuple[date, ...] = ()  # the roll was taken without the resident on it
    no_roll: tuple[date, ...] = ()  # on the calendar, no roll on record
    records_from: date | None = None  # the house's first roll call in the app
    before_records: int = 0  # meetings on the calendar before the house's records begin

    @property
    def attended(self) -> int:
        return self.present + self.late


@dataclass(frozen=True)
class OutsideWeek:
    """One house week. ``days``: the days it counts (lived here, in the period, on record);
    a week with none of them on record is "no record", never a shortfall."""

    week_start: date
    count: int
    quota: int
    days: int = 7
    on_record: bool = True

    @property
    def prorated(self) -> bool:
        return self.on_record and self.days < 7

    @property
    def short_by(self) -> int:
        return max(self.quota - self.count, 0) if self.on_record else 0


@dataclass(frozen=True)
class OutsideMeetings:
    weeks: tuple[OutsideWeek, ...]
    records_from: date | None  # the first outside-meeting slip the house logged


@dataclass(frozen=True)
class ChoreSummary:
    done: int
    missed: tuple[tuple[date, str], ...]  # (day, chore)
    excused: int
    covered: int  # done for them by a housemate
    records_from: date | None = None  # the first week the house kept a chore chart


@dataclass(frozen=True)
class CheckInLine:
    day: date
    how: str
    mentor: str
    note: str  # only when notes are covered and the note was marked shareable


@dataclass(frozen=True)
class PlanLine:
    """A goal of the recovery plan as it stood on a report's last day: ``state`` "open",
    "met" or "set aside" then; its steps as (what, due, done on), those added by then."""

    area: str
    what: str
    helper: str
    target: date | None
    set_on: date
    state: str
    closed_on: date | None
    steps: tuple[tuple[str, date | None, date | None], ...]
    close_note: str = ""  # why it was set aside, or how it was met


@dataclass(frozen=True)
class Notice:
    """The redisclosure notice as saved, and the house record's version then."""

    text: str
    version: int


@dataclass(frozen=True)
class ProgressReport:
    house: str
    house_address: str
    house_phone: str
    resident: str
    identifier: str  # on every page: the name or initials, with the record number
    date_of_birth: date | None
    consent: ConsentInfo
    first: date
    last: date
    prepared_by: str
    preparer_role: str
    standing: Standing
    statement: str  # the manager's own words on the resident's standing
    notice: str  # the redisclosure notice, on every page
    generated: datetime
    stays: tuple[StayPart, ...] | None = None
    sobriety_date: date | None = None
    days_sober: int | None = None  # on the report's last day
    milestones: tuple[tuple[str, date], ...] | None = None  # reached within the period
    attendance: AttendanceSummary | None = None
    outside: OutsideMeetings | None = None
    chores: ChoreSummary | None = None
    check_ins: tuple[CheckInLine, ...] | None = None
    notes: tuple[tuple[date, str], ...] | None = None  # shareable notes: (day, text)
    # BARC-10 totals in the period, oldest first: (day, total, the stay's number: a chart joins
    # a stay's points only); withdrawn sheets aren't results.
    recovery_capital: tuple[tuple[date, int, int], ...] | None = None
    recovery_plan: tuple[PlanLine, ...] | None = None  # goals set by the last day, open in it


@dataclass(frozen=True)
class ConsentForm:
    """A release of information to print and sign: prefilled from a consent on file, or
    blank (``consent`` None, no resident) for a newcomer to fill in by hand."""

    house: str
    house_address: str
    resident: str
    date_of_birth: date | None
    consent: ConsentInfo | None
    generated: datetime
    notice: str = FEDERAL_NOTICE


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
