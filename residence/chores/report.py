"""The chore chart for the fridge: chores down the side, days across, a name and a box to
initial in each cell, and under it how each chore is done.

One landscape page for a house of up to about 20 chores: the type shrinks as chores are added,
and each row is as tall as what it holds (a chore's name is never cut). A bigger house goes on
over more pages, each with the day header.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeAlias
from xml.sax.saxutils import escape  # &, < and > for ReportLab's markup

from reportlab.lib import colors
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table, TableStyle
from reportlab.platypus.flowables import Spacer

from residence.chores.records import GridCell, GridRow, SignOff, WeekGrid
from residence.dates import format_date
from residence.reports.common import BOLD, GRID, SHADE, PageFrame, render, style
from residence.reports.names import sheet_names
from residence.residents.presence import PersonName

PAGE_HEIGHT = 8.5 * inch - 2 * 0.4 * inch - 0.9 * inch  # the body frame, landscape Letter
PAGE_WIDTH = 11 * inch - 2 * 0.4 * inch
HEADER_ROW, NOTE = 20.0, 26.0  # the day names above, the line of advice below
CHORE_COLUMN = 1.9 * inch
DAY_WIDTH = (PAGE_WIDTH - CHORE_COLUMN) / 7
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
SIZES = (13.0, 11.5, 10.0, 9.0)  # big type first: the chart is read from across the kitchen
ROOMY = 46.0  # a row of a small house is no taller than this: room to initial, not to waste
PADDING = 6.0  # a cell's left and right padding (ReportLab's), and the label's
BOX = 11.0  # the box to initial
NAME_INSET, BOX_INSET = 4.0, 4.0  # from the cell's left rule to a name; the box to the right
TEXT_WIDTH = DAY_WIDTH - NAME_INSET - BOX - BOX_INSET - 3  # a name's room, clear of the box
ROW_PADDING = 3.0  # above and below the tallest cell of a row
QUIET = colors.Color(0.35, 0.35, 0.35)


@dataclass(frozen=True)
class ChoreChart:
    house: str
    week: WeekGrid
    generated: datetime


def chore_chart_pdf(chart: ChoreChart) -> bytes:
    week = chart.week
    period = f"Week of {format_date(week.start)} to {format_date(week.end)}"
    frame = PageFrame(chart.house, "Chore chart", period, chart.generated, "For the house only")
    if not week.rows:
        return render(
            frame, [Paragraph("No chores for this week yet.", style(14))], landscape_page=True
        )
    rows = chart_rows(week)
    legend = _legend(rows)
    free = free_line(week.free, {}, 9)  # measured in full names: never shorter than printed
    table, names = _table(week, rows, flowing_height([*legend, *free]))
    advice = Paragraph(
        "Initial the box when the chore is done. Can't do it? Tell the house manager "
        "before the day is out.",
        style(9),
    )
    # One legend, never a line of it alone on a page.
    story = [
        table,
        Spacer(1, 6),
        advice,
        *free_line(week.free, names, 9),
        *([KeepTogether(legend)] if legend else []),
    ]
    return render(frame, story, landscape_page=True)


@dataclass(frozen=True)
class ChartRow:
    """One chore, all its people: a two-person chore is one row with two names per day."""

    name: str
    area: str
    weight: int
    days: tuple[tuple[GridCell, ...], ...]  # per day, its cells (empty: not done that day)
    instructions: str = ""


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
            rows[0].instructions,
        )
        for rows in grouped.values()
    ]


def people_on(rows: Sequence[ChartRow]) -> set[PersonName]:
    """Everyone a sheet of these rows names: who has a chore, and who covered one."""
    found = set()
    for row in rows:
        for cells in row.days:
            for cell in cells:
                found |= {p for p in (cell.person, cell.covered) if p is not None}
    return found


def free_line(
    free: Sequence[PersonName], names: dict[PersonName, str], size: float
) -> list[Flowable]:
    """“No chore this week: …”, in the sheet's form of name; nothing when everyone has one."""
    if not free:
        return []
    listed = ", ".join(escape(names.get(person, person.full)) for person in free)
    return [Paragraph(f"<b>No chore this week:</b> {listed}", style(size, spaceBefore=3))]


