"""The BARC-10's rules: its scores and totals, and when it is due in a stay."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from residence.recovery.records import MOST, STATEMENTS, Assessment
from residence.recovery.rules import checkpoints, due, next_checkpoint, parse_scores

MOVE_IN = date(2026, 3, 2)


def _on(days: int) -> date:
    return MOVE_IN + timedelta(days=days)


@given(st.lists(st.integers(1, 6), min_size=10, max_size=10))
def test_a_sheet_of_ten_scores_totals_between_10_and_60(scores: list[int]) -> None:
    assert parse_scores(",".join(map(str, scores))) == tuple(scores)
    sheet = Assessment(1, 1, 1, MOVE_IN, tuple(scores))
    assert 10 <= sheet.total <= MOST == 60 and sheet.total == sum(scores)


def test_scores_that_are_not_a_sheet_say_what_is_wrong() -> None:
    assert parse_scores("5,4,6") == "Give 10 scores, one per statement (3 given)."
    assert parse_scores("5,4,6,5,3,4,5,7,4,5") == "Statement 8: score it from 1 to 6 (7 given)."
    assert parse_scores("5,4,6,5,3,4,5,0,4,5") == "Statement 8: score it from 1 to 6 (0 given)."
    assert "whole numbers" in str(parse_scores("5,4,six,5,3,4,5,6,4,5"))
    assert parse_scores("5 4 6 5 3 4 5 6 4 5") == (5, 4, 6, 5, 3, 4, 5, 6, 4, 5)
    assert len(STATEMENTS) == 10


def test_checkpoints_are_move_in_30_and_90_days_then_every_90() -> None:
    days = [c.days for c in checkpoints(MOVE_IN, _on(400))]
    assert days == [0, 30, 90, 180, 270, 360]
    assert [c.label for c in checkpoints(MOVE_IN, _on(90))] == [
        "at move-in",
        "at 30 days",
        "at 90 days",
    ]
    assert next_checkpoint(MOVE_IN, _on(30)).days == 90
    assert next_checkpoint(MOVE_IN, _on(29)).on == _on(30)


def test_due_at_move_in_until_one_is_taken() -> None:
    assert due(MOVE_IN, MOVE_IN, []) == (checkpoints(MOVE_IN, MOVE_IN)[0], False)
    assert due(MOVE_IN, _on(1), []) == (checkpoints(MOVE_IN, MOVE_IN)[0], True)  # overdue
    assert due(MOVE_IN, _on(1), [MOVE_IN]) is None


def test_the_next_shows_a_week_ahead_and_an_early_one_counts_for_it() -> None:
    taken = [MOVE_IN]
    assert due(MOVE_IN, _on(22), taken) is None  # 30 days is 8 days away
    shown = due(MOVE_IN, _on(23), taken)  # 7 days away: due, not overdue
    assert shown is not None and shown[0].days == 30 and not shown[1]
    assert due(MOVE_IN, _on(30), [*taken, _on(23)]) is None  # taken a week early: counts
    assert due(MOVE_IN, _on(30), [*taken, _on(22)]) is not None  # eight days early: doesn't
    late = due(MOVE_IN, _on(31), taken)
    assert late is not None and late[1]  # overdue from the day after


def test_a_missed_checkpoint_gives_way_to_the_next() -> None:
    shown = due(MOVE_IN, _on(85), [MOVE_IN])  # 30 days missed; 90 days is within the week
    assert shown is not None and shown[0].days == 90
    assert due(MOVE_IN, _on(182), [MOVE_IN, _on(90)]) is not None  # 180 days now
    assert due(MOVE_IN, _on(182), [MOVE_IN, _on(90), _on(176)]) is None
