"""The weekly schedule for the bulletin board: the house meeting and groups at their times,
and each day's chores with names. One landscape page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from xml.sax.saxutils import escape  # &, < and > for ReportLab's markup

from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from residence.chores.records import GridCell, WeekGrid
from residence.chores.report import CHORE_COLUMN, DAY_NAMES, ChartRow, chart_rows
from residence.dates import format_date
from residence.meetings.records import Occurrence
from residence.reports.common import (
    BOLD,
    GRID,
    SHADE,
    PageFrame,
    fit_name,
    fit_text,
    render,
    style,
    whiteboard_name,
)

PAGE_WIDTH = 11 * inch - 2 * 0.4 * inch
PAGE_HEIGHT = 8.5 * inch - 2 * 0.4 * inch - 0.9 * inch


@dataclass(frozen=True)
class WeeklySchedule:
    house: str
    week: WeekGrid  # the chores; an empty grid when the week has no rotation
    events: tuple[Occurrence, ...]  # the week's meetings and groups (cancelled ones left out)
    generated: datetime


def schedule_pdf(schedule: WeeklySchedule) -> bytes:
    week = schedule.week
    period = f"Week of {format_date(week.start)} to {format_date(week.end)}"
    frame = PageFrame(schedule.house, "This week in the house", period, schedule.generated)
    return render(frame, [_table(schedule)], landscape_page=True)


def _table(schedule: WeeklySchedule) -> Table:
    days = schedule.week.days
    day_width = (PAGE_WIDTH - CHORE_COLUMN) / 7
    header = [""] + [
        Paragraph(f"<b>{DAY_NAMES[d.weekday()]}</b> {d.day} {d:%b}", style(11, alignment=1))
        for d in days
    ]
    events = [Paragraph("<b>Meetings and groups</b>", style(10))] + [
        _events_on(schedule.events, d) for d in days
    ]
    rows = chart_rows(schedule.week)
    chores_height = PAGE_HEIGHT - 22 - _measured_height(events[1:], day_width)
    height = max(16.0, min(34.0, chores_height / max(len(rows), 1)))
    size = 11.0 if height >= 26 else 9.5
    # A chore's name may take two lines when the row has room for them.
    lines = 2 if height >= 2.4 * (size - 1) else 1
    # One form of name on the whole sheet: “Marcus Bell” beside “Tommy H.” reads as a mistake.
    short = _needs_short_names(rows, size, day_width - 10)
    body = [
        [_chore_name(row.name, size - 1, lines)]
        + [_names(cells, size, day_width - 10, short) for cells in row.days]
        for row in rows
    ]
    if not rows:
        body = [[Paragraph("No chore rotation for this week yet.", style(10))] + [""] * 7]
    table = Table(
        [header, events, *body],
        colWidths=[CHORE_COLUMN] + [day_width] * 7,
        rowHeights=[22, None] + [height] * len(body),
    )
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.6, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("VALIGN", (0, 1), (-1, 1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 1), (-1, 1), 1.6, GRID),
    ]
    for r, row in enumerate(rows, start=2):
        for c, cells in enumerate(row.days, start=1):
            if not cells:
                commands.append(("BACKGROUND", (c, r), (c, r), SHADE))
    table.setStyle(TableStyle(commands))
    return table


def _events_on(events: tuple[Occurrence, ...], day: date) -> Flowable | str:
    todays = [e for e in events if e.day == day]
    if not todays:
        return ""
    lines = []
    for event in todays:
        when = event.start_time.strftime("%I:%M %p").lstrip("0").lower()
        note = "" if event.mandatory else " (optional)"
        if event.moved and event.series_date is not None:  # residents look for it on its old day
            note += f" <i>moved from {DAY_NAMES[event.series_date.weekday()]}</i>"
        place = f"<br/><font size=8>{escape(event.place)}</font>" if event.place else ""
        lines.append(f"<b>{when}</b> {escape(event.title)}{note}{place}")
    return Paragraph("<br/>".join(lines), style(9.5))


def _measured_height(cells: list[Flowable | str], width: float) -> float:
    """The height the events row will take: its tallest cell, laid out, plus padding."""
    heights = [c.wrap(width - 12, 1000)[1] for c in cells if isinstance(c, Flowable)]
    return max(heights, default=12.0) + 8


def _chore_name(name: str, size: float, lines: int) -> Paragraph:
    # Wrapped lines lose a little to word breaks: keep a margin so the cut stays rare and clean.
    room = (CHORE_COLUMN - 14) * (1 if lines == 1 else lines * 0.85)
    return Paragraph(f"<b>{escape(fit_text(name, BOLD, size, room))}</b>", style(size))


def _needs_short_names(rows: list[ChartRow], size: float, width: float) -> bool:
    """Whether any full name on the sheet would not fit its cell."""
    for row in rows:
        for cells in row.days:
            shown = size if len(cells) == 1 else size - 1.5
            if any(stringWidth(c.person_name, BOLD, shown) > width for c in cells if c.person_id):
                return True
    return False


def _names(cells: tuple[GridCell, ...], size: float, width: float, short: bool) -> Paragraph | str:
    """One line per person, in whiteboard short form when the sheet uses it."""
    if not cells:
        return ""
    shown = size if len(cells) == 1 else size - 1.5  # two people share the cell
    lines = []
    for cell in cells:
        if cell.person_id is None or cell.away:
            lines.append("<font color='#555555'>unassigned</font>")
            continue
        full = whiteboard_name(cell.person_name) if short else cell.person_name
        name, fitted = fit_name(full, BOLD, shown, width)
        lines.append(f"<font size={fitted}>{escape(name)}</font>")
    return Paragraph("<br/>".join(lines), style(shown, bold=True))


def schedule_file_name(week_start: date) -> str:
    return f"weekly-schedule-{week_start.isoformat()}.pdf"
