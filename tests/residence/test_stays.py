"""Moving beds, changing phase, discharging and amending a discharge: the history is kept."""

from __future__ import annotations

import getpass
from datetime import date, datetime, timedelta

import pytest

from residence.areas import stay_hooks
from residence.clock import FixedClock
from residence.errors import Conflict, NotFound, ValidationError
from residence.residents.reasons import DischargeReason
from residence.residents.records import (
    Admission,
    BedSpan,
    Discharge,
    PersonDetails,
    PhaseSpan,
    Status,
    StayRecord,
)
from residence.residents.service import ResidentService
from tests.conftest import TODAY, House

D = timedelta(days=1)


def bed_of(stay: StayRecord) -> str:
    return stay.current_bed.bed if stay.current_bed is not None else ""


def spans(stay: StayRecord) -> list[tuple[str, date, date | None]]:
    return [(span.bed, span.start, span.end) for span in stay.beds]


def admitted(
    house: House, first: str = "Alex", *, days_ago: int = 60, bed: int | None = 0
) -> tuple[int, int]:
    """Admit someone ``days_ago`` into bed index ``bed``; returns (person id, stay id)."""
    bed_id = house.beds[bed].id if bed is not None else None
    person_id = house.residents.admit(
        Admission(PersonDetails(first, "Rivera"), move_in=TODAY - days_ago * D, bed_id=bed_id)
    ).value
    return person_id, house.queries.detail(person_id).stays[0].id


def stay_of(house: House, person_id: int, index: int = -1) -> StayRecord:
    return house.queries.detail(person_id).stays[index]


# -- moving beds ---------------------------------------------------------------------------


def test_a_bed_move_keeps_the_old_bed_in_the_history(house: House) -> None:
    person_id, stay_id = admitted(house, days_ago=60)
    a, b = house.beds[0], house.beds[1]
    house.residents.move_bed(stay_id, b.id, TODAY - 20 * D)
    stay = stay_of(house, person_id)
    assert spans(stay) == [
        (a.full_label, TODAY - 60 * D, TODAY - 20 * D),
        (b.full_label, TODAY - 20 * D, None),
    ]
    assert bed_of(stay) == b.full_label
    assert house.queries.rows()[0].room_bed == b.full_label


def test_a_bed_move_needs_a_free_bed(house: House) -> None:
    admitted(house, "Holder", days_ago=60, bed=1)
    person_id, stay_id = admitted(house, "Mover", days_ago=60, bed=0)
    with pytest.raises(ValidationError) as raised:
        house.residents.move_bed(stay_id, house.beds[1].id, TODAY)
    assert set(raised.value.errors) == {"bed"}
    assert bed_of(stay_of(house, person_id)) == house.beds[0].full_label


def test_a_bed_left_by_a_move_can_be_taken_the_same_day(house: House) -> None:
    first, first_stay = admitted(house, "First", days_ago=60, bed=0)
    second, second_stay = admitted(house, "Second", days_ago=60, bed=1)
    on = TODAY - 10 * D
    house.residents.move_bed(first_stay, house.beds[2].id, on)  # bed 0 is free from ``on``
    house.residents.move_bed(second_stay, house.beds[0].id, on)
    assert bed_of(stay_of(house, first)) == house.beds[2].full_label
    assert bed_of(stay_of(house, second)) == house.beds[0].full_label
    # ...but not from the day before, when First still slept there.
    third, third_stay = admitted(house, "Third", days_ago=60, bed=3)
    with pytest.raises(ValidationError) as raised:
        house.residents.move_bed(third_stay, house.beds[1].id, on - D)
    assert set(raised.value.errors) == {"bed"}  # Second was in bed 1 until ``on``
    house.residents.move_bed(third_stay, house.beds[1].id, on)
    assert bed_of(stay_of(house, third)) == house.beds[1].full_label


def test_two_residents_can_swap_beds_through_a_free_one(house: House) -> None:
    first, first_stay = admitted(house, "First", bed=0)
    second, second_stay = admitted(house, "Second", bed=1)
    house.residents.move_bed(first_stay, house.beds[2].id, TODAY - 5 * D)
    house.residents.move_bed(second_stay, house.beds[0].id, TODAY - 5 * D)
    house.residents.move_bed(first_stay, house.beds[1].id, TODAY)
    assert bed_of(stay_of(house, first)) == house.beds[1].full_label
    assert bed_of(stay_of(house, second)) == house.beds[0].full_label
    assert [span.bed for span in stay_of(house, first).beds] == [
        house.beds[0].full_label,
        house.beds[2].full_label,
        house.beds[1].full_label,
    ]


