"""``residence consents`` and ``residence disclosures`` (the listings); ``report roster`` (the
census), ``report disclosures`` (the log) and ``report consent-form`` (to sign), for the house's
own files; and ``report progress`` (a disclosure, logged)."""

from __future__ import annotations

from argparse import Namespace

from residence import command_line as cl
from residence.consents.records import Standing
from residence.workspace import Workspace


def add_commands(commands: cl.Commands) -> None:
    commands.add_report("roster", _report_roster, "the house roster (census)")
    progress = commands.add_report(
        "progress",
        _report_progress,
        "a resident's progress report under a consent (logged as a disclosure)",
    )
    progress.add_argument("--consent", type=int, required=True, metavar="ID")
    progress.add_argument(
        "--from", dest="first", type=cl.date_arg, required=True, metavar="YYYY-MM-DD"
    )
    progress.add_argument(
        "--to", dest="last", type=cl.date_arg, required=True, metavar="YYYY-MM-DD"
    )
    progress.add_argument(
        "--standing",
        choices=("good", "concerns", "none"),
        default="none",
        help="the overall status line: in good standing, concerns (say which in --statement), "
        "or none (the report says it is not stated)",
    )
    progress.add_argument("--statement", default="", help="the manager's own words on it")
    log = commands.add_report("disclosures", _report_log, "the disclosure log")
    log.add_argument("--search", default="", help="only entries naming this resident or recipient")
    form = commands.add_report("consent-form", _report_form, "a consent form to print and sign")
    which = form.add_mutually_exclusive_group(required=True)
    which.add_argument("--consent", type=int, metavar="ID", help="filled in from this consent")
    which.add_argument("--blank", action="store_true", help="blank, to fill in by hand")
    for name, run, help_text in (
        ("consents", _consents, "list the consents on file, with their status"),
        ("disclosures", _disclosures, "list the disclosure log"),
    ):
        command = commands.add(name, run, help_text)
        command.add_argument("--csv", action="store_true", help="as CSV")


def _report_roster(args: Namespace) -> int:
    from residence.consents.roster_report import house_roster_pdf

    return cl.report(
        args, lambda workspace, _house: house_roster_pdf(workspace.disclosures.roster())
    )


def _report_log(args: Namespace) -> int:
    from residence.consents.log_report import DisclosureLogSheet, disclosure_log_pdf

    def make(workspace: Workspace, house: str) -> bytes:
        entries = tuple(workspace.disclosures.log(args.search))
        sheet = DisclosureLogSheet(house, entries, args.search.strip(), workspace.clock.now())
        return disclosure_log_pdf(sheet)

    return cl.report(args, make)


def _report_form(args: Namespace) -> int:
    from residence.consents.form_report import consent_form_pdf

    def make(workspace: Workspace, _house: str) -> bytes:
        if args.blank:
            return consent_form_pdf(workspace.disclosures.blank_consent_form())
        return consent_form_pdf(workspace.disclosures.consent_form(args.consent))

    return cl.report(args, make)


def _report_progress(args: Namespace) -> int:
    """The report, written, then logged; if it can't be logged, the file is taken back."""
    cl.check_output(args)
    with cl.house_lock(args):  # the disclosure is logged: a write
        return _progress_written(args)


def _progress_written(args: Namespace) -> int:
    from residence.consents.progress_report import progress_pdf

    workspace = cl.open_house(args)
    try:
        standing = Standing("" if args.standing == "none" else args.standing)
        report = workspace.disclosures.progress(
            args.consent, args.first, args.last, standing, args.statement
        )
        pdf = progress_pdf(report)
        existed = args.output.exists()
        cl.write_pdf(args.output, pdf, replace=args.force)
        try:
            workspace.disclosures.record(report, pdf, "command line")
        except BaseException:
            if not existed:  # not logged, so not disclosed: take back the file we made
                args.output.unlink(missing_ok=True)
            raise
    finally:
        workspace.close()
    print(args.output)
    return 0


def _consents(args: Namespace) -> int:
    workspace = cl.open_house(args, read_only=True)
    try:
        rows = workspace.consents.rows()
    finally:
        workspace.close()
    header = ("ID", "Resident ID", "Resident", "Recipient", "Status", "Expires")
    lines = [
        (
            str(r.info.id),
            str(r.info.person_id),
            r.resident,
            r.info.recipient,
            r.status.label,
            r.info.expiry,
        )
        for r in rows
    ]
    cl.print_lines(header, lines, args.csv, "(no consents)")
    return 0


def _disclosures(args: Namespace) -> int:
    workspace = cl.open_house(args, read_only=True)
    try:
        entries = workspace.disclosures.log()
    finally:
        workspace.close()
    header = ("ID", "When", "By", "Resident", "Recipient", "Consent", "Categories", "From", "To",
              "How", "SHA-256")  # fmt: skip
    lines = [
        (
            str(e.id),
            e.at.strftime("%Y-%m-%d %H:%M"),
            e.by,
            e.resident,
            e.recipient,
            str(e.consent_id),
            "; ".join(c.label for c in e.categories),
            e.first.isoformat(),
            e.last.isoformat(),
            e.how,
            e.sha256,
        )
        for e in entries
    ]
    cl.print_lines(header, lines, args.csv, "(no disclosures)")
    return 0
