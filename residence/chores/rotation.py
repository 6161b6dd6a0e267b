"""The fair weekly chore rotation: a pure function, no database, easy to test as properties.

A chore slot is done by one person for the whole week where possible (people remember "I have
the kitchen this week"), on each of the chore's days. Rules, in order of priority:

1. Only someone in the house and not exempt on a day gets that day's cell.
2. Nobody gets the same chore two weeks running when someone else eligible could take it.
3. The least loaded person (effort over the last weeks plus this week so far) gets the next,
   heaviest-first, slot; then whoever had this chore least often.
4. Ties are broken by a rotation that moves on each week, so nobody is always first.

A cell's load is the chore's weekly effort spread over its days: a weight-3 daily chore gives
3/7 for each day.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

Cell = tuple[int, date, int]  # (chore id, day, slot index)


@dataclass(frozen=True)
class Slot:
    """One person's share of a chore for the week: its days and weekly effort."""

    chore_id: int
    name: str
    index: int
    days: tuple[date, ...]
    weight: int

    @property
    def cell_load(self) -> float:
        return self.weight / len(self.days)


@dataclass(frozen=True)
class History:
    recent_load: Mapping[int, float] = field(default_factory=dict)  # the last 3 weeks
    last_week: Mapping[int, frozenset[int]] = field(default_factory=dict)  # person -> chores
    times_had: Mapping[tuple[int, int], int] = field(default_factory=dict)  # (person, chore)


@dataclass(frozen=True)
class Placement:
    chore_id: int
    day: date
    index: int
    person_id: int | None
    load: float  # the cell's share of the chore's weekly effort, whoever has it
    reason: str


CanDo = Callable[[int, int, date], bool]  # (person, chore, day) -> in the house, not exempt


def rotate(
    slots: Sequence[Slot],
    people: Sequence[int],
    can_do: CanDo,
    history: History,
    fixed: Mapping[Cell, int | None],
    week_number: int,
    names: Mapping[int, str] | None = None,
) -> list[Placement]:
    """Place everyone for the week's slots; ``fixed`` cells (hand-made, signed off) stay."""
    state = _State(people, can_do, history, fixed, week_number, names or {})
    pending = [slot for slot in slots if state.open_days(slot)]
    for slot in slots:
        state.count_fixed(slot)
    # The slot with the fewest people able to take it goes first, then the heaviest.
    while pending:
        slot = min(pending, key=lambda s: (state.choice_count(s), -s.weight, s.chore_id, s.index))
        pending.remove(slot)
        state.place(slot)
    state.even_out()
    return state.placements()


def _why(best: tuple[object, ...], runner_up: tuple[object, ...] | None) -> str:
    """The criterion that decided between the chosen person and the next in line."""
    if runner_up is None:
        return "the only one available"
    if best[0] != runner_up[0]:
        return "the next in line had this chore last week"
    if best[1] != runner_up[1]:
        return "in the house all week"
    if best[2] != runner_up[2]:
        return "least busy over the last 4 weeks"
    if best[3] != runner_up[3]:
        return "fewest chores so far this week"
    if best[4] != runner_up[4]:
        return "had this chore least often lately"
    return "their turn in the rotation"


@dataclass
class _Unit:
    """A slot's open days, the person doing them all week, and who covers the other days."""

    slot: Slot
    days: list[date]
    main: int | None = None
    reason: str = ""
    covers: dict[date, tuple[int | None, str]] = field(default_factory=dict)


