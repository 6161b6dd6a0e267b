"""Any text a user can type into a service is either saved exactly (trimmed of the spaces
around it) or refused with a ValidationError — and a refusal leaves nothing half-saved."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, inspect, select, table

from residence.chores.records import ChoreInfo
from residence.consents.records import Category, ConsentInfo
from residence.errors import ValidationError
from residence.mentors.records import How, MentorKey, MentorRules
from residence.residents.reasons import DischargeReason
from residence.residents.records import Admission, Discharge, PersonDetails
from residence.workspace import Workspace, workspace_for
from tests.conftest import TODAY, House

# Anything a keyboard, a paste or a scanner can produce: control characters, accents, emoji,
# very long text, only spaces.
TYPED = st.text(st.characters(exclude_categories=["Cs"]), max_size=300) | st.sampled_from(
    ["", "   ", "José Ñúñez", "=cmd|' /C calc'!A0", "a" * 5000, "line\nbreak", "tab\there"]
)
PATIENT = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _rows(ws: Workspace) -> dict[str, int]:
    engine = ws._database.engine
    with engine.connect() as connection:
        tables = [t for t in inspect(connection).get_table_names() if t != "audit_entry"]
        count = select(func.count())
        return {t: connection.scalar(count.select_from(table(t))) or 0 for t in tables}


@pytest.fixture
def ws(house: House) -> Workspace:
    workspace = workspace_for(house.db)
    workspace.mentors.save_rules(MentorRules(min_days_sober=0, min_phase=1))
    return workspace


@PATIENT
@given(first=TYPED, last=TYPED, phone=TYPED)
def test_a_residents_details(ws: Workspace, first: str, last: str, phone: str) -> None:
    before = _rows(ws)
    details = PersonDetails(first, last, phone=phone)
    try:
        person = ws.residents.admit(Admission(details, date(2026, 6, 1))).value
    except ValidationError:
        assert _rows(ws) == before
        return
    saved = ws.queries.detail(person).details
    assert (saved.first_name, saved.last_name, saved.phone) == (
        first.strip(),
        last.strip(),
        phone.strip(),
    )
    # Out again, so the next example can be admitted whatever its name.
    stay = ws.queries.detail(person).stays[-1].id
    ws.residents.discharge(stay, Discharge(TODAY, DischargeReason.COMPLETED))


@PATIENT
@given(name=TYPED, area=TYPED, instructions=TYPED)
def test_a_chore(ws: Workspace, name: str, area: str, instructions: str) -> None:
    before = _rows(ws)
    try:
        chore = ws.chores.save_chore(ChoreInfo(None, name, area, instructions)).value
    except ValidationError:
        assert _rows(ws) == before
        return
    assert (chore.name, chore.area, chore.instructions) == (
        name.strip(),
        area.strip(),
        instructions.strip(),
    )


@PATIENT
@given(purpose=TYPED, recipient=TYPED, event=TYPED)
def test_a_consent(ws: Workspace, purpose: str, recipient: str, event: str) -> None:
    person = _someone(ws)
    before = _rows(ws)
    info = ConsentInfo(
        None,
        person,
        recipient,
        "",
        purpose,
        frozenset({Category.STAY}),
        date(2026, 6, 1),
        None,
        expiry_event=event,
    )
    try:
        saved = ws.consents.save(info).value
    except ValidationError:
        assert _rows(ws) == before
        return
    assert (saved.purpose, saved.recipient_name, saved.expiry_event) == (
        purpose.strip(),
        recipient.strip(),
        event.strip(),
    )


@PATIENT
@given(note=TYPED)
def test_a_mentor_check_in(ws: Workspace, note: str) -> None:
    pair = _pair(ws)
    before = _rows(ws)
    try:
        entry = ws.mentors.check_in(pair, TODAY, How.PHONE, note).value
    except ValidationError:
        assert _rows(ws) == before
        return
    assert entry.note == note.strip()


def _someone(ws: Workspace) -> int:
    rows = ws.queries.rows()
    if rows:
        return rows[0].person_id
    return ws.residents.admit(Admission(PersonDetails("Ana", "Test"), date(2026, 5, 1))).value


def _pair(ws: Workspace) -> int:
    pairs = ws.mentors.pairs()
    if pairs:
        return pairs[0].id
    mentee = _someone(ws)
    mentor = ws.residents.admit(
        Admission(
            replace(PersonDetails("Sam", "Test"), sobriety_date=date(2025, 1, 1)), date(2026, 5, 1)
        )
    ).value
    return ws.mentors.assign(mentee, MentorKey(person_id=mentor), date(2026, 6, 1)).value.id
