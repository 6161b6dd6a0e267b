"""The demo house's consents, in every state: in force, expiring this month, expired, revoked,
an irrevocable court-ordered one, one that covers attendance only, one ending on an event; and a
few reports already disclosed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from residence.clock import FixedClock
from residence.consents.records import Category, ConsentInfo, Standing
from residence.dates import add_months
from residence.workspace import Workspace

PURPOSE = "To coordinate my treatment, housing and recovery support."
EVERYTHING = frozenset(Category)
RECORDED = time(9, 30)  # when the manager enters a signed form or a revocation


def build_demo_consents(workspace: Workspace, clock: FixedClock, today: date) -> None:
    """Each consent recorded on the day it was signed, the revocation on its day, the reports
    on the mornings they went: in the order they happened, on the demo's clock (``clock``,
    the database's), which is then back at the moment the demo is built."""
    built = clock.now()
    people = {row.first_name: row.person_id for row in workspace.queries.rows()}
    managers = {m.organisation: m for m in workspace.queries.case_managers()}
    book = workspace.consents
    happened: list[tuple[datetime, Callable[[], object]]] = []
    ids: dict[str, int] = {}

    def consent(first: str, org: str, signed_days_ago: int, **changes: object) -> None:
        person, manager = people.get(first), managers.get(org)
        if person is None or manager is None:
            return
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

        def save() -> None:
            saved = book.save(replace(info, **changes)).value  # type: ignore[arg-type]
            assert saved.id is not None
            ids[first] = saved.id

        happened.append((datetime.combine(signed, RECORDED), save))

    river, hope, court = (
        "Riverside Treatment Center",
        "Hope Recovery Program",
        "County Probation Dept.",
    )
    consent("José", river, 120)
    consent("Zoë", river, 353)  # a year runs out this month
    consent("Tomás", river, 400)  # expired: Home asks for a new one
    consent("Thị Minh", hope, 150)
    revoked_on = today - timedelta(days=10)
    if "Thị Minh" in people:
        how = "In writing, handed to the manager"
        revoke = lambda: book.revoke(ids["Thị Minh"], revoked_on, how)  # noqa: E731
        happened.append((datetime.combine(revoked_on, RECORDED), revoke))
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
    family = people.get("Priya")
    if family is not None:  # so the house may call her mother: see her support network
        signed = today - timedelta(days=50)
        mother = ConsentInfo(
            None,
            family,
            "Lakshmi Raman",
            "",
            "So the house may call my mother if I am in crisis or can't be found.",
            frozenset({Category.STAY}),
            signed,
            None,
            expiry_event="when I move out of the house",
        )
        happened.append((datetime.combine(signed, RECORDED), lambda: book.save(mother)))
    if "José" in people:
        happened += _past_disclosures(workspace, lambda: ids["José"], today, built)
    for moment, do in sorted(happened, key=lambda event: event[0]):
        clock.move_to(min(moment, built))
        do()
    clock.move_to(built)


def _past_disclosures(
    workspace: Workspace, consent_id: Callable[[], int], today: date, built: datetime
) -> list[tuple[datetime, Callable[[], object]]]:
    """Two monthly reports already sent, each on the 2nd of the next month at 10:15 and logged
    then (the demo writes history; the window never does): the last two that had gone out by
    the moment the demo is built."""
    from residence.consents.progress_report import progress_pdf

    this_month = today.replace(day=1)
    if _sent(this_month) > built:  # last month's report hasn't gone yet
        this_month = add_months(this_month, -1)
    sent: list[tuple[datetime, Callable[[], object]]] = []
    for back in (2, 1):
        first = add_months(this_month, -back)
        last = add_months(first, 1) - timedelta(days=1)

        def send(first: date = first, last: date = last) -> None:
            report = workspace.disclosures.progress(
                consent_id(), first, last, Standing.GOOD, DEMO_STATEMENT
            )
            workspace.disclosures.record(report, progress_pdf(report), "saved")

        sent.append((_sent(add_months(first, 1)), send))
    return sent


DEMO_STATEMENT = "Keeps to the house rules and is on time for work; working on step four."


def _sent(month: date) -> datetime:
    """When the report on the month before ``month`` goes out."""
    return datetime.combine(month + timedelta(days=1), time(10, 15))