def test_a_same_day_move_corrects_the_bed_instead_of_adding_a_move(house: House) -> None:
    person_id, stay_id = admitted(house, days_ago=30)
    house.residents.move_bed(stay_id, house.beds[1].id, TODAY)
    house.residents.move_bed(stay_id, house.beds[2].id, TODAY)  # oops, meant bed 2
    assert spans(stay_of(house, person_id)) == [
        (house.beds[0].full_label, TODAY - 30 * D, TODAY),
        (house.beds[2].full_label, TODAY, None),
    ]
    # Bed 1 was never really taken: someone else may have it today.
    admitted(house, "Other", days_ago=0, bed=1)


def test_a_resident_without_a_bed_can_be_given_one(house: House) -> None:
    person_id, stay_id = admitted(house, days_ago=10, bed=None)
    house.residents.move_bed(stay_id, house.beds[3].id, TODAY - 10 * D)
    assert spans(stay_of(house, person_id)) == [(house.beds[3].full_label, TODAY - 10 * D, None)]


@pytest.mark.parametrize(
    ("on", "wording"),
    [(TODAY + D, "in the future"), (TODAY - 61 * D, "before move-in (16 Apr 2026)")],
)
def test_a_move_must_fall_between_move_in_and_today(house: House, on: date, wording: str) -> None:
    person_id, stay_id = admitted(house, days_ago=60)
    with pytest.raises(ValidationError) as raised:
        house.residents.move_bed(stay_id, house.beds[1].id, on)
    assert set(raised.value.errors) == {"on"}
    assert wording in raised.value.errors["on"]
    assert len(stay_of(house, person_id).beds) == 1


def test_a_move_cannot_be_dated_before_the_last_move(house: House) -> None:
    person_id, stay_id = admitted(house, days_ago=60)
    house.residents.move_bed(stay_id, house.beds[1].id, TODAY - 10 * D)
    with pytest.raises(ValidationError) as raised:
        house.residents.move_bed(stay_id, house.beds[2].id, TODAY - 11 * D)
    assert "before the last bed move" in raised.value.errors["on"]
    assert len(stay_of(house, person_id).beds) == 2


def test_moving_into_the_same_bed_or_a_retired_or_missing_bed_is_refused(house: House) -> None:
    person_id, stay_id = admitted(house)
    with pytest.raises(ValidationError) as raised:
        house.residents.move_bed(stay_id, house.beds[0].id, TODAY)
    assert set(raised.value.errors) == {"bed"}
    house.house.set_bed_retired(house.beds[1].id, True)
    with pytest.raises(ValidationError) as raised:
        house.residents.move_bed(stay_id, house.beds[1].id, TODAY)
    assert "out of use" in raised.value.errors["bed"]
    with pytest.raises(NotFound):
        house.residents.move_bed(stay_id, 9999, TODAY)
    with pytest.raises(NotFound):
        house.residents.move_bed(9999, house.beds[2].id, TODAY)
    assert len(stay_of(house, person_id).beds) == 1


# -- phases --------------------------------------------------------------------------------


def test_phase_changes_keep_the_history_with_their_notes(house: House) -> None:
    person_id, stay_id = admitted(house, days_ago=100)
    p1, p2, p3 = house.phases
    house.residents.change_phase(stay_id, p2.id or 0, TODAY - 70 * D, "  30 days, doing well ")
    house.residents.change_phase(stay_id, p3.id or 0, TODAY - 10 * D, "Mentoring now")
    stay = stay_of(house, person_id)
    assert stay.phases == (
        PhaseSpan(p1.name, TODAY - 100 * D, ""),
        PhaseSpan(p2.name, TODAY - 70 * D, "30 days, doing well"),
        PhaseSpan(p3.name, TODAY - 10 * D, "Mentoring now"),
    )
    assert house.queries.rows()[0].phase == p3.name


def test_a_same_day_phase_change_corrects_the_last_one(house: House) -> None:
    person_id, stay_id = admitted(house, days_ago=40)
    p1, p2, p3 = house.phases
    house.residents.change_phase(stay_id, p2.id or 0, TODAY, "first try")
    house.residents.change_phase(stay_id, p3.id or 0, TODAY, "meant phase 3")
    assert stay_of(house, person_id).phases == (
        PhaseSpan(p1.name, TODAY - 40 * D, ""),
        PhaseSpan(p3.name, TODAY, "meant phase 3"),
    )


