"""The progress report a case manager receives, and the consent form a resident signs: only what
the consent covers, the redisclosure notice on every page, the consent's scope at the end."""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import date, datetime, timedelta
from io import BytesIO
from typing import Any

import pytest
from pypdf import PdfReader

from residence.consents.form_report import consent_form_file_name, consent_form_pdf
from residence.consents.progress_report import progress_file_name, progress_pdf
from residence.consents.records import (
    FEDERAL_NOTICE,
    AttendanceSummary,
    Category,
    CheckInLine,
    ChoreSummary,
    ConsentForm,
    ConsentInfo,
    OutsideMeetings,
    OutsideWeek,
    PlanLine,
    ProgressReport,
    Standing,
    StayPart,
)

FIRST, LAST = date(2026, 10, 1), date(2026, 10, 31)
HOUSE_NOTICE = (
    "This information has been disclosed to you from records protected by federal "
    "confidentiality rules (42 CFR part 2). The federal rules prohibit you from making any "
    "further disclosure of information in this record that identifies a patient as having or "
    "having had a substance use disorder unless further disclosure is expressly permitted by "
    "the written consent of the individual whose information is being disclosed."
)

# What each category puts on paper, told apart from everything else on the page.
HEADINGS = {category: category.label for category in Category}
EVIDENCE = {
    Category.STAY: ("Phase 2 — Quillfeather", "Still in residence"),
    Category.SOBRIETY: ("Days sober on 31 Oct 2026 287", "17 Jan 2026", "Harvest moon milestone"),
    Category.ATTENDANCE: (
        "Attended 7 of 8 house meetings whose roll was taken (1 late)",
        "Dentist in Eugene",
    ),
    Category.OUTSIDE: ("Short by 2", "Week of"),
    Category.CHORES: ("Scrub the porch swing", "covered by a housemate"),
    Category.MENTORS: ("Orsolya Vantreight", "with a peer mentor"),
    Category.NOTES: ("Enrolled in the welding course",),
    Category.RECOVERY_CAPITAL: ("3 BARC-10s", "sustained remission", "Total (10–60)", "Taken on"),
    Category.RECOVERY_PLAN: (
        "Apply for the welding apprenticeship",
        "Who helps: Case manager",
        "☑ Ask Marguerite for a reference — done 12 Oct 2026",
        "☐ Send the form — by 20 Nov 2026",
        "met 30 Oct 2026",
    ),
}


def _consent(*categories: Category, **changes: Any) -> ConsentInfo:
    consent = ConsentInfo(
        id=7,
        person_id=42,
        recipient_name="Dana Whitfield",
        recipient_org="Riverside Treatment Center",
        purpose="To coordinate my treatment plan.",
        categories=frozenset(categories),
        signed_on=date(2026, 9, 14),
        expires_on=date(2027, 3, 14),
    )
    return dataclasses.replace(consent, **changes)


def _report(consent: ConsentInfo, **fields: Any) -> ProgressReport:
    """A report for Quentin Marlowe-Ibáñez with no category filled in unless asked."""
    return ProgressReport(
        house="Harbor House",
        house_address="118 Linden Street, Springfield",
        house_phone="(541) 555-0142",
        resident="Quentin Marlowe-Ibáñez",
        identifier="Quentin Marlowe-Ibáñez · Record 0042",
        date_of_birth=date(1991, 5, 4),
        consent=consent,
        first=FIRST,
        last=LAST,
        prepared_by="Pat Gallo",
        preparer_role="House manager",
        standing=Standing.GOOD,
        statement="",
        notice=FEDERAL_NOTICE,
        generated=datetime(2026, 11, 2, 9, 41),
        **fields,
    )


