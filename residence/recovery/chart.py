"""The BARC-10 totals over time as a printed chart (ReportLab's own graphics): a point a
sheet, joined, on the 10–60 scale, with the 47 line the research links with sustained
remission. Drawn in grey and black, to read on a photocopy."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import pairwise

from reportlab.graphics.shapes import Circle, Drawing, Line, String
from reportlab.lib import colors

from residence.dates import format_date
from residence.recovery.records import MOST, REMISSION_LINE, STATEMENTS
from residence.reports.common import BODY, register_fonts

LEAST = len(STATEMENTS)
TICKS = (10, 20, 30, 40, 50, 60)
SIZE = 8  # points: the labels


def capital_drawing(
    points: Sequence[tuple[date, int, int]], width: float, height: float
) -> Drawing:
    """The chart of ``points`` (day, total, stay), oldest first, ``width`` × ``height``
    points; a stay's points are joined, not one stay's to the next."""
    register_fonts()
    drawing = Drawing(width, height)
    left, bottom, right, top = 22.0, 16.0, width - 6, height - 4
    span = (points[-1][0] - points[0][0]).days if points else 0

    def y(total: float) -> float:
        return bottom + (total - LEAST) / (MOST - LEAST) * (top - bottom)

    def x(day: date) -> float:
        if span == 0:
            return (left + right) / 2
        return left + (day - points[0][0]).days / span * (right - left)

    for tick in TICKS:
        drawing.add(
            Line(
                left,
                y(tick),
                right,
                y(tick),
                strokeColor=colors.Color(0.82, 0.82, 0.82),
                strokeWidth=0.5,
            )
        )
        drawing.add(
            String(left - 4, y(tick) - 3, str(tick), fontName=BODY, fontSize=SIZE, textAnchor="end")
        )
    line = y(REMISSION_LINE)
    drawing.add(
        Line(
            left,
            line,
            right,
            line,
            strokeColor=colors.black,
            strokeWidth=0.8,
            strokeDashArray=[4, 3],
        )
    )
    # The line's key under the chart, between the dates: in the plot, the points would cross it.
    middle = (left + right) / 2
    dash = {"strokeColor": colors.black, "strokeWidth": 0.8, "strokeDashArray": [4, 3]}
    drawing.add(Line(middle - 62, 5, middle - 46, 5, **dash))
    key = f"{REMISSION_LINE}: sustained remission"
    drawing.add(String(middle - 42, 2, key, fontName=BODY, fontSize=SIZE))
    spots = [(x(day), y(total)) for day, total, _ in points]
    for ((x1, y1), one), ((x2, y2), other) in pairwise(zip(spots, points, strict=True)):
        if one[2] == other[2]:
            drawing.add(Line(x1, y1, x2, y2, strokeColor=colors.black, strokeWidth=1.2))
    for cx, cy in spots:
        drawing.add(Circle(cx, cy, 2.4, fillColor=colors.black, strokeColor=colors.black))
    if points:
        first = format_date(points[0][0])
        drawing.add(String(left, 2, first, fontName=BODY, fontSize=SIZE))
        if len(points) > 1:
            last = format_date(points[-1][0])
            drawing.add(String(right, 2, last, fontName=BODY, fontSize=SIZE, textAnchor="end"))
    return drawing
