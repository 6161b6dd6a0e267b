"""What the outcomes report tells of stays: how many began and ended in the period, how long
the ended ones lasted, how they ended, and the share who completed the program."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from residence.db import orm
from residence.outcomes import rules
from residence.outcomes.records import Bars, Block, Line
from residence.residents.reasons import DischargeReason


def stays(session: Session, first: date, last: date) -> Block:
    begun = session.scalars(select(orm.Stay.id).where(orm.Stay.move_in.between(first, last)))
    ended = session.execute(
        select(orm.Stay.move_in, orm.Stay.move_out, orm.Stay.discharge_reason).where(
            orm.Stay.move_out.between(first, last),
            # A transfer goes on in another house: it isn't an end, nor a stay's length.
            orm.Stay.discharge_reason != DischargeReason.TRANSFERRED.value,
        )
    ).all()
    reasons = {r.label: 0 for r in DischargeReason}
    lengths = []
    for move_in, move_out, reason in ended:
        if move_out is None or reason is None:  # the query asks for ended stays only
            continue
        reasons[DischargeReason(reason).label] += 1
        lengths.append((move_out - move_in).days)
    completed = reasons[DischargeReason.COMPLETED.label]
    shown = rules.breakdown({label: n for label, n in reasons.items() if n})
    completion = rules.share(completed, len(ended))
    if shown.get(DischargeReason.COMPLETED.label, completed) is None:
        completion = rules.TOO_FEW  # hidden in the chart: not given beside it either
    lines = (
        Line("Stays begun", rules.shown_count(len(list(begun)))),
        Line("Stays ended", rules.shown_count(len(ended))),
        Line("Length of the stays that ended", rules.typical(lengths, "days")),
        Line("Completed the program", completion),
    )
    chart = Bars("How stays ended", tuple(shown.items())) if shown else None
    return Block("Stays", lines, chart, "A stay is counted as ended on its move-out day.")
