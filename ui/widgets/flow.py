"""A row of buttons that wraps onto a second line when the window is narrow, instead of setting
the window's width."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QStyle, QWidget


class WrappingRow(QWidget):
    """Its widgets side by side, in the order added, on as many lines as the width needs.

    (A widget rather than a layout: the row owns its buttons as any widget owns children.)"""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._widgets: list[QWidget] = []
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def addWidget(self, widget: QWidget) -> None:  # noqa: N802 - as a layout's
        widget.setParent(self)
        self._widgets.append(widget)
        widget.show()
        self.updateGeometry()

    def addStretch(self, _stretch: int = 0) -> None:  # noqa: N802 - as a layout's
        """Nothing: the row's widgets start at the left, and a wrapped line too."""

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(width, move=False)

    def sizeHint(self) -> QSize:  # noqa: N802
        """One line, as wide as all of it: what it takes when there is room."""
        shown = self._shown()
        width = sum(w.sizeHint().width() for w in shown) + self._gap() * max(0, len(shown) - 1)
        return QSize(width, max((w.sizeHint().height() for w in shown), default=0))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        """As wide as the widest widget: narrower than that, nothing can help."""
        widest = max((w.sizeHint().width() for w in self._shown()), default=0)
        return QSize(widest, self._arrange(widest, move=False))

    def event(self, event: QEvent) -> bool:
        # A widget in the row changed its size (a label got its text): place them again.
        if event.type() == QEvent.Type.LayoutRequest:
            self._arrange(self.width(), move=True)
            self.updateGeometry()
        return super().event(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        self._arrange(event.size().width(), move=True)
        super().resizeEvent(event)

    def _shown(self) -> list[QWidget]:
        return [w for w in self._widgets if not w.isHidden()]

    def _gap(self) -> int:
        return self.style().pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing) or 6

    def _arrange(self, width: int, *, move: bool) -> int:
        """Lay the widgets out in lines ``width`` wide (each centred on its line's height);
        the height it takes."""
        gap = self._gap()
        lines: list[list[QWidget]] = [[]]
        x = 0
        for widget in self._shown():
            wide = widget.sizeHint().width()
            if x + wide > width and lines[-1]:
                lines.append([])
                x = 0
            lines[-1].append(widget)
            x += wide + gap
        y = 0
        for line in lines:
            height = max((w.sizeHint().height() for w in line), default=0)
            x = 0
            for widget in line:
                hint = widget.sizeHint()
                if move:
                    widget.setGeometry(QRect(QPoint(x, y + (height - hint.height()) // 2), hint))
                x += hint.width() + gap
            y += height + gap
        return max(0, y - gap)
