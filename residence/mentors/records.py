"""Peer mentoring as the screens and the roster see it: plain frozen values."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Role(StrEnum):
    RESIDENT = "resident"  # a senior resident of the house
    ALUMNUS = "alumnus"
    PEER_SPECIALIST = "peer_specialist"
    RECOVERY_COACH = "recovery_coach"

    @property
    def label(self) -> str:
        return _ROLE_LABELS[self]

    @property
    def external(self) -> bool:
        return self is not Role.RESIDENT


_ROLE_LABELS = {
    Role.RESIDENT: "Resident",
    Role.ALUMNUS: "Alumnus",
    Role.PEER_SPECIALIST: "Certified peer specialist",
    Role.RECOVERY_COACH: "Recovery coach",
}


class How(StrEnum):
    IN_PERSON = "in_person"
    PHONE = "phone"
    MEETING = "meeting"

    @property
    def label(self) -> str:
        return {How.IN_PERSON: "In person", How.PHONE: "Phone", How.MEETING: "At a meeting"}[self]


class EndReason(StrEnum):
    COMPLETED = "completed"
    MOVED_OUT = "moved_out"
    STEPPED_DOWN = "stepped_down"
    REPLACED = "replaced"
    NOT_A_FIT = "not_a_fit"
    CONFLICT = "conflict"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _END_LABELS[self]

    @property
    def badly(self) -> bool:
        """An ending that rules the same pair out of future suggestions."""
        return self in (EndReason.NOT_A_FIT, EndReason.CONFLICT)


_END_LABELS = {
    EndReason.COMPLETED: "Mentee doing well on their own",
    EndReason.MOVED_OUT: "Mentor or mentee moved out",
    EndReason.STEPPED_DOWN: "Mentor stepped down",
    EndReason.REPLACED: "Replaced by another mentor",
    EndReason.NOT_A_FIT: "Not a good fit",
    EndReason.CONFLICT: "Conflict between them",
    EndReason.OTHER: "Other",
}


@dataclass(frozen=True)
class MentorRules:
    """Who may mentor and how often pairs meet. The defaults are what houses commonly ask:
    90 days sober, Phase 3 or an alumnus, a few mentees each, a check-in every week."""

    min_days_sober: int = 90
    min_phase: int = 3  # a phase's position: Phase 3 or later
    max_mentees: int = 3
    check_in_days: int = 7
    alumni_may_mentor: bool = True
    peers_may_mentor: bool = True  # certified peer specialists and recovery coaches
    # The house record's version once saved (``db.edits``): what the form now shows.
    version: int | None = field(default=None, compare=False)


@dataclass(frozen=True, order=True)
class MentorKey:
    """A mentor: a resident (``person_id``) or someone from outside (``external_id``)."""

    person_id: int | None = None
    external_id: int | None = None


@dataclass(frozen=True)
class ExternalMentorInfo:
    id: int | None
    name: str
    role: Role
    phone: str = ""
    email: str = ""
    active: bool = True
    # The trail's newest entry about them when read (``db.edits``): a save from an older
    # reading is refused rather than written over a change made since.
    version: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class MentorFacts:
    """What the rules look at about a possible mentor."""

    key: MentorKey
    name: str
    role: Role
    days_sober: int | None
    phase_position: int | None
    phase: str
    load: int  # active mentees now
    lives_here: bool = True
    active: bool = True  # an external mentor still mentoring


class Ineligible(StrEnum):
    """Why someone may not mentor (this mentee, or anyone now)."""

    THEMSELF = "themself"
    AWAY = "away"  # a resident mentor who doesn't live in the house
    NO_SOBRIETY_DATE = "no_sobriety_date"
    TOO_NEW = "too_new"  # fewer days sober than the house asks
    PHASE = "phase"  # in a phase below the house's lowest for mentors
    STOPPED = "stopped"  # an outside mentor no longer mentoring
    NO_ALUMNI = "no_alumni"  # the house doesn't let alumni mentor
    NO_PEERS = "no_peers"  # … nor outside peer specialists and coaches
    FULL = "full"  # as many mentees as the house allows


@dataclass(frozen=True)
class WhyNotMentor:
    """Why someone may not mentor, with the figures the sentence a person reads needs."""

    reason: Ineligible
    has: int = 0  # days sober, or mentees now
    wants: int = 0  # days the house asks for, or mentees it allows
    phase: str = ""  # their phase
    lowest_phase: str = ""  # the house's lowest phase for mentors

    def __str__(self) -> str:
        reason = self.reason
        if reason is Ineligible.TOO_NEW:
            return f"{self.has} days sober; the house asks for {self.wants}."
        if reason is Ineligible.PHASE:
            return f"In {self.phase or 'no phase'}; mentors are in {self.lowest_phase} or later."
        if reason is Ineligible.FULL:
            return f"Already mentors {self.has}; the house allows {self.wants}."
        return _INELIGIBLE_TEXT[reason]


_INELIGIBLE_TEXT = {
    Ineligible.THEMSELF: "Nobody mentors themself.",
    Ineligible.AWAY: "Not living in the house.",
    Ineligible.NO_SOBRIETY_DATE: "No sobriety date on file.",
    Ineligible.STOPPED: "No longer mentoring.",
    Ineligible.NO_ALUMNI: "The house rules don't let alumni mentor.",
    Ineligible.NO_PEERS: "The house rules don't let outside peer specialists or coaches mentor.",
}


@dataclass(frozen=True)
class Candidate:
    """A possible mentor for one mentee, as the picker shows them."""

    facts: MentorFacts
    last_check_in: date | None
    why_not: WhyNotMentor | None  # None when they may mentor this mentee

    @property
    def eligible(self) -> bool:
        return self.why_not is None


@dataclass(frozen=True)
class Pair:
    id: int
    mentee_id: int
    mentee: str
    mentor: MentorKey
    mentor_name: str
    role: Role
    started: date
    ended: date | None
    end_reason: EndReason | None
    end_note: str
    last_check_in: date | None
    due: date | None  # next check-in due; None once ended
    overdue: bool


@dataclass(frozen=True)
class CheckInInfo:
    id: int
    pair_id: int
    day: date
    how: How
    note: str
    shareable: bool


@dataclass(frozen=True)
class Unpaired:
    """A resident who should have a mentor and has none."""

    person_id: int
    name: str
    move_in: date
    lost_mentor_on: date | None = None  # their mentor moved out on that day


@dataclass(frozen=True)
class Suggestion:
    mentee_id: int
    mentee: str
    mentor: MentorKey
    mentor_name: str


@dataclass(frozen=True)
class OverCapacity:
    mentor: MentorKey
    name: str
    load: int
    most: int
