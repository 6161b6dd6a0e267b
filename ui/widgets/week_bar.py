"""The row that steps through house weeks: ◀, This week, ▶, and which week is shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QPushButton

from ui.widgets.flow import WrappingRow


def week_bar(go: Callable[[int], None], *, emphasised: bool = False) -> tuple[WrappingRow, QLabel]:
    """The bar and its label; ``go`` gets -1, 0 (this week) or 1. A page adds its own buttons
    after the label. The row wraps when the window is narrow."""
    label = QLabel()
    if emphasised:
        font = label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        label.setFont(font)
    bar = WrappingRow()
    this_week = QCoreApplication.translate("WeekBar", "This week")
    for text, step in (("◀", -1), (this_week, 0), ("▶", 1)):
        button = QPushButton(text)
        button.clicked.connect(lambda _c=False, step=step: go(step))
        bar.addWidget(button)
    bar.addWidget(label)
    return bar, label
