"""The home page: census, recent move-ins and move-outs, milestones this week."""

from __future__ import annotations

from datetime import date, timedelta

from residence.home import HomeService
from residence.house.records import HouseSettings
from residence.residents.reasons import DischargeReason
from residence.residents.records import Admission, Discharge, PersonDetails
from tests.conftest import TODAY, House, clock_on

D = timedelta(days=1)


def admit(
    house: House, first: str, *, days_ago: int, bed: int | None = None, sober: date | None = None
) -> tuple[int, int]:
    details = PersonDetails(first, "Test", sobriety_date=sober)
    bed_id = house.beds[bed].id if bed is not None else None
    person_id = house.residents.admit(Admission(details, TODAY - days_ago * D, bed_id)).value
    return person_id, house.queries.detail(person_id).stays[-1].id


def test_an_empty_house(house: House) -> None:
    summary = house.home.summary()
    assert (summary.today, summary.week_first) == (TODAY, TODAY)  # TODAY is a Monday
    assert (summary.census.beds, summary.census.occupied, summary.census.free) == (4, 0, 4)
    assert summary.census.residents == 0
    assert summary.recent_moves == () and summary.milestones == ()


def test_census_counts_beds_in_use_and_residents(house: House) -> None:
    admit(house, "Bed", days_ago=40, bed=0)
    admit(house, "Nobed", days_ago=40)
    _, leaver = admit(house, "Leaver", days_ago=40, bed=1)
    house.residents.discharge(leaver, Discharge(TODAY - 3 * D, DischargeReason.COMPLETED))
    house.house.set_bed_retired(house.beds[3].id, True)
    census = house.home.summary().census
    assert (census.beds, census.occupied, census.free, census.residents) == (3, 1, 2, 2)


def test_a_bed_move_does_not_change_the_census(house: House) -> None:
    _, stay = admit(house, "Mover", days_ago=40, bed=0)
    house.residents.move_bed(stay, house.beds[2].id, TODAY - D)
    census = house.home.summary().census
    assert (census.occupied, census.residents) == (1, 1)


def test_recent_moves_are_the_last_fourteen_days_newest_first(house: House) -> None:
    old_id, _ = admit(house, "Old", days_ago=15)
    edge_id, _ = admit(house, "Edge", days_ago=14)
    new_id, new_stay = admit(house, "New", days_ago=5)
    house.residents.discharge(new_stay, Discharge(TODAY - 2 * D, DischargeReason.LEFT_EARLY))
    moves = house.home.summary().recent_moves
    assert [(m.person_id, m.on, m.moved_in, m.reason) for m in moves] == [
        (new_id, TODAY - 2 * D, False, DischargeReason.LEFT_EARLY),
        (new_id, TODAY - 5 * D, True, None),
        (edge_id, TODAY - 14 * D, True, None),
    ]
    assert moves[0].name == "New Test"
    assert old_id not in {m.person_id for m in moves}


def test_a_long_stay_that_ended_recently_shows_only_its_move_out(house: House) -> None:
    person_id, stay = admit(house, "Long", days_ago=300)
    house.residents.discharge(stay, Discharge(TODAY, DischargeReason.COMPLETED))
    [move] = house.home.summary().recent_moves
    assert (move.person_id, move.on, move.moved_in, move.reason) == (
        person_id,
        TODAY,
        False,
        DischargeReason.COMPLETED,
    )


def test_milestones_this_week_for_current_residents_only(house: House) -> None:
    # Week of Monday 15 June to Sunday 21 June 2026.
    month_id, _ = admit(house, "Month", days_ago=10, sober=date(2026, 5, 20))  # 30 days: 19 Jun
    year_id, _ = admit(house, "Year", days_ago=100, sober=date(2025, 6, 21))  # 1 year: 21 Jun
    admit(house, "Other", days_ago=10, sober=date(2026, 5, 1))  # 30 days was 31 May
    _, gone = admit(house, "Gone", days_ago=10, sober=date(2026, 5, 18))  # 30 days: 17 Jun
    house.residents.discharge(gone, Discharge(TODAY, DischargeReason.LEFT_EARLY))
    admit(house, "Unknown", days_ago=10)
    milestones = house.home.summary().milestones
    assert [(m.person_id, m.label, m.on) for m in milestones] == [
        (month_id, "30 days", date(2026, 6, 19)),
        (year_id, "1 year", date(2026, 6, 21)),
    ]


def test_the_week_follows_the_house_setting(house: House) -> None:
    admit(house, "Sat", days_ago=10, sober=date(2026, 5, 14))  # 30 days: Sat 13 Jun
    admit(house, "Sun", days_ago=10, sober=date(2026, 5, 22))  # 30 days: Sun 21 Jun
    house.house.save_settings(HouseSettings(name="Magnolia House", week_starts_on=5))  # Saturday
    summary = HomeService(house.db, clock=clock_on()).summary()
    assert summary.week_first == date(2026, 6, 13)
    assert [m.name for m in summary.milestones] == ["Sat Test"]