def _fields(category: Category, check_ins: int = 3) -> dict[str, Any]:
    """The report fields that carry ``category``, filled in."""
    fields: dict[Category, dict[str, Any]] = {
        Category.STAY: {
            "stays": (
                StayPart(date(2026, 3, 2), None, ((date(2026, 5, 4), "Phase 2 — Quillfeather"),)),
            )
        },
        Category.SOBRIETY: {
            "sobriety_date": date(2026, 1, 17),
            "days_sober": 287,
            "milestones": (("Harvest moon milestone", date(2026, 10, 17)),),
        },
        Category.ATTENDANCE: {
            "attendance": AttendanceSummary(
                held=8,
                present=6,
                late=1,
                excused=((date(2026, 10, 12), "Dentist in Eugene"),),
                missed=(date(2026, 10, 26),),
            )
        },
        Category.OUTSIDE: {
            "outside": OutsideMeetings(
                (OutsideWeek(date(2026, 9, 28), 4, 3), OutsideWeek(date(2026, 10, 5), 1, 3)),
                date(2026, 1, 5),
            )
        },
        Category.CHORES: {
            "chores": ChoreSummary(
                done=19,
                missed=((date(2026, 10, 9), "Scrub the porch swing"),),
                excused=1,
                covered=2,
                records_from=date(2026, 1, 5),
            )
        },
        Category.MENTORS: {
            "check_ins": tuple(
                CheckInLine(day, "Phone call", "Orsolya Vantreight", "Talked through the rent plan")
                for day in (FIRST + timedelta(days=n % 31) for n in range(check_ins))
            )
        },
        Category.NOTES: {"notes": ((date(2026, 10, 5), "Enrolled in the welding course"),)},
        Category.RECOVERY_CAPITAL: {
            "recovery_capital": (
                (date(2026, 10, 2), 38, 1),
                (date(2026, 10, 16), 44, 1),
                (date(2026, 10, 30), 49, 1),
            )
        },
        Category.RECOVERY_PLAN: {
            "recovery_plan": (
                PlanLine(
                    "Work or school",
                    "Apply for the welding apprenticeship",
                    "Case manager",
                    date(2026, 12, 1),
                    date(2026, 9, 20),
                    "open",
                    None,
                    (
                        ("Ask Marguerite for a reference", None, date(2026, 10, 12)),
                        ("Send the form", date(2026, 11, 20), None),
                    ),
                ),
                PlanLine(
                    "Health",
                    "See a dentist",
                    "",
                    None,
                    date(2026, 9, 20),
                    "met",
                    date(2026, 10, 30),
                    (),
                ),
            )
        },
    }
    return fields[category]


def _everything(consent: ConsentInfo, check_ins: int = 3) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for category in Category:
        fields |= _fields(category, check_ins)
    return fields


def _pages(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(pdf)).pages]


def _text(pdf: bytes) -> str:
    return " ".join(_pages(pdf))


def test_a_report_covering_everything_shows_every_category() -> None:
    consent = _consent(*Category)
    text = _text(progress_pdf(_report(consent, **_everything(consent))))
    for category in Category:
        assert HEADINGS[category] in text
        assert all(evidence in text for evidence in EVIDENCE[category]), category
    assert "Talked through the rent plan" in text  # a check-in's note, as notes are covered
    about = (
        "Resident Quentin Marlowe-Ibáñez",
        "Date of birth 4 May 1991",
        "Purpose To coordinate my treatment plan.",
        "Period 1 Oct 2026 – 31 Oct 2026",
    )
    assert all(line in text for line in about)


def test_a_report_covering_only_attendance_says_nothing_else() -> None:
    consent = _consent(Category.ATTENDANCE)
    text = _text(progress_pdf(_report(consent, **_fields(Category.ATTENDANCE))))
    assert "House-meeting attendance" in text
    assert "Attended 7 of 8 house meetings whose roll was taken (1 late)." in text
    assert "12 Oct 2026: Dentist in Eugene" in text
    assert "26 Oct 2026" in text
    for category in set(Category) - {Category.ATTENDANCE}:
        assert HEADINGS[category] not in text
        assert not any(evidence in text for evidence in EVIDENCE[category]), category
    for stray in (
        "Chores",
        "Sobriety",
        "Days sober",
        "17 Jan 2026",
        "Talked through the rent plan",
        "check-in",
        "Phase",
        "Moved in",
        "Quota",
    ):
        assert stray not in text


@pytest.mark.parametrize("category", list(Category))
def test_each_category_appears_only_when_its_field_is_set(category: Category) -> None:
    alone = _text(progress_pdf(_report(_consent(category), **_fields(category))))
    assert HEADINGS[category] in alone
    assert all(evidence in alone for evidence in EVIDENCE[category])
    others = set(Category) - {category}
    assert not any(HEADINGS[other] in alone for other in others)

    # The same consent, with that one field left out: no heading, no sentence, nothing.
    without = _text(progress_pdf(_report(_consent(category))))
    assert HEADINGS[category] not in without.split("Scope of this disclosure")[0]
    assert not any(evidence in without for evidence in EVIDENCE[category])


def test_data_the_consent_does_not_cover_is_left_out_even_when_filled_in() -> None:
    consent = _consent(Category.CHORES)
    text = _text(progress_pdf(_report(consent, **_everything(consent))))
    assert "Scrub the porch swing" in text
    for category in set(Category) - {Category.CHORES}:
        assert not any(evidence in text for evidence in EVIDENCE[category]), category


