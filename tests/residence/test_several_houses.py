"""Several houses in one database: each sees its own records only, people are the operator's
and move between houses by a transfer, in one transaction; each house's trail holds. And two
desks on one database: a change saved at one is never silently written over at the other."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from residence.areas import stay_hooks
from residence.clock import FixedClock
from residence.db.database import Database, Location, open_database
from residence.errors import Conflict, HouseNeeded, NotFound, ValidationError
from residence.home import HomeService
from residence.house.records import HouseSettings
from residence.house.service import HouseService
from residence.residents.queries import ResidentQueries
from residence.residents.reasons import DischargeReason
from residence.residents.records import Admission, Discharge, PersonDetails, Status, Transfer
from residence.residents.service import ResidentService
from residence.safety.audit import AuditTrail
from tests.conftest import TODAY, House, cli, clock_on

MOVE = TODAY - timedelta(days=3)


@pytest.fixture
def birch(house: House) -> Database:
    """A second house, Birch, in the same database as Magnolia: one room of two beds."""
    number = house.house.add_house(HouseSettings(name="Birch House"), [("Loft", ["1", "2"])])
    return house.db.in_house(number.value)


def _admit(house: House, first: str = "Ana", bed: int | None = 0) -> int:
    bed_id = house.beds[bed].id if bed is not None else None
    details = PersonDetails(first, "Quill")
    return house.residents.admit(Admission(details, date(2026, 5, 1), bed_id=bed_id)).value


def _services(db: Database, clock: FixedClock) -> tuple[ResidentService, ResidentQueries]:
    return ResidentService(db, clock, stay_hooks()), ResidentQueries(db, clock)


def test_a_second_house_sees_none_of_the_first_houses_records(
    house: House, birch: Database
) -> None:
    ana = _admit(house)
    other = HouseService(birch)
    assert other.settings() is not None and other.settings().name == "Birch House"  # type: ignore[union-attr]
    assert [room.name for room in other.rooms()] == ["Loft"]
    assert [p.name for p in other.phases()] == [p.name for p in house.phases]  # its own three
    assert {p.id for p in other.phases()}.isdisjoint({p.id for p in house.phases})
    _, queries = _services(birch, house.clock)
    assert queries.rows(Status.ALL) == []
    with pytest.raises(NotFound):
        queries.detail(ana)
    census = HomeService(birch, house.clock).summary().census
    assert (census.beds, census.occupied, census.residents) == (2, 0, 0)
    census = house.home.summary().census
    assert (census.beds, census.occupied, census.residents) == (4, 1, 1)
    # Magnolia is as it was.
    assert [row.person_id for row in house.queries.rows()] == [ana]
    assert [room.name for room in house.house.rooms()] == ["Room 1", "Room 2"]


def test_names_are_unique_in_a_house_not_across_houses(house: House, birch: Database) -> None:
    HouseService(birch).add_room("Room 1", ["A"])  # Magnolia has a Room 1 too
    with pytest.raises(ValidationError, match="already a room"):
        HouseService(birch).add_room("Room 1", ["B"])
    with pytest.raises(ValidationError, match="already a house called"):
        house.house.add_house(HouseSettings(name="  birch   house "))
    with pytest.raises(ValidationError, match="already a house called"):
        HouseService(birch).save_settings(HouseSettings(name="Magnolia House"))


def test_a_database_of_several_houses_is_opened_in_the_one_named(
    house: House, birch: Database, location: Location
) -> None:
    _admit(house)
    with pytest.raises(HouseNeeded, match="holds 2 houses") as refused:
        open_database(location, clock=house.clock)
    assert refused.value.names == ("Birch House", "Magnolia House")
    opened = open_database(location, clock=house.clock, house="birch house")
    try:
        assert HouseService(opened).settings().name == "Birch House"  # type: ignore[union-attr]
        assert ResidentQueries(opened, house.clock).rows(Status.ALL) == []
    finally:
        opened.close()
    with pytest.raises(NotFound, match=r"no house called “Oak”.*Birch House, Magnolia House"):
        open_database(location, clock=house.clock, house="Oak")


def test_the_command_line_asks_which_house_and_lists_them(
    house: House, birch: Database, db_arg: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _admit(house)
    house.db.close()
    assert cli(["residents", "--db", db_arg]) == 1
    said = capsys.readouterr()
    assert "Say which with --house NAME" in said.err and said.err.count("\n") == 1
    assert cli(["houses", "--db", db_arg]) == 0
    assert capsys.readouterr().out.splitlines() == ["Birch House", "Magnolia House"]
    assert cli(["residents", "--db", db_arg, "--house", "Magnolia House"]) == 0
    assert "Ana Quill" in capsys.readouterr().out
    assert cli(["houses", "add", "Cedar Place", "--db", db_arg]) == 0
    assert cli(["houses", "--db", db_arg]) == 0
    assert "Cedar Place" in capsys.readouterr().out.splitlines()


def test_a_transfer_ends_the_stay_here_and_starts_the_next_there_linked(
    house: House, birch: Database
) -> None:
    ana = _admit(house)
    _, queries = _services(birch, house.clock)
    loft_bed = HouseService(birch).beds()[0]
    stay = house.queries.detail(ana).stays[-1]
    house.residents.transfer(stay.id, Transfer(birch.house_id or 0, MOVE, bed_id=loft_bed.id))
    here = house.queries.detail(ana).stays[-1]
    assert (here.move_out, here.discharge_reason) == (MOVE, DischargeReason.TRANSFERRED)
    assert here.discharge_note == "Transferred to Birch House."
    assert here.current_bed is None and house.queries.free_beds(MOVE)[0].id == house.beds[0].id
    assert house.queries.rows() == []  # no longer living in Magnolia
    there = queries.detail(ana)
    assert [s.move_in for s in there.stays] == [MOVE]  # Birch sees its own stay only
    assert there.current_stay is not None and there.current_stay.referral_source == (
        "Transferred from Magnolia House"
    )
    assert there.current_stay.current_phase == HouseService(birch).phases()[0].name
    assert there.current_stay.current_bed is not None
    assert there.current_stay.current_bed.bed == loft_bed.full_label
    with birch.read() as session:
        from residence.db import orm

        row = session.get(orm.Stay, there.current_stay.id)
        assert row is not None and row.transferred_from_id == stay.id
    assert AuditTrail(house.db).verify() == ""  # each house's chain holds
    assert AuditTrail(house.db).differences() == []


def test_a_transfer_is_one_transaction(house: House, birch: Database) -> None:
    ana, bea = _admit(house), _admit(house, "Bea", bed=1)
    loft_bed = HouseService(birch).beds()[0]
    stay = house.queries.detail(bea).stays[-1]
    house.residents.transfer(stay.id, Transfer(birch.house_id or 0, MOVE, bed_id=loft_bed.id))
    # Ana's move to the bed Bea now has fails there: nothing changed here either.
    stay = house.queries.detail(ana).stays[-1]
    with pytest.raises(ValidationError, match="Loft · 1 is taken"):
        house.residents.transfer(stay.id, Transfer(birch.house_id or 0, MOVE, bed_id=loft_bed.id))
    still = house.queries.detail(ana).stays[-1]
    assert still.move_out is None and still.current_bed is not None


def test_a_transfer_takes_only_the_other_houses_beds_and_phases(
    house: House, birch: Database
) -> None:
    ana = _admit(house)
    stay = house.queries.detail(ana).stays[-1]
    to = birch.house_id or 0
    with pytest.raises(ValidationError, match="other house's beds"):
        house.residents.transfer(stay.id, Transfer(to, MOVE, bed_id=house.beds[1].id))
    with pytest.raises(ValidationError, match="other house's phases"):
        house.residents.transfer(stay.id, Transfer(to, MOVE, phase_id=house.phases[0].id))
    with pytest.raises(ValidationError, match="another house"):
        house.residents.transfer(stay.id, Transfer(house.db.house_id or 0, MOVE))
    assert house.queries.detail(ana).stays[-1].move_out is None


def test_transfer_on_the_command_line(
    house: House, birch: Database, db_arg: str, capsys: pytest.CaptureFixture[str]
) -> None:
    ana = _admit(house)
    house.db.close()
    argv = [
        "transfer",
        str(ana),
        "--to",
        "Birch House",
        "--db",
        db_arg,
        "--house",
        "Magnolia House",
    ]
    assert cli([*argv, "--date", MOVE.isoformat()]) == 0
    assert "Transferred Ana Quill to Birch House" in capsys.readouterr().out
    assert cli(["residents", "--db", db_arg, "--house", "Birch House"]) == 0
    assert "Ana Quill" in capsys.readouterr().out
    assert cli(argv) == 1  # no longer lives in Magnolia
    assert "doesn't live in this house" in capsys.readouterr().err
    assert cli(["check", "--db", db_arg]) == 0


def test_a_change_saved_at_another_desk_is_not_written_over(
    house: House, location: Location
) -> None:
    ana = _admit(house)
    seen = house.queries.detail(ana)  # this desk's form is filled from it
    other_desk = open_database(location, clock=house.clock)
    try:
        theirs = replace(seen.details, phone="555-0199")
        _services(other_desk, house.clock)[0].update_details(ana, theirs, seen=seen.version)
    finally:
        other_desk.close()
    mine = replace(seen.details, email="ana@example.org")
    with pytest.raises(
        Conflict, match=r"changed this resident on 15 Jun 2026 at 10:00 \(phone: 555-0199\)"
    ):
        house.residents.update_details(ana, mine, seen=seen.version)
    now = house.queries.detail(ana)
    assert (now.details.phone, now.details.email) == ("555-0199", "")  # theirs, not mine
    house.residents.update_details(ana, replace(now.details, email="ana@example.org"), now.version)
    assert house.queries.detail(ana).details.email == "ana@example.org"


def test_after_a_transfer_the_new_house_edits_the_file_on_its_own_trail(
    house: House, birch: Database
) -> None:
    ana = _admit(house)
    stay = house.queries.detail(ana).stays[-1]
    house.residents.transfer(stay.id, Transfer(birch.house_id or 0, MOVE))
    residents, queries = _services(birch, house.clock)
    seen = queries.detail(ana)
    residents.update_details(ana, replace(seen.details, phone="555-0142"), seen=seen.version)
    with birch.read() as session:
        from sqlalchemy import select

        from residence.db import orm

        newest = session.scalars(select(orm.AuditEntry).order_by(orm.AuditEntry.id.desc())).first()
        assert newest is not None and newest.record == "person"
        assert newest.house_id == birch.house_id  # Birch's trail, though Magnolia took her in
    # And a second desk in Birch, filled before that edit, is told.
    with pytest.raises(Conflict, match=r"phone: 555-0142"):
        residents.update_details(ana, replace(seen.details, email="a@example.org"), seen.version)
    assert AuditTrail(house.db).verify() == "" and AuditTrail(house.db).differences() == []


def test_a_transfer_is_its_own_action_and_stands_once_made(house: House, birch: Database) -> None:
    ana, bea = _admit(house), _admit(house, "Bea", bed=1)
    stay = house.queries.detail(ana).stays[-1]
    moved = Discharge(MOVE, DischargeReason.TRANSFERRED)
    with pytest.raises(ValidationError, match="its own action"):
        house.residents.discharge(stay.id, moved)
    house.residents.transfer(stay.id, Transfer(birch.house_id or 0, MOVE))
    later = Discharge(MOVE + timedelta(days=1), DischargeReason.COMPLETED)
    with pytest.raises(Conflict, match="ended in a transfer"):
        house.residents.amend_discharge(stay.id, later, "wrong day")
    # Magnolia can't transfer a stay of Birch's (its session sees both ends while it moves).
    there = _services(birch, house.clock)[1].detail(ana).current_stay
    assert there is not None
    with pytest.raises(NotFound, match="isn't in this house"):
        house.residents.transfer(there.id, Transfer(birch.house_id or 0, TODAY))
    assert house.queries.detail(bea).current_stay is not None


def test_commands_on_a_file_with_no_house_yet_say_so_in_one_line(
    db_arg: str, location: Location, capsys: pytest.CaptureFixture[str]
) -> None:
    open_database(location, clock=clock_on()).close()
    assert cli(["report", "roster", "--db", db_arg, "-o", f"{db_arg}-roster.pdf"]) == 1
    said = capsys.readouterr().err
    assert "isn't set up yet" in said and said.count("\n") == 1


def test_a_transferred_residents_case_manager_goes_with_their_file(
    house: House, birch: Database
) -> None:
    details = PersonDetails("Ana", "Quill", case_manager_name="Rae Moss", case_manager_org="County")
    ana = house.residents.admit(Admission(details, date(2026, 5, 1))).value
    stay = house.queries.detail(ana).stays[-1]
    house.residents.transfer(stay.id, Transfer(birch.house_id or 0, MOVE))
    residents, queries = _services(birch, house.clock)
    seen = queries.detail(ana)
    assert seen.details.case_manager_name == "Rae Moss"  # Birch sees who it is
    residents.update_details(ana, replace(seen.details, phone="555-0142"), seen=seen.version)
    assert house.queries.detail(ana).details.case_manager_name == "Rae Moss"  # still, for both
    assert [m.name for m in queries.case_managers()] == ["Rae Moss"]
    assert [m.name for m in _services(birch, house.clock)[1].case_managers()] == ["Rae Moss"]


def test_the_house_settings_saved_at_another_desk_are_not_written_over(
    house: House, location: Location
) -> None:
    seen, filled = house.house.version(), house.house.settings()
    assert filled is not None
    other_desk = open_database(location, clock=house.clock)
    try:
        HouseService(other_desk).save_settings(replace(filled, phone="555-0100"), seen=seen)
    finally:
        other_desk.close()
    mine = replace(filled, manager_name="Sam Other")
    with pytest.raises(Conflict, match=r"changed the house's details on .*\(phone: 555-0100\)"):
        house.house.save_settings(mine, seen=seen)
    now = house.house.settings()
    assert now is not None and (now.phone, now.manager_name) == ("555-0100", "Dana Test")
    house.house.save_settings(replace(now, manager_name="Sam Other"), seen=house.house.version())
