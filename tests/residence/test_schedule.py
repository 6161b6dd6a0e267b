"""The weekly schedule sheet: meetings at their times, chores with names, one page."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from residence.meetings.schedule_report import WeeklySchedule, schedule_file_name, schedule_pdf
from residence.workspace import Workspace, open_workspace
from tests.conftest import NOW, TODAY, cli, clock_on


@pytest.fixture
def demo(demo_copy: Path) -> Iterator[Workspace]:
    workspace = open_workspace(demo_copy, clock=clock_on())
    yield workspace
    workspace.close()


def _text(workspace: Workspace, day: date) -> list[str]:
    schedule = WeeklySchedule(
        "Magnolia House",
        workspace.weeks.grid(day),
        tuple(workspace.calendar.week(day)),
        datetime(2026, 11, 23, 8, 0),
    )
    # Words in a narrow column wrap: compare with the spacing folded.
    pages = PdfReader(io.BytesIO(schedule_pdf(schedule))).pages
    return [" ".join(p.extract_text().split()) for p in pages]


def test_the_sheet_has_the_weeks_meetings_and_chores_on_one_page(demo: Workspace) -> None:
    [page] = _text(demo, TODAY)
    assert "This week in the house" in page and "Magnolia House" in page
    assert "7:00 pm" in page and "House meeting" in page and "Step study" in page
    assert "(optional)" in page  # the life-skills group is optional
    chores = {row.chore_name for row in demo.weeks.grid(TODAY).rows}
    assert all(name[:10] in page for name in chores)


def _x_of(page_pdf: bytes, wanted: str) -> list[float]:
    """Where on the page (points from the left) each piece of text that is ``wanted`` is."""
    found: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip() == wanted:
            found.append(cm[0] * tm[4] + cm[2] * tm[5] + cm[4])

    PdfReader(io.BytesIO(page_pdf)).pages[0].extract_text(visitor_text=visit)
    return found


def test_a_cancelled_meeting_is_left_off_and_a_moved_one_shows_on_its_new_day(
    demo: Workspace,
) -> None:
    today = TODAY
    week = demo.calendar.week(today)
    group = next(e for e in week if e.title == "Step study")
    house = next(e for e in week if e.title == "House meeting")
    day_before = house.day - timedelta(days=1)
    demo.calendar.cancel(group, "Facilitator away")
    demo.calendar.move(house, day_before, time(18, 15))
    events = tuple(demo.calendar.week(today))
    schedule = WeeklySchedule("Magnolia House", demo.weeks.grid(today), events, NOW)
    pdf = schedule_pdf(schedule)
    page = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert "Step study" not in page
    assert "moved from Sun" in page
    [moved_x] = _x_of(pdf, "6:15 pm")
    [old_column] = _x_of(pdf, f"{house.day.day} {house.day:%b}")
    [new_column] = _x_of(pdf, f"{day_before.day} {day_before:%b}")
    # In the day-before's column (headers are centred, so a little to their left), not its own.
    assert abs(moved_x - new_column) < 30 < abs(moved_x - old_column)


def test_the_demo_week_shows_its_moved_group_and_its_one_off(demo: Workspace) -> None:
    [page] = _text(demo, TODAY)
    assert "Alumni night" in page
    assert "moved from Thu" in page


def test_report_schedule_on_the_command_line(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = demo_copy
    out = tmp_path / schedule_file_name(date(2026, 11, 23))
    assert (
        cli(
            [
                "report",
                "schedule",
                "--db",
                str(path),
                "--week",
                TODAY.isoformat(),
                "-o",
                str(out),
            ]
        )
        == 0
    )
    assert capsys.readouterr().out.strip() == str(out)
    assert len(PdfReader(out).pages) == 1
    assert out.name == "weekly-schedule-2026-11-23.pdf"
