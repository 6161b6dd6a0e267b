"""The fair weekly chore rotation: a pure function, no database, easy to test as properties.

A chore slot is done by one person for the whole week where possible (people remember "I have
the kitchen this week"), on each of the chore's days: that person is the slot's *main* person,
and *having a chore this week* means being the main person of at least one slot. Someone who
does a day of a slot because its main person is away or exempt that day *covers* it; a cover is
not their chore of the week. Someone living here only part of the week (moving in on Thursday)
can be a slot's main person for the days they are here; the other days are covered.

Rules, in order of priority:

1. Only someone in the house and not exempt on a day gets that day's cell.
2. Everyone has a chore before anyone has two: nobody is the main person of two slots while
   someone with none could take one of them (directly, or by a chain of hand-overs). Fixed
   cells (signed off, past, placed by hand) count. With fewer slots than people, the ones
   who rest are those with the most effort lately.
3. A cell the week already had (``Standing.kept``) stays with its person unless rule 2 needs it:
   regenerating a week changes only what it has a reason to change.
4. Nobody gets the same chore two weeks running when someone else eligible could take it.
5. The least loaded person (effort over the last weeks plus this week so far) gets the next,
   heaviest-first, slot; then whoever had this chore least often. Whole new slots then move
   between the busiest and the least busy while that evens the effort out (never leaving
   anyone without a chore for someone to have two).
6. Ties are broken by a rotation that moves on each week, so nobody is always first.

A cell's load is the chore's weekly effort spread over its days: a weight-3 daily chore gives
3/7 for each day.
"""

from __future__ import annotations

from collections import Counter, defaultdict, deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

Cell = tuple[int, date, int]  # (chore id, day, slot index)
SlotKey = tuple[int, int]  # (chore id, slot index): one person's chore of the week

NO_CHORE_YET = "had no chore yet this week: everyone has one before anyone has two"
KEPT = "kept as it was"


@dataclass(frozen=True)
class Slot:
    """One person's share of a chore for the week: its days and weekly effort."""

    chore_id: int
    name: str
    index: int
    days: tuple[date, ...]
    weight: int

    @property
    def key(self) -> SlotKey:
        return (self.chore_id, self.index)

    @property
    def cell_load(self) -> float:
        return self.weight / len(self.days)


@dataclass(frozen=True)
class History:
    recent_load: Mapping[int, float] = field(default_factory=dict)  # the last 3 weeks
    last_week: Mapping[int, frozenset[int]] = field(default_factory=dict)  # person -> chores
    times_had: Mapping[tuple[int, int], int] = field(default_factory=dict)  # (person, chore)


@dataclass(frozen=True)
class Standing:
    """The cells the week already has.

    ``fixed`` cells never change (signed off, past, placed by hand); ``kept`` cells stay with
    their person unless someone with no chore needs one; ``covers`` says which of either are
    covers (not their holder's chore of the week).
    """

    fixed: Mapping[Cell, int | None] = field(default_factory=dict)
    kept: Mapping[Cell, int] = field(default_factory=dict)
    covers: frozenset[Cell] = frozenset()


@dataclass(frozen=True)
class Placement:
    chore_id: int
    day: date
    index: int
    person_id: int | None
    load: float  # the cell's share of the chore's weekly effort, whoever has it
    reason: str
    cover: bool = False  # a day of someone else's chore: not the holder's chore of the week
    moved_for: int | None = None  # a kept cell handed over so that this person has a chore


CanDo = Callable[[int, int, date], bool]  # (person, chore, day) -> in the house, not exempt


def rotate(
    slots: Sequence[Slot],
    people: Sequence[int],
    can_do: CanDo,
    history: History,
    standing: Standing | None = None,
    week_number: int = 0,
    names: Mapping[int, str] | None = None,
) -> list[Placement]:
    """Place everyone for the week's slots around what the week already has (``standing``)."""
    state = _State(people, can_do, history, standing or Standing(), week_number, names or {})
    for slot in slots:
        state.count_fixed(slot)
        state.keep(slot)
    pending = [slot for slot in slots if state.days_to_place(slot)]
    # The slot with the fewest people able to take it goes first, then the heaviest.
    while pending:
        slot = min(pending, key=lambda s: (state.choice_count(s), -s.weight, s.chore_id, s.index))
        pending.remove(slot)
        state.place(slot)
    state.give_everyone_a_chore()
    state.even_out()
    return state.placements()


