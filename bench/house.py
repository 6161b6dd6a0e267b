"""The ten-year house the benchmark measures: built once a day (it takes a few minutes) and
kept in the cache folder; every run works on a fresh copy of it."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from platformdirs import user_cache_dir
from residence.db import schema
from residence.demo.years import write_years_demo


def ten_year_house(at: datetime, years: int = 10) -> Path:
    """The cached house with ``years`` of history up to the day of ``at``, built if it isn't
    there (as it stands at ``at``)."""
    today = at.date()
    folder = Path(user_cache_dir("residence")) / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"house-{years}y-{today.isoformat()}-schema{schema.HEAD}.sqlite3"
    if not path.exists():
        for old in folder.glob(f"house-{years}y-*.sqlite3*"):
            old.unlink()  # yesterday's: a house is built for the day it ends on
        print(f"Building the {years}-year house (a few minutes, once a day)…", flush=True)
        write_years_demo(path, at, years)
    return path


def working_copy(house: Path, folder: Path) -> Path:
    """A copy to measure on: the chore week and the backups change files."""
    copy = folder / "house.sqlite3"
    shutil.copyfile(house, copy)
    return copy
