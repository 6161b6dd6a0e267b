"""``residence residents`` (the listing, or CSV in the import's columns) and
``residence import-residents``."""

from __future__ import annotations

import sys
from argparse import Namespace
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from residence import command_line as cl
from residence.areas import stay_hooks
from residence.dates import format_date
from residence.db import houses
from residence.errors import ResidenceError
from residence.house.service import HouseService
from residence.residents.importing import ResidentImport
from residence.residents.queries import ResidentQueries
from residence.residents.records import ResidentRow, Status, Transfer
from residence.residents.service import ResidentService
from residence.residents.spreadsheet import write_sheet


def add_commands(commands: cl.Commands) -> None:
    listing = commands.add("residents", _residents, "list residents")
    listing.add_argument("--status", choices=[s.value for s in Status], default="current")
    listing.add_argument("--csv", action="store_true", help="as CSV, in the import's columns")
    importing = commands.add("import-residents", _import, "import residents from a CSV file")
    importing.add_argument("file", type=Path, metavar="FILE.csv")
    moving = commands.add(
        "transfer", _transfer, "move a resident to another house: the stay here ends that day"
    )
    moving.add_argument("resident", type=int, metavar="ID", help="the ID `residents` shows")
    moving.add_argument("--to", required=True, metavar="HOUSE", help="the other house's name")
    moving.add_argument("--date", type=cl.date_arg, help="the day of the move (default: today)")


def _residents(args: Namespace) -> int:
    database = cl.open_house_database(args, read_only=True)
    try:
        queries = ResidentQueries(database, args.clock)
        status = Status(args.status)
        if args.csv:
            sys.stdout.write(write_sheet(queries.details(status)))
        else:
            _print_table(queries.rows(status))
    finally:
        database.close()
    return 0


def _import(args: Namespace) -> int:
    try:
        data = Path(args.file).read_bytes()
    except OSError as error:
        raise ResidenceError(f"Can't read {args.file}: {error.strerror}.") from None
    with cl.house_lock(args):
        database = cl.open_house_database(args)
        try:
            house = HouseService(database)
            if house.settings() is None:
                raise ResidenceError("The house isn't set up yet: start the app once first.")
            importer = ResidentImport(
                house,
                ResidentService(database, args.clock, stay_hooks()),
                ResidentQueries(database, args.clock),
            )
            count = importer.run(data, _progress_to(sys.stderr)).value
        finally:
            database.close()
    print(f"Imported {count:,} resident{'s' if count != 1 else ''}.")
    return 0


def _transfer(args: Namespace) -> int:
    with cl.house_lock(args):
        database = cl.open_house_database(args)
        try:
            with database.read(every_house=True) as session:
                to_house = houses.find(session, args.to)
            file = ResidentQueries(database, args.clock).detail(args.resident)
            if file.current_stay is None:
                raise ResidenceError(f"Resident {args.resident} doesn't live in this house now.")
            day = args.date or args.clock.today()
            service = ResidentService(database, args.clock, stay_hooks())
            service.transfer(file.current_stay.id, Transfer(to_house, day))
        finally:
            database.close()
    name = f"{file.details.first_name} {file.details.last_name}"
    print(f"Transferred {name} to {' '.join(args.to.split())} on {format_date(day)}.")
    return 0


def _progress_to(stream: TextIO) -> Callable[[str, int, int], None]:
    """A line every tenth of the way (and at least every 10,000 rows) of a big import, so a
    long one is seen working; a small one says nothing."""

    def told(what: str, done: int, total: int) -> None:
        step = min(10_000, max(1_000, total // 10))
        if total >= 1_000 and done and done % step == 0:
            print(f"{what} {done:,} of {total:,} rows…", file=stream, flush=True)

    return told


def _print_table(rows: list[ResidentRow]) -> None:
    header = (
        "ID",
        "Name",
        "Room/bed",
        "Phase",
        "Move-in",
        "Move-out",
        "Days sober",
        "Case manager",
    )
    lines = [
        (
            str(row.person_id),
            row.name,
            row.room_bed,
            row.phase,
            format_date(row.move_in),
            format_date(row.move_out) if row.move_out else "",
            "" if row.days_sober is None else str(row.days_sober),
            row.case_manager,
        )
        for row in rows
    ]
    cl.print_lines(header, lines, False, "(no residents)")