def test_phase_change_refusals(house: House) -> None:
    person_id, stay_id = admitted(house, days_ago=40)
    p1, p2, _ = house.phases
    with pytest.raises(ValidationError) as raised:
        house.residents.change_phase(stay_id, p1.id or 0, TODAY)
    assert set(raised.value.errors) == {"phase"}
    with pytest.raises(ValidationError) as raised:
        house.residents.change_phase(stay_id, p2.id or 0, TODAY + D)
    assert set(raised.value.errors) == {"on"}
    with pytest.raises(ValidationError) as raised:
        house.residents.change_phase(stay_id, p2.id or 0, TODAY - 41 * D)
    assert set(raised.value.errors) == {"on"}
    with pytest.raises(ValidationError) as raised:
        house.residents.change_phase(stay_id, p2.id or 0, TODAY, "two\x00lines")
    assert set(raised.value.errors) == {"note"}
    with pytest.raises(NotFound):
        house.residents.change_phase(stay_id, 9999, TODAY)
    assert len(stay_of(house, person_id).phases) == 1


def test_a_first_phase_change_before_move_in_says_move_in(house: House) -> None:
    # No phase change happened yet: the limit is the move-in day, and the message says so.
    _, stay_id = admitted(house, days_ago=40)
    with pytest.raises(ValidationError) as raised:
        house.residents.change_phase(stay_id, house.phases[1].id or 0, TODAY - 41 * D)
    assert raised.value.errors == {"on": "5 May 2026 is before move-in (6 May 2026)."}


# -- discharge -----------------------------------------------------------------------------


def test_discharge_ends_the_stay_and_frees_the_bed(house: House) -> None:
    person_id, stay_id = admitted(house, days_ago=60)
    out = TODAY - 2 * D
    house.residents.discharge(
        stay_id, Discharge(out, DischargeReason.ASKED_TO_LEAVE, " Broke curfew twice. ")
    )
    detail = house.queries.detail(person_id)
    [stay] = detail.stays
    assert (stay.move_out, stay.discharge_reason) == (out, DischargeReason.ASKED_TO_LEAVE)
    assert stay.discharge_note == "Broke curfew twice."
    assert spans(stay) == [(house.beds[0].full_label, TODAY - 60 * D, out)]
    assert bed_of(stay) == ""
    assert detail.current_stay is None
    assert house.queries.rows(Status.CURRENT) == []
    [former] = house.queries.rows(Status.FORMER)
    assert (former.move_out, former.room_bed) == (out, "")
    # The bed is free from the move-out day.
    admitted(house, "Next", days_ago=2, bed=0)


def test_discharging_twice_is_a_conflict(house: House) -> None:
    person_id, stay_id = admitted(house)
    house.residents.discharge(stay_id, Discharge(TODAY - D, DischargeReason.COMPLETED))
    with pytest.raises(Conflict, match="amend"):
        house.residents.discharge(stay_id, Discharge(TODAY, DischargeReason.OTHER))
    [stay] = house.queries.detail(person_id).stays
    assert (stay.move_out, stay.discharge_reason) == (TODAY - D, DischargeReason.COMPLETED)


@pytest.mark.parametrize(
    ("move_out", "wording"),
    [(TODAY + D, "in the future"), (TODAY - 11 * D, "before the last phase change (5 Jun")],
)
def test_move_out_falls_between_the_last_event_and_today(
    house: House, move_out: date, wording: str
) -> None:
    person_id, stay_id = admitted(house, days_ago=60)
    house.residents.change_phase(stay_id, house.phases[1].id or 0, TODAY - 10 * D)
    with pytest.raises(ValidationError) as raised:
        house.residents.discharge(stay_id, Discharge(move_out, DischargeReason.LEFT_EARLY))
    assert set(raised.value.errors) == {"move_out"}
    assert wording in raised.value.errors["move_out"]
    assert house.queries.detail(person_id).current_stay is not None


def test_a_move_out_before_move_in_says_so(house: House) -> None:
    person_id, stay_id = admitted(house, days_ago=60)
    with pytest.raises(ValidationError) as raised:
        house.residents.discharge(stay_id, Discharge(TODAY - 61 * D, DischargeReason.OTHER))
    assert raised.value.errors == {"move_out": "15 Apr 2026 is before move-in (16 Apr 2026)."}
    assert house.queries.detail(person_id).current_stay is not None


def test_move_out_on_the_move_in_day_is_allowed(house: House) -> None:
    person_id, stay_id = admitted(house, days_ago=0)
    house.residents.discharge(stay_id, Discharge(TODAY, DischargeReason.LEFT_EARLY))
    [stay] = house.queries.detail(person_id).stays
    assert stay.move_in == stay.move_out == TODAY


