"""``residence report schedule`` (the week for the bulletin board), ``report minutes`` and
``report sign-in`` (of a day's house meeting)."""

from __future__ import annotations

from argparse import Namespace

from residence import command_line as cl
from residence.dates import format_date
from residence.errors import ResidenceError
from residence.workspace import Workspace


def add_commands(commands: cl.Commands) -> None:
    schedule = commands.add_report(
        "schedule", _report_schedule, "the weekly schedule for the bulletin board"
    )
    schedule.add_argument(
        "--week", type=cl.date_arg, required=True, metavar="YYYY-MM-DD", help="any day of the week"
    )
    for name, run, help_text in (
        ("minutes", _report_minutes, "the minutes of the house meeting held that day"),
        ("sign-in", _report_sign_in, "the sign-in sheet of that day's house meeting"),
    ):
        sheet = commands.add_report(name, run, help_text)
        sheet.add_argument("--date", type=cl.date_arg, required=True, metavar="YYYY-MM-DD")


def _report_schedule(args: Namespace) -> int:
    from residence.meetings.schedule_report import WeeklySchedule, schedule_pdf

    def make(workspace: Workspace, house: str) -> bytes:
        events = tuple(workspace.calendar.week(args.week))
        grid = workspace.weeks.grid(args.week)
        return schedule_pdf(WeeklySchedule(house, grid, events, workspace.clock.now()))

    return cl.report(args, make)


def _report_minutes(args: Namespace) -> int:
    from residence.meetings.sheets_report import MinutesDocument, minutes_pdf

    def make(workspace: Workspace, house: str) -> bytes:
        event = workspace.minutes.house_meeting_on(args.date)
        if event is None or event.meeting_id is None:
            raise ResidenceError(f"No house meeting was recorded on {format_date(args.date)}.")
        view = workspace.minutes.view(event.meeting_id)
        return minutes_pdf(MinutesDocument(house, view, workspace.clock.now()))

    return cl.report(args, make)


def _report_sign_in(args: Namespace) -> int:
    from residence.meetings.sheets_report import SignInSheet, sign_in_pdf

    def make(workspace: Workspace, house: str) -> bytes:
        events = workspace.calendar.between(args.date, args.date)
        if not events:
            raise ResidenceError(f"Nothing is on the house calendar on {format_date(args.date)}.")
        event = next((e for e in events if e.kind.value == "house"), events[0])
        names = tuple(workspace.attendance.residents_on(event.day))  # reading only: no row made
        return sign_in_pdf(SignInSheet(house, event, names, workspace.clock.now()))

    return cl.report(args, make)
