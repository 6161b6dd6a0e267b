"""The house's resources: the list kept up and printed, and what a mentor shared at a check-in,
on the resident's record."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from residence.db import orm
from residence.errors import Conflict, ValidationError
from residence.mentors.records import How, MentorKey
from residence.residents.records import Admission, PersonDetails
from residence.resources.records import Kind, ResourceInfo
from residence.safety.audit import AuditTrail
from residence.workspace import Workspace, workspace_for
from tests.conftest import TODAY, House, cli

CLINIC = ResourceInfo(None, Kind.HEALTH, "Riverside Clinic", "Walk-in Mon–Fri", "555-0161")
MEETING = ResourceInfo(None, Kind.MEETING, "Morning Serenity", "Daily 7 am", "", "AA")


@pytest.fixture
def ws(house: House) -> Workspace:
    return workspace_for(house.db)


def test_the_list_by_kind_corrected_and_taken_off(ws: Workspace) -> None:
    clinic = ws.resources.save(CLINIC).value
    ws.resources.save(MEETING)
    assert [(r.kind, r.name) for r in ws.resources.resources()] == [
        (Kind.MEETING, "Morning Serenity"),
        (Kind.HEALTH, "Riverside Clinic"),
    ]  # meetings first, as printed
    with pytest.raises(ValidationError, match="on the list already"):
        ws.resources.save(replace(CLINIC, name=" Riverside Clinic "))
    with pytest.raises(ValidationError, match="Give the resource a name"):
        ws.resources.save(replace(CLINIC, name=""))
    ws.resources.save(replace(clinic, phone="555-0199"))
    with pytest.raises(Conflict, match="phone: 555-0199"):
        ws.resources.save(replace(clinic, details="Closed Fridays"))
    assert clinic.id is not None
    ws.resources.set_retired(clinic.id, True)
    assert [r.name for r in ws.resources.resources()] == ["Morning Serenity"]
    [_, kept] = ws.resources.resources(include_retired=True)
    assert (kept.name, kept.phone, kept.retired) == ("Riverside Clinic", "555-0199", True)


def test_what_a_mentor_shared_is_on_the_residents_record(house: House, ws: Workspace) -> None:
    phases = ws.house.phases()
    senior = PersonDetails("Sam", "Senior", sobriety_date=TODAY - timedelta(days=400))
    sam = ws.residents.admit(Admission(senior, TODAY - timedelta(200), phase_id=phases[2].id)).value
    ann = ws.residents.admit(Admission(PersonDetails("Ann", "New"), TODAY - timedelta(5))).value
    pair = ws.mentors.assign(ann, MentorKey(person_id=sam), TODAY - timedelta(days=5)).value
    check_in = ws.mentors.check_in(pair.id, TODAY, How.PHONE).value
    clinic, meeting = ws.resources.save(CLINIC).value, ws.resources.save(MEETING).value
    assert clinic.id is not None and meeting.id is not None
    ws.resources.share(check_in.id, [clinic.id, meeting.id, clinic.id])
    ws.resources.share(check_in.id, [clinic.id])  # again: still once
    shared = ws.resources.shared_with(ann)
    assert [(s.day, s.resource, s.mentor) for s in shared] == [
        (TODAY, "Riverside Clinic", "Sam Senior"),
        (TODAY, "Morning Serenity", "Sam Senior"),
    ]
    assert ws.resources.shared_with(sam) == []
    trail = AuditTrail(house.db)
    assert trail.differences() == []


def test_the_database_keeps_the_rules(house: House, ws: Workspace) -> None:
    ws.resources.save(CLINIC)
    with pytest.raises(IntegrityError), house.db.write() as session:
        session.execute(update(orm.Resource).values(kind="bar"))
    with pytest.raises(IntegrityError), house.db.write() as session:
        session.execute(update(orm.Resource).values(name="  "))
    with pytest.raises(IntegrityError), house.db.write() as session:
        session.add(orm.Resource(kind="health", name="Riverside Clinic"))


def test_the_printed_list_and_the_command(
    ws: Workspace, db_arg: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws.residents.admit(Admission(PersonDetails("Quentin", "Marlowe"), TODAY))
    ws.resources.save(CLINIC)
    ws.resources.save(MEETING)
    assert cli(["resources", "--db", db_arg, "--csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0] == "ID,Kind,Name,Fellowship,Details,Phone"
    assert rows[1].endswith(",Meetings,Morning Serenity,AA,Daily 7 am,")
    out = tmp_path / "resources.pdf"
    assert cli(["report", "resources", "--db", db_arg, "-o", str(out)]) == 0
    text = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert "Meetings" in text and "Morning Serenity AA" in text and "555-0161" in text
    assert "Clinics and health" in text and "Quentin" not in text and "Marlowe" not in text
