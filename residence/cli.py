"""The ``residence`` command: opens the window, or does one job and exits.

Each area adds its own commands (``residence/<area>/cli.py``); this module puts them together
and runs one. Exit status: 0 done, 1 an expected problem (one line on stderr), 2 a usage mistake.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence

from residence import __version__
from residence import command_line as cl
from residence.chores import cli as chores_cli
from residence.clock import Clock
from residence.consents import cli as consents_cli
from residence.db.database import Location
from residence.demo import cli as demo_cli
from residence.errors import ResidenceError
from residence.house import cli as house_cli
from residence.meetings import cli as meetings_cli
from residence.mentors import cli as mentors_cli
from residence.outcomes import cli as outcomes_cli
from residence.phaseup import cli as phaseup_cli
from residence.recovery import cli as recovery_cli
from residence.residents import cli as residents_cli
from residence.resources import cli as resources_cli
from residence.safety import cli as safety_cli
from residence.safety import passphrase_cli
from residence.server import cli as server_cli

# The window, when the Qt part is installed: (database path or None for the demo, the clock)
# -> exit code
OpenWindow = Callable[[Location | None, Clock], int]
# Each area's commands, in the order ``residence --help`` lists them.
AREAS = (
    demo_cli,
    house_cli,
    residents_cli,
    chores_cli,
    meetings_cli,
    mentors_cli,
    consents_cli,
    recovery_cli,
    outcomes_cli,
    phaseup_cli,
    resources_cli,
    safety_cli,
    passphrase_cli,
    server_cli,
)


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
    except ResidenceError as error:
        for line in (*error.details(), str(error)):
            print(f"residence: {line}", file=sys.stderr)
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
    if args.house:  # the window reads it as the commands do
        os.environ["RESIDENCE_HOUSE"] = args.house
    return open_window(None if args.demo else cl.location(args), args.clock)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="residence",
        description="Residence: the house manager's app for a sober-living residence.",
    )
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        help="the house file, or a server (postgresql://user@host/dbname); "
        "default: RESIDENCE_DATABASE, else the file in your data folder",
    )
    parser.add_argument(
        "--house",
        metavar="NAME",
        help="the house to work in, when the database holds several; default: RESIDENCE_HOUSE",
    )
    # Subcommands take --db and --house too; SUPPRESS keeps one given before the subcommand.
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", metavar="PATH|URL", default=argparse.SUPPRESS)
    db.add_argument("--house", metavar="NAME", default=argparse.SUPPRESS)
    parser.add_argument("--version", action="version", version=f"residence {__version__}")
    parser.add_argument("--demo", action="store_true", help="open a fresh copy of the demo house")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    report = commands.add_parser("report", help="write a report as a PDF file")
    reports = report.add_subparsers(dest="report", metavar="REPORT", required=True)
    for area in AREAS:
        area.add_commands(cl.Commands(commands, reports, db))
    return parser
