"""``residence barc``: a resident's BARC-10, typed in from the sheet, or their scores so far."""

from __future__ import annotations

import argparse
from argparse import Namespace
from typing import TYPE_CHECKING

from residence import command_line as cl
from residence.dates import format_date
from residence.errors import ResidenceError
from residence.recovery.records import MOST, REMISSION_LINE
from residence.recovery.rules import parse_scores

if TYPE_CHECKING:
    from residence.workspace import Workspace


def add_commands(commands: cl.Commands) -> None:
    barc = commands.add(
        "barc",
        _barc,
        "record a resident's BARC-10 (ten scores, 1-6 each), or list their scores so far",
    )
    barc.add_argument(
        "--resident", type=int, required=True, metavar="ID", help="the ID `residents` shows"
    )
    barc.add_argument(
        "--scores",
        type=_scores,
        metavar="5,4,6,5,3,4,5,6,4,5",
        help="the ten statements' scores in order, 1 (strongly disagree) to 6 (strongly agree)",
    )
    barc.add_argument(
        "--date", type=cl.date_arg, metavar="YYYY-MM-DD", help="the day it was taken (today)"
    )
    barc.add_argument(
        "--withdraw",
        type=cl.date_arg,
        metavar="YYYY-MM-DD",
        help="withdraw their sheet of that day (typed wrong, the wrong resident), with --why",
    )
    barc.add_argument("--why", default="", metavar="TEXT", help="why it is withdrawn")
    sheet = commands.add_report(
        "barc-sheet",
        _sheet,
        "the BARC-10 on paper, to fill in by hand (blank, or for one resident)",
    )
    sheet.add_argument("--resident", type=int, metavar="ID", help="print their name on it")
    plan = commands.add_report("plan", _plan, "a resident's recovery plan, their own copy")
    plan.add_argument("--resident", type=int, required=True, metavar="ID")
    card = commands.add_report(
        "wallet-card", _card, "who a resident can call, on a card to cut out and fold"
    )
    card.add_argument("--resident", type=int, required=True, metavar="ID")
    network = commands.add(
        "network", _network, "the people a resident can call, and whether the house may call them"
    )
    network.add_argument("--resident", type=int, required=True, metavar="ID")


def _scores(text: str) -> tuple[int, ...]:
    parsed = parse_scores(text)
    if isinstance(parsed, str):
        raise argparse.ArgumentTypeError(parsed)
    return parsed


def _barc(args: Namespace) -> int:
    if args.withdraw is not None:
        return _withdraw(args)
    if args.why:
        raise ResidenceError("--why goes with --withdraw: why a sheet is withdrawn.")
    if args.scores is None:
        if args.date is not None:
            raise ResidenceError("--date goes with --scores: the day a sheet was taken.")
        return _list(args)
    workspace = cl.open_house(args)
    try:
        day = args.date or workspace.clock.today()
        name = workspace.queries.detail(args.resident).details.display_name
        sheet = workspace.recovery.record(args.resident, day, args.scores, on_paper=True).value
    finally:
        workspace.close()
    print(f"Recorded {name}'s BARC-10 of {format_date(day)}: {sheet.total} of {MOST}.")
    return 0


def _withdraw(args: Namespace) -> int:
    if args.scores is not None or args.date is not None:
        raise ResidenceError("--withdraw takes no --scores or --date: it names the sheet's day.")
    workspace = cl.open_house(args)
    try:
        name = workspace.queries.detail(args.resident).details.display_name
        day = format_date(args.withdraw)
        sheets = [
            s for s in workspace.recovery.history(args.resident) if s.taken_on == args.withdraw
        ]
        counted = [s for s in sheets if s.counts]
        if not counted:
            if sheets:
                raise ResidenceError(f"{name}'s BARC-10 of {day} was withdrawn already.")
            raise ResidenceError(f"{name} has no BARC-10 of {day} on file.")
        workspace.recovery.withdraw(counted[0].id, args.why)
    finally:
        workspace.close()
    print(f"Withdrawn: {name}'s BARC-10 of {day}; it stays on file and counts no more.")
    return 0


def _list(args: Namespace) -> int:
    workspace = cl.open_house(args, read_only=True)
    try:
        name = workspace.queries.detail(args.resident).details.display_name
        taken = workspace.recovery.history(args.resident)
        due, today = workspace.recovery.next_due(args.resident), workspace.clock.today()
    finally:
        workspace.close()
    if not taken:
        print(f"{name} has no BARC-10 on file.")
    for sheet in taken:
        mark = "  (at or above 47)" if sheet.total >= REMISSION_LINE else ""
        if not sheet.counts:
            mark = f"  withdrawn: {sheet.withdrawn_why}"
        print(f"{format_date(sheet.taken_on)}  {sheet.total:>2} of {MOST}{mark}")
    if due is not None:
        late = " (overdue)" if due.on < today else ""
        print(f"Next due {due.label}: {format_date(due.on)}{late}.")
    return 0


def _sheet(args: Namespace) -> int:
    from residence.recovery.sheet_report import BarcSheet, barc_sheet_pdf

    def make(workspace: Workspace, house: str) -> bytes:
        name = ""
        if args.resident is not None:
            name = workspace.queries.detail(args.resident).details.display_name
        questions = tuple(q.text for q in workspace.recovery.questions())
        return barc_sheet_pdf(BarcSheet(house, name, workspace.clock.now(), questions))

    return cl.report(args, make)


def _plan(args: Namespace) -> int:
    from residence.recovery.plan_report import PlanDocument, plan_pdf

    def make(workspace: Workspace, house: str) -> bytes:
        file = workspace.queries.detail(args.resident)
        latest = file.stays[-1].id if file.stays else None
        goals = [g for g in workspace.plans.plan(args.resident) if g.stay_id == latest]
        now = workspace.clock.now()
        return plan_pdf(PlanDocument(house, file.details.display_name, goals, now.date(), now))

    return cl.report(args, make)


def _card(args: Namespace) -> int:
    from residence.recovery.card_report import WalletCard, wallet_card_pdf

    def make(workspace: Workspace, house: str) -> bytes:
        details = workspace.queries.detail(args.resident).details
        settings = workspace.house.settings()
        card = WalletCard.of(
            house,
            settings.phone if settings else "",
            details.display_name,
            (details.sponsor_name, details.sponsor_phone),
            workspace.network.network(args.resident),
            workspace.clock.now(),
        )
        return wallet_card_pdf(card)

    return cl.report(args, make)


def _network(args: Namespace) -> int:
    workspace = cl.open_house(args, read_only=True)
    try:
        name = workspace.queries.detail(args.resident).details.display_name
        contacts = workspace.network.network(args.resident)
    finally:
        workspace.close()
    if not contacts:
        print(f"{name} has no one in their support network on file.")
    for contact in contacts:
        phone = contact.draft.phone or "no phone"
        print(f"{contact.draft.name} · {contact.described} · {phone}")
        print(f"    {contact.contact_rule}")
    return 0
