"""The Qt binding itself: PySide6 6.12.0 took a reference from None on every call that returns
nothing, so on Python 3.11 (where None can be freed) the app died after some thousands of label
updates ("none_dealloc"). The pin in pyproject.toml keeps that version out; this keeps it out."""

from __future__ import annotations

import gc
import sys

import pytest
from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem
from pytestqt.qtbot import QtBot


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None and True can't be freed from 3.12 on")
def test_qt_calls_that_return_nothing_leave_none_alone(qtbot: QtBot) -> None:
    label, table = QLabel(), QTableWidget(3, 3)
    qtbot.addWidget(label)
    qtbot.addWidget(table)
    gc.collect()
    none, true = sys.getrefcount(None), sys.getrefcount(True)
    for n in range(2000):
        label.setText(str(n))
        table.setItem(1, 1, QTableWidgetItem("x"))
    gc.collect()
    assert sys.getrefcount(None) >= none - 50  # a little noise, never one per call
    assert sys.getrefcount(True) >= true - 50
