"""What the phase-up assistant sees and says: the resident it judges, each criterion's finding
with its evidence, and the verdict as a whole."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from residence.dates import format_date
from residence.errors import ValidationError

# The records a criterion looks back over, where it doesn't count weeks or days in the phase.
LOOK_BACK_DAYS = 30


class Finding(enum.Enum):
    MET = "met"
    NOT_MET = "not met"
    # The house has no record to judge it by (no roll taken, no slips logged yet): the manager
    # decides from what they know; the app never reads a missing record as a failure.
    NO_RECORD = "no record"


@dataclass(frozen=True)
class Candidate:
    """The resident being judged on ``day``: their stay, and the phase they are in then."""

    person_id: int
    stay_id: int
    name: str
    move_in: date
    day: date
    phase: str | None  # None: the stay has no phase yet
    phase_start: date | None

    @property
    def look_back_from(self) -> date:
        """The first day of the last 30, or the move-in if that is later."""
        return max(self.move_in, date.fromordinal(self.day.toordinal() - LOOK_BACK_DAYS + 1))


@dataclass(frozen=True)
class Verdict:
    """One criterion: what the house asks (``asked``, a sentence), what the records show."""

    name: str  # the criterion's name in ``house.records.MoveUpRules``
    asked: str
    finding: Finding
    evidence: str

    @property
    def line(self) -> str:
        return f"{self.asked}: {self.finding.value} ({self.evidence})"


@dataclass(frozen=True)
class Assessment:
    candidate: Candidate
    next_phase_id: int | None  # None: already in the last phase
    next_phase: str
    verdicts: tuple[Verdict, ...]

    @property
    def all_met(self) -> bool:
        return all(v.finding is Finding.MET for v in self.verdicts)

    def note(self, reason: str) -> str:
        """The note kept with the move: these facts, and the manager's reason, which a move
        with a criterion not met needs (the decision is theirs, and the record says why)."""
        reason = reason.strip()
        if not self.all_met and not reason:
            raise ValidationError.single(
                "note", f"{self.unsettled()}: say why they move up all the same."
            )
        return self.summary() + (f"\n\n{reason}" if reason else "")

    def unsettled(self) -> str:
        """What isn't met, and what has no record, said apart: "1 not met, 1 with no record"."""
        unmet = sum(1 for v in self.verdicts if v.finding is Finding.NOT_MET)
        unknown = sum(1 for v in self.verdicts if v.finding is Finding.NO_RECORD)
        parts = [f"{unmet} not met"] if unmet else []
        parts += [f"{unknown} with no record to judge by"] if unknown else []
        return ", ".join(parts) or "all met"

    def summary(self) -> str:
        """The facts as they stood, for the note kept with the phase change."""
        if not self.verdicts:
            return f"The house sets no criteria for {self.next_phase}."
        heading = f"Criteria for {self.next_phase} on {format_date(self.candidate.day)}:"
        return "\n".join([heading, *(f"- {v.line}" for v in self.verdicts)])


@dataclass(frozen=True)
class Criterion:
    """One criterion an area judges from its records: ``asked`` says it in a sentence for an
    amount and the phase before; ``judge`` reads the records for a candidate."""

    name: str
    asked: Callable[[int, str], str]
    judge: Callable[[Session, Candidate, int], tuple[Finding, str]]


def since(candidate: Candidate) -> str:
    """How a look-back is said: "in the last 30 days", or since a move-in within them."""
    if candidate.look_back_from == candidate.move_in:
        return f"since moving in on {format_date(candidate.move_in)}"
    return f"in the last {LOOK_BACK_DAYS} days"
