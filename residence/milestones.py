"""Sobriety milestones: 30, 60, 90 days, 6 and 9 months, 1 year, then every year."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from residence.dates import add_months


@dataclass(frozen=True)
class Milestone:
    label: str
    on: date


def days_sober(sobriety_date: date, today: date) -> int:
    return (today - sobriety_date).days


def milestones(sobriety_date: date) -> Iterator[Milestone]:
    """Every milestone from the sobriety date on, in order, without end."""
    for days in (30, 60, 90):
        yield Milestone(f"{days} days", sobriety_date + timedelta(days=days))
    yield Milestone("6 months", add_months(sobriety_date, 6))
    yield Milestone("9 months", add_months(sobriety_date, 9))
    years = 1
    while True:
        label = "1 year" if years == 1 else f"{years} years"
        yield Milestone(label, add_months(sobriety_date, 12 * years))
        years += 1


def next_milestone(sobriety_date: date, today: date) -> Milestone:
    """The first milestone on or after today."""
    return next(m for m in milestones(sobriety_date) if m.on >= today)


def milestones_between(sobriety_date: date, first: date, last: date) -> list[Milestone]:
    """Milestones falling from ``first`` to ``last`` inclusive."""
    found: list[Milestone] = []
    for milestone in milestones(sobriety_date):
        if milestone.on > last:
            return found
        if milestone.on >= first:
            found.append(milestone)
    return found  # pragma: no cover - the generator never ends
