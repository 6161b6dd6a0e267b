"""A progress report states only what the records show: before the house kept a kind of record,
and at a meeting with no roll, there is "no record" — never a shortfall, never a miss."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time, timedelta
from io import BytesIO

import pytest
from pypdf import PdfReader

from residence.consents.progress_report import progress_pdf
from residence.consents.records import Category, ConsentInfo, Standing
from residence.errors import ValidationError
from residence.house.records import HouseSettings
from residence.meetings.records import Kind, Presence, SeriesInfo
from residence.residents.records import Admission, PersonDetails
from residence.workspace import Workspace, workspace_for
from tests.conftest import House

MOVED_IN = date(2026, 3, 2)  # a Monday, before the house kept any record in the app
FIRST_SLIP = date(2026, 5, 4)  # the Monday the house logged its first slip
PERIOD = (date(2026, 3, 2), date(2026, 6, 14))


@pytest.fixture
def ws(house: House) -> Workspace:
    return workspace_for(house.db)


def _admit(ws: Workspace, first: str, last: str = "Test", on: date = MOVED_IN) -> int:
    phases = ws.house.phases()
    details = PersonDetails(first, last, sobriety_date=date(2026, 1, 1))
    return ws.residents.admit(Admission(details, on, phase_id=phases[0].id)).value


def _consent(ws: Workspace, person: int, *categories: Category) -> int:
    info = ConsentInfo(
        None,
        person,
        "Rae Casey",
        "Riverside Treatment Center",
        "Progress while in the house",
        frozenset(categories or Category),
        date(2026, 3, 1),
        date(2026, 12, 31),
    )
    return ws.consents.save(info).value.id or 0


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(BytesIO(pdf)).pages)


def test_weeks_before_the_house_kept_slips_are_no_record_never_short(ws: Workspace) -> None:
    ana = _admit(ws, "Ana")
    ws.attendance.log_slips(FIRST_SLIP, [ana], "AA")
    ws.attendance.log_slips(FIRST_SLIP + timedelta(days=2), [ana], "NA")
    report = ws.disclosures.progress(_consent(ws, ana, Category.OUTSIDE), *PERIOD)
    assert report.outside is not None
    assert report.outside.records_from == FIRST_SLIP
    before = [w for w in report.outside.weeks if w.week_start < FIRST_SLIP]
    after = [w for w in report.outside.weeks if w.week_start >= FIRST_SLIP]
    assert len(before) == 9 and not any(w.on_record or w.short_by for w in before)
    assert all(w.on_record for w in after)
    assert after[0].count == 2 and after[0].short_by == after[0].quota - 2 > 0

    text = _text(progress_pdf(report))
    assert "records of outside meetings begin on 4 May 2026" in text
    # The nine weeks before run together into one row that says it has no record.
    assert "2 Mar 2026 to 27 Apr 2026 — — No record" in text
    assert text.count("Short by") == len(after)  # on record, Ana had none of the later weeks
    assert "in 6 weeks on record" in text


def test_a_house_with_no_slips_at_all_calls_no_week_short(ws: Workspace) -> None:
    ana = _admit(ws, "Ana")
    report = ws.disclosures.progress(_consent(ws, ana, Category.OUTSIDE), *PERIOD)
    text = _text(progress_pdf(report))
    assert "The house has no outside-meeting slips on record" in text
    assert "Short by" not in text


def test_a_week_partly_lived_or_recorded_says_its_quota_is_prorated(ws: Workspace) -> None:
    ben = _admit(ws, "Ben")
    ws.attendance.log_slips(FIRST_SLIP, [ben], "AA")  # the house's records begin
    ana = _admit(ws, "Ana", on=date(2026, 6, 11))  # a Thursday: 4 days of that week
    ws.attendance.log_slips(date(2026, 6, 12), [ana], "AA")
    report = ws.disclosures.progress(_consent(ws, ana, Category.OUTSIDE), *PERIOD)
    assert report.outside is not None
    [week] = report.outside.weeks
    assert (week.days, week.prorated) == (4, True)
    text = _text(progress_pdf(report))
    assert f"{week.quota} (4 of 7 days)" in text
    assert "A quota for part of a week is prorated" in text


def test_attendance_tells_missed_apart_from_not_on_record(ws: Workspace) -> None:
    ana, ben = _admit(ws, "Ana"), _admit(ws, "Ben")
    ws.calendar.save_series(
        SeriesInfo(None, Kind.HOUSE, "House meeting", 6, time(19), starts=date(2026, 3, 1))
    )
    sundays = [o for o in ws.calendar.between(*PERIOD) if o.kind is Kind.HOUSE]
    first_roll, missed, off_roll = sundays[4], sundays[5], sundays[6]
    ws.attendance.record(ws.calendar.hold(first_roll), {ana: (Presence.PRESENT, "")})
    ws.attendance.record(ws.calendar.hold(missed), {ana: (Presence.ABSENT, "")})
    ws.attendance.record(ws.calendar.hold(off_roll), {ben: (Presence.PRESENT, "")})

    report = ws.disclosures.progress(_consent(ws, ana, Category.ATTENDANCE), *PERIOD)
    summary = report.attendance
    assert summary is not None
    assert (summary.held, summary.attended) == (3, 1)
    assert summary.missed == (missed.day,)
    assert summary.not_on_roll == (off_roll.day,)
    assert summary.records_from == first_roll.day
    assert summary.before_records == 4
    assert summary.no_roll == tuple(s.day for s in sundays[7:])

    text = _text(progress_pdf(report))
    assert "Attended 1 of 3 house meetings whose roll was taken." in text
    assert "attendance records begin on 5 Apr 2026" in text
    assert "4 house meetings before then while the resident lived here: no record" in text
    assert "Missed (1) 12 Apr 2026" in text
    assert "Not on the roll (1) 19 Apr 2026" in text
    assert f"No roll on record ({len(sundays) - 7})" in text


def test_the_standing_and_its_words_are_logged_with_the_report(ws: Workspace) -> None:
    ana = _admit(ws, "Ana")
    consent = _consent(ws, ana, Category.STAY)
    with pytest.raises(ValidationError, match="Say what the concerns are"):
        ws.disclosures.progress(consent, *PERIOD, Standing.CONCERNS, "  ")
    report = ws.disclosures.progress(consent, *PERIOD, Standing.CONCERNS, "Two late curfews.")
    ws.disclosures.record(report, progress_pdf(report), "saved")
    [entry] = ws.disclosures.log()
    assert (entry.standing, entry.statement) == (Standing.CONCERNS, "Two late curfews.")
    assert entry.prepared_by.endswith("House manager")


def test_the_house_chooses_initials_for_the_name_on_every_page(ws: Workspace) -> None:
    ana = _admit(ws, "Ana María", "Núñez")
    settings = ws.house.settings()
    assert settings is not None
    ws.house.save_settings(replace(settings, report_names="initials", manager_role="Director"))
    report = ws.disclosures.progress(_consent(ws, ana), *PERIOD, Standing.GOOD)
    assert report.identifier == f"A.N. · Record {ana:04d}"
    pages = [p.extract_text() for p in PdfReader(BytesIO(progress_pdf(report))).pages]
    assert all(f"A.N. · Record {ana:04d}" in page for page in pages)
    assert "Role Director" in " ".join(" ".join(p.split()) for p in pages)


def test_an_unknown_way_to_name_residents_is_refused(ws: Workspace) -> None:
    settings = ws.house.settings()
    assert settings is not None
    with pytest.raises(ValidationError, match="how reports name a resident"):
        ws.house.save_settings(replace(settings, report_names="nickname"))
    assert isinstance(settings, HouseSettings)
