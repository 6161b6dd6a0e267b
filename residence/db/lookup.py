"""Fetching a row a user picked, which may have gone since the screen was drawn."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.orm import Session

from residence.errors import NotFound

Row = TypeVar("Row")


def get_row(session: Session, model: type[Row], row_id: int, what: str) -> Row:
    # An id SQLite can't even hold (typed on the command line) is simply not there.
    row = session.get(model, row_id) if 0 < row_id < 2**63 else None
    if row is None:
        raise NotFound(f"That {what} no longer exists; the list was out of date.")
    return row