def _why(best: tuple[object, ...], runner_up: tuple[object, ...] | None) -> str:
    """The criterion that decided between the chosen person and the next in line."""
    if runner_up is None:
        return "the only one available"
    reasons = (
        NO_CHORE_YET,
        "the next in line had this chore last week",
        "in the house all week",
        "least busy over the last 4 weeks",
        "fewest chores so far this week",
        "had this chore least often lately",
    )
    for mine, theirs, reason in zip(best, runner_up, reasons, strict=False):
        if mine != theirs:
            return reason
    return "their turn in the rotation"


@dataclass
class _Unit:
    """Some of a slot's open days, the person doing them, and who covers the other days."""

    slot: Slot
    days: list[date]
    main: int | None = None
    reason: str = ""
    covers: dict[date, tuple[int | None, str]] = field(default_factory=dict)
    kept: bool = False  # the week had these cells already: only rule 2 moves them
    moved_for: int | None = None  # rule 2 handed it over, for this person

    def main_days(self) -> list[date]:
        return [d for d in self.days if d not in self.covers]


class _State:
    def __init__(
        self,
        people: Sequence[int],
        can_do: CanDo,
        history: History,
        standing: Standing,
        week_number: int,
        names: Mapping[int, str],
    ) -> None:
        self.people = sorted(people)
        self.can_do = can_do
        self.history = history
        self.standing = standing
        self.names = names
        self.units: list[_Unit] = []
        self.strict = True  # rule 4 holds while evening out
        self.load: dict[int, float] = {p: history.recent_load.get(p, 0.0) for p in self.people}
        # The slots each person is the main person of (a count per slot: kept and new parts).
        self.mains: dict[int, Counter[SlotKey]] = {p: Counter() for p in self.people}
        self.settled: set[Cell] = set(standing.fixed)  # cells the greedy pass doesn't place
        # Who holds which chore on which day: one person can't fill two slots of one chore.
        self.holding: dict[tuple[int, date], set[int]] = defaultdict(set)
        count = max(len(self.people), 1)
        self.turn = {p: (i - week_number) % count for i, p in enumerate(self.people)}
        for (chore_id, day, _index), person in standing.fixed.items():
            if person is not None:
                self.holding[(chore_id, day)].add(person)

    def chores(self, person: int) -> int:
        """How many slots ``person`` is the main person of this week."""
        return sum(1 for n in self.mains[person].values() if n > 0)

    # -- what the week already has ------------------------------------------------------------

    def count_fixed(self, slot: Slot) -> None:
        for day in slot.days:
            cell = (slot.chore_id, day, slot.index)
            person = self.standing.fixed.get(cell)
            if person is not None and person in self.load:
                self.load[person] += slot.cell_load
                if cell not in self.standing.covers:
                    self.mains[person][slot.key] += 1

    def keep(self, slot: Slot) -> None:
        """The slot's kept cells as units: one per main person, the covers beside the first."""
        units: dict[int, _Unit] = {}
        covers: dict[date, tuple[int | None, str]] = {}
        for day in slot.days:
            cell = (slot.chore_id, day, slot.index)
            person = self.standing.kept.get(cell)
            if cell in self.settled or person is None or not self._keepable(person, slot, day):
                continue
            self.settled.add(cell)
            self._take(person, slot, day)
            if cell in self.standing.covers:
                covers[day] = (person, KEPT)
            else:
                units.setdefault(person, _Unit(slot, [], person, KEPT, kept=True)).days.append(day)
        for person in sorted(units):
            self.mains[person][slot.key] += 1
            self.units.append(units[person])
        if covers:
            if not units:  # the week's person left; their covers stay
                self.units.append(_Unit(slot, [], None, KEPT, kept=True))
            first = units[min(units)] if units else self.units[-1]
            first.days = sorted([*first.days, *covers])
            first.covers.update(covers)

    def _keepable(self, person: int, slot: Slot, day: date) -> bool:
        return person in self.load and self._free(person, slot.chore_id, day)

    # -- choosing ---------------------------------------------------------------------------

    def days_to_place(self, slot: Slot) -> list[date]:
        return [d for d in slot.days if (slot.chore_id, d, slot.index) not in self.settled]

    def choice_count(self, slot: Slot) -> int:
        days = self.days_to_place(slot)
        return sum(
            1
            for p in self.people
            if not self._had_last_week(p, slot.chore_id)
            and all(self._free(p, slot.chore_id, d) for d in days)
        )

    def place(self, slot: Slot) -> None:
        unit = _Unit(slot, self.days_to_place(slot))
        unit.main, unit.reason = self._choose(slot, unit.days)
        for day in unit.days:
            if unit.main is not None and self._free(unit.main, slot.chore_id, day):
                self._take(unit.main, slot, day)
            else:
                unit.covers[day] = self._cover(slot, day, unit.main)
        if unit.main is not None:
            self.mains[unit.main][slot.key] += 1
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

        def rank(person: int) -> tuple[bool, bool, bool, float, int, int, int]:
            chores = self.chores(person)
            return (
                chores > 0,  # rule 2: nobody gets a second while someone has none
                self._had_last_week(person, slot.chore_id),
                able[person] < len(days),  # someone there all week beats a part-timer
                round(self.load[person], 6),
                chores,
                self.history.times_had.get((person, slot.chore_id), 0),
                self.turn[person],
            )

        ranked = sorted(candidates, key=rank)
        return ranked[0], _why(rank(ranked[0]), rank(ranked[1]) if len(ranked) > 1 else None)

    def _take(self, person: int, slot: Slot, day: date) -> None:
        self.load[person] += slot.cell_load
        self.holding[(slot.chore_id, day)].add(person)

    def _release(self, person: int, slot: Slot, day: date) -> None:
        self.load[person] -= slot.cell_load
        self.holding[(slot.chore_id, day)].discard(person)

    def _cover(self, slot: Slot, day: date, main: int | None) -> tuple[int | None, str]:
        """A day the week's person can't do: the least loaded person who can."""
        able = [p for p in self.people if self._free(p, slot.chore_id, day)]
        if not able:
            return None, "nobody is available"
        person = min(able, key=lambda p: (round(self.load[p], 6), self.turn[p]))
        self._take(person, slot, day)
        if main is None:
            return person, "least loaded that day"
        return person, self._covers_for(main)

    def _covers_for(self, main: int) -> str:
        absent = self.names.get(main, "the week's person")
        return f"covers for {absent}, away or exempt that day"

    # -- rule 2: a chore for everyone ---------------------------------------------------------

    def give_everyone_a_chore(self) -> None:
        """Hand slots over, along the shortest chain, to each person left without a chore.

        The greedy pass already prefers people with no chore, but it can't see ahead (a person
        who can do only one chore finds it taken). The least loaded are served first, so when
        there aren't chores enough for everyone, those who rest are those who did the most.
        """
        waiting = [p for p in self.people if self.chores(p) == 0]
        for person in sorted(waiting, key=lambda p: (round(self.load[p], 6), self.turn[p])):
            chain = self._chain_to_a_chore(person)
            for unit, taker in chain:
                reason = NO_CHORE_YET if taker == person else self._passed_on(person)
                self._give(unit, taker, reason)
                unit.moved_for = person

    def _passed_on(self, person: int) -> str:
        return f"moved so that {self.names.get(person, 'someone')} has a chore too"

    def _chain_to_a_chore(self, start: int) -> list[tuple[_Unit, int]]:
        """(unit, who takes it) hand-overs that give ``start`` a chore and leave nobody else
        without one; empty when there is no such chain (a breadth-first search)."""
        came_from: dict[int, tuple[int, _Unit] | None] = {start: None}
        queue = deque([start])
        while queue:
            person = queue.popleft()
            for unit in self._takeable(person):
                holder = unit.main
                if holder is not None and holder in came_from:
                    continue
                if holder is None or self._chores_without(holder, unit) > 0:
                    return self._chain(unit, person, came_from)
                came_from[holder] = (person, unit)
                queue.append(holder)
        return []

    def _chain(
        self, unit: _Unit, taker: int, came_from: dict[int, tuple[int, _Unit] | None]
    ) -> list[tuple[_Unit, int]]:
        chain = [(unit, taker)]
        while (step := came_from[taker]) is not None:
            taker, unit = step
            chain.append((unit, taker))
        return chain

    def _takeable(self, person: int) -> list[_Unit]:
        """Units ``person`` could be the main person of, the least disruptive first: new ones
        before kept ones (already on the printed sheet), the fewest kept cells first."""
        found = []
        for unit in self.units:
            if unit.main == person or self.mains[person][unit.slot.key] > 0:
                continue
            days = unit.main_days()
            if not days:
                continue
            able = sum(self._free(person, unit.slot.chore_id, d) for d in days)
            if able:
                holder_load = self.load[unit.main] if unit.main is not None else 0.0
                order = (unit.kept, able < len(days), len(days) if unit.kept else 0, -holder_load)
                found.append((order, unit.slot.chore_id, unit.slot.index, days[0], unit))
        found.sort(key=lambda f: f[:4])
        return [f[-1] for f in found]

    def _chores_without(self, person: int, unit: _Unit) -> int:
        """The chores ``person`` keeps without ``unit``'s slot: the days already done of a slot
        don't make its rest of the week a spare chore to hand out."""
        key = unit.slot.key
        return sum(1 for k, n in self.mains[person].items() if n > 0 and k != key)

    def _give(self, unit: _Unit, person: int, reason: str) -> None:
        """``person`` becomes the unit's main person; the days they can't do stay with the one
        who had them, now as covers."""
        old, slot = unit.main, unit.slot
        for day in unit.main_days():
            if self._free(person, slot.chore_id, day):
                if old is not None:
                    self._release(old, slot, day)
                self._take(person, slot, day)
            elif old is not None:
                unit.covers[day] = (old, self._covers_for(person))
        if old is not None:
            self.mains[old][slot.key] -= 1
        self.mains[person][slot.key] += 1
        unit.main, unit.reason = person, reason

    # -- evening out ------------------------------------------------------------------------

    def even_out(self) -> None:
        """Move or swap whole-week slots from the busiest to the least busy while that helps.

        The greedy pass can't see ahead (a light slot given early to someone who then must
        take a heavy one too). First without breaking rule 4; then, only if the effort over the
        4 weeks still differs by more than the heaviest chore, rule 4 gives way to balance.
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
        # Relaxing rule 4 is a last resort: stop as soon as the bound holds again.
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
            not unit.kept
            and not unit.covers
            and not repeat
            and all(self._free(person, unit.slot.chore_id, d) for d in unit.days)
        )

    def _may_hand_over(self, unit: _Unit, high: int, low: int) -> bool:
        """Rule 2 over balance: ``high`` keeps a chore, unless ``low`` has none (then the busier
        of the two rests: the same number of people have a chore)."""
        return self._chores_without(high, unit) > 0 or self.chores(low) == 0

    def _move(self, high: int, low: int, gap: float) -> bool:
        options = [
            u
            for u in self.units
            if u.main == high
            and self._movable(u, low)
            and self._weight(u) < gap - 1e-9
            and self._may_hand_over(u, high, low)
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
            self._release(old, unit.slot, day)
            self._take(person, unit.slot, day)
        self.mains[old][unit.slot.key] -= 1
        self.mains[person][unit.slot.key] += 1
        unit.main = person
        unit.reason = "evens out everyone's effort over the last 4 weeks"
        if not self.strict and self._had_last_week(person, unit.slot.chore_id):
            unit.reason += " (had it last week too: nobody else could keep it even)"

    def placements(self) -> list[Placement]:
        result = []
        for unit in self.units:
            slot = unit.slot
            for day in unit.days:
                cover = day in unit.covers
                person, reason = unit.covers.get(day, (unit.main, unit.reason))
                if person is None:
                    reason, cover = "nobody is available", False
                moved_for = unit.moved_for if person == unit.main else None
                result.append(
                    Placement(
                        slot.chore_id,
                        day,
                        slot.index,
                        person,
                        slot.cell_load,
                        reason,
                        cover,
                        moved_for,
                    )
                )
        return sorted(result, key=lambda p: (p.day, p.chore_id, p.index))
