"""The weekly schedule sheet: meetings at their times, chores with names, one page."""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from residence.cli import main
from residence.reports.schedule import WeeklySchedule, schedule_file_name, schedule_pdf
from residence.workspace import Workspace, open_workspace


@pytest.fixture
def demo(demo_copy: Path) -> Workspace:
    workspace = open_workspace(demo_copy)
    yield workspace  # type: ignore[misc]
    workspace.close()


def _text(workspace: Workspace, day: date) -> list[str]:
    schedule = WeeklySchedule(
        "Magnolia House", workspace.weeks.grid(day), tuple(workspace.calendar.week(day)),
        datetime(2026, 11, 23, 8, 0),
    )  # fmt: skip
    # Words in a narrow column wrap: compare with the spacing folded.
    pages = PdfReader(io.BytesIO(schedule_pdf(schedule))).pages
    return [" ".join(p.extract_text().split()) for p in pages]


def test_the_sheet_has_the_weeks_meetings_and_chores_on_one_page(demo: Workspace) -> None:
    [page] = _text(demo, date.today())
    assert "This week in the house" in page and "Magnolia House" in page
    assert "7:00 pm" in page and "House meeting" in page and "Step study" in page
    assert "(optional)" in page  # the life-skills group is optional
    chores = {row.chore_name for row in demo.weeks.grid(date.today()).rows}
    assert all(name[:10] in page for name in chores)


def test_a_cancelled_meeting_is_left_off_and_a_moved_one_shows_on_its_new_day(
    demo: Workspace,
) -> None:
    today = date.today()
    week = demo.calendar.week(today)
    group = next(e for e in week if e.title == "Step study")
    house = next(e for e in week if e.title == "House meeting")
    demo.calendar.cancel(group, "Facilitator away")
    demo.calendar.move(house, house.day - timedelta(days=1), time(18, 0))
    [page] = _text(demo, today)
    assert "Step study" not in page
    assert "6:00 pm" in page and "House meeting" in page


def test_report_schedule_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.sqlite3"
    main(["demo", str(path)])
    capsys.readouterr()
    out = tmp_path / schedule_file_name(date(2026, 11, 23))
    assert (
        main(
            [
                "report",
                "schedule",
                "--db",
                str(path),
                "--week",
                date.today().isoformat(),
                "-o",
                str(out),
            ]
        )
        == 0
    )
    assert capsys.readouterr().out.strip() == str(out)
    assert len(PdfReader(out).pages) == 1
    assert out.name == "weekly-schedule-2026-11-23.pdf"
