"""The outcomes report as the window, the PDF and the tests see it: figures already made safe
to show (no names, no dates of birth, no free text; small counts hidden)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class Line:
    """One figure: what it counts, and the value as shown ("fewer than 5", "62%", "3.4")."""

    label: str
    value: str


@dataclass(frozen=True)
class Bars:
    """A bar chart of counts; ``None`` where a count is hidden (fewer than 5)."""

    title: str
    bars: tuple[tuple[str, int | None], ...]


@dataclass(frozen=True)
class Block:
    """What one measure tells of the period."""

    title: str
    lines: tuple[Line, ...]
    chart: Bars | None = None
    note: str = ""  # how it was counted, in a sentence


@dataclass(frozen=True)
class Outcomes:
    house: str
    first: date
    last: date
    generated: datetime
    blocks: tuple[Block, ...]
