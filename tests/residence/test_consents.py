"""Consents and disclosures (42 CFR Part 2): a report only under a consent in
force, only the categories it covers, and every disclosure logged with the file's fingerprint."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date, time, timedelta

import pytest

from residence.consents.book import NotAllowed
from residence.consents.records import Category, ConsentInfo, ConsentStatus
from residence.errors import Conflict, ValidationError
from residence.meetings.records import Kind, Presence, SeriesInfo
from residence.mentors.records import How, MentorKey
from residence.residents.records import Admission, PersonDetails
from residence.workspace import Workspace, workspace_for
from tests.conftest import TODAY, House
from tests.outside import REFUSED, outside

SIGNED = date(2026, 5, 1)
PERIOD = (date(2026, 5, 1), date(2026, 6, 14))


@pytest.fixture
def ws(house: House) -> Workspace:
    return workspace_for(house.db)


def _admit(ws: Workspace, first: str, sober: date | None = date(2026, 1, 1)) -> int:
    phases = ws.house.phases()
    details = PersonDetails(first, "Test", sobriety_date=sober)
    admission = Admission(details, date(2026, 4, 1), phase_id=phases[0].id)
    return ws.residents.admit(admission).value


def _consent(person: int, *categories: Category, **changes: object) -> ConsentInfo:
    info = ConsentInfo(
        None,
        person,
        "Rae Casey",
        "Riverside Treatment Center",
        "Progress while in the house",
        frozenset(categories or Category),
        SIGNED,
        date(2026, 12, 31),
    )
    return replace(info, **changes)  # type: ignore[arg-type]


def test_a_consent_needs_every_element(ws: Workspace) -> None:
    ana = _admit(ws, "Ana")
    empty = replace(
        _consent(ana),
        recipient_name="",
        recipient_org="",
        purpose=" ",
        categories=frozenset(),
        expires_on=None,
        revoke_how="",
    )
    with pytest.raises(ValidationError) as refused:
        ws.consents.save(empty)
    assert set(refused.value.errors) == {
        "recipient_name",
        "purpose",
        "categories",
        "expires_on",
        "revoke_how",
    }
    with pytest.raises(ValidationError, match="signature date can't be in the future"):
        ws.consents.save(replace(_consent(ana), signed_on=TODAY + timedelta(days=1)))
    by_event = ws.consents.save(
        replace(_consent(ana), expires_on=None, expiry_event="when I leave the house")
    ).value
    assert by_event.expiry == "when I leave the house"


def test_status_at_a_glance(ws: Workspace) -> None:
    ana = _admit(ws, "Ana")
    active = ws.consents.save(_consent(ana, recipient_name="Lee Park")).value
    soon = ws.consents.save(_consent(ana, expires_on=TODAY + timedelta(days=10))).value
    old = ws.consents.save(_consent(ana, expires_on=TODAY - timedelta(days=1))).value
    gone = ws.consents.save(_consent(ana)).value
    ws.consents.revoke(gone.id or 0, TODAY - timedelta(days=2), "In writing")
    states = {r.info.id: (r.status, r.status_text) for r in ws.consents.rows()}
    assert states[active.id][0] is ConsentStatus.ACTIVE
    assert states[soon.id] == (ConsentStatus.EXPIRING, "Expires 25 Jun 2026")
    assert states[old.id] == (ConsentStatus.EXPIRED, "Expired on 14 Jun 2026")
    assert states[gone.id] == (ConsentStatus.REVOKED, "Revoked on 13 Jun 2026 (In writing)")
    assert [r.info.id for r in ws.consents.expiring()] == [soon.id]
    ws.consents.save(_consent(ana, signed_on=TODAY))  # renewed: no longer a worry for Home
    assert ws.consents.expiring() == []


def test_irrevocable_until_an_event_needs_the_event_to_have_happened(ws: Workspace) -> None:
    ana = _admit(ws, "Ana")
    ordered = ws.consents.save(_consent(ana, irrevocable_event="the end of probation")).value
    with pytest.raises(ValidationError, match="until the end of probation"):
        ws.consents.revoke(ordered.id or 0, TODAY, "In writing")
    ws.consents.revoke(ordered.id or 0, TODAY, "In writing", irrevocability_over=True)
    assert ws.consents.rows()[0].status is ConsentStatus.REVOKED


def test_the_report_tells_only_the_period_and_never_names_a_resident_mentor(
    ws: Workspace,
) -> None:
    from residence.residents.reasons import DischargeReason
    from residence.residents.records import Discharge

    ana, sam = _admit(ws, "Ana"), _admit(ws, "Sam", date(2025, 1, 1))
    ws.mentors.save_rules(replace(ws.mentors.rules(), min_phase=1))
    pair = ws.mentors.assign(ana, MentorKey(person_id=sam), date(2026, 4, 10)).value
    ws.mentors.check_in(pair.id, date(2026, 4, 12), How.PHONE, "Doing well", shareable=True)
    stay = ws.queries.detail(ana).stays[-1].id
    ws.residents.discharge(stay, Discharge(date(2026, 6, 1), DischargeReason.RETURNED_TO_USE))
    consent = ws.consents.save(_consent(ana, Category.STAY, Category.MENTORS, Category.NOTES))
    report = ws.disclosures.progress(consent.value.id or 0, date(2026, 4, 1), date(2026, 4, 30))
    assert report.stays is not None
    [stay_part] = report.stays
    assert (stay_part.move_out, stay_part.discharge) == (None, "")  # after the period: untold
    assert report.check_ins is not None
    assert [c.mentor for c in report.check_ins] == ["Peer mentor (a senior resident)"]
    notes_only = ws.consents.save(_consent(ana, Category.NOTES)).value
    notes = ws.disclosures.progress(notes_only.id or 0, date(2026, 4, 1), date(2026, 4, 30)).notes
    assert notes == ((date(2026, 4, 12), "Doing well"),)


def test_expired_and_revoked_consents_refuse_a_report_with_the_reason(ws: Workspace) -> None:
    ana = _admit(ws, "Ana")
    old = ws.consents.save(_consent(ana, expires_on=date(2026, 6, 1))).value
    with pytest.raises(NotAllowed, match="Expired on 1 Jun 2026"):
        ws.disclosures.progress(old.id or 0, *PERIOD)
    revoked = ws.consents.save(_consent(ana)).value
    ws.consents.revoke(revoked.id or 0, date(2026, 6, 10), "By phone, confirmed in writing")
    with pytest.raises(NotAllowed, match="Revoked on 10 Jun 2026"):
        ws.disclosures.progress(revoked.id or 0, *PERIOD)


def test_a_court_ordered_consent_cant_be_revoked_before_its_date(ws: Workspace) -> None:
    ana = _admit(ws, "Ana")
    ordered = ws.consents.save(_consent(ana, irrevocable_until=date(2026, 9, 1))).value
    with pytest.raises(ValidationError, match="can't be revoked before 1 Sep 2026"):
        ws.consents.revoke(ordered.id or 0, TODAY, "In writing")
    assert ws.consents.rows()[0].status is ConsentStatus.ACTIVE


def test_the_report_holds_only_the_covered_categories(ws: Workspace) -> None:
    ana, sam = _admit(ws, "Ana"), _admit(ws, "Sam", date(2025, 1, 1))
    ws.calendar.save_series(
        SeriesInfo(None, Kind.HOUSE, "House meeting", 6, time(19), starts=date(2026, 1, 1))
    )
    sundays = [o for o in ws.calendar.between(*PERIOD) if o.kind is Kind.HOUSE][:3]
    for number, sunday in enumerate(sundays):
        meeting = ws.calendar.hold(sunday)
        mark = Presence.ABSENT if number == 1 else Presence.PRESENT
        ws.attendance.record(meeting, {ana: (mark, ""), sam: (Presence.PRESENT, "")})
    ws.mentors.save_rules(replace(ws.mentors.rules(), min_phase=1))
    pair = ws.mentors.assign(ana, MentorKey(person_id=sam), date(2026, 5, 10)).value
    ws.mentors.check_in(pair.id, date(2026, 5, 12), How.PHONE, "Private worry", shareable=False)
    ws.mentors.check_in(pair.id, date(2026, 5, 19), How.IN_PERSON, "Found a job", shareable=True)
    only_attendance = ws.consents.save(_consent(ana, Category.ATTENDANCE)).value
    report = ws.disclosures.progress(only_attendance.id or 0, *PERIOD)
    assert report.attendance is not None
    assert (report.attendance.held, report.attendance.attended) == (3, 2)
    assert report.attendance.missed == (sundays[1].day,)
    assert (
        report.stays,
        report.sobriety_date,
        report.milestones,
        report.outside,
        report.chores,
        report.check_ins,
        report.notes,
    ) == (None,) * 7
    with_notes = ws.consents.save(_consent(ana, Category.MENTORS, Category.NOTES)).value
    lines = ws.disclosures.progress(with_notes.id or 0, *PERIOD).check_ins
    assert lines is not None
    assert [(line.day, line.note) for line in lines] == [
        (date(2026, 5, 12), ""),
        (date(2026, 5, 19), "Found a job"),  # private stays private
    ]
    without_notes = ws.consents.save(_consent(ana, Category.MENTORS)).value
    lines = ws.disclosures.progress(without_notes.id or 0, *PERIOD).check_ins
    assert lines is not None and all(line.note == "" for line in lines)


def test_every_disclosure_is_logged_with_the_files_fingerprint(ws: Workspace) -> None:
    ana = _admit(ws, "Ana")
    consent = ws.consents.save(_consent(ana, Category.STAY, Category.SOBRIETY)).value
    report = ws.disclosures.progress(consent.id or 0, *PERIOD)
    pdf = b"%PDF-1.4 the exact bytes sent"
    ws.disclosures.record(report, pdf, "saved")
    [entry] = ws.disclosures.log()
    assert entry.sha256 == hashlib.sha256(pdf).hexdigest()
    assert (entry.resident, entry.recipient, entry.categories, entry.first, entry.last) == (
        "Ana Test",
        "Rae Casey, Riverside Treatment Center",
        (Category.STAY, Category.SOBRIETY),
        *PERIOD,
    )
    assert ws.disclosures.log("riverside") == [entry]
    assert ws.disclosures.log("nobody") == []
    # A consent used for a disclosure stays as it was signed.
    with pytest.raises(Conflict, match="stays as it was signed"):
        ws.consents.save(replace(consent, purpose="Anything"))


def test_the_log_cannot_be_edited_even_by_another_program(ws: Workspace, house: House) -> None:
    ana = _admit(ws, "Ana")
    consent = ws.consents.save(_consent(ana)).value
    ws.disclosures.record(ws.disclosures.progress(consent.id or 0, *PERIOD), b"%PDF", "printed")
    for statement in ("UPDATE disclosure SET recipient = 'x'", "DELETE FROM disclosure"):
        with pytest.raises(REFUSED, match="disclosure log cannot be changed"):
            outside(house.db.location, statement)
    assert len(ws.disclosures.log()) == 1


def test_a_batch_skips_and_lists_those_without_consent(ws: Workspace) -> None:
    ana, ben = _admit(ws, "Ana"), _admit(ws, "Ben")
    for person in (ana, ben):
        detail = ws.queries.detail(person).details
        ws.residents.update_details(
            person,
            replace(
                detail, case_manager_name="Rae Casey", case_manager_org="Riverside Treatment Center"
            ),
        )
    manager = ws.queries.case_managers()[0].id
    ws.consents.save(_consent(ana, case_manager_id=manager))
    reports, skipped = ws.disclosures.batch(manager, *PERIOD)
    assert [r.resident for r in reports] == ["Ana Test"]
    assert [(s.name, s.reason) for s in skipped] == [
        ("Ben Test", "No consent on file for reports to this case manager.")
    ]
    assert ws.consents.without_consent() == [(ben, "Ben Test")]
