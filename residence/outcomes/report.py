"""The outcomes report on paper: each measure's figures, and a bar chart where it has one. It
names nobody: counts under 5 are "fewer than 5", and nothing a person typed is printed."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import inch
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from residence.dates import format_date
from residence.outcomes.records import Bars, Block, Outcomes
from residence.outcomes.rules import HIDDEN
from residence.reports.common import BODY, GRID, SHADE, PageFrame, register_fonts, render, style

WIDTH = 8.5 * inch - 2 * 0.4 * inch
FOOTER = (
    "De-identified: no names, dates of birth or free text; counts under 5 are shown as "
    "“fewer than 5”. For the house's own improvement and its funders."
)


def outcomes_pdf(outcomes: Outcomes) -> bytes:
    period = f"{format_date(outcomes.first)} – {format_date(outcomes.last)}"
    frame = PageFrame(outcomes.house, "Outcomes", period, outcomes.generated, FOOTER)
    story: list[Flowable] = [Spacer(1, 6)]
    for block in outcomes.blocks:
        story.append(KeepTogether(_block(block)))
    return render(frame, story)


def outcomes_file_name(first: object, last: object) -> str:
    return f"outcomes-{first}-to-{last}.pdf"


def _block(block: Block) -> list[Flowable]:
    parts: list[Flowable] = [
        Paragraph(block.title, style(13, bold=True, spaceBefore=10, spaceAfter=4))
    ]
    rows = [
        [Paragraph(line.label, style(10.5)), Paragraph(line.value, style(10.5))]
        for line in block.lines
    ]
    table = Table(rows, colWidths=(WIDTH * 0.55, WIDTH * 0.45))
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, GRID),
                ("BACKGROUND", (0, 0), (0, -1), SHADE),  # the labels; no header row here
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    parts.append(table)
    chart = block.chart
    if chart is not None and any(n is not None for _, n in chart.bars):
        parts += [Spacer(1, 6), _bars(chart)]
    elif chart is not None:
        parts.append(Paragraph(f"{chart.title}: each fewer than 5.", style(10, spaceBefore=6)))
    if block.note:
        parts.append(Paragraph(block.note, style(9, spaceBefore=4)))
    return parts


def _bars(chart: Bars) -> Drawing:
    """Horizontal bars, one a line, the count at the end; a hidden count is said, not drawn."""
    register_fonts()
    line, label_width = 16.0, WIDTH * 0.42
    drawing = Drawing(WIDTH, line * (len(chart.bars) + 1.5))
    drawing.add(String(0, drawing.height - 11, chart.title, fontName=BODY, fontSize=10))
    most = max((n for _, n in chart.bars if n), default=1)
    room = WIDTH - label_width - 60
    for row, (label, count) in enumerate(chart.bars):
        y = drawing.height - line * (row + 2)
        drawing.add(String(0, y + 3, label, fontName=BODY, fontSize=9))
        if count is None:
            drawing.add(String(label_width, y + 3, HIDDEN, fontName=BODY, fontSize=9))
            continue
        width = room * count / most
        grey = colors.Color(0.55, 0.55, 0.55)
        drawing.add(Rect(label_width, y, width, line - 5, fillColor=grey, strokeColor=None))
        drawing.add(String(label_width + width + 4, y + 3, f"{count:,}", fontName=BODY, fontSize=9))
    return drawing
