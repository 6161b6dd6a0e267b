"""The house roster: the census for the house's own files (beds filled and free, and each
resident's bed, move-in, phase and days sober). Not a disclosure: it never leaves the house."""

from __future__ import annotations

from datetime import date
from xml.sax.saxutils import escape  # &, < and > for ReportLab's markup

from reportlab.lib.units import inch
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from residence.consents.records import HouseRoster, RosterLine
from residence.dates import format_date
from residence.reports.common import PageFrame, grid_style, render, style

WIDTH = 8.5 * inch - 2 * 0.4 * inch
FOR_THE_HOUSE = "For the house's own files. Not for disclosure."
# Resident, bed, moved in, days in house, phase, days sober.
COLUMNS = (0.26, 0.12, 0.14, 0.11, 0.26, 0.11)


def house_roster_pdf(roster: HouseRoster) -> bytes:
    period = f"{roster.today:%A} {format_date(roster.today)}"
    frame = PageFrame(roster.house, "House roster", period, roster.generated, FOR_THE_HOUSE)
    story: list[Flowable] = [
        Spacer(1, 6),
        Paragraph(escape(census(roster)), style(12, spaceAfter=8)),
    ]
    if roster.lines:
        story.append(_table(roster.lines))
    else:
        story.append(Paragraph("Nobody lives in the house.", style(11)))
    return render(frame, story)


def house_roster_file_name(day: date) -> str:
    return f"house-roster-{day.isoformat()}.pdf"


def census(roster: HouseRoster) -> str:
    """The census line: 12 of 14 beds filled · 2 free · 12 residents."""
    free = max(roster.beds - roster.occupied, 0)
    people = len(roster.lines)
    return (
        f"{roster.occupied} of {roster.beds} {'bed' if roster.beds == 1 else 'beds'} filled"
        f" · {free} free · {people} {'resident' if people == 1 else 'residents'}"
    )


def _table(lines: tuple[RosterLine, ...]) -> Table:
    rows: list[list[object]] = [
        [
            "Resident",
            "Bed",
            "Moved in",
            _number_heading("Days in house"),
            "Phase",
            _number_heading("Days sober"),
        ]
    ]
    rows += [_row(line) for line in lines]
    table = Table(rows, colWidths=[WIDTH * w for w in COLUMNS], repeatRows=1)
    table.setStyle(
        grid_style(
            10.5,
            padding=(4, 5),
            extra=[("ALIGN", (3, 1), (3, -1), "RIGHT"), ("ALIGN", (5, 1), (5, -1), "RIGHT")],
        )
    )
    return table


def _row(line: RosterLine) -> list[object]:
    sober = f"{line.days_sober:,}" if line.days_sober is not None else "—"
    return [
        _wrapped(line.name),
        _wrapped(line.bed or "no bed"),
        format_date(line.move_in),
        f"{line.days_in_house:,}",
        _wrapped(line.phase),
        sober,
    ]


def _number_heading(text: str) -> Paragraph:
    return Paragraph(escape(text), style(10.5, bold=True, alignment=2))  # 2: right-aligned


def _wrapped(text: str) -> Paragraph:
    return Paragraph(escape(text), style(10.5, embeddedHyphenation=1))