def test_an_ended_stay_cannot_move_or_change_phase(house: House) -> None:
    person_id, stay_id = admitted(house)
    house.residents.discharge(stay_id, Discharge(TODAY - D, DischargeReason.COMPLETED))
    with pytest.raises(Conflict):
        house.residents.move_bed(stay_id, house.beds[1].id, TODAY)
    with pytest.raises(Conflict):
        house.residents.change_phase(stay_id, house.phases[1].id or 0, TODAY)
    [stay] = house.queries.detail(person_id).stays
    assert len(stay.beds) == 1 and len(stay.phases) == 1


def test_discharging_a_missing_stay_is_not_found(house: House) -> None:
    with pytest.raises(NotFound):
        house.residents.discharge(4242, Discharge(TODAY, DischargeReason.OTHER))


# -- amending a discharge ------------------------------------------------------------------


class TickingClock(FixedClock):
    """TODAY from 9:00, a minute later each time it is read: amendments come in order."""

    def __init__(self) -> None:
        super().__init__(datetime(2026, 6, 15, 9, 0, 0))

    def now(self) -> datetime:
        self.moment += timedelta(minutes=1)
        return self.moment


def test_amending_keeps_the_original_and_who_and_why(house: House) -> None:
    residents = ResidentService(house.db, TickingClock(), stay_hooks())
    person_id, stay_id = admitted(house, days_ago=60)
    residents.discharge(stay_id, Discharge(TODAY - 5 * D, DischargeReason.ASKED_TO_LEAVE, "Fight"))
    residents.amend_discharge(
        stay_id,
        Discharge(TODAY - 3 * D, DischargeReason.GOOD_STANDING, "Left on good terms"),
        why="  Wrong reason recorded at the time. ",
    )
    [stay] = house.queries.detail(person_id).stays
    assert (stay.move_out, stay.discharge_reason, stay.discharge_note) == (
        TODAY - 3 * D,
        DischargeReason.GOOD_STANDING,
        "Left on good terms",
    )
    assert spans(stay) == [(house.beds[0].full_label, TODAY - 60 * D, TODAY - 3 * D)]
    [amendment] = stay.amendments
    assert amendment.why == "Wrong reason recorded at the time."
    assert (amendment.old_move_out, amendment.old_reason, amendment.old_note) == (
        TODAY - 5 * D,
        DischargeReason.ASKED_TO_LEAVE,
        "Fight",
    )
    assert (amendment.new_move_out, amendment.new_reason, amendment.new_note) == (
        TODAY - 3 * D,
        DischargeReason.GOOD_STANDING,
        "Left on good terms",
    )
    assert amendment.amended_by == f"Dana Test ({getpass.getuser()})"
    assert amendment.amended_at == datetime(2026, 6, 15, 9, 1)


def test_each_amendment_is_kept_in_order(house: House) -> None:
    residents = ResidentService(house.db, TickingClock(), stay_hooks())
    person_id, stay_id = admitted(house, days_ago=60)
    residents.discharge(stay_id, Discharge(TODAY - 5 * D, DischargeReason.OTHER))
    residents.amend_discharge(stay_id, Discharge(TODAY - 4 * D, DischargeReason.LEFT_EARLY), "a")
    residents.amend_discharge(stay_id, Discharge(TODAY - 4 * D, DischargeReason.INCARCERATED), "b")
    stay = stay_of(house, person_id)
    assert [(a.why, a.old_reason, a.new_reason) for a in stay.amendments] == [
        ("a", DischargeReason.OTHER, DischargeReason.LEFT_EARLY),
        ("b", DischargeReason.LEFT_EARLY, DischargeReason.INCARCERATED),
    ]
    assert stay.discharge_reason is DischargeReason.INCARCERATED


@pytest.mark.parametrize("why", ["", "   "])
def test_an_amendment_needs_a_reason(house: House, why: str) -> None:
    person_id, stay_id = admitted(house)
    house.residents.discharge(stay_id, Discharge(TODAY - D, DischargeReason.COMPLETED))
    with pytest.raises(ValidationError) as raised:
        house.residents.amend_discharge(stay_id, Discharge(TODAY, DischargeReason.OTHER), why)
    assert set(raised.value.errors) == {"why"}
    stay = stay_of(house, person_id)
    assert (stay.move_out, stay.discharge_reason, stay.amendments) == (
        TODAY - D,
        DischargeReason.COMPLETED,
        (),
    )