def test_check_in_notes_only_show_when_notes_are_covered() -> None:
    consent = _consent(Category.MENTORS)
    text = _text(progress_pdf(_report(consent, **_fields(Category.MENTORS))))
    assert "Orsolya Vantreight" in text
    assert "Talked through the rent plan" not in text
    assert "Note" not in text


def test_empty_categories_get_a_plain_sentence() -> None:
    consent = _consent(*Category)
    empty = {
        "stays": (),
        "sobriety_date": None,
        "days_sober": None,
        "milestones": (),
        "attendance": AttendanceSummary(0, 0, 0, (), ()),
        "outside": OutsideMeetings((), date(2026, 1, 5)),
        "chores": ChoreSummary(0, (), 0, 0, records_from=date(2026, 1, 5)),
        "check_ins": (),
        "notes": (),
        "recovery_capital": (),
    }
    text = _text(progress_pdf(_report(consent, **empty)))
    for sentence in (
        "No stay in this period.",
        "None in this period",
        "No house meetings were on the calendar in this period",
        "The resident didn't live in the house in this period.",
        "No chores were on the chart for the resident in this period.",
        "No check-ins in this period.",
        "No notes marked shareable in this period.",
        "No BARC-10 was taken in this period.",
    ):
        assert sentence in text


def test_the_house_notice_is_on_every_page_of_a_long_report() -> None:
    consent = _consent(*Category)
    report = _report(consent, **_everything(consent, check_ins=150))
    pages = _pages(progress_pdf(dataclasses.replace(report, notice=HOUSE_NOTICE)))
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert HOUSE_NOTICE in page, f"page {number}"
        assert f"Page {number} of {len(pages)}" in page


