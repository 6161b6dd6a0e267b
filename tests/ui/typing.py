"""Typing into widgets as a person does, including letters QTest's keyClicks can't send."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget


def type_text(widget: QWidget, text: str, *, replace: bool = True) -> None:
    """Type ``text`` key by key (é, ễ, Ł too), after clearing the field when ``replace``."""
    if replace and hasattr(widget, "clear"):
        widget.clear()
    for char in text:
        # keyClicks asserts on non-ASCII letters; a key event carrying the text works for all.
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_A, char, Qt.KeyboardModifier.NoModifier
        )
