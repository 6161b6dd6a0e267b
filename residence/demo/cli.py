"""``residence demo PATH``: the demo house (or, with ``--years``, a house with years of history)."""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

from residence import command_line as cl


def add_commands(commands: cl.Commands) -> None:
    demo = commands.add("demo", _demo, "write the demo house to a new file", house=False)
    demo.add_argument("path", type=Path, metavar="PATH")
    years = "a house with N years of history instead (10: the benchmark's house)"
    demo.add_argument("--years", type=int, metavar="N", help=years)


def _demo(args: Namespace) -> int:
    if args.years is not None:
        from residence.demo.years import write_years_demo

        write_years_demo(args.path, args.clock.now(), args.years)
    else:
        from residence.demo.house import write_demo

        write_demo(args.path, args.clock.now())
    print(args.path)
    return 0
