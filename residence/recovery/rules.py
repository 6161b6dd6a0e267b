"""The BARC-10's rules, without I/O: the scores a sheet may hold and when one is due."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from residence.recovery.records import HIGHEST, LOWEST, STATEMENTS, Checkpoint

FIRST_DAYS = (0, 30, 90)  # then every EVERY days after the last of these
EVERY = 90
EARLY = 7  # days ahead of a checkpoint that an assessment counts for it, and is shown as due


def scores_problem(scores: Iterable[object]) -> str:
    """What is wrong with a sheet's scores ("" if nothing): ten of them, each 1 to 6."""
    given = list(scores)
    if len(given) != len(STATEMENTS):
        return f"Give {len(STATEMENTS)} scores, one per statement ({len(given)} given)."
    for number, score in enumerate(given, start=1):
        if not isinstance(score, int) or isinstance(score, bool) or not LOWEST <= score <= HIGHEST:
            return f"Statement {number}: score it from {LOWEST} to {HIGHEST} ({score} given)."
    return ""


def parse_scores(text: str) -> tuple[int, ...] | str:
    """Scores typed as "5,4,6,…" (commas or spaces); the scores, or what is wrong."""
    parts = [p for p in text.replace(",", " ").split() if p]
    try:
        scores = tuple(int(p) for p in parts)
    except ValueError:
        return f"Scores are whole numbers from {LOWEST} to {HIGHEST}, e.g. 5,4,6,5,3,4,5,6,4,5."
    return scores_problem(scores) or scores


def checkpoint_days(index: int) -> int:
    """The days after move-in of the ``index``-th checkpoint (0, 30, 90, 180, 270…)."""
    if index < len(FIRST_DAYS):
        return FIRST_DAYS[index]
    return FIRST_DAYS[-1] + EVERY * (index - len(FIRST_DAYS) + 1)


def checkpoints(move_in: date, until: date) -> list[Checkpoint]:
    """The stay's checkpoints from its move-in up to ``until`` (inclusive)."""
    found, index = [], 0
    while (on := move_in + timedelta(days=checkpoint_days(index))) <= until:
        found.append(Checkpoint(checkpoint_days(index), on))
        index += 1
    return found


def next_checkpoint(move_in: date, after: date) -> Checkpoint:
    """The first checkpoint later than ``after``."""
    index = 0
    while (on := move_in + timedelta(days=checkpoint_days(index))) <= after:
        index += 1
    return Checkpoint(checkpoint_days(index), on)


def due(move_in: date, today: date, taken: Iterable[date]) -> tuple[Checkpoint, bool] | None:
    """The checkpoint a stay's BARC-10 is due for today and whether it is overdue, or None.

    The due one is the latest checkpoint on or before a week from today; an assessment taken
    from a week before it counts for it. A checkpoint missed altogether is not carried on
    once the next one comes round: that one is due instead (the record shows the gap)."""
    window = today + timedelta(days=EARLY)
    reached = checkpoints(move_in, window)
    if not reached:
        return None
    latest = reached[-1]
    opens = latest.on - timedelta(days=EARLY)
    if any(opens <= day <= today for day in taken):
        return None
    return latest, latest.on < today
