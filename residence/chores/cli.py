"""``residence report chores``: the chart of a week (generated first if it has none)."""

from __future__ import annotations

from argparse import Namespace

from residence import command_line as cl
from residence.workspace import Workspace


def add_commands(commands: cl.Commands) -> None:
    chores = commands.add_report(
        "chores", _report_chores, "the chore chart of a week (made if it has none yet)"
    )
    chores.add_argument(
        "--week", type=cl.date_arg, required=True, metavar="YYYY-MM-DD", help="any day of the week"
    )


def _report_chores(args: Namespace) -> int:
    from residence.chores.report import ChoreChart, chore_chart_pdf

    def make(workspace: Workspace, house: str) -> bytes:
        grid = workspace.weeks.grid(args.week)
        if not grid.generated:  # making the week writes: not behind an open window's back
            with cl.house_lock(args):
                grid = workspace.weeks.generate(args.week).value.grid
        return chore_chart_pdf(ChoreChart(house, grid, workspace.clock.now()))

    return cl.report(args, make, writes=True)
