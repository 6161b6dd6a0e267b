"""What every command of ``residence`` shares: the house file it works on and its passphrase,
the dates it is given, and how it writes a PDF or prints a table. Each area adds its own
commands (``residence/<area>/cli.py``) through ``Commands``."""

from __future__ import annotations

import argparse
import contextlib
import csv
import getpass
import os
import sys
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from residence.dates import parse_date
from residence.db.cipher import looks_encrypted
from residence.db.database import Database, Location, open_database, parse_location
from residence.db.server import PasswordNeeded, Server
from residence.errors import ResidenceError
from residence.paths import default_database
from residence.residents.spreadsheet import protect
from residence.safety.exports import export, refusal
from residence.workspace import Workspace, workspace_for

Run = Callable[[argparse.Namespace], int]
T = TypeVar("T")


@dataclass(frozen=True)
class Commands:
    """Where an area adds its commands: ``residence NAME`` or ``residence report NAME``."""

    commands: argparse._SubParsersAction[argparse.ArgumentParser]
    reports: argparse._SubParsersAction[argparse.ArgumentParser]
    db: argparse.ArgumentParser  # the --db option every command on a house file takes

    def add(
        self, name: str, run: Run, help_text: str, *, house: bool = True
    ) -> argparse.ArgumentParser:
        parents = [self.db] if house else []
        parser = self.commands.add_parser(name, parents=parents, help=help_text)
        parser.set_defaults(run=run)
        return parser

    def add_report(self, name: str, run: Run, help_text: str) -> argparse.ArgumentParser:
        parser = self.reports.add_parser(name, parents=[self.db], help=help_text)
        parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
        parser.add_argument(
            "--force", action="store_true", help="replace FILE.pdf if it exists already"
        )
        parser.set_defaults(run=run)
        return parser


EARLIEST, LATEST = date(1900, 1, 1), date(2199, 12, 31)  # a week on either side still exists


def date_arg(text: str) -> date:
    try:
        day = parse_date(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    if not EARLIEST <= day <= LATEST:
        raise argparse.ArgumentTypeError(
            f"{text.strip()} is outside the years a house keeps ({EARLIEST.year} to {LATEST.year})"
        )
    return day


def location(args: argparse.Namespace) -> Location:
    """The house the command works on: --db, else RESIDENCE_DATABASE, else the default file.
    Either names a file or a server (postgresql://…)."""
    given = args.db if getattr(args, "db", None) else os.environ.get("RESIDENCE_DATABASE")
    return parse_location(str(given)) if given else default_database()


def house_name(args: argparse.Namespace) -> str | None:
    """The house to work in, when the database holds several: --house, else RESIDENCE_HOUSE."""
    given = getattr(args, "house", None) or os.environ.get("RESIDENCE_HOUSE")
    return str(given) if given else None


def db_path(args: argparse.Namespace) -> Path:
    """The house file, for a command that only a file has (backups, its passphrase)."""
    where = location(args)
    if isinstance(where, Server):
        raise ResidenceError(
            f"`residence {args.command}` works on a house file, and {where} is a server. "
            "See `residence --help` for what works on a server."
        )
    return where


def open_house_database(
    args: argparse.Namespace, *, read_only: bool = False, choose_house: bool = True
) -> Database:
    """The database --db names, in the house --house names (``choose_house`` False: in none,
    for a command about the houses themselves)."""
    where = location(args)
    house = house_name(args)
    if isinstance(where, Server):
        return on_server(where, lambda server: open_database(
            server, clock=args.clock, create=False, read_only=read_only, house=house,
            choose_house=choose_house,
        ))  # fmt: skip
    return open_database(
        where,
        clock=args.clock,
        create=False,
        key=passphrase(args),
        read_only=read_only,
        house=house,
        choose_house=choose_house,
    )


def open_house(args: argparse.Namespace, *, read_only: bool = False) -> Workspace:
    return workspace_for(open_house_database(args, read_only=read_only))


def open_server(args: argparse.Namespace, server: Server, *, create: bool) -> Database:
    """The database at ``server``, for a command that names it (not the house's --db)."""
    return on_server(
        server, lambda s: open_database(s, clock=args.clock, create=create, choose_house=False)
    )


def on_server(server: Server, reach: Callable[[Server], T]) -> T:
    """``reach(server)``; when the server wants a password libpq didn't find (``.pgpass``, a
    service file, PGPASSWORD), ask for it on the terminal, once, and try again with it."""
    try:
        return reach(server)
    except PasswordNeeded:
        if not sys.stdin.isatty():
            raise
    return reach(server.with_password(getpass.getpass(f"Password for {server}: ")))


def house_lock(args: argparse.Namespace) -> AbstractContextManager[object]:
    """The lock the window takes, for a command that writes to the house: while a window (or
    another command) has the house, the command says who has it rather than write behind
    its back. Commands that only read don't need it. On a server, several people work at
    once: its own locking keeps their transactions apart."""
    from residence.safety.lock import HouseLock

    where = location(args)
    if isinstance(where, Server):
        return contextlib.nullcontext()
    if not where.is_file():  # no lock file beside a house that isn't there
        raise ResidenceError(
            f"There is no database at {where}. Start the app once to set up the house, "
            "or give the right file with --db."
        )
    return HouseLock(where, args.clock)


def passphrase(args: argparse.Namespace) -> str | None:
    """An encrypted file's passphrase: from RESIDENCE_PASSPHRASE, else asked on the terminal."""
    if hasattr(args, "passphrase"):
        return str(args.passphrase) if args.passphrase is not None else None
    path = db_path(args)
    args.passphrase = secret(f"Passphrase for {path.name}: ") if looks_encrypted(path) else None
    return passphrase(args)


def secret(prompt: str) -> str:
    if (given := os.environ.get("RESIDENCE_PASSPHRASE")) is not None:
        return given
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    raise ResidenceError(
        f"{prompt.removeprefix('Passphrase of ').removeprefix('Passphrase for ').rstrip(': ')} is "
        "encrypted, or it is not a Residence database. If it is encrypted, set "
        "RESIDENCE_PASSPHRASE or run the command in a terminal."
    )


def check_output(args: argparse.Namespace) -> None:
    """Refuse ``-o`` before the report is made: the house's own files, or a file that is
    there already without --force."""
    where = location(args)
    if isinstance(where, Path) and Path(args.output).resolve() == where.resolve():
        raise ResidenceError("-o names the house file itself: choose another name for the PDF.")
    if (why := refusal(Path(args.output), replace=args.force)) is not None:
        raise ResidenceError(why)


def report(
    args: argparse.Namespace, make: Callable[[Workspace, str], bytes], *, writes: bool = False
) -> int:
    """Open the house, make one report's PDF, write it where asked, print where. A report that
    only reads opens the file read-only (a backup stays byte for byte)."""
    check_output(args)
    workspace = open_house(args, read_only=not writes)
    try:
        settings = workspace.house.settings()
        pdf = make(workspace, settings.name if settings else "")
    finally:
        workspace.close()
    write_pdf(args.output, pdf, replace=args.force)
    print(args.output)
    return 0


def write_pdf(path: Path, pdf: bytes, *, replace: bool) -> None:
    export(path, pdf, replace=replace)


def print_lines(
    header: Sequence[str], lines: Sequence[Sequence[str]], as_csv: bool, empty: str
) -> None:
    """A table in columns (or CSV, with spreadsheet formulas defused); ``empty`` if no lines."""
    if as_csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([[protect(cell) for cell in line] for line in lines])
        return
    table = [tuple(header), *(tuple(line) for line in lines)]
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    for line in table:
        print("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip())
    if not lines:
        print(empty)
