"""``residence demo PATH``: the demo house (or, with ``--years``, a house with years of history)."""

from __future__ import annotations

from argparse import ArgumentTypeError, Namespace

from residence import command_line as cl
from residence.db.database import Location, parse_location
from residence.db.server import Server
from residence.errors import ResidenceError


def add_commands(commands: cl.Commands) -> None:
    demo = commands.add(
        "demo", _demo, "write the demo house to a new file or an empty server", house=False
    )
    demo.add_argument("path", type=_where, metavar="PATH|URL")
    years = "a house with N years of history instead (10: the benchmark's house)"
    demo.add_argument("--years", type=int, metavar="N", help=years)


def _demo(args: Namespace) -> int:
    if args.years is not None:
        if isinstance(args.path, Server):
            raise ResidenceError("--years writes a file; give a file's path.")
        from residence.demo.years import write_years_demo

        write_years_demo(args.path, args.clock.now(), args.years)
    else:
        from residence.demo.house import write_demo

        write_demo(args.path, args.clock.now())
    print(args.path)
    return 0


def _where(text: str) -> Location:
    try:
        return parse_location(text)
    except ResidenceError as error:  # a usage mistake: argparse says so in one line
        raise ArgumentTypeError(str(error)) from None
