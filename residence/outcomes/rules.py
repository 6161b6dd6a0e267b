"""Showing counts without identifying anyone: a count from 1 to 4 is shown as "fewer than 5",
and when that would let a hidden count be worked out from a total and the others, the next
smallest is hidden too. A share of fewer than 5 people isn't given at all."""

from __future__ import annotations

from collections.abc import Mapping
from statistics import mean, median

SMALLEST = 5  # counts under this (but none) are hidden
HIDDEN = "fewer than 5"
TOO_FEW = "too few to say"


def hidden(count: int) -> bool:
    return 0 < count < SMALLEST


def shown_count(count: int) -> str:
    return HIDDEN if hidden(count) else f"{count:,}"


def breakdown(counts: Mapping[str, int]) -> dict[str, int | None]:
    """The counts of a whole split into parts (its total shown elsewhere), each hidden (None)
    when small; then the smallest shown parts are hidden with them until the hidden ones are
    at least two and add up to 5 or more, so that the total less the others (what they add
    up to) points at nobody."""
    shown: dict[str, int | None] = {k: (None if hidden(n) else n) for k, n in counts.items()}

    def weak() -> bool:
        gone = [counts[k] for k, v in shown.items() if v is None]
        return bool(gone) and (len(gone) < 2 or sum(gone) < SMALLEST)

    while weak():
        rest = [(n, k) for k, n in counts.items() if shown[k] is not None and n > 0]
        if not rest:
            break
        shown[min(rest)[1]] = None
    return shown


def share(part: int, whole: int, *, people: bool = True) -> str:
    """``part`` of ``whole`` as a percentage, unless it would point at somebody: a whole of
    fewer than 5, or (of people) a part, or the rest, of fewer than 5 — none or all of them
    included, which tells of each one. Of marks or events (``people`` False) only the whole
    counts (the part can be worked out from the percentage: marks name nobody)."""
    some = 0 < part < whole
    if whole < SMALLEST or (people and (not some or hidden(part) or hidden(whole - part))):
        return TOO_FEW
    if not people:
        return f"{round(100 * part / whole)}% of {whole:,}"
    return f"{round(100 * part / whole)}% ({part:,} of {whole:,})"


def typical(values: list[int], unit: str) -> str:
    """The median and the mean of ``values`` (days, points…), or too few to say."""
    if len(values) < SMALLEST:
        return TOO_FEW
    return f"median {median(values):g} {unit}, mean {mean(values):.1f} (of {len(values):,})"
