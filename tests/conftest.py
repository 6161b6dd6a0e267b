"""Fixtures shared by every test: a fresh database per test, on a fixed day."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings

# Before anything imports Qt: tests never open a real window.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from residence.db.database import Database, open_database
from residence.home import HomeService
from residence.house.records import BedInfo, HouseSettings, PhaseInfo
from residence.house.service import HouseService
from residence.residents.queries import ResidentQueries
from residence.residents.service import ResidentService

# In CI the property tests draw the same examples every run: a red build is reproducible.
settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

TODAY = date(2026, 6, 15)  # a Monday


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "house.sqlite3"


@pytest.fixture
def database(db_path: Path) -> Iterator[Database]:
    db = open_database(db_path, busy_timeout_ms=200)
    yield db
    db.close()


@dataclass
class House:
    """A small set-up house: 2 rooms of 2 beds, the default phases, services on TODAY."""

    db: Database
    house: HouseService
    residents: ResidentService
    queries: ResidentQueries
    home: HomeService
    beds: list[BedInfo]
    phases: list[PhaseInfo]


@pytest.fixture
def house(database: Database) -> House:
    house = HouseService(database)
    house.set_up(HouseSettings(name="Magnolia House", manager_name="Dana Test"))
    house.add_room("Room 1", ["A", "B"])
    house.add_room("Room 2", ["A", "B"])
    today = lambda: TODAY  # noqa: E731
    return House(
        db=database,
        house=house,
        residents=ResidentService(database, today=today),
        queries=ResidentQueries(database, today=today),
        home=HomeService(database, today=today),
        beds=house.beds(),
        phases=house.phases(),
    )


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo house, built once per test run (it takes seconds); tests get copies."""
    from residence.demo import write_demo

    path = tmp_path_factory.mktemp("demo-template") / "demo.sqlite3"
    write_demo(path, date.today())
    return path


@pytest.fixture
def demo_copy(demo_template: Path, tmp_path: Path) -> Path:
    import shutil

    path = tmp_path / "demo.sqlite3"
    shutil.copy(demo_template, path)
    return path
