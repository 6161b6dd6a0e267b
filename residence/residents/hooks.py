"""What other areas do when a stay changes, without the residents area knowing them.

Areas register a function for each event they care about (``residence/areas.py`` puts them
together); the residents service runs them inside its own transaction, so a move-out and
everything it ends are saved together or not at all. Each hook says what it changed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from sqlalchemy.orm import Session

from residence.changes import Changes


@dataclass(frozen=True)
class StayEnded:
    """Someone moved out (discharged) on ``day``."""

    person_id: int
    stay_id: int
    day: date


@dataclass(frozen=True)
class MoveOutCorrected:
    """A discharge was amended: the move-out ``old`` is now ``new``."""

    person_id: int
    stay_id: int
    old: date
    new: date


E = TypeVar("E", StayEnded, MoveOutCorrected)
Hook = Callable[[Session, E], Changes]


@dataclass
class StayHooks:
    """The registered hooks, by event."""

    stay_ended: list[Hook[StayEnded]] = field(default_factory=list)
    move_out_corrected: list[Hook[MoveOutCorrected]] = field(default_factory=list)

    def ended(self, session: Session, event: StayEnded) -> Changes:
        return _run(self.stay_ended, session, event)

    def corrected(self, session: Session, event: MoveOutCorrected) -> Changes:
        return _run(self.move_out_corrected, session, event)


def _run(hooks: list[Hook[E]], session: Session, event: E) -> Changes:
    changes = Changes.of()
    for hook in hooks:
        changes |= hook(session, event)
    return changes
