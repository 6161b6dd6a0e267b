"""The sections of a progress report, registered by the areas that keep their records.

Each section names the consent categories that allow it and reads only its own records, for
the period and the days the resident lived in the house; the consent area asks only the
sections the consent covers (minimum necessary) and knows none of their tables."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from residence.consents.records import Category

Period = tuple[date, date]


@dataclass(frozen=True)
class Subject:
    """Whom a report is about and for when: its stays within the period (move-in, move-out),
    the days they lived here (``here``: first and last day of each), and what is covered."""

    person_id: int
    first: date
    last: date
    stays: tuple[int, ...]  # the ids of the stays touching the period, oldest first
    here: tuple[Period, ...]
    covered: frozenset[Category]

    def lived(self, day: date) -> bool:
        return any(start <= day <= end for start, end in self.here)


# A section's fields, by ProgressReport field name.
Gather = Callable[[Session, Subject], dict[str, object]]


@dataclass(frozen=True)
class Section:
    """Read when the consent covers any of ``categories``."""

    categories: frozenset[Category]
    gather: Gather

    @classmethod
    def of(cls, gather: Gather, *categories: Category) -> Section:
        return cls(frozenset(categories), gather)


def gather_all(
    sections: Iterable[Section], session: Session, subject: Subject
) -> dict[str, object]:
    fields: dict[str, object] = {}
    for section in sections:
        if section.categories & subject.covered:
            fields |= section.gather(session, subject)
    return fields
