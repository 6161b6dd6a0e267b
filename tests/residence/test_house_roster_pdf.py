"""The house roster: the census for the house's own files."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from io import BytesIO

from pypdf import PdfReader

from residence.consents.records import HouseRoster, RosterLine
from residence.consents.roster_report import house_roster_file_name, house_roster_pdf

TODAY = date(2026, 11, 2)
NAMES = ("José Ñúñez", "Nguyễn Thị Minh", "Zoë O'Brien-Łukasz", "Tommy <Hargreaves> & Sons")


def _roster(lines: tuple[RosterLine, ...], beds: int = 14, occupied: int = 12) -> HouseRoster:
    return HouseRoster("Harbor House", TODAY, beds, occupied, lines, datetime(2026, 11, 2, 9, 41))


def _line(name: str, n: int = 0, *, bed: str = "Oak · A", sober: int | None = 120) -> RosterLine:
    move_in = date(2026, 3, 2) + timedelta(days=n)
    return RosterLine(name, bed, move_in, "Phase 2 — working", (TODAY - move_in).days, sober)


def _pages(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(pdf)).pages]


def test_the_roster_shows_the_census_and_every_resident() -> None:
    lines = (
        *(_line(name, n) for n, name in enumerate(NAMES)),
        _line("Marcus Bell", 9, bed="", sober=None),
    )
    (page,) = _pages(house_roster_pdf(_roster(lines, beds=14, occupied=4)))
    assert "House roster" in page
    assert "4 of 14 beds filled · 10 free · 5 residents" in page
    assert all(name in page for name in NAMES)
    assert "Resident Bed Moved in Days in house Phase Days sober" in page
    assert "Marcus Bell no bed 11 Mar 2026 236 Phase 2 — working —" in page
    assert "José Ñúñez Oak · A 2 Mar 2026 245 Phase 2 — working 120" in page
    assert "For the house's own files. Not for disclosure." in page


def test_the_census_line_counts_in_the_singular_too() -> None:
    (page,) = _pages(house_roster_pdf(_roster((_line("Eli Stone"),), beds=1, occupied=1)))
    assert "1 of 1 bed filled · 0 free · 1 resident" in page


def test_an_empty_house_says_so() -> None:
    (page,) = _pages(house_roster_pdf(_roster((), beds=14, occupied=0)))
    assert "0 of 14 beds filled · 14 free · 0 residents" in page
    assert "Nobody lives in the house." in page


def test_a_long_roster_repeats_the_header_and_the_note_on_each_page() -> None:
    lines = tuple(_line(f"Resident Number{n:02d}", n) for n in range(60))
    pages = _pages(house_roster_pdf(_roster(lines, beds=60, occupied=60)))
    assert len(pages) >= 2
    for page in pages:
        assert "Resident Bed Moved in Days in house Phase Days sober" in page
        assert "Not for disclosure." in page
    assert all(f"Resident Number{n:02d}" in " ".join(pages) for n in range(60))


def test_the_file_name_has_the_date_and_no_names() -> None:
    assert house_roster_file_name(TODAY) == "house-roster-2026-11-02.pdf"
