"""``uv run python -m bench [--house PATH] [--runs N]``: the figures on the ten-year house, one
table, and how many targets were met."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from residence.clock import Clock, FixedClock, SystemClock
from residence.db.database import Location
from residence.db.server import Server
from residence.errors import ResidenceError

from bench import measures as m
from bench.house import ten_year_house, working_copy

PAGE_LIMIT, SEARCH_LIMIT, CHORE_LIMIT = 100, 16, 50
SCHEDULE_LIMIT, REPORT_LIMIT, MEMORY_LIMIT, START_RATIO = 150, 300, 250, 1.5


def main(argv: list[str] | None = None, clock: Clock | None = None) -> int:
    """Measure, print the table; ``clock`` (a test's) instead of the computer's."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--house",
        type=Path,
        help="measure this house file (unencrypted) instead of the ten-year house",
    )
    parser.add_argument(
        "--db",
        type=_server,
        metavar="URL",
        help="measure on this server database: the house is copied into it when it is empty "
        "(as `residence migrate-to` does), else the house already there is measured",
    )
    parser.add_argument("--runs", type=int, default=7, help="runs per figure (the median)")
    args = parser.parse_args(argv)
    # The whole run measures the house at one moment: the one the run starts at.
    clock = clock or FixedClock(SystemClock().now())
    house = args.house or ten_year_house(clock.now())
    with tempfile.TemporaryDirectory(prefix="residence-bench-") as scratch:
        copy = working_copy(house, Path(scratch))
        where: Location = copy if args.db is None else on_server(copy, args.db, clock)
        figures = run(where, clock, max(1, args.runs), Path(scratch))
    print_table(figures, house if args.db is None else args.db)
    return 0


def _server(text: str) -> Server:
    try:
        return Server.parse(text)
    except ResidenceError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def on_server(house: Path, server: Server, clock: Clock) -> Server:
    """The house on ``server``: copied there from the file when the database is empty."""
    from residence.areas import embedded_numbers
    from residence.db.copying import copy_records, counts
    from residence.db.database import open_database

    target = open_database(server, clock=clock)
    try:
        if not any(counts(target).values()):
            print(f"Copying {house.name} to {server}…", flush=True)
            source = open_database(house, clock=clock, create=False, read_only=True)
            try:
                copy_records(source, target, embedded_numbers())
            finally:
                source.close()
    finally:
        target.close()
    return server


def run(house: Location, clock: Clock, runs: int, scratch: Path) -> list[m.Figure]:
    # As on the manager's computer: Python keeps the compiled modules (some shells say not to).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["QT_QPA_PLATFORM"] = os.environ.get("QT_QPA_PLATFORM", "offscreen")
    for name in ("CONFIG", "STATE", "CACHE"):  # the app's settings and logs: fresh, not yours
        env[f"XDG_{name}_HOME"] = str(scratch / name.lower())
    starts = max(3, runs // 2)  # a new process each: fewer runs
    bare, bare_peak = m.cold_start(None, starts, env)
    app, app_peak = m.cold_start(house, starts, env)
    figures = [
        m.Figure(
            "Cold start to Home painted",
            app,
            bare,
            f"≤ {START_RATIO:g}× floor",
            app <= START_RATIO * bare,
        ),
    ]
    figures += _window_figures(house, clock, runs, scratch / "config")
    figures += _work_figures(house, clock, runs)
    figures.append(
        m.within(
            "Peak memory (start, every page, a search)", app_peak, bare_peak, MEMORY_LIMIT, "MiB"
        )
    )
    return figures


def _window_figures(house: Location, clock: Clock, runs: int, settings: Path) -> list[m.Figure]:
    from residence.workspace import open_workspace

    from bench.screens import (
        PAGE_ROWS,
        close_window,
        page_names,
        page_open,
        search_keystroke,
        window_on,
    )

    workspace = open_workspace(house, clock=clock, create=False)
    try:
        window = window_on(workspace, settings)
        figures = []
        for row, name in enumerate(page_names(window)):
            floor = m.raw_query(house, PAGE_ROWS.get(name, "SELECT 1"), runs)
            figures.append(
                m.within(f"Open {name}", page_open(window, row, runs), floor, PAGE_LIMIT)
            )
        floor = m.raw_query(
            house, "SELECT * FROM person WHERE first_name LIKE '%a%' OR last_name LIKE '%a%'", runs
        )
        figures.append(
            m.within(
                "Search keystroke (Residents)", search_keystroke(window, runs), floor, SEARCH_LIMIT
            )
        )
        close_window(window)
        return figures
    finally:
        workspace.close()


def _work_figures(house: Location, clock: Clock, runs: int) -> list[m.Figure]:
    from residence.workspace import open_workspace

    workspace = open_workspace(house, clock=clock, create=False)
    try:
        week_rows = (
            "SELECT * FROM chore_assignment WHERE week_id = (SELECT max(id) FROM chore_week)"
        )
        today = clock.today()
        chores = m.chore_week(workspace, today, runs)
        schedule = m.weekly_schedule(workspace, today, runs)
        report = m.year_report(workspace, today, runs)
        table = m.one_page_table(runs)
        figures = [
            m.within(
                "Chore week generated", chores, m.raw_query(house, week_rows, runs), CHORE_LIMIT
            ),
            m.within("Weekly schedule PDF", schedule, table, SCHEDULE_LIMIT),
            m.within("One-year progress report PDF", report, table, REPORT_LIMIT),
        ]
    finally:
        workspace.close()
    if isinstance(house, Path):  # a server's backups are its administrator's (pg_dump)
        backup = m.backup(house, None, clock.now(), max(3, runs // 2))
        size = house.stat().st_size / 2**20
        copy = m.file_copy(house, 3)
        figures.append(m.Figure(f"Backup ({size:.0f} MiB)", backup, copy, "", None))
    return figures


def print_table(figures: list[m.Figure], house: Location) -> None:
    name = house.name if isinstance(house, Path) else str(house)
    print(f"\nResidence benchmark on {name}, median of each\n")
    header = f"{'':44} {'app':>10} {'floor':>10} {'ratio':>7}  {'target':<14} met"
    print(header)
    print("-" * len(header))
    for f in figures:
        ratio = f"{f.ratio:.1f}×" if f.ratio is not None else ""
        floor = f"{f.floor:.1f}" if f.floor is not None else ""
        met = {True: "yes", False: "NO", None: ""}[f.met]
        print(f"{f.name:44} {f.value:>7.1f} {f.unit:<3}{floor:>9} {ratio:>7}  {f.target:<14} {met}")
    targets = [f for f in figures if f.met is not None]
    met_count = sum(1 for f in targets if f.met)
    print(f"\n{met_count} of {len(targets)} targets met.")


if __name__ == "__main__":
    sys.exit(main())
