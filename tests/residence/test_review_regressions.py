"""Problems a review of the first slice found, each pinned by the behaviour a user would see."""

from __future__ import annotations

import csv
import io
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from residence.db import orm
from residence.errors import Conflict, StorageError, ValidationError
from residence.residents.importing import ResidentImport
from residence.residents.reasons import DischargeReason
from residence.residents.records import Admission, Discharge, PersonDetails, Status
from residence.residents.spreadsheet import write_sheet
from residence.workspace import open_workspace
from tests.conftest import TODAY, House, cli, clock_on

FIXTURES = Path(__file__).parent.parent / "fixtures"


def test_db_given_before_the_subcommand_is_the_file_used(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo = demo_copy
    assert cli(["--db", str(demo), "residents"]) == 0
    assert "José" in capsys.readouterr().out


def test_quotes_inside_cells_survive_import_and_export(house: House) -> None:
    data = 'first_name,last_name,move_in,preferred_name\nAna,"O""Brien",2026-06-01,"Bo ""B"" b"\n'
    importer = ResidentImport(house.house, house.residents, house.queries)
    importer.run(data.encode())
    [detail] = house.queries.details()
    assert (detail.details.last_name, detail.details.preferred_name) == ('O"Brien', 'Bo "B" b')
    exported = write_sheet([detail])
    assert next(csv.DictReader(io.StringIO(exported)))["last_name"] == 'O"Brien'


def test_someone_already_living_here_cannot_be_admitted_twice(house: House) -> None:
    born = date(1999, 7, 21)
    house.residents.admit(Admission(PersonDetails("Zoë", "Kim", date_of_birth=born), TODAY))
    with pytest.raises(Conflict, match="already lives in the house"):
        house.residents.admit(Admission(PersonDetails("zoe", "KIM", date_of_birth=born), TODAY))
    with pytest.raises(Conflict, match="give both dates of birth"):
        house.residents.admit(Admission(PersonDetails("Zoë", "Kim"), TODAY))
    # Same name, another birth date: another person, welcome.
    house.residents.admit(
        Admission(PersonDetails("Zoë", "Kim", date_of_birth=date(1980, 1, 1)), TODAY)
    )
    assert len(house.queries.rows()) == 2


def test_former_residents_stay_former_through_export_and_import(
    house: House, tmp_path: Path
) -> None:
    person = house.residents.admit(
        Admission(PersonDetails("Travis", "Hale"), date(2026, 1, 5), bed_id=house.beds[0].id)
    ).value
    stay = house.queries.detail(person).stays[-1]
    house.residents.discharge(stay.id, Discharge(date(2026, 3, 1), DischargeReason.INCARCERATED))
    exported = write_sheet(house.queries.details(Status.FORMER))

    other = open_workspace(tmp_path / "other.sqlite3", clock=clock_on())
    try:
        from residence.house.records import HouseSettings

        other.house.set_up(HouseSettings("Other"), [("Room 1", ["A", "B"])])
        other.importer.run(exported.encode())
        assert other.queries.rows(Status.CURRENT) == []
        [row] = other.queries.rows(Status.FORMER)
        assert (row.move_in, row.move_out) == (date(2026, 1, 5), date(2026, 3, 1))
        ended = other.queries.detail(row.person_id).stays[-1]
        assert ended.discharge_reason is DischargeReason.INCARCERATED
        assert ended.beds == ()  # a former resident has no bed to carry over
    finally:
        other.close()


def test_text_that_a_spreadsheet_would_run_as_a_formula_is_exported_as_text(house: House) -> None:
    house.residents.admit(Admission(PersonDetails("Ana", "Silva", phone="+1 555 0101"), TODAY))
    exported = write_sheet(house.queries.details())
    row = next(csv.DictReader(io.StringIO(exported)))
    assert row["phone"] == "'+1 555 0101"
    importer = ResidentImport(house.house, house.residents, house.queries)
    [preview] = importer.preview(exported.encode()).rows
    assert preview.problem and "already lives" in preview.problem  # read back as the same person


@pytest.mark.parametrize("typed", [date(1, 1, 1), date(1899, 12, 31)])
def test_a_year_typo_is_refused(house: House, typed: date) -> None:
    with pytest.raises(ValidationError) as raised:
        house.residents.admit(Admission(PersonDetails("Ana", "Silva", sobriety_date=typed), TODAY))
    assert "check the year" in raised.value.errors["sobriety_date"]
    with pytest.raises(ValidationError) as raised:
        house.residents.admit(Admission(PersonDetails("Ana", "Silva"), typed))
    assert "check the year" in raised.value.errors["move_in"]


def test_empty_trailing_columns_from_excel_are_ignored(house: House) -> None:
    importer = ResidentImport(house.house, house.residents, house.queries)
    assert importer.run(b"first_name,last_name,move_in,,\r\nAna,Silva,2026-06-01,,\r\n").value == 1


def test_the_schema_refuses_overlapping_bed_history(house: House) -> None:
    bed = house.beds[0].id
    person = house.residents.admit(
        Admission(PersonDetails("A", "One"), date(2026, 1, 1), bed_id=bed)
    ).value
    stay = house.queries.detail(person).stays[-1]
    house.residents.discharge(stay.id, Discharge(date(2026, 3, 1), DischargeReason.OTHER))
    other = house.residents.admit(Admission(PersonDetails("B", "Two"), date(2026, 5, 1))).value
    other_stay = house.queries.detail(other).stays[-1]
    with pytest.raises(IntegrityError, match=r"one.resident.per.bed"), house.db.write() as session:
        session.add(
            orm.BedAssignment(
                stay_id=other_stay.id,
                bed_id=bed,
                start=date(2026, 2, 1),
                end_date=date(2026, 2, 10),
            )
        )


def test_the_schema_refuses_overlapping_stays_of_one_person(house: House) -> None:
    person = house.residents.admit(Admission(PersonDetails("A", "One"), date(2026, 1, 1))).value
    stay = house.queries.detail(person).stays[-1]
    house.residents.discharge(stay.id, Discharge(date(2026, 3, 1), DischargeReason.OTHER))
    with pytest.raises(IntegrityError, match=r"one.stay.per.person"), house.db.write() as session:
        session.add(
            orm.Stay(
                person_id=person,
                move_in=date(2026, 2, 1),
                move_out=date(2026, 2, 5),
                discharge_reason="other",
            )
        )


def test_opening_an_older_file_keeps_a_copy_and_never_overwrites_one(tmp_path: Path) -> None:
    old = tmp_path / "house.sqlite3"
    shutil.copy(FIXTURES / "schema-0001.sqlite3", old)
    earlier = tmp_path / "house.before-upgrade-from-0001.sqlite3"
    earlier.write_bytes(b"an earlier copy")
    workspace = open_workspace(old, create=False, clock=clock_on())
    workspace.close()
    assert earlier.read_bytes() == b"an earlier copy"
    copy = sqlite3.connect(tmp_path / "house.before-upgrade-from-0001-2.sqlite3")
    try:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert copy.execute("SELECT count(*) FROM person").fetchone() == (2,)
    finally:
        copy.close()


def test_no_room_for_the_copy_means_no_upgrade(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = tmp_path / "house.sqlite3"
    shutil.copy(FIXTURES / "schema-0001.sqlite3", old)
    before = old.read_bytes()

    def full_disk(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("residence.db.database.Path.chmod", full_disk)
    with pytest.raises(StorageError, match="a copy must be kept"):
        open_workspace(old, create=False, clock=clock_on())
    assert old.read_bytes() == before
