"""The rotation's rules, as properties over many generated houses."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from itertools import pairwise

from hypothesis import example, given, settings
from hypothesis import strategies as st

from residence.chores.rotation import Cell, History, Placement, Slot, Standing, rotate

MONDAY = date(2026, 6, 1)


def _week_days(week: int) -> list[date]:
    start = MONDAY + timedelta(weeks=week)
    return [start + timedelta(days=i) for i in range(7)]


chores = st.lists(
    st.tuples(
        st.integers(1, 5),  # weight
        st.sampled_from(["daily", "weekly", "mwf"]),
        st.integers(1, 2),  # people
    ),
    min_size=1,
    max_size=8,
)


def _slots(spec: list[tuple[int, str, int]], week: int) -> list[Slot]:
    days = _week_days(week)
    picks = {"daily": days, "weekly": [days[6]], "mwf": [days[0], days[2], days[4]]}
    return [
        Slot(chore_id, f"chore {chore_id}", index, tuple(picks[schedule]), weight)
        for chore_id, (weight, schedule, people) in enumerate(spec, start=1)
        for index in range(people)
    ]


def _simulate(
    spec: list[tuple[int, str, int]], people: list[int], weeks: int
) -> list[list[Placement]]:
    """Generate consecutive weeks, each from the history of the ones before, as the app does."""
    done: list[list[Placement]] = []
    for week in range(weeks):
        recent: dict[int, float] = defaultdict(float)
        for past in done[-3:]:
            for p in past:
                if p.person_id is not None:
                    recent[p.person_id] += p.load
        last = defaultdict(set)
        for p in done[-1] if done else []:
            if p.person_id is not None:
                last[p.person_id].add(p.chore_id)
        history = History(recent, {k: frozenset(v) for k, v in last.items()}, {})
        done.append(rotate(_slots(spec, week), people, lambda *_: True, history, Standing(), week))
    return done


@settings(max_examples=150, deadline=None)
@given(chores, st.integers(2, 12), st.integers(4, 8))
def test_over_any_four_weeks_loads_differ_by_at_most_the_heaviest_chore(
    spec: list[tuple[int, str, int]], residents: int, weeks: int
) -> None:
    people = list(range(100, 100 + residents))
    if max(p for _, _, p in spec) > residents:
        return
    done = _simulate(spec, people, weeks)
    heaviest = max(w for w, _, _ in spec)
    for first in range(weeks - 3):
        totals = dict.fromkeys(people, 0.0)
        for week in done[first : first + 4]:
            for cell in week:
                assert cell.person_id is not None
                totals[cell.person_id] += cell.load
        assert max(totals.values()) - min(totals.values()) <= heaviest + 1e-9, totals


@settings(max_examples=150, deadline=None)
@given(chores, st.integers(1, 6), st.integers(2, 6))
@example([(2, "daily", 1), (3, "daily", 2)], 1, 5)  # once found by CI: balance needs a repeat
def test_with_enough_people_a_chore_repeats_only_to_keep_the_loads_even(
    spec: list[tuple[int, str, int]], spare: int, weeks: int
) -> None:
    """Rule 2 yields to the balance bound only, and then the cell says so.

    (Two more people than slots leaves someone free for every chore; the only repeats left
    are the rare ones where evening out the 4-week effort needs them.)
    """
    units = sum(people for _, _, people in spec)
    people = list(range(1, units + 2 + spare))
    done = _simulate(spec, people, weeks)
    for before, after in pairwise(done):
        had = {(p.person_id, p.chore_id) for p in before}
        repeats = [p for p in after if (p.person_id, p.chore_id) in had]
        assert all("had it last week too" in p.reason for p in repeats)


@settings(max_examples=150, deadline=None)
@given(
    chores,
    st.integers(1, 10),
    st.sets(st.tuples(st.integers(0, 9), st.integers(0, 6), st.integers(1, 8)), max_size=40),
)
def test_nobody_gets_a_day_they_cannot_do_and_the_result_is_always_the_same(
    spec: list[tuple[int, str, int]], residents: int, unavailable: set[tuple[int, int, int]]
) -> None:
    days = _week_days(0)
    blocked = {(person, chore, days[day]) for person, day, chore in unavailable}

    def can_do(person: int, chore: int, day: date) -> bool:
        return (person, chore, day) not in blocked

    people = list(range(residents))
    first = rotate(_slots(spec, 0), people, can_do, History(), Standing(), 0)
    shuffled = list(reversed(_slots(spec, 0)))  # the catalogue's order doesn't matter either
    again = rotate(shuffled, list(reversed(people)), can_do, History(), Standing(), 0)
    assert first == again  # deterministic, whatever the order people come in
    for cell in first:
        if cell.person_id is None:
            # Unassigned only when truly nobody free could take it.
            same = (cell.chore_id, cell.day)
            holders = {p.person_id for p in first if (p.chore_id, p.day) == same}
            assert all(not can_do(p, cell.chore_id, cell.day) or p in holders for p in people)
        else:
            assert can_do(cell.person_id, cell.chore_id, cell.day)
    pairs = [(p.chore_id, p.day, p.person_id) for p in first if p.person_id is not None]
    assert len(pairs) == len(set(pairs)), "one person filled two slots of one chore on a day"


def test_more_slots_than_people_leaves_a_slot_unassigned_and_says_why() -> None:
    days = _week_days(0)
    slots = [Slot(1, "Kitchen", index, (days[0],), 3) for index in range(3)]
    placed = rotate(slots, [7, 8], lambda *_: True, History(), Standing(), 0)
    assert sorted(p.person_id or 0 for p in placed) == [0, 7, 8]
    [empty] = [p for p in placed if p.person_id is None]
    assert empty.reason == "nobody is available"


def test_fixed_cells_stay_and_count_toward_the_load() -> None:
    days = _week_days(0)
    slots = [Slot(1, "Bathrooms", 0, (days[6],), 5), Slot(2, "Trash", 0, (days[6],), 1)]
    placed = rotate(
        slots, [1, 2], lambda *_: True, History(), Standing(fixed={(1, days[6], 0): 2}), 0
    )
    assert [(p.chore_id, p.person_id) for p in placed] == [(2, 1)]  # bathrooms stay with 2


def test_the_week_person_is_covered_on_a_day_they_are_away() -> None:
    days = _week_days(0)
    slot = Slot(1, "Kitchen", 0, tuple(days), 3)
    away = days[2]

    def can_do(person: int, _chore: int, day: date) -> bool:
        # Marcus is away one day; Priya works shifts and is home only that day.
        return day != away if person == 1 else day == away

    placed = rotate([slot], [1, 2], can_do, History(), Standing(), 0, names={1: "Marcus"})
    by_day = {p.day: p for p in placed}
    assert {by_day[d].person_id for d in days if d != away} == {1}
    assert by_day[away].person_id == 2
    assert by_day[away].reason == "covers for Marcus, away or exempt that day"


# -- rule 2: everyone has a chore before anyone has two -----------------------------------------


def _chores_of(placed: list[Placement], fixed: dict[Cell, int] | None = None) -> dict[int, int]:
    """How many slots each person is the week's person of (covers don't count)."""
    slots: dict[int, set[tuple[int, int]]] = defaultdict(set)
    for p in placed:
        if p.person_id is not None and not p.cover:
            slots[p.person_id].add((p.chore_id, p.index))
    for (chore_id, _day, index), person in (fixed or {}).items():
        slots[person].add((chore_id, index))
    return {person: len(held) for person, held in slots.items()}


@settings(max_examples=200, deadline=None)
@given(
    chores,
    st.integers(1, 14),
    st.sets(st.integers(0, 13), max_size=4),  # exempt from every chore all week
    st.dictionaries(st.integers(0, 13), st.floats(0, 30), max_size=14),  # recent effort
    st.lists(st.tuples(st.integers(0, 7), st.integers(0, 6), st.integers(0, 13)), max_size=3),
)
def test_nobody_living_here_and_not_exempt_has_no_chore_while_someone_has_two(
    spec: list[tuple[int, str, int]],
    residents: int,
    exempt: set[int],
    recent: dict[int, float],
    by_hand: list[tuple[int, int, int]],
) -> None:
    """With at least as many slots as people everyone has one; with fewer, nobody has two."""
    people = list(range(residents))
    sharing = [p for p in people if p not in exempt]
    slots = _slots(spec, 0)
    # Cells placed by hand count toward their person's chores (one each: two by hand would be
    # the manager's choice, not the rotation's).
    fixed: dict[Cell, int] = {}
    for slot_number, day, person in by_hand:
        if slot_number < len(slots) and person in sharing and person not in fixed.values():
            slot = slots[slot_number]
            fixed[(slot.chore_id, slot.days[day % len(slot.days)], slot.index)] = person

    def can_do(person: int, _chore: int, _day: date) -> bool:
        return person not in exempt

    history = History({p: recent.get(p, 0.0) for p in people}, {}, {})
    placed = rotate(slots, people, can_do, history, Standing(fixed=fixed), 0)
    counts = _chores_of(placed, fixed)
    none = [p for p in sharing if counts.get(p, 0) == 0]
    two = [p for p in sharing if counts.get(p, 0) >= 2]
    assert not (none and two), (none, two, counts)
    if len(slots) >= len(sharing):
        assert none == []
    assert all(counts.get(p, 0) == 0 for p in exempt)


@settings(max_examples=150, deadline=None)
@given(
    chores,
    st.lists(st.tuples(st.integers(0, 6), st.integers(1, 7)), min_size=1, max_size=12),
)
def test_someone_here_part_of_the_week_gets_a_chore_before_anyone_has_two_they_could_do(
    spec: list[tuple[int, str, int]], stays: list[tuple[int, int]]
) -> None:
    """A person with none could not take a single day of any slot held by someone with two
    (they aren't here then, or already cover another slot of that chore that day)."""
    here = {p: range(a, max(a + 1, b)) for p, (a, b) in enumerate(stays)}
    days = _week_days(0)

    def can_do(person: int, _chore: int, day: date) -> bool:
        return days.index(day) in here[person]

    placed = rotate(_slots(spec, 0), list(here), can_do, History(), Standing(), 0)
    counts = _chores_of(placed)
    held_by_two = [
        p for p in placed if not p.cover and p.person_id is not None and counts[p.person_id] >= 2
    ]
    holding = {(p.person_id, p.chore_id, p.day) for p in placed}
    for person in here:
        if counts.get(person, 0) == 0:
            assert not any(
                can_do(person, p.chore_id, p.day) and (person, p.chore_id, p.day) not in holding
                for p in held_by_two
            )


def test_with_fewer_chores_than_people_the_busiest_lately_rests() -> None:
    days = _week_days(0)
    slots = [Slot(1, "Kitchen", 0, tuple(days), 3), Slot(2, "Yard", 0, (days[5],), 3)]
    history = History({1: 2.0, 2: 9.0, 3: 4.0}, {}, {})
    placed = rotate(slots, [1, 2, 3], lambda *_: True, history, Standing(), 0)
    assert _chores_of(placed) == {1: 1, 3: 1}  # 2 did the most over the last weeks: rests


def test_a_newcomer_who_can_do_only_one_chore_gets_it_from_someone_with_two() -> None:
    days = _week_days(0)
    slots = [Slot(1, "Kitchen", 0, tuple(days), 1), Slot(2, "Yard", 0, (days[5],), 5)]

    def can_do(person: int, chore: int, _day: date) -> bool:
        return person == 1 or chore == 1  # the newcomer (2) is exempt from the yard

    # The least loaded person takes the first slot in the greedy pass: the one 2 can do.
    history = History({1: 0.0, 2: 8.0}, {}, {})
    placed = rotate(slots, [1, 2], can_do, history, Standing(), 0, names={2: "Ben"})
    assert _chores_of(placed) == {1: 1, 2: 1}
    assert {p.person_id for p in placed if p.chore_id == 1} == {2}


# -- rule 3: regenerating keeps what it has no reason to change ---------------------------------


def _standing_from(placed: list[Placement], keep: Callable[[Placement], bool]) -> Standing:
    kept = {(p.chore_id, p.day, p.index): p.person_id for p in placed if keep(p)}
    return Standing(
        kept={cell: person for cell, person in kept.items() if person is not None},
        covers=frozenset((p.chore_id, p.day, p.index) for p in placed if p.cover),
    )


@settings(max_examples=150, deadline=None)
@given(chores, st.integers(1, 10), st.integers(0, 6))
def test_regenerating_with_nothing_changed_changes_nothing(
    spec: list[tuple[int, str, int]], residents: int, today: int
) -> None:
    people = list(range(residents))
    first = rotate(_slots(spec, 0), people, lambda *_: True, History(), Standing(), 0)
    standing = _standing_from(first, lambda _p: True)
    again = rotate(_slots(spec, 0), people, lambda *_: True, History({1: 50.0}), standing, 3)
    assert [(p.day, p.chore_id, p.index, p.person_id) for p in again] == [
        (p.day, p.chore_id, p.index, p.person_id) for p in first
    ]


@settings(max_examples=150, deadline=None)
@given(chores, st.integers(1, 10), st.integers(0, 6))
def test_a_newcomer_gets_a_chore_and_only_the_cells_handed_over_for_them_change(
    spec: list[tuple[int, str, int]], residents: int, arrives: int
) -> None:
    days = _week_days(0)
    people = list(range(residents))
    slots = _slots(spec, 0)
    first = rotate(slots, people, lambda *_: True, History(), Standing(), 0)
    newcomer = residents

    def can_do(person: int, _chore: int, day: date) -> bool:
        return person != newcomer or day >= days[arrives]

    past = {(p.chore_id, p.day, p.index): p.person_id for p in first if p.day < days[arrives]}
    standing = _standing_from(first, lambda p: p.day >= days[arrives])
    standing = Standing(past, standing.kept, standing.covers)
    again = rotate(slots, [*people, newcomer], can_do, History(), standing, 0, {newcomer: "Cy"})
    before = {(p.chore_id, p.day, p.index): p.person_id for p in first}
    taken = [p for p in again if before[(p.chore_id, p.day, p.index)] not in (None, p.person_id)]
    # A cell someone had changes only to give the newcomer a chore (a cell nobody had may go
    # to them too): everyone else's sheet is as it was.
    assert all(p.moved_for == newcomer for p in taken if not p.cover)
    counts = _chores_of(again, {c: p for c, p in past.items() if p is not None})
    if any(counts.get(p, 0) >= 2 and _holds_a_day_from(again, p, days[arrives]) for p in people):
        assert counts.get(newcomer, 0) >= 1


def _holds_a_day_from(placed: list[Placement], person: int, day: date) -> bool:
    return any(p.person_id == person and not p.cover and p.day >= day for p in placed)
