"""The demo house's recovery capital: BARC-10s at each checkpoint of every stay, rising for
most residents, falling for the one whose stay ended in a return to use; the newest
arrivals' and one other's next sheet still due, so Home has something to say."""

from __future__ import annotations

import random
from datetime import date

from residence.recovery.records import HIGHEST, LOWEST, STATEMENTS
from residence.recovery.rules import checkpoints
from residence.residents.reasons import DischargeReason
from residence.residents.records import Status
from residence.workspace import Workspace


def build_demo_recovery(workspace: Workspace, today: date) -> None:
    rng = random.Random(47)
    left_out = 0
    for file in workspace.queries.details(Status.ALL):
        for stay in file.stays:
            last = min(stay.move_out or today, today)
            reached = checkpoints(stay.move_in, last)
            relapsed = stay.discharge_reason is DischargeReason.RETURNED_TO_USE
            if stay.move_out is None and len(reached) > 1 and left_out < 2:
                reached, left_out = reached[:-1], left_out + 1  # the latest one is due now
            total = rng.randint(22, 32)
            for number, checkpoint in enumerate(reached):
                if number:
                    step = -rng.randint(3, 7) if relapsed else rng.randint(2, 7)
                    total = max(14, min(58, total + step))
                scores = spread_scores(total, rng)
                workspace.recovery.record(
                    file.person_id, checkpoint.on, scores, on_paper=rng.random() < 0.3
                )


def spread_scores(total: int, rng: random.Random) -> tuple[int, ...]:
    """Ten scores of 1–6 adding up to ``total``, unevenly, as people answer."""
    scores = [LOWEST] * len(STATEMENTS)
    while sum(scores) < total:
        item = rng.randrange(len(scores))
        if scores[item] < HIGHEST:
            scores[item] += 1
    return tuple(scores)
