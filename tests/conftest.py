"""Fixtures shared by every test: a fresh database per test, on a fixed day.

No test reads the real clock: each runs on ``TODAY`` (or on a day it chooses) through a
``FixedClock``, and the shared demo house is built at ``NOW``."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

import pytest
from hypothesis import settings

# Before anything imports Qt: tests never open a real window.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from residence.areas import stay_hooks
from residence.cli import main
from residence.clock import FixedClock
from residence.db.database import Database, open_database
from residence.db.server import Server
from residence.home import HomeService
from residence.house.records import BedInfo, HouseSettings, PhaseInfo
from residence.house.service import HouseService
from residence.residents.queries import ResidentQueries
from residence.residents.service import ResidentService
from tests.postgres import TestServer, running_server

# In CI the property tests draw the same examples every run: a red build is reproducible.
settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

TODAY = date(2026, 6, 15)  # a Monday: the week's meetings and chores are still ahead
NOW = datetime.combine(TODAY, time(10, 0))  # mid-morning; the demo house is built then


def clock_on(day: date = TODAY, at: time = NOW.time()) -> FixedClock:  # noqa: B008
    """A clock standing on ``day`` at ``at``: each test gets its own (they can be moved)."""
    return FixedClock.on(day, at)


def cli(argv: Sequence[str], clock: FixedClock | None = None) -> int:
    """The ``residence`` command, run on the tests' day (or on ``clock``)."""
    return main(argv, clock=clock or clock_on())


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "house.sqlite3"


@pytest.fixture
def clock() -> FixedClock:
    """The test's clock: TODAY at NOW, unless the test moves it."""
    return clock_on()


ENGINES = ("sqlite", "postgresql")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only: the test is about the house file itself (it reads the file)"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """The service and CLI tests (tests/residence) run on both engines; the window's tests on
    SQLite only (the window reaches the data only through the services)."""
    if "engine_name" not in metafunc.fixturenames:
        return
    on_both = "tests/residence/" in metafunc.definition.path.as_posix()
    if on_both and metafunc.definition.get_closest_marker("sqlite_only") is None:
        metafunc.parametrize("engine_name", ENGINES, indirect=True)


@pytest.fixture
def engine_name(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def postgres() -> Iterator[TestServer]:
    """The run's own PostgreSQL server, started on first use. Without PostgreSQL installed the
    server's tests are skipped, unless RESIDENCE_TEST_POSTGRES=required (CI) makes it an error."""
    try:
        with running_server() as server:
            yield server
    except (FileNotFoundError, PermissionError) as why:
        if os.environ.get("RESIDENCE_TEST_POSTGRES") == "required":
            raise
        pytest.skip(f"no PostgreSQL server for the tests: {why}")


@pytest.fixture
def location(
    request: pytest.FixtureRequest, engine_name: str, db_path: Path
) -> Iterator[Path | Server]:
    """Where the test's house is: a file in its temporary folder, or a database of its own on
    the run's server (with the schema in place)."""
    if engine_name == "sqlite":
        yield db_path
        return
    server: TestServer = request.getfixturevalue("postgres")
    name = server.new_database()
    yield server.address(name)
    server.drop(name)


@pytest.fixture
def db_arg(location: Path | Server) -> str:
    """What ``--db`` is given for the test's house: the file's path or the server's address."""
    return str(location)


@pytest.fixture(scope="session")
def empty_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A house file as the app makes it (every migration applied, no house yet), made once:
    a test's file is a copy, as a server test's database is a copy of its template."""
    path = tmp_path_factory.mktemp("empty-template") / "empty.sqlite3"
    open_database(path, clock=clock_on()).close()
    return path


@pytest.fixture
def database(location: Path | Server, clock: FixedClock, empty_file: Path) -> Iterator[Database]:
    if isinstance(location, Path) and not location.exists():
        shutil.copyfile(empty_file, location)
        location.chmod(0o600)
    db = open_database(location, clock=clock, busy_timeout_ms=200)
    yield db
    db.close()


@dataclass
class House:
    """A small set-up house: 2 rooms of 2 beds, the default phases, services on TODAY."""

    db: Database
    clock: FixedClock
    house: HouseService
    residents: ResidentService
    queries: ResidentQueries
    home: HomeService
    beds: list[BedInfo]
    phases: list[PhaseInfo]


@pytest.fixture
def house(database: Database, clock: FixedClock) -> House:
    house = HouseService(database)
    house.set_up(HouseSettings(name="Magnolia House", manager_name="Dana Test"))
    house.add_room("Room 1", ["A", "B"])
    house.add_room("Room 2", ["A", "B"])
    return House(
        db=database,
        clock=clock,
        house=house,
        residents=ResidentService(database, clock, stay_hooks()),
        queries=ResidentQueries(database, clock),
        home=HomeService(database, clock),
        beds=house.beds(),
        phases=house.phases(),
    )


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo house as it stands at NOW, built once per test run (it takes seconds); tests
    get copies, and open them on a clock at NOW."""
    from residence.demo.house import write_demo

    path = tmp_path_factory.mktemp("demo-template") / "demo.sqlite3"
    write_demo(path, NOW)
    return path


@pytest.fixture
def demo_house(
    request: pytest.FixtureRequest, engine_name: str, demo_copy: Path
) -> Iterator[Path | Server]:
    """A copy of the demo house (as it stands at NOW) for one test: a file, or a database of
    its own on the run's server."""
    if engine_name == "sqlite":
        yield demo_copy
        return
    server: TestServer = request.getfixturevalue("postgres")
    name = server.new_database(template=server.demo_template(NOW))
    yield server.address(name)
    server.drop(name)


@pytest.fixture
def demo_copy(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite3"
    shutil.copy(demo_template, path)
    return path
