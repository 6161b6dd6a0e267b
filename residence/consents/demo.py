"""The demo house's consents, in every state: in force, expiring this month, expired, revoked,
an irrevocable court-ordered one, one that covers attendance only, one ending on an event; and a
few reports already disclosed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

from residence.areas import report_sections
from residence.clock import FixedClock
from residence.consents.disclosures import Disclosures
from residence.consents.records import Category, ConsentInfo
from residence.dates import add_months
from residence.db.database import Database
from residence.workspace import Workspace

PURPOSE = "To coordinate my treatment, housing and recovery support."
EVERYTHING = frozenset(Category)


def build_demo_consents(workspace: Workspace, database: Database, today: date) -> None:
    people = {row.first_name: row.person_id for row in workspace.queries.rows()}
    managers = {m.organisation: m for m in workspace.queries.case_managers()}
    book = workspace.consents

    def consent(first: str, org: str, signed_days_ago: int, **changes: object) -> int | None:
        person, manager = people.get(first), managers.get(org)
        if person is None or manager is None:
            return None
        signed = today - timedelta(days=signed_days_ago)
        info = ConsentInfo(
            None,
            person,
            manager.name,
            manager.organisation,
            PURPOSE,
            EVERYTHING,
            signed,
            signed + timedelta(days=365),
            case_manager_id=manager.id,
        )
        return book.save(replace(info, **changes)).value.id  # type: ignore[arg-type]

    river, hope, court = (
        "Riverside Treatment Center",
        "Hope Recovery Program",
        "County Probation Dept.",
    )
    in_force = consent("José", river, 120)
    consent("Zoë", river, 353)  # a year runs out this month
    consent("Tomás", river, 400)  # expired: Home asks for a new one
    revoked = consent("Thị Minh", hope, 150)
    if revoked is not None:
        book.revoke(revoked, today - timedelta(days=10), "In writing, handed to the manager")
    consent(
        "Marcus",
        court,
        40,
        irrevocable_until=today + timedelta(days=200),
        irrevocable_event="the end of my probation",
        categories=frozenset(
            {Category.STAY, Category.SOBRIETY, Category.ATTENDANCE, Category.OUTSIDE}
        ),
        purpose="Court-ordered placement: compliance reports to probation.",
    )
    consent(
        "Darnell",
        court,
        10,
        categories=frozenset({Category.ATTENDANCE}),
        purpose="Attendance reports for my probation officer.",
    )
    consent(
        "Priya",
        hope,
        55,
        expires_on=None,
        expiry_event="when I move out of the house",
        recipient_name="",
        recipient_org="",
        recipient_class="my case managers at Hope Recovery Program",
    )
    if in_force is not None:
        _past_disclosures(workspace, database, in_force, today)


def _past_disclosures(
    workspace: Workspace, database: Database, consent_id: int, today: date
) -> None:
    """Two monthly reports already sent, each on the 2nd of the next month at 10:15 and logged
    then (the demo writes history; the window never does): the last two that had gone out by
    the moment the demo is built."""
    from residence.reports.progress import progress_pdf

    built = workspace.clock.now()
    this_month = today.replace(day=1)
    if _sent(this_month) > built:  # last month's report hasn't gone yet
        this_month = add_months(this_month, -1)
    for back in (2, 1):
        first = add_months(this_month, -back)
        last = add_months(first, 1) - timedelta(days=1)
        sent = FixedClock(_sent(add_months(first, 1)))
        log = Disclosures(database, workspace.consents, sent, report_sections())
        report = log.progress(consent_id, first, last)
        log.record(report, progress_pdf(report), "saved")


def _sent(month: date) -> datetime:
    """When the report on the month before ``month`` goes out."""
    return datetime.combine(month + timedelta(days=1), time(10, 15))
