"""A resident's BARC-10 totals over time, as a picture for their file: one point a sheet,
joined, on the 10–60 scale, with the 47 line the research links with sustained remission."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import pairwise

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPalette, QPen
from residence.dates import format_date
from residence.recovery.records import MOST, REMISSION_LINE, STATEMENTS

LEAST = len(STATEMENTS)  # 10: every statement at 1
TICKS = (10, 20, 30, 40, 50, 60)
Point = tuple[date, int, int]  # the day, the total, the stay it was taken in


def capital_chart(
    points: Sequence[Point], width: int, height: int, palette: QPalette, ratio: float
) -> QImage:
    """The chart of ``points`` (oldest first), ``width`` × ``height`` device-independent
    pixels at ``ratio`` (the screen's pixel ratio), in the palette's colours (so a dark theme
    gets a dark chart)."""
    image = QImage(int(width * ratio), int(height * ratio), QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(ratio)
    image.fill(palette.color(QPalette.ColorRole.Base))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont(painter.font())
    font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
    painter.setFont(font)
    metrics = painter.fontMetrics()
    left = metrics.horizontalAdvance("60") + 10
    area = QRectF(left, 8, width - left - 12, height - metrics.height() - 20)
    _grid(painter, area, palette)
    _line_47(painter, area, palette)
    _points(painter, area, points, palette)
    _dates(painter, area, points, palette)
    painter.end()
    return image


def _y(area: QRectF, total: float) -> float:
    return area.bottom() - (total - LEAST) / (MOST - LEAST) * area.height()


def _x(area: QRectF, points: Sequence[Point], day: date) -> float:
    first, last = points[0][0], points[-1][0]
    span = (last - first).days
    if span == 0:
        return area.center().x()
    return area.left() + (day - first).days / span * area.width()


def _grid(painter: QPainter, area: QRectF, palette: QPalette) -> None:
    faint = QColor(palette.color(QPalette.ColorRole.Text))
    faint.setAlphaF(0.15)
    text = palette.color(QPalette.ColorRole.Text)
    for tick in TICKS:
        y = _y(area, tick)
        painter.setPen(QPen(faint, 1))
        painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
        painter.setPen(text)
        box = QRectF(0, y - 8, area.left() - 6, 16)
        painter.drawText(
            box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{tick}"
        )


def _line_47(painter: QPainter, area: QRectF, palette: QPalette) -> None:
    colour = palette.color(QPalette.ColorRole.Link)
    pen = QPen(colour, 1.5, Qt.PenStyle.DashLine)
    painter.setPen(pen)
    y = _y(area, REMISSION_LINE)
    painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
    # Its key is the file's text under the picture: in a narrow pane it has no room here.


def _points(painter: QPainter, area: QRectF, points: Sequence[Point], palette: QPalette) -> None:
    if not points:
        return
    colour = palette.color(QPalette.ColorRole.Highlight)
    spots = [QPointF(_x(area, points, day), _y(area, total)) for day, total, _ in points]
    painter.setPen(QPen(colour, 2))
    # Joined within a stay only: a gap between stays is not a trend.
    for (before, first), (after, second) in pairwise(zip(spots, points, strict=True)):
        if first[2] == second[2]:
            painter.drawLine(before, after)
    painter.setBrush(colour)
    for spot in spots:
        painter.drawEllipse(spot, 3.5, 3.5)
    painter.setBrush(Qt.BrushStyle.NoBrush)


def _dates(painter: QPainter, area: QRectF, points: Sequence[Point], palette: QPalette) -> None:
    """The first and the last sheet's dates under the axis (between them, the points)."""
    painter.setPen(palette.color(QPalette.ColorRole.Text))
    top = area.bottom() + 4
    if not points:
        painter.drawText(
            QRectF(area.left(), area.top(), area.width(), area.height()),
            Qt.AlignmentFlag.AlignCenter,
            "No BARC-10 on file yet",
        )
        return
    first = format_date(points[0][0])
    painter.drawText(QRectF(area.left(), top, area.width(), 18), Qt.AlignmentFlag.AlignLeft, first)
    if len(points) > 1:
        last = format_date(points[-1][0])
        painter.drawText(
            QRectF(area.left(), top, area.width(), 18), Qt.AlignmentFlag.AlignRight, last
        )
