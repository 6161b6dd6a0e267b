"""Which form of each resident's name a sheet prints: one form for the whole sheet.

“Marcus Bell” beside “Tommy H.” reads as a mistake, so a sheet prints everyone's full name
when every full name fits its cell, and otherwise everyone's whiteboard name: the given name
whole (the preferred name, or the whole first-name field: “María José”, never “María”) and the
last name's initial, lengthened where two people would print the same (“Christopher Mon.”,
“Christopher Moo.”). Type shrinks before a name wraps, and a name is never cut.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from residence.residents.presence import PersonName


def sheet_names(people: Iterable[PersonName], fits: Callable[[str], bool]) -> dict[PersonName, str]:
    """Each person's name as this sheet prints it: full names if ``fits`` all of them."""
    chosen = set(people)
    if all(fits(person.full) for person in chosen):
        return {person: person.full for person in chosen}
    return whiteboard_names(chosen)


def whiteboard_names(people: Iterable[PersonName]) -> dict[PersonName, str]:
    """“Jade J.”, “María José P.”: as many letters of the last name as tell apart the people
    who share a given name (two people with the same whole name stay the same)."""
    by_given: dict[str, list[PersonName]] = defaultdict(list)
    for person in set(people):
        by_given[person.given.casefold()].append(person)
    names = {}
    for group in by_given.values():
        for person in group:
            others = [p.last for p in group if p.last.casefold() != person.last.casefold()]
            names[person] = _whiteboard(person, others)
    return names


def _whiteboard(person: PersonName, others: list[str]) -> str:
    particles, core = _split_particles(person.last)
    if not core:
        return person.full
    letters = 1
    while letters < len(core) and any(
        _abbreviated(other, letters).casefold() == f"{particles}{core[:letters]}".casefold()
        for other in others
    ):
        letters += 1
    if letters >= len(core):
        return person.full
    return f"{person.given} {particles}{core[:letters]}."


def _abbreviated(last: str, letters: int) -> str:
    particles, core = _split_particles(last)
    return f"{particles}{core[:letters]}"


def _split_particles(last: str) -> tuple[str, str]:
    """“de la Cruz” is “de la ” and “Cruz”: the lower-case words before a family name are
    part of it, and “Guadalupe d.” would be no one's name."""
    words = last.split(" ")
    lead = 0
    while lead < len(words) - 1 and words[lead][:1].islower():
        lead += 1
    particles = " ".join(words[:lead])
    return (f"{particles} " if particles else ""), " ".join(words[lead:])
