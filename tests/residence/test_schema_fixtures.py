"""Databases written by each released schema still open, with every record intact."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from residence.residents.records import Status
from residence.workspace import open_workspace
from tests.conftest import clock_on

FIXTURES = Path(__file__).parent.parent / "fixtures"


def test_the_first_schema_opens_with_its_records(tmp_path: Path) -> None:
    copy = tmp_path / "schema-0001.sqlite3"
    shutil.copy(FIXTURES / "schema-0001.sqlite3", copy)
    workspace = open_workspace(copy, create=False, clock=clock_on(date(2026, 6, 15)))
    try:
        assert workspace.house.settings().name == "Fixture House"  # type: ignore[union-attr]
        rows = {row.name: row for row in workspace.queries.rows(Status.ALL)}
        assert rows["Zoë O'Brien-Łukasz"].room_bed == "Room 1 · A"
        assert rows["Zoë O'Brien-Łukasz"].case_manager == "Alicia Gómez (Riverside)"
        gone = workspace.queries.detail(rows["José Ñúñez"].person_id).stays[0]
        assert gone.move_out == date(2026, 5, 2)
        assert gone.amendments[0].why == "Typo in the date"
    finally:
        workspace.close()
