"""Importing residents from a spreadsheet: every row checked first, then all of them or none."""

from __future__ import annotations

from datetime import date

import pytest

from residence.residents.importing import ImportRejected, ResidentImport
from residence.residents.reasons import DischargeReason
from residence.residents.records import Admission, Discharge, PersonDetails, Status
from tests.conftest import House


@pytest.fixture
def importer(house: House) -> ResidentImport:
    return ResidentImport(house.house, house.residents, house.queries)


def _csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_excel_file_with_bom_us_dates_and_odd_header_case(
    house: House, importer: ResidentImport
) -> None:
    data = "\ufeff".encode() + _csv(
        "First_Name,LAST_NAME,Move_In,Date_of_Birth,Room,Bed,Phase,Sobriety_Date",
        "Nguyễn,Thị Minh,06/01/2026,11/02/1994,room 1,a,2,2026-01-15",
    )
    assert importer.run(data).value == 1
    [row] = house.queries.rows()
    assert (row.name, row.room_bed, row.phase, row.move_in) == (
        "Nguyễn Thị Minh",
        "Room 1 · A",
        "Phase 2",
        date(2026, 6, 1),
    )
    assert house.queries.detail(row.person_id).details.date_of_birth == date(1994, 11, 2)


def test_semicolon_separated_files_are_read_too(house: House, importer: ResidentImport) -> None:
    importer.run(_csv("first_name;last_name;move_in", "Ana;Silva;2026-06-01"))
    assert [r.name for r in house.queries.rows()] == ["Ana Silva"]


def test_every_problem_is_listed_with_its_line_and_nothing_is_saved(
    house: House, importer: ResidentImport
) -> None:
    data = _csv(
        "first_name,last_name,move_in,room,bed,email",
        "Good,One,2026-06-01,Room 1,A,",
        "Same,Bed,2026-06-01,Room 1,A,",
        "No,Room,2026-06-01,Attic,A,",
        "Bad,Mail,2026-06-01,,,not-an-email",
        "Future,Arrival,2027-01-01,,,",
    )
    preview = importer.preview(data)
    assert [(p.line, p.message) for p in preview.problems] == [
        (3, "Room 1 · A is taken (since 1 Jun 2026); choose a free bed."),
        (4, "there is no room “Attic” (add it in Settings first)"),
        (5, "“not-an-email” is not an email address (name@example.org)."),
        (6, "Move-in date 1 Jan 2027 is in the future; admit on arrival."),
    ]
    with pytest.raises(ImportRejected) as rejected:
        importer.run(data)
    assert "(and 3 more problems)" in str(rejected.value)
    assert house.queries.rows(Status.ALL) == []


def test_a_quoted_cell_over_two_lines_keeps_line_numbers_right(importer: ResidentImport) -> None:
    data = _csv(
        "first_name,last_name,move_in,case_manager_org",
        'Ana,Silva,2026-06-01,"Riverside',
        'Treatment"',
        "Ben,,2026-06-01,",
    )
    org, name = importer.preview(data).problems
    assert org.line == 2 and "keep it on one line" in org.message
    assert name.line == 4 and "Last name is required" in name.message


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty"),
        (_csv("first_name,last_name"), "the required column “move_in” is missing"),
        (_csv("first_name,last_name,move_in,Nickname"), "unknown column “nickname”"),
        (_csv("first_name,last_name,move_in,phone,Phone"), "the column “phone” appears twice"),
        (_csv("first_name,last_name,move_in"), "a header but no residents"),
        ("first_name,last_name,move_in\nJosé,Ñúñez,2026-06-01\n".encode("latin-1"), "not UTF-8"),
        (
            _csv("first_name,last_name,move_in", "A,B,2026-06-01,extra"),
            "4 cells but only 3 columns",
        ),
    ],
)
def test_files_that_cannot_be_read_say_why(
    importer: ResidentImport, data: bytes, message: str
) -> None:
    preview = importer.preview(data)
    assert not preview.can_import
    assert message in str(preview.problems[0])


def test_a_former_resident_in_the_file_gets_a_new_stay_not_a_second_file(
    house: House, importer: ResidentImport
) -> None:
    details = PersonDetails("Samuel", "Okafor", date_of_birth=date(1981, 6, 3))
    person = house.residents.admit(Admission(details, date(2025, 1, 1))).value
    stay = house.queries.detail(person).stays[0]
    house.residents.discharge(stay.id, Discharge(date(2025, 6, 1), DischargeReason.RETURNED_TO_USE))

    data = _csv("first_name,last_name,move_in,date_of_birth", "Samuel,Okafor,2026-06-01,1981-06-03")
    [row] = importer.preview(data).rows
    assert row.returning and row.problem is None
    importer.run(data)
    assert len(house.queries.rows(Status.ALL)) == 1
    assert len(house.queries.detail(person).stays) == 2


def test_someone_who_already_lives_here_is_refused(house: House, importer: ResidentImport) -> None:
    details = PersonDetails("Marcus", "Bell", date_of_birth=date(1983, 1, 9))
    house.residents.admit(Admission(details, date(2026, 5, 1)))
    data = _csv("first_name,last_name,move_in,date_of_birth", "Marcus,Bell,2026-06-01,1983-01-09")
    [problem] = importer.preview(data).problems
    assert "already lives in the house" in problem.message


def test_an_import_says_how_far_it_got(house: House, importer: ResidentImport) -> None:
    told: list[tuple[str, int, int]] = []
    data = _csv(
        "first_name,last_name,move_in,move_out,discharge_reason",
        *(f"Former,Person {n},2020-01-06,2020-02-03,completed" for n in range(3)),
    )
    assert importer.run(data, lambda *step: told.append(step)).value == 3
    assert told == [("Checking", n, 3) for n in (1, 2, 3)] + [
        ("Importing", n, 3) for n in (1, 2, 3)
    ]


def test_a_big_import_prints_a_line_every_tenth_and_a_small_one_none(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import sys

    from residence.residents.cli import _progress_to

    told = _progress_to(sys.stderr)
    for done in range(1, 20_001):
        told("Checking", done, 20_000)
    for done in range(1, 151):
        told("Checking", done, 150)
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == "Checking 2,000 of 20,000 rows…" and len(lines) == 10
