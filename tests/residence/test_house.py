"""House settings, rooms and beds, and phases."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from residence.changes import Area
from residence.db.database import Database
from residence.errors import Conflict, NotFound, ValidationError
from residence.house.records import DEFAULT_PHASES, HouseSettings, PhaseInfo
from residence.house.service import HouseService
from residence.residents.reasons import DischargeReason
from residence.residents.records import Admission, Discharge, PersonDetails
from tests.conftest import TODAY, House


def test_a_new_database_has_no_house_until_set_up(database: Database) -> None:
    service = HouseService(database)
    assert service.settings() is None
    assert service.phases() == []
    done = service.set_up(HouseSettings(name="  Cedar House ", manager_name="Jo", week_starts_on=6))
    assert done.changes.touches(Area.HOUSE)
    assert service.settings() == HouseSettings(
        name="Cedar House", manager_name="Jo", week_starts_on=6
    )
    assert [(p.name, p.position, p.curfew, p.weekly_meetings) for p in service.phases()] == [
        (p.name, p.position, p.curfew, p.weekly_meetings) for p in DEFAULT_PHASES
    ]


def test_set_up_twice_is_a_conflict(house: House) -> None:
    with pytest.raises(Conflict):
        house.house.set_up(HouseSettings(name="Other"))
    settings = house.house.settings()
    assert settings is not None and settings.name == "Magnolia House"
    assert len(house.house.phases()) == 3


def test_save_settings_before_set_up_is_not_found(database: Database) -> None:
    with pytest.raises(NotFound):
        HouseService(database).save_settings(HouseSettings(name="X"))


def test_save_settings_stores_every_field(house: House) -> None:
    new = HouseSettings(
        name="Magnolia House · Annex",
        address="12 Elm St\nSpringfield",
        phone="555-0100",
        manager_name="Dana Ñúñez",
        week_starts_on=6,
    )
    house.house.save_settings(new)
    assert house.house.settings() == new


@pytest.mark.parametrize(
    ("settings", "fields"),
    [
        (HouseSettings(name="   "), {"name"}),
        (HouseSettings(name="x" * 201), {"name"}),
        (HouseSettings(name="Ok", phone="555\n0100"), {"phone"}),
        (HouseSettings(name="Ok", week_starts_on=7), {"week_starts_on"}),
        (HouseSettings(name="Ok", week_starts_on=-1), {"week_starts_on"}),
        (HouseSettings(name="", manager_name="m" * 201), {"name", "manager_name"}),
    ],
)
def test_wrong_settings_are_refused_and_nothing_changes(
    house: House, settings: HouseSettings, fields: set[str]
) -> None:
    before = house.house.settings()
    with pytest.raises(ValidationError) as raised:
        house.house.save_settings(settings)
    assert set(raised.value.errors) == fields
    assert house.house.settings() == before


# -- rooms and beds ------------------------------------------------------------------------


def test_rooms_are_listed_in_the_order_they_were_added_with_their_beds(house: House) -> None:
    house.house.add_room("Attic", ["Top", "Bottom"])
    rooms = house.house.rooms()
    assert [(r.name, [b.label for b in r.beds]) for r in rooms] == [
        ("Room 1", ["A", "B"]),
        ("Room 2", ["A", "B"]),
        ("Attic", ["Bottom", "Top"]),
    ]
    assert [b.full_label for b in house.house.beds()][-1] == "Attic · Top"


@pytest.mark.parametrize(
    ("name", "labels"),
    [("Room 1", ["C"]), ("  ", ["A"]), ("New", ["A", "A"]), ("New", [" "]), ("x" * 81, ["A"])],
    ids=["taken-name", "blank-name", "twin-beds", "blank-bed", "long-name"],
)
def test_wrong_rooms_are_refused(house: House, name: str, labels: list[str]) -> None:
    with pytest.raises(ValidationError):
        house.house.add_room(name, labels)
    assert [r.name for r in house.house.rooms()] == ["Room 1", "Room 2"]


def test_rename_room_and_its_beds_follow(house: House) -> None:
    room = house.house.rooms()[0]
    house.house.rename_room(room.id, "  Garden Room ")
    house.house.rename_room(room.id, "Garden Room")  # its own name again is fine
    assert house.house.rooms()[0].name == "Garden Room"
    assert house.house.beds()[0].full_label == "Garden Room · A"
    with pytest.raises(ValidationError) as raised:
        house.house.rename_room(room.id, "Room 2")
    assert set(raised.value.errors) == {"room"}
    with pytest.raises(NotFound):
        house.house.rename_room(9999, "Nowhere")


def test_add_bed_to_a_room(house: House) -> None:
    room = house.house.rooms()[1]
    bed = house.house.add_bed(room.id, " C ").value
    assert bed.full_label == "Room 2 · C"
    assert [b.label for b in house.house.rooms()[1].beds] == ["A", "B", "C"]
    with pytest.raises(ValidationError):
        house.house.add_bed(room.id, "C")
    with pytest.raises(NotFound):
        house.house.add_bed(9999, "Z")


def test_an_occupied_bed_cannot_be_retired(house: House) -> None:
    bed = house.beds[0]
    person_id = house.residents.admit(
        Admission(PersonDetails("A", "B"), TODAY - timedelta(days=9), bed_id=bed.id)
    ).value
    with pytest.raises(Conflict):
        house.house.set_bed_retired(bed.id, True)
    assert bed.id in [b.id for b in house.house.beds()]
    stay_id = house.queries.detail(person_id).stays[0].id
    house.residents.discharge(stay_id, Discharge(TODAY, DischargeReason.COMPLETED))
    house.house.set_bed_retired(bed.id, True)


def test_a_retired_bed_leaves_the_list_but_keeps_its_history(house: House) -> None:
    bed = house.beds[0]
    person_id = house.residents.admit(
        Admission(PersonDetails("A", "B"), TODAY - timedelta(days=9), bed_id=bed.id)
    ).value
    stay_id = house.queries.detail(person_id).stays[0].id
    house.residents.move_bed(stay_id, house.beds[1].id, TODAY - timedelta(days=2))
    house.house.set_bed_retired(bed.id, True)
    assert bed.id not in [b.id for b in house.house.beds()]
    retired = next(b for b in house.house.beds(include_retired=True) if b.id == bed.id)
    assert retired.retired
    assert house.queries.detail(person_id).stays[0].beds[0].bed == bed.full_label
    house.house.set_bed_retired(bed.id, False)
    assert bed.id in [b.id for b in house.house.beds()]


# -- phases --------------------------------------------------------------------------------


def test_a_new_phase_goes_last_and_can_be_changed(house: House) -> None:
    added = house.house.save_phase(
        PhaseInfo(None, " Alumni ", 0, None, 2, " After graduation. ")
    ).value
    assert (added.name, added.position, added.description) == ("Alumni", 4, "After graduation.")
    house.house.save_phase(PhaseInfo(added.id, "Alumni", added.position, time(23, 30), 1, ""))
    last = house.house.phases()[-1]
    assert (last.id, last.curfew, last.weekly_meetings, last.description) == (
        added.id,
        time(23, 30),
        1,
        "",
    )


@pytest.mark.parametrize(
    ("phase", "fields"),
    [
        (PhaseInfo(None, "Phase 2", 0), {"name"}),
        (PhaseInfo(None, "  ", 0), {"name"}),
        (PhaseInfo(None, "x" * 81, 0), {"name"}),
        (PhaseInfo(None, "New", 0, weekly_meetings=22), {"weekly_meetings"}),
        (PhaseInfo(None, "New", 0, weekly_meetings=-1), {"weekly_meetings"}),
        (PhaseInfo(None, "New", 0, description="bad\x00"), {"description"}),
    ],
)
def test_wrong_phases_are_refused(house: House, phase: PhaseInfo, fields: set[str]) -> None:
    with pytest.raises(ValidationError) as raised:
        house.house.save_phase(phase)
    assert set(raised.value.errors) == fields
    assert house.house.phases() == house.phases


def test_renaming_a_phase_to_another_phases_name_is_refused(house: House) -> None:
    p1, p2, _ = house.phases
    with pytest.raises(ValidationError):
        house.house.save_phase(PhaseInfo(p1.id, p2.name, p1.position))
    with pytest.raises(NotFound):
        house.house.save_phase(PhaseInfo(9999, "Ghost", 1))
    assert house.house.phases() == house.phases


def test_move_phase_reorders_and_new_admissions_start_in_the_first(house: House) -> None:
    p1, p2, p3 = house.phases
    assert house.house.move_phase(p3.id or 0, -1).changes.touches(Area.HOUSE)
    assert [p.name for p in house.house.phases()] == [p1.name, p3.name, p2.name]
    assert [p.position for p in house.house.phases()] == [1, 2, 3]
    house.house.move_phase(p3.id or 0, -1)
    assert [p.name for p in house.house.phases()] == [p3.name, p1.name, p2.name]
    person_id = house.residents.admit(Admission(PersonDetails("A", "B"), TODAY)).value
    assert house.queries.detail(person_id).stays[0].current_phase == p3.name


def test_move_phase_past_either_end_changes_nothing(house: House) -> None:
    p1, _, p3 = house.phases
    assert not house.house.move_phase(p1.id or 0, -1).changes.areas
    assert not house.house.move_phase(p3.id or 0, +1).changes.areas
    assert house.house.phases() == house.phases
    with pytest.raises(NotFound):
        house.house.move_phase(9999, 1)
