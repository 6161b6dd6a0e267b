"""The sign-in sheet and the minutes, as printed and filed."""

from __future__ import annotations

import shutil
from datetime import date, time, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from residence.chores.records import ChoreReport
from residence.meetings.minutes import ActionItemInfo, MinutesView
from residence.meetings.records import Kind, Occurrence
from residence.meetings.sheets_report import MinutesDocument, minutes_pdf
from residence.residents.records import Status
from residence.workspace import open_workspace
from tests.conftest import NOW, TODAY, cli, clock_on


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, demo_template: Path) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    shutil.copy(demo_template, path)
    return path


def _last_sunday() -> date:
    today = TODAY
    return today - timedelta(days=(today.weekday() + 1) % 7 or 7)


def _text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(path).pages)


def test_minutes_have_the_agenda_the_roll_call_and_the_carried_items(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "minutes.pdf"
    sunday = _last_sunday()
    assert (
        cli(["report", "minutes", "--db", str(demo), "--date", sunday.isoformat(), "-o", str(out)])
        == 0
    )
    text = _text(out)
    headings = (
        "Opening and reading",
        "Roll call",
        "Last meeting's minutes",
        "Chore report",
        "Old business",
        "New business",
        "Decisions",
        "Announcements",
        "Close",
    )
    for heading in headings:
        assert heading in text
    workspace = open_workspace(demo, clock=clock_on())
    try:
        event = workspace.minutes.house_meeting_on(sunday)
        assert event is not None and event.meeting_id is not None
        view = workspace.minutes.view(event.meeting_id)
    finally:
        workspace.close()
    assert all(line.name in text for line in view.roll_call)
    assert all(item.what in text for item in view.carried)
    assert "Final since" in text
    assert "Confidential" in text


def test_no_house_meeting_that_day_is_a_clear_error(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monday = _last_sunday() + timedelta(days=1)
    out = tmp_path / "none.pdf"
    assert (
        cli(["report", "minutes", "--db", str(demo), "--date", monday.isoformat(), "-o", str(out)])
        == 1
    )
    assert "No house meeting was recorded on" in capsys.readouterr().err
    assert not out.exists()


def test_the_sign_in_sheet_lists_who_lives_here_that_day(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "sign-in.pdf"
    sunday = _last_sunday() + timedelta(weeks=1)
    assert (
        cli(["report", "sign-in", "--db", str(demo), "--date", sunday.isoformat(), "-o", str(out)])
        == 0
    )
    text = _text(out)
    workspace = open_workspace(demo, clock=clock_on())
    try:
        current = workspace.queries.rows(Status.CURRENT)
        gone = [
            r for r in workspace.queries.rows(Status.FORMER) if r.move_out and r.move_out <= sunday
        ]
    finally:
        workspace.close()
    assert "Signature" in text and "Sign-in: House meeting" in text
    assert all(r.last_name in text for r in current)
    assert not [r for r in gone if f"{r.first_name} {r.last_name}" in text]


def _view_with(carried: tuple[ActionItemInfo, ...], chores: ChoreReport) -> MinutesView:
    sunday = date(2026, 6, 14)
    meeting = Occurrence(
        1, 1, sunday, Kind.HOUSE, "House meeting", sunday, time(19), 60, "Living room", True
    )
    return MinutesView(meeting, {}, (), carried, (), chores, None, "")


def test_an_item_past_due_at_the_meeting_is_marked_overdue_and_one_done_is_not() -> None:
    raised = date(2026, 6, 7)
    carried = (
        ActionItemInfo(1, "Fix the porch light", "Dana R.", None, date(2026, 6, 10), None, raised),
        ActionItemInfo(2, "Buy a new mop", "Luis M.", None, date(2026, 6, 20), None, raised),
    )
    empty = ChoreReport(None, 0, (), 0, 0, ())
    pdf = minutes_pdf(MinutesDocument("Magnolia House", _view_with(carried, empty), NOW))
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(BytesIO(pdf)).pages)
    assert "Fix the porch light Dana R. 10 Jun 2026 (overdue)" in text
    assert "20 Jun 2026 (overdue)" not in text


def test_the_chore_report_tables_missed_chores_by_day_and_next_week_by_chore() -> None:
    report = ChoreReport(
        date(2026, 6, 8),
        30,
        (("Luis M.", "Trash", date(2026, 6, 12)), ("Dana R.", "Kitchen", date(2026, 6, 9))),
        1,
        0,
        (("Kitchen", "Ana P."), ("Kitchen", "Luis M."), ("Bathrooms", "Dana R.")),
    )
    pdf = minutes_pdf(MinutesDocument("Magnolia House", _view_with((), report), NOW))
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(BytesIO(pdf)).pages)
    assert "30 done, 2 missed, 1 excused, 0 covered" in text
    assert text.index("Kitchen Dana R.") < text.index("Trash Luis M.")  # Tuesday before Friday
    assert "Kitchen Ana P., Luis M." in text
    assert "Bathrooms Dana R." in text