def test_a_stay_that_has_not_ended_cannot_be_amended(house: House) -> None:
    person_id, stay_id = admitted(house)
    with pytest.raises(Conflict):
        house.residents.amend_discharge(stay_id, Discharge(TODAY, DischargeReason.OTHER), "why")
    assert house.queries.detail(person_id).current_stay is not None


def test_an_amended_move_out_cannot_run_into_the_next_occupant_of_the_bed(house: House) -> None:
    person_id, stay_id = admitted(house, days_ago=60)
    house.residents.discharge(stay_id, Discharge(TODAY - 10 * D, DischargeReason.COMPLETED))
    admitted(house, "Next", days_ago=8, bed=0)
    with pytest.raises(ValidationError) as raised:
        house.residents.amend_discharge(
            stay_id, Discharge(TODAY - 7 * D, DischargeReason.COMPLETED), "Stayed longer"
        )
    assert set(raised.value.errors) == {"bed"}
    # Up to the newcomer's move-in is fine.
    house.residents.amend_discharge(
        stay_id, Discharge(TODAY - 8 * D, DischargeReason.COMPLETED), "Stayed two more days"
    )
    assert spans(stay_of(house, person_id)) == [
        (house.beds[0].full_label, TODAY - 60 * D, TODAY - 8 * D)
    ]


def test_an_amended_move_out_cannot_be_after_a_return(house: House) -> None:
    person_id, stay_id = admitted(house, days_ago=60)
    house.residents.discharge(stay_id, Discharge(TODAY - 30 * D, DischargeReason.RETURNED_TO_USE))
    house.residents.admit(
        Admission(PersonDetails("Alex", "Rivera"), TODAY - 20 * D, returning_person_id=person_id)
    )
    with pytest.raises(ValidationError) as raised:
        house.residents.amend_discharge(
            stay_id, Discharge(TODAY - 19 * D, DischargeReason.RETURNED_TO_USE), "late"
        )
    assert set(raised.value.errors) == {"move_out"}
    house.residents.amend_discharge(
        stay_id, Discharge(TODAY - 20 * D, DischargeReason.HOSPITALISED), "was in hospital"
    )
    first, second = house.queries.detail(person_id).stays
    assert (first.move_out, first.discharge_reason) == (
        TODAY - 20 * D,
        DischargeReason.HOSPITALISED,
    )
    assert second.move_out is None


def test_an_amended_move_out_follows_the_same_date_rules(house: House) -> None:
    person_id, stay_id = admitted(house, days_ago=60)
    house.residents.discharge(stay_id, Discharge(TODAY - 10 * D, DischargeReason.COMPLETED))
    for wrong in (TODAY + D, TODAY - 61 * D):
        with pytest.raises(ValidationError) as raised:
            house.residents.amend_discharge(stay_id, Discharge(wrong, DischargeReason.OTHER), "x")
        assert set(raised.value.errors) == {"move_out"}
    assert stay_of(house, person_id).amendments == ()


# -- editing details -----------------------------------------------------------------------


def test_update_details_replaces_what_is_on_file(house: House) -> None:
    person_id, _ = admitted(house)
    new = PersonDetails(
        "Alexandra",
        "Rivera-Łukasz",
        preferred_name="Alex",
        sobriety_date=TODAY - 90 * D,
        employment="Bakery, early shift",
        case_manager_name="Pat Lee",
    )
    house.residents.update_details(person_id, new)
    detail = house.queries.detail(person_id)
    assert detail.details == new
    assert detail.days_sober == 90
    assert detail.next_milestone is not None and detail.next_milestone.label == "90 days"
    house.residents.update_details(person_id, PersonDetails("Alexandra", "Rivera-Łukasz"))
    assert house.queries.detail(person_id).details.case_manager_name == ""
    assert house.queries.rows()[0].case_manager == ""


def test_update_details_refuses_bad_input_and_keeps_the_old_values(house: House) -> None:
    person_id, _ = admitted(house)
    with pytest.raises(ValidationError) as raised:
        house.residents.update_details(
            person_id, PersonDetails("Alex", "  ", sobriety_date=TODAY + D)
        )
    assert set(raised.value.errors) == {"last_name", "sobriety_date"}
    assert house.queries.detail(person_id).details == PersonDetails("Alex", "Rivera")
    with pytest.raises(NotFound):
        house.residents.update_details(9999, PersonDetails("A", "B"))


def test_the_bed_span_records_the_room_and_label(house: House) -> None:
    person_id, _ = admitted(house, days_ago=3, bed=3)
    bed = house.beds[3]
    assert stay_of(house, person_id).beds == (
        BedSpan(bed.room_name, bed.label, TODAY - 3 * D, None),
    )