def names_size(size: float, people: int) -> float:
    """Two people share a cell in slightly smaller type."""
    return size if people == 1 else size - 1.5


def _table(
    week: WeekGrid, rows: list[ChartRow], legend: float
) -> tuple[Table, dict[PersonName, str]]:
    """The largest type whose rows, each as tall as it must be, fit one page with the legend
    under them; else without it (the legend goes over the page); else, for a house too big
    for one page, rows as short as they can be, over as many pages as they take."""
    whole = PAGE_HEIGHT - HEADER_ROW - NOTE - 2  # 2 pt to spare for rounding
    for room in (whole - legend, whole):
        for size in SIZES:
            body, names = _body(rows, week.free, size)
            heights = _row_heights(body, room)
            if heights is not None:
                return _styled(week, rows, body, heights), names
    body, names = _body(rows, week.free, SIZES[-1])
    return _styled(week, rows, body, [_measured(row) for row in body]), names


Body: TypeAlias = list[list[Flowable | list[Flowable] | str]]


def _body(
    rows: list[ChartRow], free: Sequence[PersonName], size: float
) -> tuple[Body, dict[PersonName, str]]:
    # One form of name on the whole sheet, the line of who is free included: “Marcus Bell”
    # beside “Tommy H.” reads as a mistake.
    smallest = names_size(size, 2) - 1.5
    people = people_on(rows) | set(free)
    names = sheet_names(people, lambda n: stringWidth(n, BOLD, smallest) <= TEXT_WIDTH)
    body: Body = [
        [_chore_label(row, size)]
        + [
            NameCell(cells, names, names_size(size, len(cells))) if cells else ""
            for cells in row.days
        ]
        for row in rows
    ]
    return body, names


def _measured(row: Sequence[Flowable | list[Flowable] | str]) -> float:
    """The height a row's tallest cell takes, with its padding."""
    tallest = 0.0
    for n, cell in enumerate(row):
        width = CHORE_COLUMN - 2 * PADDING if n == 0 else DAY_WIDTH
        tallest = max(tallest, flowing_height(cell if isinstance(cell, list) else [cell], width))
    return tallest + 2 * ROW_PADDING


def flowing_height(flowables: Sequence[Flowable | str], width: float = PAGE_WIDTH) -> float:
    """The height the flowables take, with the space a paragraph keeps above and below it
    (``wrap`` leaves that out: a legend measured without it was pushed over the page)."""
    return float(
        sum(
            f.wrap(width, PAGE_HEIGHT)[1] + f.getSpaceBefore() + f.getSpaceAfter()
            for f in flowables
            if isinstance(f, Flowable)
        )
    )


def _row_heights(
    body: list[list[Flowable | list[Flowable] | str]], room: float
) -> list[float] | None:
    """Rows share out ``room`` (up to ROOMY each), none shorter than it must be; None when
    even the shortest rows would not fit."""
    needed = [_measured(row) for row in body]
    if sum(needed) > room:
        return None
    share = min(ROOMY, room / len(body))
    while sum(max(n, share) for n in needed) > room:
        share -= 0.5
    return [max(n, share) for n in needed]


def _styled(
    week: WeekGrid,
    rows: list[ChartRow],
    body: list[list[Flowable | list[Flowable] | str]],
    heights: list[float],
) -> Table:
    header = [Paragraph("<b>Chore</b>", style(10))] + [
        Paragraph(f"<b>{DAY_NAMES[d.weekday()]}</b> {d.day} {d:%b}", style(10, alignment=1))
        for d in week.days
    ]
    table = Table(
        [header, *body],
        colWidths=[CHORE_COLUMN] + [DAY_WIDTH] * 7,
        rowHeights=[HEADER_ROW, *heights],
        repeatRows=1,  # a chart over two pages has the days on both
    )
    commands: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.6, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LEFTPADDING", (1, 1), (-1, -1), 0),
        ("RIGHTPADDING", (1, 1), (-1, -1), 0),
        ("TOPPADDING", (0, 1), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 0),
    ]
    for r, row in enumerate(rows, start=1):
        for c, cells in enumerate(row.days, start=1):
            if not cells:
                commands.append(("BACKGROUND", (c, r), (c, r), SHADE))
    table.setStyle(TableStyle(commands))
    return table


