"""The chore chart for the fridge: one landscape page, chores down the side, days across,
a name and a box to initial in each cell."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from xml.sax.saxutils import escape  # &, < and > for ReportLab's markup

from reportlab.lib import colors
from reportlab.lib.units import inch
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle
from reportlab.platypus.flowables import Spacer

from residence.chores.records import GridCell, GridRow, SignOff, WeekGrid
from residence.dates import format_date
from residence.reports.common import (
    BODY,
    BOLD,
    GRID,
    SHADE,
    PageFrame,
    fit_name,
    fit_text,
    render,
    style,
)

PAGE_HEIGHT = 8.5 * inch - 2 * 0.4 * inch - 0.9 * inch  # the body frame, landscape Letter
HEADER_ROW, NOTE = 20.0, 26.0  # the day names above, the line of advice below
CHORE_COLUMN = 1.9 * inch
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class ChoreChart:
    house: str
    week: WeekGrid
    generated: datetime


def chore_chart_pdf(chart: ChoreChart) -> bytes:
    week = chart.week
    period = f"Week of {format_date(week.start)} to {format_date(week.end)}"
    frame = PageFrame(chart.house, "Chore chart", period, chart.generated, "For the house only")
    story: list[Flowable] = []
    if not week.rows:
        story.append(Paragraph("No chores for this week yet.", style(14)))
    else:
        story.append(_table(week))
        story.append(Spacer(1, 6))
        story.append(
            Paragraph(
                "Initial the box when the chore is done. Can't do it? Tell the house manager "
                "before the day is out.",
                style(9),
            )
        )
    return render(frame, story, landscape_page=True)


@dataclass(frozen=True)
class ChartRow:
    """One chore, all its people: a two-person chore is one row with two names per day."""

    name: str
    area: str
    weight: int
    days: tuple[tuple[GridCell, ...], ...]  # per day, its cells (empty: not done that day)


def chart_rows(week: WeekGrid) -> list[ChartRow]:
    grouped: dict[int, list[GridRow]] = {}
    for row in week.rows:
        grouped.setdefault(row.chore_id, []).append(row)
    return [
        ChartRow(
            rows[0].chore_name,
            rows[0].area,
            rows[0].weight,
            tuple(tuple(r.cells[d] for r in rows if r.cells[d] is not None) for d in range(7)),  # type: ignore[misc]
        )
        for rows in grouped.values()
    ]


def _table(week: WeekGrid) -> Table:
    rows = chart_rows(week)
    height = max(18.0, min(46.0, (PAGE_HEIGHT - HEADER_ROW - NOTE) / len(rows)))
    size = 13.0 if height >= 38 else 11.5 if height >= 28 else 10.0
    day_width = (11 * inch - 2 * 0.4 * inch - CHORE_COLUMN) / 7
    header = [Paragraph("<b>Chore</b>", style(10))] + [
        Paragraph(f"<b>{DAY_NAMES[d.weekday()]}</b> {d.day} {d:%b}", style(10, alignment=1))
        for d in week.days
    ]
    body = [
        [_chore_label(row.name, row.area, row.weight, size)]
        + [NameCell(cells, size, day_width, height) if cells else "" for cells in row.days]
        for row in rows
    ]
    table = Table(
        [header, *body],
        colWidths=[CHORE_COLUMN] + [day_width] * 7,
        rowHeights=[HEADER_ROW] + [height] * len(rows),
        repeatRows=1,
    )
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.6, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LEFTPADDING", (1, 1), (-1, -1), 0),
        ("RIGHTPADDING", (1, 1), (-1, -1), 0),
        ("TOPPADDING", (1, 1), (-1, -1), 0),
        ("BOTTOMPADDING", (1, 1), (-1, -1), 0),
    ]
    for r, row in enumerate(rows, start=1):
        for c, cells in enumerate(row.days, start=1):
            if not cells:
                commands.append(("BACKGROUND", (c, r), (c, r), SHADE))
    table.setStyle(TableStyle(commands))
    return table


def _chore_label(name: str, area: str, weight: int, size: float) -> Paragraph:
    detail = " · ".join(part for part in (area, f"effort {weight}") if part)
    name = fit_text(name, BOLD, size - 1, CHORE_COLUMN - 16)  # one line: the row keeps its height
    return Paragraph(
        f"<b>{escape(name)}</b><br/><font size={size - 3}>{escape(detail)}</font>", style(size - 1)
    )


class NameCell(Flowable):
    """The names for one chore on one day, each with a box to initial when it's done."""

    def __init__(
        self, cells: tuple[GridCell, ...], size: float, width: float, height: float
    ) -> None:
        super().__init__()
        self.cells, self.width, self.height = cells, width, height
        # Two people share the cell's height; the type shrinks only as much as it must.
        self.size = min(size, height / len(cells) / 1.25)

    def wrap(self, _available_width: float, _available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        band = self.height / len(self.cells)
        for number, cell in enumerate(self.cells):
            self._draw_one(cell, self.height - band * (number + 1), band)

    def _draw_one(self, cell: GridCell, bottom: float, band: float) -> None:
        canvas, size = self.canv, self.size
        box = min(12.0, band * 0.6)
        text_width = self.width - box - 12
        base = bottom + (band - size) / 2 + 1
        if cell.person_id is None or cell.away:
            canvas.setFont(BODY, size - 1)
            canvas.setFillColor(colors.Color(0.35, 0.35, 0.35))
            canvas.drawString(4, base, "unassigned")
            return
        mark = _mark(cell)
        name, name_size = fit_name(cell.person_name, BOLD, size, text_width)
        canvas.setFillColor(colors.black)
        canvas.setFont(BOLD, name_size)
        if mark and band >= 2.2 * size:  # room for the sign-off under the name
            canvas.drawString(4, base + size * 0.45, name)
            canvas.setFont(BODY, size - 3)
            canvas.drawString(4, base - size * 0.6, fit_text(mark, BODY, size - 3, text_width))
        else:
            canvas.drawString(4, base, name)
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.7)
        canvas.rect(self.width - box - 5, bottom + (band - box) / 2, box, box)


def _mark(cell: GridCell) -> str:
    """What a past day's sign-off says, printed small under the name."""
    if cell.status is SignOff.COVERED:
        return f"covered by {cell.covered_by}"
    if cell.status is SignOff.PENDING:
        return ""
    return cell.status.label.lower()


def chart_file_name(week_start: date) -> str:
    """A default file name that says what and when, never who."""
    return f"chore-chart-{week_start.isoformat()}.pdf"
