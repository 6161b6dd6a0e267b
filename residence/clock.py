"""The one clock: today and now in the house's time (the computer's local wall clock).

It is made once where the app starts — the window, the command line, the benchmark — and passed
to everything that needs the date or the time: the services, the audit trail, the window. This
module is the only one that reads the real time (ruff's banned-api says so for every other), so
a test or the demo builder chooses its moment by passing a ``FixedClock``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Protocol


class Clock(Protocol):
    """Today's date and the time now, to the second, in the house's time."""

    def today(self) -> date: ...

    def now(self) -> datetime: ...


class SystemClock:
    """The computer's clock: what the app runs on."""

    def today(self) -> date:
        return self.now().date()  # one reading: today and now never straddle midnight

    def now(self) -> datetime:
        return datetime.now().replace(microsecond=0)


@dataclass
class FixedClock:
    """A clock that stands at ``moment`` until it is moved: for tests, the demo, the benchmark."""

    moment: datetime

    @classmethod
    def on(cls, day: date, at: time = time(12, 0)) -> FixedClock:
        return cls(datetime.combine(day, at))

    def today(self) -> date:
        return self.moment.date()

    def now(self) -> datetime:
        return self.moment.replace(microsecond=0)

    def move_to(self, moment: datetime) -> None:
        self.moment = moment
