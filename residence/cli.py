"""The ``residence`` command: opens the window, or does one job and exits.

Exit status: 0 done, 1 an expected problem (one line on stderr), 2 a usage mistake.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import getpass
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from residence import __version__
from residence.clock import Clock
from residence.dates import format_date, parse_date
from residence.db.cipher import looks_encrypted
from residence.db.database import Database, open_database
from residence.errors import ResidenceError
from residence.house.service import HouseService
from residence.paths import default_database
from residence.residents.importing import ImportRejected, ResidentImport
from residence.residents.queries import ResidentQueries
from residence.residents.records import ResidentRow, Status
from residence.residents.service import ResidentService
from residence.residents.spreadsheet import protect, write_sheet
from residence.workspace import Workspace, open_workspace

# The window, when the Qt part is installed: (database path or None for the demo, the clock)
# -> exit code
OpenWindow = Callable[[Path | None, Clock], int]


def main(
    argv: Sequence[str] | None = None, open_window: OpenWindow | None = None, *, clock: Clock
) -> int:
    """Run one command on ``clock`` (the real one, or a test's) and return the exit status."""
    args = _parser().parse_args(argv)
    args.clock = clock
    try:
        if args.command is None:
            return _window(args, open_window)
        status = int(args.run(args))
        if sys.stdout is not None:  # None when the command was started with stdout closed
            sys.stdout.flush()  # so that a reader who stopped early is found here, not at exit
        return status
    except BrokenPipeError:
        # The reader stopped (``| head -1``): what it wanted was written; end quietly.
        _silence_stdout()
        return 0
    except ImportRejected as rejected:
        for problem in rejected.problems:
            print(f"residence: {problem}", file=sys.stderr)
        print(f"residence: {rejected}", file=sys.stderr)
        return 1
    except ResidenceError as error:
        print(f"residence: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _silence_stdout() -> None:
    """Point stdout at the null device, so that Python's flush at exit doesn't fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)


def _window(args: argparse.Namespace, open_window: OpenWindow | None) -> int:
    if open_window is None:
        print(
            "residence: the window isn't installed here; see `residence --help`.", file=sys.stderr
        )
        return 1
    return open_window(None if args.demo else _db_path(args), args.clock)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="residence",
        description="Residence: the house manager's app for a sober-living residence.",
    )
    parser.add_argument("--db", type=Path, metavar="PATH", help="the database file to use")
    # Subcommands take --db too; SUPPRESS keeps one given before the subcommand.
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", type=Path, metavar="PATH", default=argparse.SUPPRESS)
    parser.add_argument("--version", action="version", version=f"residence {__version__}")
    parser.add_argument("--demo", action="store_true", help="open a fresh copy of the demo house")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help="write the demo house to a new file")
    demo.add_argument("path", type=Path, metavar="PATH")
    years = "a house with N years of history instead (10: the benchmark's house)"
    demo.add_argument("--years", type=int, metavar="N", help=years)
    demo.set_defaults(run=_demo)

    listing = commands.add_parser("residents", parents=[db], help="list residents")
    listing.add_argument("--status", choices=[s.value for s in Status], default="current")
    listing.add_argument("--csv", action="store_true", help="as CSV, in the import's columns")
    listing.set_defaults(run=_residents)

    importing = commands.add_parser(
        "import-residents", parents=[db], help="import residents from a CSV file"
    )
    importing.add_argument("file", type=Path, metavar="FILE.csv")
    importing.set_defaults(run=_import)

    report = commands.add_parser("report", help="write a report as a PDF file")
    reports = report.add_subparsers(dest="report", metavar="REPORT", required=True)
    chores = reports.add_parser(
        "chores", parents=[db], help="the chore chart of a week (made if it has none yet)"
    )
    chores.add_argument(
        "--week", type=_date_arg, required=True, metavar="YYYY-MM-DD", help="any day of the week"
    )
    chores.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    chores.set_defaults(run=_report_chores)
    schedule = reports.add_parser(
        "schedule", parents=[db], help="the weekly schedule for the bulletin board"
    )
    schedule.add_argument(
        "--week", type=_date_arg, required=True, metavar="YYYY-MM-DD", help="any day of the week"
    )
    schedule.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    schedule.set_defaults(run=_report_schedule)
    for name, run, help_text in (
        ("minutes", _report_minutes, "the minutes of the house meeting held that day"),
        ("sign-in", _report_sign_in, "the sign-in sheet of that day's house meeting"),
    ):
        sheet = reports.add_parser(name, parents=[db], help=help_text)
        sheet.add_argument("--date", type=_date_arg, required=True, metavar="YYYY-MM-DD")
        sheet.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
        sheet.set_defaults(run=run)
    mentors = reports.add_parser(
        "mentors", parents=[db], help="the mentor roster: pairs, check-ins due, who has none"
    )
    mentors.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    mentors.set_defaults(run=_report_mentors)
    roster = reports.add_parser("roster", parents=[db], help="the house roster (census)")
    roster.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    roster.set_defaults(run=_report_roster)
    progress = reports.add_parser(
        "progress",
        parents=[db],
        help="a resident's progress report under a consent (logged as a disclosure)",
    )
    progress.add_argument("--consent", type=int, required=True, metavar="ID")
    progress.add_argument(
        "--from", dest="first", type=_date_arg, required=True, metavar="YYYY-MM-DD"
    )
    progress.add_argument("--to", dest="last", type=_date_arg, required=True, metavar="YYYY-MM-DD")
    progress.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    progress.set_defaults(run=_report_progress)
    backup = commands.add_parser("backup", parents=[db], help="back up the house file now")
    backup.add_argument(
        "--to", type=Path, metavar="FOLDER", help="where (default: the backups folder beside it)"
    )
    backup.add_argument(
        "--create",
        action="store_true",
        help="make the --to folder if it isn't there (not its parents)",
    )
    backup.set_defaults(run=_backup)
    restore = commands.add_parser("restore", parents=[db], help="put a backup in place")
    restore.add_argument("backup", type=Path, metavar="BACKUP")
    restore.set_defaults(run=_restore)
    check = commands.add_parser("check", parents=[db], help="check the house file's integrity")
    check.set_defaults(run=_check)
    for name, run, help_text in (
        ("consents", _consents, "list the consents on file, with their status"),
        ("disclosures", _disclosures, "list the disclosure log"),
    ):
        command = commands.add_parser(name, parents=[db], help=help_text)
        command.add_argument("--csv", action="store_true", help="as CSV")
        command.set_defaults(run=run)
    return parser


def _date_arg(text: str) -> date:
    try:
        return parse_date(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _db_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if args.db else default_database()


def _open(args: argparse.Namespace) -> Database:
    return open_database(_db_path(args), clock=args.clock, create=False, key=_passphrase(args))


def _open_workspace(args: argparse.Namespace) -> Workspace:
    return open_workspace(
        _db_path(args), clock=args.clock, create=False, passphrase=_passphrase(args)
    )


def _passphrase(args: argparse.Namespace) -> str | None:
    """An encrypted file's passphrase: from RESIDENCE_PASSPHRASE, else asked on the terminal."""
    if hasattr(args, "passphrase"):
        return str(args.passphrase) if args.passphrase is not None else None
    path = _db_path(args)
    args.passphrase = _secret(f"Passphrase for {path.name}: ") if looks_encrypted(path) else None
    return _passphrase(args)


def _secret(prompt: str) -> str:
    if (given := os.environ.get("RESIDENCE_PASSPHRASE")) is not None:
        return given
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    raise ResidenceError(
        f"{prompt.removeprefix('Passphrase of ').removeprefix('Passphrase for ').rstrip(': ')} is "
        "encrypted, or it is not a Residence database. If it is encrypted, set "
        "RESIDENCE_PASSPHRASE or run the command in a terminal."
    )


def _demo(args: argparse.Namespace) -> int:
    if args.years is not None:
        from residence.demo_years import write_years_demo

        write_years_demo(args.path, args.clock.now(), args.years)
    else:
        from residence.demo import write_demo

        write_demo(args.path, args.clock.now())
    print(args.path)
    return 0


def _residents(args: argparse.Namespace) -> int:
    database = _open(args)
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


def _import(args: argparse.Namespace) -> int:
    try:
        data = Path(args.file).read_bytes()
    except OSError as error:
        raise ResidenceError(f"Can't read {args.file}: {error.strerror}.") from None
    database = _open(args)
    try:
        house = HouseService(database)
        if house.settings() is None:
            raise ResidenceError("The house isn't set up yet: start the app once first.")
        importer = ResidentImport(
            house, ResidentService(database, args.clock), ResidentQueries(database, args.clock)
        )
        count = importer.run(data).value
    finally:
        database.close()
    print(f"Imported {count} resident{'s' if count != 1 else ''}.")
    return 0


def _check_output(args: argparse.Namespace) -> None:
    if Path(args.output).resolve() == _db_path(args).resolve():
        raise ResidenceError("-o names the house file itself: choose another name for the PDF.")


def _report(args: argparse.Namespace, make: Callable[[Workspace, str], bytes]) -> int:
    """Open the house, make one report's PDF, write it where asked, print where."""
    _check_output(args)
    workspace = _open_workspace(args)
    try:
        settings = workspace.house.settings()
        pdf = make(workspace, settings.name if settings else "")
    finally:
        workspace.close()
    _write_pdf(args.output, pdf)
    print(args.output)
    return 0


def _report_chores(args: argparse.Namespace) -> int:
    from residence.reports.chore_chart import ChoreChart, chore_chart_pdf

    def make(workspace: Workspace, house: str) -> bytes:
        grid = workspace.weeks.grid(args.week)
        if not grid.generated:
            grid = workspace.weeks.generate(args.week).value
        return chore_chart_pdf(ChoreChart(house, grid, args.clock.now()))

    return _report(args, make)


def _report_schedule(args: argparse.Namespace) -> int:
    from residence.reports.schedule import WeeklySchedule, schedule_pdf

    def make(workspace: Workspace, house: str) -> bytes:
        events = tuple(workspace.calendar.week(args.week))
        return schedule_pdf(
            WeeklySchedule(house, workspace.weeks.grid(args.week), events, args.clock.now())
        )

    return _report(args, make)


def _report_minutes(args: argparse.Namespace) -> int:
    from residence.reports.meeting_sheets import MinutesDocument, minutes_pdf

    def make(workspace: Workspace, house: str) -> bytes:
        event = workspace.minutes.house_meeting_on(args.date)
        if event is None or event.meeting_id is None:
            raise ResidenceError(f"No house meeting was recorded on {format_date(args.date)}.")
        return minutes_pdf(
            MinutesDocument(house, workspace.minutes.view(event.meeting_id), args.clock.now())
        )

    return _report(args, make)


def _report_sign_in(args: argparse.Namespace) -> int:
    from residence.reports.meeting_sheets import SignInSheet, sign_in_pdf

    def make(workspace: Workspace, house: str) -> bytes:
        events = workspace.calendar.between(args.date, args.date)
        if not events:
            raise ResidenceError(f"Nothing is on the house calendar on {format_date(args.date)}.")
        event = next((e for e in events if e.kind.value == "house"), events[0])
        names = tuple(workspace.attendance.residents_on(event.day))  # reading only: no row made
        return sign_in_pdf(SignInSheet(house, event, names, args.clock.now()))

    return _report(args, make)


def _report_mentors(args: argparse.Namespace) -> int:
    from residence.reports.mentor_roster import MentorRoster, roster_pdf

    def make(workspace: Workspace, house: str) -> bytes:
        book = workspace.mentors
        made = args.clock.now()
        roster = MentorRoster(
            house, tuple(book.pairs()), tuple(book.unpaired()), book.rules(), made.date(), made
        )
        return roster_pdf(roster)

    return _report(args, make)


def _report_roster(args: argparse.Namespace) -> int:
    from residence.reports.house_roster import house_roster_pdf

    return _report(args, lambda workspace, _house: house_roster_pdf(workspace.disclosures.roster()))


def _report_progress(args: argparse.Namespace) -> int:
    """The report, written, then logged; if it can't be logged, the file is taken back."""
    from residence.reports.progress import progress_pdf

    _check_output(args)
    workspace = _open_workspace(args)
    try:
        report = workspace.disclosures.progress(args.consent, args.first, args.last)
        pdf = progress_pdf(report)
        existed = args.output.exists()
        _write_pdf(args.output, pdf)
        try:
            workspace.disclosures.record(report, pdf, "command line")
        except BaseException:
            if not existed:  # not logged, so not disclosed: take back the file we made
                args.output.unlink(missing_ok=True)
            raise
    finally:
        workspace.close()
    print(args.output)
    return 0


def _backup(args: argparse.Namespace) -> int:
    from residence.safety.backups import default_folder, make_backup

    path = _db_path(args)
    _open(args).close()  # the same checks (and upgrade) as for any command
    if args.create and not args.to:
        raise ResidenceError("--create makes the --to folder: give --to FOLDER too.")
    folder = args.to if args.to else default_folder(path)
    if args.to and not folder.exists() and _on_a_drive(folder):
        raise ResidenceError(
            f"{folder} isn't there: it would be a drive's own folder. Plug in the drive, or "
            "choose a folder on it."
        )
    if not args.to or args.create:
        _make_folder(folder)
    elif not folder.exists() and folder.parent.is_dir():
        raise ResidenceError(
            f"The backup folder {folder} doesn't exist. Check its name, or add --create to make it."
        )
    print(make_backup(path, folder, args.clock.now(), key=_passphrase(args)))
    return 0


def _on_a_drive(folder: Path) -> bool:
    """Is ``folder`` where a removable drive appears (/media/USER/STICK, /Volumes/STICK…)?
    Made on the computer instead, it would take the backup away from the drive."""
    parent = folder.absolute().parent
    drives = {Path("/media"), Path("/mnt"), Path("/Volumes"), Path("/run/media")}
    return parent in drives or parent.parent in drives


def _make_folder(folder: Path) -> None:
    """The folder itself, never its parents: a missing parent is a drive not plugged in."""
    try:
        folder.mkdir(exist_ok=True)
    except FileNotFoundError:
        raise ResidenceError(
            f"Can't make {folder}: {folder.parent} isn't there. Plug in the drive, or choose "
            "another folder."
        ) from None
    except OSError as error:
        raise ResidenceError(f"Can't make {folder}: {error.strerror}.") from None


def _restore(args: argparse.Namespace) -> int:
    from residence.safety.backups import restore
    from residence.safety.lock import HouseLock

    path = _db_path(args)
    # The restored house takes the backup's passphrase, whatever the file there had.
    key = _secret(f"Passphrase of {args.backup.name}: ") if looks_encrypted(args.backup) else None
    with HouseLock(path, args.clock):
        done = restore(args.backup, path, args.clock.now(), key=key)
    print(f"Restored {done.backup.name}; the file as it was is kept as {done.kept_aside}.")
    return 0


def _check(args: argparse.Namespace) -> int:
    from residence.safety.audit import AuditTrail
    from residence.safety.backups import integrity

    path = _db_path(args)
    database = _open(args)
    try:
        broken = AuditTrail(database).verify()
    finally:
        database.close()
    result = integrity(path, _passphrase(args))
    if result != "ok":
        raise ResidenceError(f"{path} is damaged ({result}): restore a backup.")
    if broken:
        raise ResidenceError(f"The audit trail was tampered with: {broken}.")
    print(f"{path}: integrity ok; audit trail intact.")
    return 0


def _consents(args: argparse.Namespace) -> int:
    workspace = _open_workspace(args)
    try:
        rows = workspace.consents.rows()
    finally:
        workspace.close()
    header = ("ID", "Resident ID", "Resident", "Recipient", "Status", "Expires")
    lines = [
        (
            str(r.info.id),
            str(r.info.person_id),
            r.resident,
            r.info.recipient,
            r.status.label,
            r.info.expiry,
        )
        for r in rows
    ]
    _print_lines(header, lines, args.csv, "(no consents)")
    return 0


def _disclosures(args: argparse.Namespace) -> int:
    workspace = _open_workspace(args)
    try:
        entries = workspace.disclosures.log()
    finally:
        workspace.close()
    header = (
        "ID",
        "When",
        "By",
        "Resident",
        "Recipient",
        "Consent",
        "Categories",
        "From",
        "To",
        "How",
        "SHA-256",
    )
    lines = [
        (
            str(e.id),
            e.at.strftime("%Y-%m-%d %H:%M"),
            e.by,
            e.resident,
            e.recipient,
            str(e.consent_id),
            "; ".join(c.label for c in e.categories),
            e.first.isoformat(),
            e.last.isoformat(),
            e.how,
            e.sha256,
        )
        for e in entries
    ]
    _print_lines(header, lines, args.csv, "(no disclosures)")
    return 0


def _print_lines(
    header: Sequence[str], lines: Sequence[Sequence[str]], as_csv: bool, empty: str
) -> None:
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


def _write_pdf(path: Path, pdf: bytes) -> None:
    try:
        path.write_bytes(pdf)
    except OSError as error:
        raise ResidenceError(f"Can't write {path}: {error.strerror}.") from None


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
    _print_lines(header, lines, False, "(no residents)")
