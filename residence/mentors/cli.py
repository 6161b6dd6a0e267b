"""``residence report mentors``: the mentor roster."""

from __future__ import annotations

from argparse import Namespace

from residence import command_line as cl
from residence.workspace import Workspace


def add_commands(commands: cl.Commands) -> None:
    commands.add_report(
        "mentors", _report_mentors, "the mentor roster: pairs, check-ins due, who has none"
    )


def _report_mentors(args: Namespace) -> int:
    from residence.mentors.report import MentorRoster, roster_pdf

    def make(workspace: Workspace, house: str) -> bytes:
        book = workspace.mentors
        made = workspace.clock.now()
        roster = MentorRoster(
            house, tuple(book.pairs()), tuple(book.unpaired()), book.rules(), made.date(), made
        )
        return roster_pdf(roster)

    return cl.report(args, make)
