"""The printed chore chart, read back from the PDF as a resident at the fridge would."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from residence.chores.records import SignOff
from residence.chores.report import ChoreChart, chart_file_name, chart_rows, chore_chart_pdf
from residence.db.database import Location
from residence.residents.records import Status
from residence.workspace import Workspace, open_workspace
from tests.conftest import TODAY, cli, clock_on


@pytest.fixture
def demo(demo_house: Location) -> Location:
    return demo_house


@pytest.fixture
def workspace(demo: Location) -> Iterator[Workspace]:
    ws = open_workspace(demo, clock=clock_on())
    yield ws
    ws.close()


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_the_chart_names_the_week_every_assigned_resident_and_no_former_one(
    workspace: Workspace,
) -> None:
    grid = workspace.weeks.grid(TODAY)
    pdf = chore_chart_pdf(ChoreChart("Magnolia House", grid, datetime(2026, 11, 23, 9, 30)))
    [page] = _pages(pdf)
    assert f"Week of {grid.start.day} {grid.start:%b %Y}" in page
    assert "Magnolia House" in page and "Page 1 of 1" in page and "Made 23 Nov 2026, 09:30" in page
    first_names = {c.person_name.split()[0] for c in grid.cells() if c.person_id is not None}
    assert first_names and all(name in page for name in first_names)
    former = {r.first_name for r in workspace.queries.rows(Status.FORMER)} - {
        r.first_name for r in workspace.queries.rows(Status.CURRENT)
    }
    assert not [name for name in former if name in page]


def test_unicode_names_print_as_typed(workspace: Workspace) -> None:
    grid = workspace.weeks.grid(TODAY - timedelta(weeks=1))
    page = _pages(chore_chart_pdf(ChoreChart("Casa Ñandú", grid, datetime(2026, 1, 1))))[0]
    assert "Casa Ñandú" in page
    for name in {c.person_name.split()[0] for c in grid.cells() if c.person_id is not None}:
        assert name in page  # Zoë, Nguyễn, Lucía… as letters, not boxes


def test_a_full_house_fits_on_one_landscape_page(tmp_path: Path) -> None:
    from tests.residence.test_chores_scale import twenty_by_twenty

    grid = twenty_by_twenty(tmp_path)
    pdf = chore_chart_pdf(ChoreChart("Big House", grid, datetime(2026, 1, 1)))
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    # Look-alike names stay told apart, even in a crowded chart.
    christophers = {line.strip() for line in text.splitlines() if line.startswith("Christ")}
    assert {name[-2:] for name in christophers} == {"M.", "B."}
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == (792.0, 612.0)  # Letter, landscape


def test_past_days_show_how_they_went(workspace: Workspace) -> None:
    grid = workspace.weeks.grid(TODAY - timedelta(weeks=1))
    page = _pages(chore_chart_pdf(ChoreChart("M", grid, datetime(2026, 1, 1))))[0]
    page = page.split("How each chore is done")[0]  # the legend's instructions say "done" too
    # Every name says how it went under it, two to a cell as well as one.
    cells = [c for row in chart_rows(grid) for cells in row.days for c in cells]
    assert any(len(shared) == 2 for row in chart_rows(grid) for shared in row.days)
    done = sum(c.status is SignOff.DONE for c in cells)
    assert done > 0 and page.count("done") == done + 1  # + the footer's "when the chore is done"
    assert page.count("missed") == sum(c.status is SignOff.MISSED for c in cells)


def test_the_default_file_name_says_what_and_when_not_who() -> None:
    assert chart_file_name(date(2026, 11, 23)) == "chore-chart-2026-11-23.pdf"


def test_report_chores_writes_the_pdf_and_makes_the_week_if_needed(
    demo: Location, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "chart.pdf"
    next_week = (TODAY + timedelta(weeks=1)).isoformat()
    assert cli(["report", "chores", "--db", str(demo), "--week", next_week, "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    [page] = _pages(out.read_bytes())
    assert "Chore chart" in page and "unassigned" not in page  # the demo has hands for all
    workspace = open_workspace(demo, clock=clock_on())
    try:
        assert workspace.weeks.grid(TODAY + timedelta(weeks=1)).generated
    finally:
        workspace.close()


def test_report_chores_into_a_missing_folder_says_so(
    demo: Location, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "no such folder" / "chart.pdf"
    assert cli(["report", "chores", "--db", str(demo), "--week", "2026-11-23", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("residence: Can't write") and err.count("\n") == 1


def test_someone_who_moved_out_is_not_printed_for_the_days_after(demo: Location) -> None:
    from residence.residents.reasons import DischargeReason
    from residence.residents.records import Discharge

    thursday = TODAY + timedelta(days=3)  # they lived here Monday to Wednesday
    workspace = open_workspace(demo, clock=clock_on(thursday))
    try:
        grid = workspace.weeks.grid(thursday)
        days: dict[int, set[date]] = {}
        for cell in grid.cells():
            if cell.person_id is not None:
                days.setdefault(cell.person_id, set()).add(cell.day)
        # Someone with chores both before and after the day they leave.
        person = next(p for p, theirs in days.items() if {TODAY, thursday} <= theirs)
        stay = workspace.queries.detail(person).stays[-1]
        workspace.residents.discharge(stay.id, Discharge(thursday, DischargeReason.OTHER))
        after = workspace.weeks.grid(thursday)
        theirs = [c for c in after.cells() if c.person_id == person]
        assert {c.away for c in theirs if c.day >= thursday} == {True}
        assert {c.away for c in theirs if c.day < thursday} == {False}  # still theirs
        page = _pages(chore_chart_pdf(ChoreChart("M", after, datetime(2026, 1, 1))))[0]
        gone = {(c.chore_id, c.day) for c in theirs if c.day >= thursday}
        assert page.count("unassigned") >= len(gone)
        # Regenerating shares their chores out to people still living here.
        again = workspace.weeks.generate(thursday).value.grid
        assert not [c for c in again.cells() if c.person_id == person and c.day >= thursday]
    finally:
        workspace.close()


def test_report_chores_refuses_to_invent_a_past_week(
    demo: Location, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "old.pdf"
    assert cli(["report", "chores", "--db", str(demo), "--week", "2025-01-01", "-o", str(out)]) == 1
    assert "is over and had no chore rotation" in capsys.readouterr().err
    assert not out.exists()
