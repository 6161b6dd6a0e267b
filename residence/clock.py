"""Today's date, passed into services so tests can choose the day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

Clock = Callable[[], date]


def system_today() -> date:
    return date.today()


def now() -> datetime:
    return datetime.now().replace(microsecond=0)
