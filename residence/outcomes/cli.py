"""``residence report outcomes --from D --to D``: the house's outcomes for a period."""

from __future__ import annotations

from argparse import Namespace
from typing import TYPE_CHECKING

from residence import command_line as cl

if TYPE_CHECKING:
    from residence.workspace import Workspace


def add_commands(commands: cl.Commands) -> None:
    report = commands.add_report(
        "outcomes", _outcomes, "the house's outcomes for a period, de-identified (charts)"
    )
    report.add_argument(
        "--from", dest="first", type=cl.date_arg, required=True, metavar="YYYY-MM-DD"
    )
    report.add_argument("--to", dest="last", type=cl.date_arg, required=True, metavar="YYYY-MM-DD")


def _outcomes(args: Namespace) -> int:
    from residence.outcomes.report import outcomes_pdf

    def make(workspace: Workspace, _house: str) -> bytes:
        return outcomes_pdf(workspace.outcomes.report(args.first, args.last))

    return cl.report(args, make)
