"""Reading residents: the table's current/former/all filters, files, and returning people."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from residence.errors import NotFound
from residence.residents.reasons import DischargeReason
from residence.residents.records import Admission, Discharge, PersonDetails, Status
from tests.conftest import TODAY, House

D = timedelta(days=1)


def admit(house: House, first: str, last: str, *, days_ago: int = 30, **more: object) -> int:
    details = PersonDetails(first, last, **more)  # type: ignore[arg-type]
    return house.residents.admit(Admission(details, move_in=TODAY - days_ago * D)).value


def discharge(house: House, person_id: int, days_ago: int = 1) -> None:
    stay = house.queries.detail(person_id).stays[-1]
    house.residents.discharge(stay.id, Discharge(TODAY - days_ago * D, DischargeReason.COMPLETED))


@pytest.fixture
def mixed(house: House) -> dict[str, int]:
    """Two current residents and one former one."""
    ids = {
        "zoe": admit(house, "Zoë", "O'Brien-Łukasz", sobriety_date=TODAY - 45 * D),
        "minh": admit(house, "Nguyễn", "Thị Minh"),
        "jose": admit(house, "José", "Ñúñez", date_of_birth=date(1985, 7, 4), days_ago=90),
    }
    discharge(house, ids["jose"], days_ago=10)
    return ids


def names(house: House, status: Status) -> list[str]:
    return [row.name for row in house.queries.rows(status)]


def test_current_former_and_all_filters(house: House, mixed: dict[str, int]) -> None:
    assert set(names(house, Status.CURRENT)) == {"Zoë O'Brien-Łukasz", "Nguyễn Thị Minh"}
    assert names(house, Status.FORMER) == ["José Ñúñez"]
    assert set(names(house, Status.ALL)) == {
        "Zoë O'Brien-Łukasz",
        "Nguyễn Thị Minh",
        "José Ñúñez",
    }
    assert names(house, Status.CURRENT) == names(house, Status.CURRENT)  # stable
    assert house.queries.rows() == house.queries.rows(Status.CURRENT)


def test_rows_are_sorted_by_last_name_ignoring_case_and_accents(house: House) -> None:
    for first, last in [("Ann", "zimmer"), ("Bo", "Álvarez"), ("Cy", "Brown"), ("Al", "alvarez")]:
        admit(house, first, last)
    assert [row.name for row in house.queries.rows()] == [
        "Al alvarez",
        "Bo Álvarez",
        "Cy Brown",
        "Ann zimmer",
    ]


def test_a_former_resident_row_shows_no_bed_and_no_days_sober(house: House) -> None:
    person_id = house.residents.admit(
        Admission(
            PersonDetails("Sam", "Ortiz", sobriety_date=TODAY - 100 * D),
            move_in=TODAY - 50 * D,
            bed_id=house.beds[0].id,
        )
    ).value
    [current] = house.queries.rows()
    assert (current.room_bed, current.days_sober, current.current) == (
        house.beds[0].full_label,
        100,
        True,
    )
    discharge(house, person_id, days_ago=3)
    [former] = house.queries.rows(Status.FORMER)
    assert (former.room_bed, former.days_sober, former.current) == ("", None, False)
    assert former.move_out == TODAY - 3 * D


def test_rows_show_the_latest_stay_of_someone_who_came_back(house: House) -> None:
    person_id = admit(house, "Lee", "Park", days_ago=200)
    discharge(house, person_id, days_ago=100)
    house.residents.admit(
        Admission(PersonDetails("Lee", "Park"), TODAY - 5 * D, returning_person_id=person_id)
    )
    [row] = house.queries.rows(Status.ALL)
    assert (row.move_in, row.move_out) == (TODAY - 5 * D, None)
    assert house.queries.rows(Status.FORMER) == []
    assert [row.person_id for row in house.queries.rows()] == [person_id]


def test_detail_of_a_missing_person_is_not_found(house: House) -> None:
    with pytest.raises(NotFound):
        house.queries.detail(4242)


def test_likely_returning_ignores_case_accents_and_spaces(
    house: House, mixed: dict[str, int]
) -> None:
    [match] = house.queries.likely_returning("jose", "nunez", None)
    assert (match.person_id, match.name) == (mixed["jose"], "José Ñúñez")
    assert (match.last_move_in, match.last_move_out, match.stays) == (
        TODAY - 90 * D,
        TODAY - 10 * D,
        1,
    )
    assert [m.person_id for m in house.queries.likely_returning(" JOSÉ ", "ÑÚÑEZ ", None)] == [
        mixed["jose"]
    ]
    assert [m.person_id for m in house.queries.likely_returning("nguyen", "thi  minh", None)] == [
        mixed["minh"]
    ]


def test_likely_returning_uses_the_birth_date_when_both_are_known(
    house: House, mixed: dict[str, int]
) -> None:
    assert len(house.queries.likely_returning("José", "Ñúñez", date(1985, 7, 4))) == 1
    assert house.queries.likely_returning("José", "Ñúñez", date(1985, 7, 5)) == []
    # Nobody on file has Minh's birth date: a typed one can't rule them out.
    assert len(house.queries.likely_returning("Nguyễn", "Thị Minh", date(1990, 1, 1))) == 1


def test_likely_returning_needs_both_names_and_the_whole_name(
    house: House, mixed: dict[str, int]
) -> None:
    assert house.queries.likely_returning("", "Ñúñez", None) == []
    assert house.queries.likely_returning("José", "  ", None) == []
    assert house.queries.likely_returning("Jos", "Ñúñez", None) == []
    assert house.queries.likely_returning("Ñúñez", "José", None) == []


def test_likely_returning_counts_every_stay(house: House) -> None:
    person_id = admit(house, "Kim", "Lee", days_ago=300)
    discharge(house, person_id, days_ago=200)
    house.residents.admit(
        Admission(PersonDetails("Kim", "Lee"), TODAY - 100 * D, returning_person_id=person_id)
    )
    discharge(house, person_id, days_ago=50)
    [match] = house.queries.likely_returning("kim", "lee", None)
    assert (match.stays, match.last_move_in, match.last_move_out) == (
        2,
        TODAY - 100 * D,
        TODAY - 50 * D,
    )


def test_details_gives_whole_files_filtered_like_the_table(
    house: House, mixed: dict[str, int]
) -> None:
    files = house.queries.details(Status.CURRENT)
    assert {f.person_id for f in files} == {mixed["zoe"], mixed["minh"]}
    [former] = house.queries.details(Status.FORMER)
    assert former.person_id == mixed["jose"]
    assert former.current_stay is None and former.stays[0].move_out == TODAY - 10 * D
    everyone = house.queries.details(Status.ALL)
    assert [f.details.last_name for f in everyone] == ["Ñúñez", "O'Brien-Łukasz", "Thị Minh"]
    zoe = next(f for f in everyone if f.person_id == mixed["zoe"])
    assert zoe.days_sober == 45
    assert zoe == house.queries.detail(mixed["zoe"])


def test_a_chooser_tells_two_people_of_one_name_apart(house: House) -> None:
    def admit(first: str, last: str, born: date | None) -> int:
        details = PersonDetails(first, last, date_of_birth=born)
        return house.residents.admit(Admission(details, date(2026, 6, 1))).value

    older = admit("Christopher", "Bell", date(1980, 2, 3))
    younger = admit("Christopher", "Bell", date(1992, 7, 8))
    twin_a = admit("Dmitri", "Lee", date(1990, 1, 5))  # born the same year: by record
    twin_b = admit("Dmitri", "Lee", date(1990, 9, 9))
    only = admit("Ana", "Quill", None)
    names = dict(house.queries.names())
    assert names[older] == "Christopher Bell (born 1980)"
    assert names[younger] == "Christopher Bell (born 1992)"
    assert names[twin_a] == f"Dmitri Lee (record {twin_a})"
    assert names[twin_b] == f"Dmitri Lee (record {twin_b})"
    assert names[only] == "Ana Quill"