class _State:
    def __init__(
        self,
        people: Sequence[int],
        can_do: CanDo,
        history: History,
        fixed: Mapping[Cell, int | None],
        week_number: int,
        names: Mapping[int, str],
    ) -> None:
        self.people = sorted(people)
        self.can_do = can_do
        self.history = history
        self.fixed = fixed
        self.names = names
        self.units: list[_Unit] = []
        self.strict = True  # rule 2 holds while evening out
        self.load: dict[int, float] = {p: history.recent_load.get(p, 0.0) for p in self.people}
        self.this_week: dict[int, int] = dict.fromkeys(self.people, 0)
        # Who holds which chore on which day: one person can't fill two slots of one chore.
        self.holding: dict[tuple[int, date], set[int]] = defaultdict(set)
        count = max(len(self.people), 1)
        self.turn = {p: (i - week_number) % count for i, p in enumerate(self.people)}
        for (chore_id, day, _index), person in fixed.items():
            if person is not None:
                self.holding[(chore_id, day)].add(person)

    # -- choosing ---------------------------------------------------------------------------

    def open_days(self, slot: Slot) -> list[date]:
        return [d for d in slot.days if (slot.chore_id, d, slot.index) not in self.fixed]

    def count_fixed(self, slot: Slot) -> None:
        for day in slot.days:
            person = self.fixed.get((slot.chore_id, day, slot.index))
            if person is not None and person in self.load:
                self.load[person] += slot.cell_load

    def choice_count(self, slot: Slot) -> int:
        days = self.open_days(slot)
        return sum(
            1
            for p in self.people
            if not self._had_last_week(p, slot.chore_id)
            and all(self._free(p, slot.chore_id, d) for d in days)
        )

    def place(self, slot: Slot) -> None:
        unit = _Unit(slot, self.open_days(slot))
        unit.main, unit.reason = self._choose(slot, unit.days)
        for day in unit.days:
            if unit.main is not None and self._free(unit.main, slot.chore_id, day):
                self._take(unit.main, slot, day)
            else:
                unit.covers[day] = self._cover(slot, day, unit.main)
        if unit.main is not None:
            self.this_week[unit.main] += 1
        self.units.append(unit)

    def _had_last_week(self, person: int, chore_id: int) -> bool:
        return chore_id in self.history.last_week.get(person, frozenset())

    def _free(self, person: int, chore_id: int, day: date) -> bool:
        return self.can_do(person, chore_id, day) and person not in self.holding[(chore_id, day)]

    def _choose(self, slot: Slot, days: list[date]) -> tuple[int | None, str]:
        able = {p: sum(self._free(p, slot.chore_id, d) for d in days) for p in self.people}
        candidates = [p for p in self.people if able[p] > 0]
        if not candidates:
            return None, ""

        def rank(person: int) -> tuple[bool, bool, float, int, int, int]:
            return (
                self._had_last_week(person, slot.chore_id),
                able[person] < len(days),  # someone there all week beats a part-timer
                round(self.load[person], 6),
                self.this_week[person],
                self.history.times_had.get((person, slot.chore_id), 0),
                self.turn[person],
            )

        ranked = sorted(candidates, key=rank)
        return ranked[0], _why(rank(ranked[0]), rank(ranked[1]) if len(ranked) > 1 else None)

    def _take(self, person: int, slot: Slot, day: date) -> None:
        self.load[person] += slot.cell_load
        self.holding[(slot.chore_id, day)].add(person)

    def _cover(self, slot: Slot, day: date, main: int | None) -> tuple[int | None, str]:
        """A day the week's person can't do: the least loaded person who can."""
        able = [p for p in self.people if self._free(p, slot.chore_id, day)]
        if not able:
            return None, "nobody is available"
        person = min(able, key=lambda p: (round(self.load[p], 6), self.turn[p]))
        self._take(person, slot, day)
        if main is None:
            return person, "least loaded that day"
        absent = self.names.get(main, "the week's person")
        return person, f"covers for {absent}, away or exempt that day"

    # -- evening out ------------------------------------------------------------------------

    def even_out(self) -> None:
        """Move or swap whole-week slots from the busiest to the least busy while that helps.

        The greedy pass can't see ahead (a light slot given early to someone who then must
        take a heavy one too). First without breaking rule 2; then, only if the effort over the
        4 weeks still differs by more than the heaviest chore, rule 2 gives way to balance.
        """
        self.strict = True
        self._repair()
        if not self._even_enough():
            self.strict = False
            self._repair(until_even=True)

    def _even_enough(self) -> bool:
        heaviest = max((u.slot.weight for u in self.units), default=0)
        loads = self.load.values()
        return not loads or max(loads) - min(loads) <= heaviest + 1e-9

    def _repair(self, *, until_even: bool = False) -> None:
        # Relaxing rule 2 is a last resort: stop as soon as the bound holds again.
        for _ in range(4 * len(self.units) + 4):
            if until_even and self._even_enough():
                return
            if not self._improve():
                return

    def _improve(self) -> bool:
        by_load = sorted(self.people, key=lambda p: self.load[p])
        for low in by_load:
            for high in reversed(by_load):
                gap = self.load[high] - self.load[low]
                if gap <= 1e-9:
                    break
                if self._move(high, low, gap) or self._swap(high, low, gap):
                    return True
        return False

    def _movable(self, unit: _Unit, person: int) -> bool:
        """Could ``person`` take every open day of ``unit`` instead of its main?"""
        repeat = self.strict and self._had_last_week(person, unit.slot.chore_id)
        return (
            not unit.covers
            and not repeat
            and all(self._free(person, unit.slot.chore_id, d) for d in unit.days)
        )

    def _move(self, high: int, low: int, gap: float) -> bool:
        options = [
            u
            for u in self.units
            if u.main == high and self._movable(u, low) and self._weight(u) < gap - 1e-9
        ]
        if not options:
            return False
        self._hand_over(max(options, key=self._weight), low)
        return True

    def _swap(self, high: int, low: int, gap: float) -> bool:
        for give in (u for u in self.units if u.main == high and self._movable(u, low)):
            for back in (u for u in self.units if u.main == low and self._movable(u, high)):
                difference = self._weight(give) - self._weight(back)
                if 1e-9 < difference < gap - 1e-9:
                    self._hand_over(give, low)
                    self._hand_over(back, high)
                    return True
        return False

    def _weight(self, unit: _Unit) -> float:
        return unit.slot.cell_load * len(unit.days)

    def _hand_over(self, unit: _Unit, person: int) -> None:
        old = unit.main
        assert old is not None
        for day in unit.days:
            self.holding[(unit.slot.chore_id, day)].discard(old)
            self.holding[(unit.slot.chore_id, day)].add(person)
        self.load[old] -= self._weight(unit)
        self.load[person] += self._weight(unit)
        unit.main = person
        unit.reason = "evens out everyone's effort over the last 4 weeks"
        if not self.strict and self._had_last_week(person, unit.slot.chore_id):
            unit.reason += " (had it last week too: nobody else could keep it even)"

    def placements(self) -> list[Placement]:
        result = []
        for unit in self.units:
            slot = unit.slot
            for day in unit.days:
                person, reason = unit.covers.get(day, (unit.main, unit.reason))
                if person is None:
                    reason = "nobody is available"
                result.append(
                    Placement(slot.chore_id, day, slot.index, person, slot.cell_load, reason)
                )
        return sorted(result, key=lambda p: (p.day, p.chore_id, p.index))
