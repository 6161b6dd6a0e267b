"""``residence resources`` and ``residence report resources``: the house's list of resources."""

from __future__ import annotations

from argparse import Namespace
from typing import TYPE_CHECKING

from residence import command_line as cl

if TYPE_CHECKING:
    from residence.workspace import Workspace


def add_commands(commands: cl.Commands) -> None:
    listing = commands.add(
        "resources", _list, "the resources the house connects people to, by kind"
    )
    listing.add_argument("--csv", action="store_true", help="as CSV, with each one's ID")
    commands.add_report(
        "resources", _report, "the list of resources, for the board and a newcomer's packet"
    )


def _list(args: Namespace) -> int:
    workspace = cl.open_house(args, read_only=True)
    try:
        resources = workspace.resources.resources()
    finally:
        workspace.close()
    if args.csv:
        header = ["ID", "Kind", "Name", "Fellowship", "Details", "Phone"]
        lines = [[str(r.id), r.kind.label, r.name, r.fellowship, r.details, r.phone]
                 for r in resources]  # fmt: skip
    else:  # the details are for the printed list: a line each here
        header = ["ID", "Kind", "Name", "Phone"]
        lines = [[str(r.id), r.kind.label, r.name, r.phone] for r in resources]
    cl.print_lines(header, lines, args.csv, "The house has no resources on its list yet.")
    return 0


def _report(args: Namespace) -> int:
    from residence.resources.records import ResourceList
    from residence.resources.report import resources_pdf

    def make(workspace: Workspace, house: str) -> bytes:
        settings = workspace.house.settings()
        resources = tuple(workspace.resources.resources())
        phone = settings.phone if settings else ""
        return resources_pdf(ResourceList(house, phone, resources, workspace.clock.now()))

    return cl.report(args, make)
