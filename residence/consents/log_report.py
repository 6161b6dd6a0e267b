"""The disclosure log on paper: what left the house, about whom, to whom, under which consent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from xml.sax.saxutils import escape  # &, < and > for ReportLab's markup

from reportlab.lib.units import inch
from reportlab.platypus import Paragraph, Table

from residence.consents.records import DisclosureInfo
from residence.dates import format_date
from residence.reports.common import PageFrame, grid_style, render, style

WIDTH = 11 * inch - 2 * 0.4 * inch
COLUMNS = (
    ("When", 0.09),
    ("By", 0.1),
    ("Resident", 0.12),
    ("Recipient", 0.15),
    ("Consent", 0.06),
    ("Information", 0.14),
    ("Period", 0.11),
    ("How", 0.08),
    ("SHA-256 of the file", 0.15),
)
MONO = "Courier"  # a built-in face: hex digits line up to be read and checked one by one
CONFIDENTIAL = "Confidential: names residents in recovery. Keep with the house's records."


@dataclass(frozen=True)
class DisclosureLogSheet:
    house: str
    entries: tuple[DisclosureInfo, ...]
    search: str
    generated: datetime


def disclosure_log_pdf(sheet: DisclosureLogSheet) -> bytes:
    period = f"{len(sheet.entries)} disclosures" + (
        f" matching “{sheet.search}”" if sheet.search else ""
    )
    frame = PageFrame(sheet.house, "Disclosure log", period, sheet.generated, CONFIDENTIAL)
    cell = style(8)
    mono = style(7.5)
    mono.fontName = MONO
    rows: list[list[object]] = [[name for name, _ in COLUMNS]]
    for e in sheet.entries:
        rows.append(
            [
                Paragraph(e.at.strftime("%d %b %Y %H:%M"), cell),
                Paragraph(escape(e.by), cell),
                Paragraph(escape(e.resident), cell),
                Paragraph(escape(e.recipient), cell),
                f"#{e.consent_id}",
                Paragraph(escape(", ".join(c.label for c in e.categories)), cell),
                Paragraph(f"{format_date(e.first)} – {format_date(e.last)}", cell),
                Paragraph(escape(e.how), cell),
                Paragraph(hash_lines(e.sha256), mono),
            ]
        )
    if not sheet.entries:
        rows.append(["Nothing has been disclosed.", *[""] * (len(COLUMNS) - 1)])
    table = Table(rows, colWidths=[WIDTH * w for _, w in COLUMNS], repeatRows=1)
    table.setStyle(grid_style(8))
    return render(frame, [table], landscape_page=True)


def hash_lines(sha256: str) -> str:
    """All 64 digits, in four lines of two groups of eight: “3f2a9c01 7b6e5d4c”."""
    groups = [sha256[n : n + 8] for n in range(0, len(sha256), 8)]
    return "<br/>".join(" ".join(groups[n : n + 2]) for n in range(0, len(groups), 2))


def disclosure_log_file_name(day: date) -> str:
    return f"disclosure-log-{day.isoformat()}.pdf"
