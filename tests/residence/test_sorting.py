"""Lists a person reads sort as people do: Łucja with the L's, Émile with the E's."""

from __future__ import annotations

from datetime import date, time
from io import BytesIO
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from residence.chores.catalogue import ChoreCatalogue
from residence.chores.records import ChoreInfo
from residence.meetings.calendar import MeetingCalendar
from residence.meetings.records import Kind, SeriesInfo
from residence.residents.records import Admission, PersonDetails
from residence.text_rules import sort_key
from tests.conftest import House, cli

# Code-point order would put É, Ł and Ø after Z.
PEOPLE = [("Zoë", "Zoller"), ("Łucja", "Łukasz"), ("Émile", "Émond"), ("Edgar", "Eaton")]
AS_PEOPLE_SORT = ["Edgar Eaton", "Émile Émond", "Łucja Łukasz", "Zoë Zoller"]


def test_letters_of_their_own_file_with_the_plain_letter() -> None:
    names = ["Zoë", "Øyvind", "Łucja", "Đorđe", "Oscar", "Émile", "Lara", "Dana", "Edgar"]
    assert sorted(names, key=sort_key) == [
        "Dana",
        "Đorđe",
        "Edgar",
        "Émile",
        "Lara",
        "Łucja",
        "Oscar",
        "Øyvind",
        "Zoë",
    ]
    assert sorted(["Straße", "Strasse", "Strasbourg"], key=sort_key) == [
        "Strasbourg",
        "Strasse",
        "Straße",
    ]
    assert sorted(["Aeron", "Æsa", "Adam"], key=sort_key) == ["Adam", "Aeron", "Æsa"]


@given(st.text(max_size=6), st.text(max_size=6))
def test_the_order_is_total_two_names_tie_only_when_they_are_the_same(a: str, b: str) -> None:
    assert (sort_key(a) == sort_key(b)) == (a == b)


@pytest.fixture
def people(house: House) -> House:
    for (first, last), bed in zip(PEOPLE, house.beds, strict=True):
        house.residents.admit(Admission(PersonDetails(first, last), date(2026, 5, 1), bed.id))
    return house


def _pdf_text(path: Path) -> str:
    pages = PdfReader(BytesIO(path.read_bytes())).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def _in_order(text: str, names: list[str]) -> bool:
    places = [text.find(name) for name in names]
    return -1 not in places and places == sorted(places)


def test_the_residents_listing_sorts_as_people_do(
    people: House, db_arg: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(["residents", "--db", db_arg]) == 0
    listed = [line for line in capsys.readouterr().out.splitlines()[1:] if line.strip()]
    names = [next(name for name in AS_PEOPLE_SORT if name in line) for line in listed]
    assert names == AS_PEOPLE_SORT


def test_the_printed_sign_in_sheet_sorts_as_people_do(
    people: House, db_arg: str, tmp_path: Path
) -> None:
    MeetingCalendar(people.db, people.clock).save_series(
        SeriesInfo(None, Kind.HOUSE, "House meeting", 6, time(19), starts=date(2026, 1, 1))
    )
    out = tmp_path / "sign-in.pdf"
    argv = ["report", "sign-in", "--db", db_arg, "--date", "2026-06-21", "-o", str(out)]
    assert cli(argv) == 0
    assert _in_order(_pdf_text(out), AS_PEOPLE_SORT)


def test_the_chore_list_and_printed_chart_sort_as_people_do(
    people: House, db_arg: str, tmp_path: Path
) -> None:
    catalogue = ChoreCatalogue(people.db, people.clock)
    for name in ("Zinc polish", "Łazienka", "Étagères", "Entry"):
        catalogue.save_chore(ChoreInfo(None, name))
    in_order = ["Entry", "Étagères", "Łazienka", "Zinc polish"]
    assert [chore.name for chore in catalogue.chores()] == in_order
    out = tmp_path / "chores.pdf"
    argv = ["report", "chores", "--db", db_arg, "--week", "2026-06-15", "-o", str(out)]
    assert cli(argv) == 0
    assert _in_order(_pdf_text(out), in_order)
