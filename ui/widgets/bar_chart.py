"""A bar chart of counts on screen, drawn as the printed one is: one bar a line, the count at
its end; a hidden count (fewer than 5) is said in words, never drawn."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget
from residence.outcomes.records import Bars
from residence.outcomes.rules import HIDDEN

ROW = 24  # pixels a bar's line takes


class BarChart(QWidget):
    def __init__(self, chart: Bars, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = chart
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(320)
        self.setAccessibleName(chart.title)
        self.setToolTip(
            "\n".join(f"{label}: {HIDDEN if n is None else f'{n:,}'}" for label, n in chart.bars)
        )

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(520, ROW * (len(self.chart.bars) + 1) + 6)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(320, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        bar = QColor(palette.color(QPalette.ColorRole.Highlight))
        metrics = painter.fontMetrics()
        width = self.width()
        bold = painter.font()
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text)
        painter.drawText(QRectF(0, 0, width, ROW), Qt.AlignmentFlag.AlignVCenter, self.chart.title)
        painter.setFont(self.font())
        label_width = min(
            width * 0.42, max(metrics.horizontalAdvance(b[0]) for b in self.chart.bars) + 12
        )
        count_room = metrics.horizontalAdvance(f"{HIDDEN}") + 8
        room = max(width - label_width - count_room, 20)
        most = max((n for _, n in self.chart.bars if n), default=1)
        for row, (label, count) in enumerate(self.chart.bars, start=1):
            top = row * ROW
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(label_width) - 8)
            painter.setPen(text)
            painter.drawText(
                QRectF(0, top, label_width - 8, ROW), Qt.AlignmentFlag.AlignVCenter, shown
            )
            if count is None:
                muted = QColor(text)
                muted.setAlphaF(0.6)
                painter.setPen(muted)
                painter.drawText(QRectF(label_width, top, count_room + room, ROW),
                                 Qt.AlignmentFlag.AlignVCenter, HIDDEN)  # fmt: skip
                continue
            length = room * count / most
            painter.fillRect(QRectF(label_width, top + 5, length, ROW - 10), bar)
            painter.setPen(text)
            painter.drawText(QRectF(label_width + length + 4, top, count_room, ROW),
                             Qt.AlignmentFlag.AlignVCenter, f"{count:,}")  # fmt: skip
        painter.end()
