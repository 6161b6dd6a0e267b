"""Which meetings happen on which days: weekly series, with single dates moved or cancelled.

Pure: the series and the recorded exceptions in, the occurrences out.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from residence.meetings.records import Occurrence, SeriesInfo


def series_dates(series: SeriesInfo, first: date, last: date) -> list[date]:
    """The series' own dates from ``first`` to ``last`` (inclusive)."""
    start = max(first, series.starts)
    end = min(last, series.ends) if series.ends is not None else last
    if start > end:
        return []
    day = start + timedelta(days=(series.weekday - start.weekday()) % 7)
    found = []
    while day <= end:
        found.append(day)
        day += timedelta(weeks=1)
    return found


def occurrences(
    series: Iterable[SeriesInfo],
    recorded: Iterable[Occurrence],
    first: date,
    last: date,
    *,
    include_cancelled: bool = False,
) -> list[Occurrence]:
    """Everything on the calendar from ``first`` to ``last``.

    ``recorded`` are the meetings with a row: one-offs, and series dates that were moved,
    cancelled or held. A moved date shows on its new day only; a cancelled one not at all
    (unless asked), though its record stays.
    """
    by_key = {(o.series_id, o.series_date): o for o in recorded if o.series_id is not None}
    found = [o for o in recorded if first <= o.day <= last]
    for one in series:
        for day in series_dates(one, first, last):
            if (one.id, day) not in by_key:
                found.append(_virtual(one, day))
    if not include_cancelled:
        found = [o for o in found if not o.cancelled]
    return sorted(found, key=lambda o: (o.day, o.start_time, o.title))


def _virtual(series: SeriesInfo, day: date) -> Occurrence:
    return Occurrence(
        meeting_id=None,
        series_id=series.id,
        series_date=day,
        kind=series.kind,
        title=series.title,
        day=day,
        start_time=series.start_time,
        minutes=series.minutes,
        place=series.place,
        mandatory=series.mandatory,
    )
