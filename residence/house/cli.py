"""``residence houses``: the houses in a database, and ``residence houses add NAME`` for
another one (an operator's next house, on a server or in the same file)."""

from __future__ import annotations

from argparse import Namespace

from residence import command_line as cl
from residence.house.records import HouseSettings
from residence.house.service import HouseService


def add_commands(commands: cl.Commands) -> None:
    houses = commands.add("houses", _houses, "list the houses, or add one")
    actions = houses.add_subparsers(dest="action", metavar="ACTION")
    add = actions.add_parser(
        "add", parents=[commands.db], help="add another house (with the usual three phases)"
    )
    add.add_argument("name", metavar="NAME")


def _houses(args: Namespace) -> int:
    if args.action == "add":
        return _add(args)
    database = cl.open_house_database(args, read_only=True, choose_house=False)
    try:
        names = [name for _, name in HouseService(database).houses()]
    finally:
        database.close()
    print("\n".join(names) if names else "No house is set up yet: start the app once first.")
    return 0


def _add(args: Namespace) -> int:
    with cl.house_lock(args):
        database = cl.open_house_database(args, choose_house=False)
        try:
            HouseService(database).add_house(HouseSettings(name=args.name))
        finally:
            database.close()
    print(f"Added the house {' '.join(args.name.split())}. Open it with --house.")
    return 0
