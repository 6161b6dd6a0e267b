"""Each figure the benchmark takes, and its floor: the least the same work could cost, measured
in the same run on the same machine."""

from __future__ import annotations

import io
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from residence.changes import Area, Changes
from residence.consents.progress_report import progress_pdf
from residence.db.database import Location
from residence.db.server import Server
from residence.errors import ResidenceError
from residence.meetings.schedule_report import WeeklySchedule, schedule_pdf
from residence.safety.backups import make_backup
from residence.workspace import Workspace

EVERYTHING = Changes(frozenset(Area))
PROJECT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    floor: float | None
    target: str  # as printed: "≤ 100 ms", "≤ 1.5× floor", or "" when the issue sets none
    met: bool | None  # None: no target
    unit: str = "ms"

    @property
    def ratio(self) -> float | None:
        return self.value / self.floor if self.floor else None


def median_ms(
    work: Callable[[], object], runs: int, before: Callable[[], object] = lambda: None
) -> float:
    """The median of ``runs`` timings of ``work``, each after an untimed ``before``."""
    times = []
    for _ in range(runs):
        before()
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def within(name: str, value: float, floor: float | None, limit: float, unit: str = "ms") -> Figure:
    return Figure(name, value, floor, f"≤ {limit:g} {unit}", value <= limit, unit)


# -- a new process: cold start and memory ---------------------------------------------------


def cold_start(house: Location | None, runs: int, env: dict[str, str]) -> tuple[float, float]:
    """Median milliseconds from launching the process to its window painted, and the peak
    memory (MiB) of the last run."""
    times, peak = [], 0.0
    command = [sys.executable, "-m", "bench.child"]
    command += ["app", str(house)] if house is not None else ["bare"]
    for run in range(runs + 1):
        start = time.perf_counter()
        with subprocess.Popen(
            command, stdout=subprocess.PIPE, text=True, env=env, cwd=PROJECT
        ) as child:
            assert child.stdout is not None
            for line in child.stdout:
                if line.startswith("painted"):
                    times.append((time.perf_counter() - start) * 1000)
                elif line.startswith("peak"):
                    peak = int(line.split()[1]) / 1024
        if run == 0:
            times.clear()  # the first run writes the bytecode caches and warms the disk cache
        if child.returncode != 0 or (run > 0 and not times):
            raise ResidenceError(f"The {command[3]} start failed (exit {child.returncode}).")
    return statistics.median(times), peak


# -- the floors ----------------------------------------------------------------------------


def raw_query(where: Location, sql: str, runs: int, params: tuple[object, ...] = ()) -> float:
    """The raw query for the same rows (sqlite3, or psycopg on a server), on a connection
    already open."""
    if isinstance(where, Server):
        import psycopg

        with psycopg.connect(where.libpq()) as server:
            if params:  # psycopg's placeholders; without parameters, a % is a percent sign
                sql = sql.replace("%", "%%").replace("?", "%s")
            return median_ms(lambda: server.execute(sql.encode(), params or None).fetchall(), runs)
    connection = sqlite3.connect(where)
    try:
        return median_ms(lambda: connection.execute(sql, params).fetchall(), runs)
    finally:
        connection.close()


def one_page_table(runs: int) -> float:
    """A one-page ReportLab document holding one table: the least a PDF report costs."""
    from reportlab.lib.pagesizes import letter
    from reportlab.platypus import SimpleDocTemplate, Table

    rows = [[f"Row {n}", "Kitchen", "Mon", "Tue", "Wed"] for n in range(20)]

    def render() -> bytes:
        out = io.BytesIO()
        SimpleDocTemplate(out, pagesize=letter).build([Table(rows)])
        return out.getvalue()

    return median_ms(render, runs)


def file_copy(path: Path, runs: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        return median_ms(lambda: shutil.copyfile(path, Path(folder) / "copy"), runs)


# -- in this process: the services and the reports -----------------------------------------


def chore_week(workspace: Workspace, today: date, runs: int) -> float:
    """Making (remaking) this week's rotation, as the Regenerate button does."""
    return median_ms(lambda: workspace.weeks.generate(today), runs)


def weekly_schedule(workspace: Workspace, today: date, runs: int) -> float:
    """Reading the week and rendering the schedule for the bulletin board."""

    def render() -> bytes:
        house = workspace.house.settings()
        assert house is not None
        events = tuple(workspace.calendar.week(today))
        return schedule_pdf(
            WeeklySchedule(house.name, workspace.weeks.grid(today), events, workspace.clock.now())
        )

    return median_ms(render, runs)


def year_report(workspace: Workspace, today: date, runs: int) -> float:
    """A year's progress report for the resident who has lived here longest with a consent in
    force (a shorter stay gives what there is)."""
    consent, first = _longest_consented(workspace, today)
    last = today - timedelta(days=1)
    return median_ms(
        lambda: progress_pdf(workspace.disclosures.progress(consent, first, last)), runs
    )


def _longest_consented(workspace: Workspace, today: date) -> tuple[int, date]:
    for row in sorted(workspace.queries.rows(), key=lambda row: row.move_in):
        for consent in workspace.consents.rows(row.person_id):
            try:
                workspace.consents.allowed(consent.info.id or 0)
            except ResidenceError:
                continue
            return consent.info.id or 0, max(row.move_in, today - timedelta(days=365))
    raise ResidenceError("No current resident has a consent in force: no report to measure.")


def backup(path: Path, key: str | None, at: datetime, runs: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        return median_ms(lambda: make_backup(path, Path(folder), at, key=key), runs)
