"""The chore chart for the fridge: one landscape page, chores down the side, days across,
a name and a box to initial in each cell."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib import colors
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle
from reportlab.platypus.flowables import Spacer

from residence.chores.records import GridCell, SignOff, WeekGrid
from residence.dates import format_date
from residence.reports.common import (
    BODY,
    BOLD,
    GRID,
    SHADE,
    PageFrame,
    render,
    style,
)

PAGE_HEIGHT = 8.5 * inch - 2 * 0.4 * inch - 0.9 * inch  # the body frame, landscape Letter
HEADER_ROW, NOTE = 20.0, 26.0  # the day names above, the line of advice below
CHORE_COLUMN = 2.2 * inch
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


def _table(week: WeekGrid) -> Table:
    rows = len(week.rows)
    # As tall as the page allows (easier to read and to initial), up to a comfortable size.
    height = max(18.0, min(46.0, (PAGE_HEIGHT - HEADER_ROW - NOTE) / rows))
    name_size = 13.0 if height >= 38 else 11.0 if height >= 28 else 9.5
    day_width = (11 * inch - 2 * 0.4 * inch - CHORE_COLUMN) / 7
    header = [Paragraph("<b>Chore</b>", style(10))] + [
        Paragraph(f"<b>{DAY_NAMES[d.weekday()]}</b> {d.day} {d:%b}", style(10, alignment=1))
        for d in week.days
    ]
    body = [
        [_chore_label(row.label, row.area, row.weight, name_size)]
        + [_cell(cell, name_size, day_width, height) for cell in row.cells]
        for row in week.rows
    ]
    table = Table([header, *body], colWidths=[CHORE_COLUMN] + [day_width] * 7,
                  rowHeights=[HEADER_ROW] + [height] * rows, repeatRows=1)  # fmt: skip
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.6, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LEFTPADDING", (1, 1), (-1, -1), 0),
        ("RIGHTPADDING", (1, 1), (-1, -1), 0),
        ("TOPPADDING", (1, 1), (-1, -1), 0),
        ("BOTTOMPADDING", (1, 1), (-1, -1), 0),
    ]
    for r, row in enumerate(week.rows, start=1):
        for c, cell in enumerate(row.cells, start=1):
            if cell is None:
                commands.append(("BACKGROUND", (c, r), (c, r), SHADE))
    table.setStyle(TableStyle(commands))
    return table


def _chore_label(name: str, area: str, weight: int, size: float) -> Paragraph:
    detail = " · ".join(part for part in (area, f"effort {weight}") if part)
    name = _fit(name, BOLD, size - 1, CHORE_COLUMN - 16)  # one line: the row keeps its height
    return Paragraph(f"<b>{_escape(name)}</b><br/><font size={size - 3}>{_escape(detail)}</font>",
                     style(size - 1))  # fmt: skip


def _cell(cell: GridCell | None, size: float, width: float, height: float) -> Flowable | str:
    if cell is None:
        return ""
    return NameCell(cell, size, width, height)


class NameCell(Flowable):
    """A resident's name, with a box in the corner to initial when the chore is done."""

    def __init__(self, cell: GridCell, size: float, width: float, height: float) -> None:
        super().__init__()
        self.cell, self.size, self.width, self.height = cell, size, width, height

    def wrap(self, _available_width: float, _available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas, cell = self.canv, self.cell
        box = min(14.0, self.height * 0.45)
        text_width = self.width - box - 14
        if cell.person_id is None:
            canvas.setFont(BODY, self.size - 2)
            canvas.setFillColor(colors.Color(0.4, 0.4, 0.4))
            canvas.drawString(4, self.height / 2 - 3, "unassigned")
        else:
            name = _fit_name(cell.person_name, BOLD, self.size, text_width)
            canvas.setFont(BOLD, self.size)
            canvas.drawString(4, self.height - self.size - 3, name)
            mark = _mark(cell)
            if mark:
                canvas.setFont(BODY, self.size - 3)
                canvas.drawString(4, 4, _fit(mark, BODY, self.size - 3, text_width))
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.7)
        canvas.rect(self.width - box - 4, 4, box, box)


def _mark(cell: GridCell) -> str:
    """What a past day's sign-off says, printed small under the name."""
    if cell.status is SignOff.COVERED:
        return f"covered by {cell.covered_by}"
    if cell.status is SignOff.PENDING:
        return ""
    return cell.status.label.lower()


def _fit_name(name: str, font: str, size: float, width: float) -> str:
    """The whole name if it fits, else “Tommy H.” as on any house whiteboard, else cut."""
    if stringWidth(name, font, size) <= width:
        return name
    first, _, rest = name.partition(" ")
    compact = f"{first} {rest[:1]}." if rest else first
    return _fit(compact, font, size, width)


def _fit(text: str, font: str, size: float, width: float) -> str:
    """Cut ``text`` with an ellipsis to fit ``width``: a 200-character name stays in its cell."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def chart_file_name(week_start: date) -> str:
    """A default file name that says what and when, never who."""
    return f"chore-chart-{week_start.isoformat()}.pdf"