def _runs(page: Any) -> list[tuple[float, float, str]]:
    """Each piece of text on ``page`` with where it starts (x, y), in drawing order."""
    runs: list[tuple[float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            runs.append((tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5], text.strip()))

    page.extract_text(visitor_text=visit)
    return runs


def test_a_long_notice_wraps_inside_the_page_below_the_body() -> None:
    consent = _consent(*Category)
    report = _report(consent, **_everything(consent, check_ins=60))
    pdf = progress_pdf(dataclasses.replace(report, notice=HOUSE_NOTICE))
    for page in PdfReader(BytesIO(pdf)).pages:
        runs = _runs(page)
        # The page decoration draws "Made …", then the note, then "Page N of M".
        made = next(n for n, run in enumerate(runs) if run[2].startswith("Made "))
        footer = runs[made + 1 : -1]
        assert " ".join(text for _, _, text in footer) == HOUSE_NOTICE
        assert len({y for _, y, _ in footer}) >= 3  # wrapped over several lines…
        assert all(36 / 2 < x < float(page.mediabox.width) / 2 for x, _, _ in footer)  # …centred
        body = [y for _, y, _ in runs[:made] if y < float(page.mediabox.height) / 2]
        assert min(body, default=1000) > max(y for _, y, _ in footer) + 9  # and under the body


def test_the_scope_summarises_the_consent() -> None:
    consent = _consent(
        Category.STAY,
        Category.MENTORS,
        irrevocable_until=date(2027, 1, 31),
        revoke_how="By letter to the house manager.",
    )
    text = _text(progress_pdf(_report(consent)))
    scope = text.split("Scope of this disclosure", 1)[1]
    assert "Disclosed by Harbor House" in scope
    assert "Recipient Dana Whitfield, Riverside Treatment Center" in scope
    assert "Information covered Stay dates and phase Mentor check-ins" in scope
    assert "Consent signed on 14 Sep 2026" in scope
    assert "Consent expires 14 Mar 2027" in scope
    assert "Irrevocable until 31 Jan 2027" in scope
    assert "By letter to the house manager." in scope
    assert "Information that this consent does not cover was left out of this report." in scope
    assert not any(HEADINGS[c] in scope for c in set(Category) - {Category.STAY, Category.MENTORS})


def test_a_revocable_consent_has_no_irrevocability_in_its_scope() -> None:
    assert "Irrevocable" not in _text(progress_pdf(_report(_consent(Category.STAY))))


def test_it_ends_as_a_case_manager_expects_standing_preparer_recipient_scope_signature() -> None:
    report = dataclasses.replace(
        _report(_consent(Category.STAY)),
        standing=Standing.CONCERNS,
        statement="Two curfew violations in October; we agreed a plan.",
    )
    text = _text(progress_pdf(report))
    ending = text.split("Overall standing", 1)[1]
    order = (
        "Standing Concerns noted",
        "In the manager's words Two curfew violations in October; we agreed a plan.",
        "Prepared by Name Pat Gallo",
        "Role House manager",
        "118 Linden Street",
        "(541) 555-0142",
        "Prepared for Dana Whitfield, Riverside Treatment Center",
        "Scope of this disclosure",
        "Preparer's signature",
    )
    positions = [ending.index(part) for part in order]
    assert positions == sorted(positions)


def test_a_report_without_a_standing_says_so_rather_than_imply_one() -> None:
    report = dataclasses.replace(_report(_consent(Category.STAY)), standing=Standing.NOT_STATED)
    assert "Standing Not stated by the house" in _text(progress_pdf(report))


def test_every_page_says_whom_it_is_about() -> None:
    consent = _consent(*Category)
    pdf = progress_pdf(_report(consent, **_everything(consent, check_ins=80)))
    pages = _pages(pdf)
    assert len(pages) >= 3
    assert all("Quentin Marlowe-Ibáñez · Record 0042" in page for page in pages)


def test_a_name_too_long_for_the_header_is_cut_but_never_its_record_number() -> None:
    consent = _consent(Category.STAY)
    long_name = "Quentin Alejandro Bartholomew Marlowe-Ibáñez de la Fuente y Villanueva " * 2
    report = dataclasses.replace(_report(consent), identifier=f"{long_name.strip()} · Record 0042")
    page = PdfReader(BytesIO(progress_pdf(report))).pages[0]
    header = [text for _x, y, text in _runs(page) if y > float(page.mediabox.height) - 60]
    line = next(text for text in header if "Record 0042" in text)
    assert line.endswith("… · Record 0042")


def test_user_text_prints_as_typed_not_as_markup() -> None:
    consent = _consent(Category.NOTES, purpose="Court review <b>& probation</b>")
    report = _report(consent, notes=((date(2026, 10, 5), "Said <i>thanks</i> & left"),))
    text = _text(progress_pdf(dataclasses.replace(report, resident="Zoë <O'Brien> & Co")))
    assert "Zoë <O'Brien> & Co" in text
    assert "Court review <b>& probation</b>" in text
    assert "Said <i>thanks</i> & left" in text


def test_file_names_carry_initials_and_a_number_never_a_name() -> None:
    assert progress_file_name("jn", 42, date(2026, 11, 23)) == "progress-JN-0042-2026-11-23.pdf"
    assert progress_file_name("J./N", 7, LAST) == "progress-JN-0007-2026-10-31.pdf"
    assert consent_form_file_name("JN", 42) == "consent-form-JN-0042.pdf"
    assert "Quentin" not in progress_file_name("QM", 42, LAST)


# -- the consent form ------------------------------------------------------------------------


def _form(consent: ConsentInfo) -> str:
    form = ConsentForm(
        house="Harbor House",
        house_address="118 Linden Street, Springfield",
        resident="Quentin Marlowe-Ibáñez",
        date_of_birth=date(1991, 5, 4),
        consent=consent,
        generated=datetime(2026, 11, 2, 9, 41),
    )
    return _text(consent_form_pdf(form))


def test_the_consent_form_ticks_the_covered_categories_only() -> None:
    text = _form(_consent(Category.ATTENDANCE, Category.CHORES))
    assert "Consent to release information" in text
    assert "I, Quentin Marlowe-Ibáñez, date of birth 4 May 1991, authorise Harbor House" in text
    assert "to disclose to Dana Whitfield, Riverside Treatment Center" in text
    for category in Category:
        covered = category in (Category.ATTENDANCE, Category.CHORES)
        assert f"{'☒' if covered else '☐'} {category.label}" in text
    assert "To coordinate my treatment plan." in text
    assert "This consent expires on: 14 Mar 2027." in text
    assert FEDERAL_NOTICE in text
    assert "My housing does not depend on my signing this form" in text
    assert "Signature of resident" in text and "Witness (house staff)" in text


def test_the_consent_form_says_when_it_cannot_be_revoked() -> None:
    consent = _consent(
        Category.STAY,
        irrevocable_until=date(2027, 1, 31),
        irrevocable_event="the end of my probation",
    )
    text = _form(consent)
    assert "This consent cannot be revoked until 31 Jan 2027 or the end of my probation." in text
    assert "I may revoke this consent at any time" not in text


def test_a_revocable_consent_form_says_how_to_revoke() -> None:
    text = _form(_consent(Category.STAY, revoke_how="In writing to the house manager."))
    assert (
        "I may revoke this consent at any time, except to the extent that action has already "
        "been taken on it: In writing to the house manager." in text
    )
    assert "cannot be revoked" not in text


def test_an_address_on_several_lines_prints_as_one_line_in_the_header() -> None:
    consent = _consent(Category.STAY)
    form = ConsentForm(
        "Harbor House", "118 Linden Street\nSpringfield, OR", "Quentin Marlowe-Ibáñez",
        None, consent, datetime(2026, 11, 2, 9, 41),
    )  # fmt: skip
    page = PdfReader(BytesIO(consent_form_pdf(form))).pages[0]
    header = [text for _x, y, text in _runs(page) if y > float(page.mediabox.height) - 70]
    assert "Harbor House · 118 Linden Street, Springfield, OR" in header
    assert not any(ord(c) < 32 for line in header for c in line)


def test_a_blank_consent_form_names_nobody_and_ticks_nothing() -> None:
    form = ConsentForm("Harbor House", "", "", None, None, datetime(2026, 11, 2, 9, 41))
    text = _text(consent_form_pdf(form))
    assert "I, ______________________________, date of birth ________________" in text
    assert text.count("☐") == len(Category) and "☒" not in text
    assert "This consent expires on:" in text and "Signature of resident" in text


def test_the_disclosure_log_prints_every_digit_of_each_fingerprint_in_a_fixed_face() -> None:
    from residence.consents.log_report import DisclosureLogSheet, disclosure_log_pdf
    from residence.consents.records import DisclosureInfo

    sha = hashlib.sha256(b"the report as sent").hexdigest()
    entry = DisclosureInfo(
        1, datetime(2026, 11, 2, 9, 41), "pat", 42, "Quentin Marlowe-Ibáñez", 7,
        "Dana Whitfield", (Category.STAY,), FIRST, LAST, sha, "saved",
    )  # fmt: skip
    sheet = DisclosureLogSheet("Harbor House", (entry,), "", datetime(2026, 11, 2, 9, 45))
    page = PdfReader(BytesIO(disclosure_log_pdf(sheet))).pages[0]
    fonts: dict[str, str] = {}

    def visit(text: str, _cm: object, _tm: object, font: Any, _size: object) -> None:
        if text.strip() and font is not None:
            fonts[text.strip()] = str(font.get("/BaseFont"))

    page.extract_text(visitor_text=visit)
    printed = [text for text, font in fonts.items() if "Courier" in font]
    assert "".join("".join(printed).split()) == sha


LONG_NAME = "Quentin Alejandro Bartholomew Marlowe-Ibáñez de la Fuente y Villanueva-Łukasz"


def test_a_long_report_for_a_long_name_prints_no_text_over_text_or_rules() -> None:
    from tests.residence.pdf_layout import assert_clean_layout

    consent = _consent(*Category, recipient_org="Riverside Treatment Center " * 4)
    report = dataclasses.replace(
        _report(consent, **_everything(consent, check_ins=60)),
        resident=LONG_NAME,
        identifier=f"{LONG_NAME} · Record 0042",
        standing=Standing.CONCERNS,
        statement="Two curfews missed in October; a plan is agreed with the resident. " * 5,
        notice=HOUSE_NOTICE,
    )
    assert_clean_layout(progress_pdf(report), "the progress report")


def test_the_consent_forms_and_the_log_print_no_text_over_text_or_rules() -> None:
    from residence.consents.log_report import DisclosureLogSheet, disclosure_log_pdf
    from residence.consents.records import DisclosureInfo
    from tests.residence.pdf_layout import assert_clean_layout

    made = datetime(2026, 11, 2, 9, 41)
    address = "118 Linden Street\nSpringfield, OR 97477"
    for form in (
        ConsentForm("Harbor House", address, LONG_NAME, None, _consent(*Category), made),
        ConsentForm("Harbor House", address, "", None, None, made),
    ):
        assert_clean_layout(consent_form_pdf(form), "the consent form")
    entries = tuple(
        DisclosureInfo(
            n, made, "pat", 42, LONG_NAME, 7, "Dana Whitfield, " + "Riverside " * 6,
            tuple(Category), FIRST, LAST, hashlib.sha256(bytes([n])).hexdigest(), "command line",
        )
        for n in range(1, 30)
    )  # fmt: skip
    sheet = DisclosureLogSheet("Harbor House", entries, "", made)
    assert_clean_layout(disclosure_log_pdf(sheet), "the disclosure log")
