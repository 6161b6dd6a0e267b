"""Recovery capital as the screens, the reports and the command line see it: plain values.

The Brief Assessment of Recovery Capital (BARC-10; Vilsaint and others, 2017) is ten
statements the resident rates from 1 (strongly disagree) to 6 (strongly agree); the total runs
from 10 to 60. It is Part H of SAMHSA's GPRA client outcome form. A total of 47 or more is the
level the research associates with sustained remission: the charts draw that line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

STATEMENTS = (
    "There are more important things to me in life than using substances.",
    "In general I am happy with my life.",
    "I have enough energy to complete the tasks I set for myself.",
    "I am proud of the community I live in and feel part of it.",
    "I get lots of support from friends.",
    "I regard my life as challenging and fulfilling without the need for using drugs or alcohol.",
    "My living space has helped to drive my recovery journey.",
    "I take full responsibility for my actions.",
    "I am happy dealing with a range of professional people.",
    "I am making good progress on my recovery journey.",
)
SCALE = (
    "Strongly disagree",
    "Disagree",
    "Somewhat disagree",
    "Somewhat agree",
    "Agree",
    "Strongly agree",
)  # scored 1 to 6, in this order
LOWEST, HIGHEST = 1, len(SCALE)
REMISSION_LINE = 47  # the total the research associates with sustained remission
MOST = HIGHEST * len(STATEMENTS)  # 60


@dataclass(frozen=True)
class Assessment:
    """One BARC-10 a resident took. A mistaken one is withdrawn with the reason, never
    deleted: it stays on file, struck through, and counts nowhere."""

    id: int
    person_id: int
    stay_id: int
    taken_on: date
    scores: tuple[int, ...]  # one per statement, 1–6
    on_paper: bool = False  # taken on the printed sheet, typed in later
    recorded_by: str = ""
    withdrawn_why: str = ""
    # The house's own questions answered on the sheet: (question, score); not in the total.
    answers: tuple[tuple[str, int], ...] = ()

    @property
    def total(self) -> int:
        return sum(self.scores)

    @property
    def counts(self) -> bool:
        return not self.withdrawn_why


@dataclass(frozen=True)
class Checkpoint:
    """When a BARC-10 is due in a stay: at move-in, at 30 and 90 days, then every 90."""

    days: int  # days after the move-in
    on: date

    @property
    def label(self) -> str:
        return "at move-in" if self.days == 0 else f"at {self.days} days"


@dataclass(frozen=True)
class Due:
    """A resident whose BARC-10 is due (from a week before the day) or overdue."""

    person_id: int
    name: str
    checkpoint: Checkpoint
    overdue: bool


class Area(StrEnum):
    """Where a goal of a recovery plan lies; ``HOUSING`` is the exit plan."""

    RECOVERY = "recovery"
    HEALTH = "health"
    WORK = "work"
    MONEY = "money"
    FAMILY = "family"
    LEGAL = "legal"
    HOUSING = "housing"

    @property
    def label(self) -> str:
        return _AREA_LABELS[self]


_AREA_LABELS = {
    Area.RECOVERY: "Recovery and meetings",
    Area.HEALTH: "Health and medication",
    Area.WORK: "Work or school",
    Area.MONEY: "Money",
    Area.FAMILY: "Family and relationships",
    Area.LEGAL: "Legal",
    Area.HOUSING: "Housing after the house (exit plan)",
}


class GoalState(StrEnum):
    OPEN = "open"
    MET = "met"
    DROPPED = "dropped"  # set aside, with the reason in its close note


@dataclass(frozen=True)
class Step:
    id: int
    what: str
    due: date | None
    done_on: date | None = None


@dataclass(frozen=True)
class Goal:
    """A goal of a stay's recovery plan, with its small steps and who helps."""

    id: int
    stay_id: int
    area: Area
    what: str
    helper: str  # who helps: the mentor, the sponsor, the case manager…
    target: date | None
    state: GoalState = GoalState.OPEN
    closed_on: date | None = None
    steps: tuple[Step, ...] = ()
    close_note: str = ""  # why it was set aside, or how it was met


@dataclass(frozen=True)
class HouseQuestion:
    """One of the house's own questions, asked after the ten on the same scale."""

    id: int
    text: str
    added_on: date
    retired_on: date | None = None

    def asked_on(self, day: date) -> bool:
        """Whether it was on the sheets of ``day``."""
        return self.added_on <= day and (self.retired_on is None or day < self.retired_on)


# -- the support network -----------------------------------------------------------------------


class Tie(StrEnum):
    """How a contact stands to the resident."""

    FAMILY = "family"
    FRIEND = "friend"
    COUNSELLOR = "counsellor"
    SPONSOR = "sponsor"
    FAITH = "faith"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _TIE_LABELS[self]


_TIE_LABELS = {
    Tie.FAMILY: "Family",
    Tie.FRIEND: "Sober friend",
    Tie.COUNSELLOR: "Counsellor or therapist",
    Tie.SPONSOR: "Sponsor",
    Tie.FAITH: "Faith community",
    Tie.OTHER: "Other",
}


@dataclass(frozen=True)
class ContactDraft:
    """A contact as typed: ``relation`` says more than the tie ("mother", "cousin")."""

    name: str
    tie: Tie
    relation: str = ""
    phone: str = ""
    consent_id: int | None = None  # the consent under which the house may contact them


@dataclass(frozen=True)
class SupportContact:
    id: int
    person_id: int
    draft: ContactDraft
    added_on: date
    removed_on: date | None
    removed_why: str
    # Whether the house may contact them about the resident today, and why (or why not).
    may_contact: bool
    contact_rule: str
    version: int | None = field(default=None, compare=False)

    @property
    def described(self) -> str:
        """The tie in words: "Family (mother)"."""
        tie = self.draft.tie.label
        return f"{tie} ({self.draft.relation})" if self.draft.relation else tie