def _chore_label(row: ChartRow, size: float) -> list[Flowable]:
    """The chore's whole name, wrapped in its column, and its area and effort under it."""
    detail = " · ".join(part for part in (row.area, f"effort {row.weight}") if part)
    # The detail follows the name on its line when there is room: rows stay short.
    return [
        Paragraph(
            f"<b>{escape(row.name)}</b> <font size={size - 3.5} color='#595959'>"
            f"{escape(detail)}</font>",
            style(size - 1),
        )
    ]


def _legend(rows: list[ChartRow]) -> list[Flowable]:
    """How each chore is done, from the catalogue's instructions, in three columns."""
    notes = [
        Paragraph(f"<b>{escape(row.name)}</b>: {escape(row.instructions)}", style(8))
        for row in rows
        if row.instructions.strip()
    ]
    if not notes:
        return []
    third = (len(notes) + 2) // 3  # down the first column, then the next: as a list reads
    columns = [notes[n * third : (n + 1) * third] for n in range(3)]
    lines = [[c[n] if n < len(c) else "" for c in columns] for n in range(third)]
    table = Table(lines, colWidths=[PAGE_WIDTH / 3] * 3)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    heading = Paragraph("<b>How each chore is done</b>", style(9.5, spaceBefore=6, spaceAfter=2))
    return [heading, table]


class NameCell(Flowable):
    """The names for one chore on one day, each with a box to initial when it's done, and
    how a past day went under the name."""

    def __init__(
        self, cells: tuple[GridCell, ...], names: dict[PersonName, str], size: float
    ) -> None:
        super().__init__()
        self.width = DAY_WIDTH
        self.people = [_person_lines(cell, names, size) for cell in cells]
        self.heights: list[float] = []

    def wrap(self, _available_width: float, available_height: float) -> tuple[float, float]:
        self.heights = [flowing_height(lines, TEXT_WIDTH) for lines, _boxed in self.people]
        self.height = sum(self.heights) + 2 * (len(self.people) - 1)
        return self.width, self.height

    def draw(self) -> None:
        top = self.height
        for (lines, boxed), height in zip(self.people, self.heights, strict=True):
            bottom = top - height
            y = top
            for line in lines:
                y -= line.wrap(TEXT_WIDTH, PAGE_HEIGHT)[1]
                line.drawOn(self.canv, NAME_INSET, y)
            if boxed:
                box = min(BOX, height - 1)
                self.canv.setStrokeColor(GRID)
                self.canv.setLineWidth(0.7)
                self.canv.rect(self.width - box - BOX_INSET, bottom + (height - box) / 2, box, box)
            top = bottom - 2


def _person_lines(
    cell: GridCell, names: dict[PersonName, str], size: float
) -> tuple[list[Flowable], bool]:
    """The name (and a past day's sign-off under it), and whether it has a box to initial."""
    if cell.person is None or cell.away:
        return [Paragraph("unassigned", style(size - 1, colour=QUIET))], False
    name = names.get(cell.person, cell.person.full)
    lines: list[Flowable] = [_fitted(name, size)]
    mark = _mark(cell, names)
    if mark:
        lines.append(Paragraph(escape(mark), style(max(size - 3.5, 6.5))))
    return lines, True


def _fitted(name: str, size: float) -> Paragraph:
    """The name on one line in type up to 2 pt smaller; a name too long for that wraps."""
    shown = size
    while shown > size - 2 and stringWidth(name, BOLD, shown) > TEXT_WIDTH:
        shown -= 0.5
    return Paragraph(escape(name), style(shown, bold=True, embeddedHyphenation=1))


def _mark(cell: GridCell, names: dict[PersonName, str]) -> str:
    """What a past day's sign-off says, printed small under the name."""
    if cell.status is SignOff.COVERED:
        who = names.get(cell.covered, cell.covered_by) if cell.covered else cell.covered_by
        return f"covered by {who}"
    if cell.status is SignOff.PENDING:
        return ""
    return cell.status.label.lower()


def chart_file_name(week_start: date) -> str:
    """A default file name that says what and when, never who."""
    return f"chore-chart-{week_start.isoformat()}.pdf"
