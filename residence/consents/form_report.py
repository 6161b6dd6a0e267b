"""The release-of-information form, prefilled, to print and sign on paper: everything a
written consent must name under 42 CFR § 2.31, and a place to sign."""

from __future__ import annotations

from xml.sax.saxutils import escape  # &, < and > for ReportLab's markup

from reportlab.lib.units import inch
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from residence.consents.progress_report import WIDTH, file_initials, irrevocable_text, para
from residence.consents.records import Category, ConsentForm, ConsentInfo
from residence.dates import format_date
from residence.reports.common import BODY, INK, PageFrame, render, style

TITLE = "Consent to release information"
CHECKED, UNCHECKED = "☒", "☐"
HOUSING = (
    "My housing does not depend on my signing this form, except where a court or "
    "probation order requires it."
)
KEEP = "Confidential. Keep the signed form in the resident's file."
TEXT = 11  # a form is read closely before it is signed


def consent_form_pdf(form: ConsentForm) -> bytes:
    # The header has one line: an address typed on several prints as one, with commas.
    place = ", ".join(line.strip() for line in form.house_address.splitlines() if line.strip())
    frame = PageFrame(form.house, TITLE, place or "Release of information", form.generated, KEEP)
    consent = form.consent
    opening = style(TEXT + 0.5, spaceAfter=4)
    opening.leading = TEXT * 1.5  # room for the eye between the lines that matter most
    story: list[Flowable] = [
        Spacer(1, 8),
        Paragraph(_authorisation(form), opening),
        *_part("1. Information to be disclosed", [_checkboxes(consent)]),
        *_part("2. Purpose of the disclosure", _purpose(consent)),
        *_part("3. Expiry", [_expiry(consent)]),
        *_part("4. Revoking this consent", [para(_revoking(consent), TEXT)]),
        *_part("5. Notice to the recipient", [para(form.notice, TEXT, bold=True)]),
        *_part("6. My housing", [para(HOUSING, TEXT)]),
        *_signatures(),
    ]
    return render(frame, story)


def consent_form_file_name(initials: str, person_id: int) -> str:
    """Initials and a number, never a name: consent-form-JN-0042.pdf."""
    return f"consent-form-{file_initials(initials)}-{person_id:04d}.pdf"


BLANK_FORM_FILE = "consent-form-blank.pdf"
LINE = "_" * 30  # a space to write a name or a recipient in by hand


def _authorisation(form: ConsentForm) -> str:
    consent = form.consent
    born = format_date(form.date_of_birth) if form.date_of_birth else "_" * 16
    if consent is None:
        return (
            f"I, {LINE}, date of birth {born}, authorise {_house(form)} to disclose to "
            f"{LINE}{LINE[:14]} the information checked below, for the purpose stated, from "
            "my records at the house."
        )
    house = _house(form)
    recipient = f"<b>{escape(consent.recipient)}</b>"
    if consent.recipient_class and consent.recipient != consent.recipient_class:
        recipient += f" ({escape(consent.recipient_class)})"
    return (
        f"I, <b>{escape(form.resident)}</b>, date of birth <b>{born}</b>, authorise "
        f"{house} to disclose to {recipient} the information checked below, "
        "for the purpose stated, from my records at the house."
    )


def _house(form: ConsentForm) -> str:
    house = f"<b>{escape(form.house)}</b>"
    if address := ", ".join(part.strip() for part in form.house_address.splitlines() if part):
        house += f", {escape(address)},"
    return house


def _purpose(consent: ConsentInfo | None) -> list[Flowable]:
    if consent is None:
        return [_line(), _line()]
    return [para(consent.purpose, TEXT)]


def _line() -> Table:
    """A full-width line to write on."""
    table = Table([[""]], colWidths=[WIDTH], rowHeights=[24])
    table.setStyle(TableStyle([("LINEBELOW", (0, 0), (0, 0), 0.6, INK)]))
    return table


def _part(heading: str, body: list[Flowable]) -> list[Flowable]:
    title = Paragraph(escape(heading), style(12, bold=True, spaceAfter=3))
    return [KeepTogether([Spacer(1, 9), title, *body])]


def _checkboxes(consent: ConsentInfo | None) -> Table:
    """Every category, each with its box ticked or left empty, in two columns."""
    ticked = consent.categories if consent is not None else frozenset()
    cells = [f"{CHECKED if c in ticked else UNCHECKED}  {c.label}" for c in Category]
    half = (len(cells) + 1) // 2
    rows = [[cells[n], cells[n + half] if n + half < len(cells) else ""] for n in range(half)]
    table = Table(rows, colWidths=[WIDTH / 2, WIDTH / 2])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), BODY),
                ("FONTSIZE", (0, 0), (-1, -1), TEXT + 0.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    note = para("Only the information checked may be disclosed.", TEXT - 1, spaceBefore=2)
    return Table([[table], [note]], colWidths=[WIDTH], style=[("LEFTPADDING", (0, 0), (-1, -1), 0)])


def _expiry(consent: ConsentInfo | None) -> Flowable:
    if consent is not None and consent.expiry:
        return para(f"This consent expires on: {consent.expiry}.", TEXT)
    return _blank("This consent expires on:")  # to be written in before it is signed


def _revoking(consent: ConsentInfo | None) -> str:
    if consent is None:  # a court- or probation-ordered consent is filled in at the house
        return (
            "I may revoke this consent at any time, except to the extent that action has "
            "already been taken on it, or a court or probation order makes it irrevocable "
            "until: ________________. I revoke it in writing to the house manager."
        )
    if until := irrevocable_text(consent):
        return (
            f"This consent cannot be revoked until {until}. After that, I may revoke it, "
            "except to the extent that action has already been taken on it: "
            f"{consent.revoke_how}"
        )
    return (
        "I may revoke this consent at any time, except to the extent that action has "
        f"already been taken on it: {consent.revoke_how}"
    )


def _blank(label: str) -> Table:
    """A label and a line to write on."""
    table = Table([[para(label, TEXT), ""]], colWidths=[2.4 * inch, 3.0 * inch], rowHeights=[22])
    table.setStyle(TableStyle([("LINEBELOW", (1, 0), (1, 0), 0.6, INK)]))
    return table


def _signatures() -> list[Flowable]:
    """Lines to sign on, with what goes on each line printed small underneath."""
    gap, date_width = 0.3 * inch, 1.8 * inch
    rows = [
        ["", "", ""],
        ["Signature of resident", "", "Date"],
        ["", "", ""],
        ["Witness (house staff): printed name and signature", "", "Date"],
    ]
    table = Table(
        rows, colWidths=[WIDTH - gap - date_width, gap, date_width], rowHeights=[36, 14, 36, 14]
    )
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (0, 0), 0.8, INK),
                ("LINEBELOW", (2, 0), (2, 0), 0.8, INK),
                ("LINEBELOW", (0, 2), (0, 2), 0.8, INK),
                ("LINEBELOW", (2, 2), (2, 2), 0.8, INK),
                ("FONTNAME", (0, 0), (-1, -1), BODY),
                ("FONTSIZE", (0, 0), (-1, -1), 9),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    heading = Paragraph("Signatures", style(12, bold=True, spaceAfter=0))
    return [KeepTogether([Spacer(1, 12), heading, table])]
