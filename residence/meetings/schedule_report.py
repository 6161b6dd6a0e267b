"""The weekly schedule for the bulletin board: the house meeting and groups at their times,
and each day's chores with names. One landscape page when the week fits in 9 pt type (each row
as tall as what it holds); a fuller week goes on to another page under the same day header."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeAlias
from xml.sax.saxutils import escape  # &, < and > for ReportLab's markup

from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from residence.chores.records import GridCell, WeekGrid
from residence.chores.report import (
    CHORE_COLUMN,
    DAY_NAMES,
    DAY_WIDTH,
    ChartRow,
    chart_rows,
    flowing_height,
    free_line,
    names_size,
    people_on,
)
from residence.dates import format_date
from residence.meetings.records import Occurrence
from residence.reports.common import BOLD, GRID, SHADE, PageFrame, render, style
from residence.reports.names import sheet_names
from residence.residents.presence import PersonName

PAGE_HEIGHT = 8.5 * inch - 2 * 0.4 * inch - 0.9 * inch
HEADER = 22.0  # the day names
SIZES = (11.0, 10.0, 9.0)  # the bulletin board is read close up: smaller than the chart
ROOMY = 34.0  # a row of a small house is no taller than this
PADDING = 6.0  # a cell's left and right padding (ReportLab's)
ROW_PADDING = 3.0
NAME_WIDTH = DAY_WIDTH - 2 * PADDING  # what a name has inside the cell's padding


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
    table, names = _table(schedule)
    return render(frame, [table, *free_line(week.free, names, 10)], landscape_page=True)


def _table(schedule: WeeklySchedule) -> tuple[Table, dict[PersonName, str]]:
    days = schedule.week.days
    header = [""] + [
        Paragraph(f"<b>{DAY_NAMES[d.weekday()]}</b> {d.day} {d:%b}", style(11, alignment=1))
        for d in days
    ]
    events = [Paragraph("<b>Meetings and groups</b>", style(10))] + [
        _events_on(schedule.events, d) for d in days
    ]
    rows = chart_rows(schedule.week)
    # 2 pt to spare: a table that exactly fills the frame is pushed over the page by rounding.
    free = schedule.week.free
    room = (
        PAGE_HEIGHT
        - HEADER
        - _measured_height(events, CHORE_COLUMN, [DAY_WIDTH] * 7)
        - flowing_height(free_line(free, {}, 10))  # in full names: never shorter than printed
        - 2
    )
    body, heights, names = _chores(rows, free, room)
    if not rows:
        body, heights = (
            [[Paragraph("No chore rotation for this week yet.", style(10))] + [""] * 7],
            [24.0],
        )
    table = Table(
        [header, events, *body],
        colWidths=[CHORE_COLUMN] + [DAY_WIDTH] * 7,
        rowHeights=[HEADER, None, *heights],
        repeatRows=1,  # a week too full for one page has its days on the next one too
    )
    commands: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.6, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("VALIGN", (0, 1), (-1, 1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 1), (-1, 1), 1.6, GRID),
        ("TOPPADDING", (0, 2), (-1, -1), ROW_PADDING),
        ("BOTTOMPADDING", (0, 2), (-1, -1), ROW_PADDING),
    ]
    for r, row in enumerate(rows, start=2):
        for c, cells in enumerate(row.days, start=1):
            if not cells:
                commands.append(("BACKGROUND", (c, r), (c, r), SHADE))
    table.setStyle(TableStyle(commands))
    return table, names


Cell: TypeAlias = Flowable | str


def _chores(
    rows: list[ChartRow], free: Sequence[PersonName], room: float
) -> tuple[list[list[Cell]], list[float], dict[PersonName, str]]:
    """The largest type in which every chore row, as tall as it must be, fits ``room``; a
    week that fits at none goes on over pages in the smallest."""
    for size in SIZES:
        body, names = _chore_rows(rows, free, size)
        needed = [_row_height(row) for row in body]
        if sum(needed) <= room:
            return body, _spread(needed, room), names
    body, names = _chore_rows(rows, free, SIZES[-1])
    return body, [_row_height(row) for row in body], names


def _spread(needed: list[float], room: float) -> list[float]:
    """Rows as tall as they must be, then the room left shared out evenly, but none taller
    than ``ROOMY``: a small house's sheet is easy to read and never longer than its page."""
    spare = (room - sum(needed)) / max(len(needed), 1)
    return [max(n, min(ROOMY, n + spare)) for n in needed]


def _chore_rows(
    rows: list[ChartRow], free: Sequence[PersonName], size: float
) -> tuple[list[list[Cell]], dict[PersonName, str]]:
    # One form of name on the whole sheet, who is free included: “Marcus Bell” beside
    # “Tommy H.” reads as a mistake.
    smallest = names_size(size, 2) - 1.5
    people = people_on(rows) | set(free)
    names = sheet_names(people, lambda n: stringWidth(n, BOLD, smallest) <= NAME_WIDTH)
    body: list[list[Cell]] = [
        [Paragraph(f"<b>{escape(row.name)}</b>", style(size - 1))]
        + [_names(cells, names, names_size(size, len(cells))) for cells in row.days]
        for row in rows
    ]
    return body, names


def _row_height(row: list[Cell]) -> float:
    widths = [CHORE_COLUMN, *[DAY_WIDTH] * 7]
    return _measured_height(row, widths[0], widths[1:])


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


def _measured_height(cells: list[Cell], width: float, others: list[float] | None = None) -> float:
    """The height a row will take: its tallest cell, laid out in its column, plus padding."""
    widths = [width, *(others or [width] * (len(cells) - 1))]
    heights = [
        c.wrap(w - 2 * PADDING, PAGE_HEIGHT)[1]
        for c, w in zip(cells, widths, strict=True)
        if isinstance(c, Flowable)
    ]
    return float(max(heights, default=12.0)) + 2 * ROW_PADDING + 2


def _names(cells: tuple[GridCell, ...], names: dict[PersonName, str], size: float) -> Cell:
    """One line per person, in the sheet's form of name; a name too long for the cell in type
    2 pt smaller wraps."""
    if not cells:
        return ""
    lines = []
    for cell in cells:
        if cell.person is None or cell.away:
            lines.append("<font color='#555555'>unassigned</font>")
            continue
        name = names.get(cell.person, cell.person.full)
        shown = size
        while shown > size - 2 and stringWidth(name, BOLD, shown) > NAME_WIDTH:
            shown -= 0.5
        lines.append(f"<font size={shown}>{escape(name)}</font>")
    return Paragraph("<br/>".join(lines), style(size, bold=True, embeddedHyphenation=1))


def schedule_file_name(week_start: date) -> str:
    return f"weekly-schedule-{week_start.isoformat()}.pdf"
