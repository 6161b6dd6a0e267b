"""Peer mentors by the house's rules: who may mentor and why not,
capacity, one active mentor, assignments ending at a move-out, check-ins overdue by cadence,
and suggested pairings that never break a rule."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from residence.errors import Conflict, ValidationError
from residence.mentors.records import (
    EndReason,
    ExternalMentorInfo,
    How,
    MentorFacts,
    MentorKey,
    MentorRules,
    Role,
)
from residence.mentors.rules import suggest_pairings, why_not
from residence.residents.reasons import DischargeReason
from residence.residents.records import Admission, Discharge, PersonDetails
from residence.workspace import Workspace, workspace_for
from tests.conftest import TODAY, House

MOVED_IN = date(2026, 3, 1)


@pytest.fixture
def ws(house: House) -> Workspace:
    return workspace_for(house.db)


def _admit(ws: Workspace, first: str, sober_days: int | None, phase: int) -> int:
    """A resident ``sober_days`` sober today, in the house's phase number ``phase``."""
    sober = TODAY - timedelta(days=sober_days) if sober_days is not None else None
    phases = ws.house.phases()
    details = PersonDetails(first, "Test", sobriety_date=sober)
    return ws.residents.admit(Admission(details, MOVED_IN, phase_id=phases[phase - 1].id)).value


def _stay(ws: Workspace, person: int) -> int:
    return ws.queries.detail(person).stays[-1].id


def _mentor(person: int) -> MentorKey:
    return MentorKey(person_id=person)


# -- eligibility, with its reason ------------------------------------------------------------


def test_each_rule_gives_its_reason(ws: Workspace) -> None:
    newcomer = _admit(ws, "Nia", 10, 1)
    senior = _admit(ws, "Sam", 400, 3)
    too_new = _admit(ws, "Tia", 40, 3)
    low_phase = _admit(ws, "Lu", 400, 2)
    no_date = _admit(ws, "Ned", None, 3)
    why = {c.facts.name: str(c.why_not or "") for c in ws.mentors.candidates(newcomer)}
    assert why["Sam Test"] == ""
    assert why["Tia Test"] == "40 days sober; the house asks for 90."
    assert why["Lu Test"] == "In Phase 2; mentors are in Phase 3 or later."
    assert why["Ned Test"] == "No sobriety date on file."
    assert why["Nia Test"] == "Nobody mentors themself."
    assert next(c.facts.name for c in ws.mentors.candidates(newcomer)) == "Sam Test"
    with pytest.raises(ValidationError, match="Tia Test: 40 days sober"):
        ws.mentors.assign(newcomer, _mentor(too_new), TODAY)
    assert senior and low_phase and no_date


def test_the_rules_are_the_houses_to_set(ws: Workspace) -> None:
    newcomer = _admit(ws, "Nia", 10, 1)
    middle = _admit(ws, "Mo", 60, 2)
    assert not next(
        c for c in ws.mentors.candidates(newcomer) if c.facts.name == "Mo Test"
    ).eligible
    ws.mentors.save_rules(MentorRules(min_days_sober=30, min_phase=2))
    ws.mentors.assign(newcomer, _mentor(middle), TODAY)
    assert [p.mentor_name for p in ws.mentors.pairs()] == ["Mo Test"]
    with pytest.raises(ValidationError) as refused:
        ws.mentors.save_rules(MentorRules(min_phase=9, max_mentees=0))
    assert set(refused.value.errors) == {"min_phase", "max_mentees"}


def test_alumni_and_outside_peers_only_when_the_rules_allow(ws: Workspace) -> None:
    newcomer = _admit(ws, "Nia", 10, 1)
    alum = ws.mentors.save_external(ExternalMentorInfo(None, "Rosa Alum", Role.ALUMNUS)).value
    coach = ws.mentors.save_external(
        ExternalMentorInfo(None, "Cal Coach", Role.RECOVERY_COACH, phone="555-0100")
    ).value
    ws.mentors.save_rules(MentorRules(alumni_may_mentor=False, peers_may_mentor=False))
    why = {c.facts.name: str(c.why_not or "") for c in ws.mentors.candidates(newcomer)}
    assert why["Rosa Alum"] == "The house rules don't let alumni mentor."
    assert (
        why["Cal Coach"] == "The house rules don't let outside peer specialists or coaches mentor."
    )
    ws.mentors.save_rules(MentorRules())
    assert alum.id is not None and coach.id is not None
    pair = ws.mentors.assign(newcomer, MentorKey(external_id=coach.id), TODAY).value
    assert (pair.mentor_name, pair.role) == ("Cal Coach", Role.RECOVERY_COACH)


# -- capacity and one mentor per mentee -------------------------------------------------------


def test_a_mentor_takes_no_more_than_the_house_allows(ws: Workspace) -> None:
    senior = _admit(ws, "Sam", 400, 3)
    ws.mentors.save_rules(MentorRules(max_mentees=2))
    first, second, third = (_admit(ws, name, 5, 1) for name in ("Ann", "Bo", "Cy"))
    ws.mentors.assign(first, _mentor(senior), TODAY)
    ws.mentors.assign(second, _mentor(senior), TODAY)
    with pytest.raises(ValidationError, match=r"Already mentors 2; the house allows 2\."):
        ws.mentors.assign(third, _mentor(senior), TODAY)
    # The rule tightens after the fact: the mentor is over capacity, and Home can say so.
    ws.mentors.save_rules(MentorRules(max_mentees=1))
    [over] = ws.mentors.over_capacity()
    assert (over.name, over.load, over.most) == ("Sam Test", 2, 1)


def test_one_active_mentor_per_mentee_and_replacing_keeps_the_history(ws: Workspace) -> None:
    newcomer = _admit(ws, "Nia", 10, 1)
    sam, kim = _admit(ws, "Sam", 400, 3), _admit(ws, "Kim", 500, 3)
    pair = ws.mentors.assign(newcomer, _mentor(sam), TODAY - timedelta(days=20)).value
    with pytest.raises(Conflict, match="Nia Test already has a mentor: Sam Test"):
        ws.mentors.assign(newcomer, _mentor(kim), TODAY)
    ws.mentors.replace(pair.id, _mentor(kim), TODAY - timedelta(days=3), "Sam works nights now")
    history = ws.mentors.pairs_of(newcomer)
    assert [(p.mentor_name, p.ended, p.end_reason) for p in history] == [
        ("Kim Test", None, None),
        ("Sam Test", TODAY - timedelta(days=3), EndReason.REPLACED),
    ]
    assert history[1].end_note == "Sam works nights now"


def test_an_end_needs_a_sensible_date(ws: Workspace) -> None:
    newcomer, sam = _admit(ws, "Nia", 10, 1), _admit(ws, "Sam", 400, 3)
    pair = ws.mentors.assign(newcomer, _mentor(sam), TODAY - timedelta(days=5)).value
    with pytest.raises(ValidationError, match="It ends from"):
        ws.mentors.end(pair.id, TODAY - timedelta(days=6), EndReason.COMPLETED)
    with pytest.raises(ValidationError, match="starts today or earlier"):
        ws.mentors.assign(newcomer, _mentor(sam), TODAY + timedelta(days=1))


# -- move-outs ---------------------------------------------------------------------------------


def test_a_mentors_move_out_ends_the_pair_and_the_mentee_needs_a_new_one(ws: Workspace) -> None:
    newcomer, sam = _admit(ws, "Nia", 10, 1), _admit(ws, "Sam", 400, 3)
    ws.mentors.assign(newcomer, _mentor(sam), TODAY - timedelta(days=30))
    assert ws.mentors.unpaired() == []
    moved_out = TODAY - timedelta(days=2)
    ws.residents.discharge(_stay(ws, sam), Discharge(moved_out, DischargeReason.COMPLETED))
    assert ws.mentors.pairs() == []
    [ended] = ws.mentors.pairs_of(newcomer)
    assert (ended.ended, ended.end_reason) == (moved_out, EndReason.MOVED_OUT)
    [unpaired] = ws.mentors.unpaired()
    assert (unpaired.name, unpaired.lost_mentor_on) == ("Nia Test", moved_out)


def test_a_corrected_move_out_date_moves_the_end_too(ws: Workspace) -> None:
    newcomer, sam = _admit(ws, "Nia", 10, 1), _admit(ws, "Sam", 400, 3)
    ws.mentors.assign(newcomer, _mentor(sam), TODAY - timedelta(days=30))
    stay = _stay(ws, newcomer)
    ws.residents.discharge(stay, Discharge(TODAY - timedelta(days=2), DischargeReason.LEFT_EARLY))
    corrected = Discharge(TODAY - timedelta(days=4), DischargeReason.LEFT_EARLY)
    ws.residents.amend_discharge(stay, corrected, "Left on the Thursday")
    assert ws.mentors.pairs_of(newcomer)[0].ended == TODAY - timedelta(days=4)


def test_senior_residents_need_no_mentor_and_the_newest_come_first(ws: Workspace) -> None:
    _admit(ws, "Sam", 400, 3)
    older = _admit(ws, "Ann", 30, 1)
    details = PersonDetails("Bo", "Test", sobriety_date=TODAY - timedelta(days=3))
    newest = ws.residents.admit(Admission(details, TODAY - timedelta(days=2))).value
    assert [u.person_id for u in ws.mentors.unpaired()] == [newest, older]


# -- check-ins ---------------------------------------------------------------------------------


def test_a_pair_is_overdue_when_no_check_in_within_the_cadence(ws: Workspace) -> None:
    newcomer, sam = _admit(ws, "Nia", 10, 1), _admit(ws, "Sam", 400, 3)
    pair = ws.mentors.assign(newcomer, _mentor(sam), TODAY - timedelta(days=8)).value
    assert pair.overdue and pair.due == TODAY - timedelta(days=1)  # weekly, from the start
    ws.mentors.check_in(pair.id, TODAY - timedelta(days=2), How.PHONE, "Talked about work")
    [now] = ws.mentors.pairs()
    assert (now.overdue, now.last_check_in, now.due) == (
        False,
        TODAY - timedelta(days=2),
        TODAY + timedelta(days=5),
    )
    ws.mentors.save_rules(MentorRules(check_in_days=1))
    assert [p.mentee for p in ws.mentors.overdue()] == ["Nia Test"]


def test_a_check_in_falls_within_the_pair(ws: Workspace) -> None:
    newcomer, sam = _admit(ws, "Nia", 10, 1), _admit(ws, "Sam", 400, 3)
    pair = ws.mentors.assign(newcomer, _mentor(sam), TODAY - timedelta(days=8)).value
    with pytest.raises(ValidationError, match="A check-in from"):
        ws.mentors.check_in(pair.id, TODAY + timedelta(days=1), How.IN_PERSON)
    with pytest.raises(ValidationError, match="A check-in from"):
        ws.mentors.check_in(pair.id, TODAY - timedelta(days=9), How.IN_PERSON)
    done = ws.mentors.check_in(pair.id, TODAY, How.MEETING, "  Went to NA together ", True)
    assert (done.value.note, done.value.shareable) == ("Went to NA together", True)
    assert [c.how for c in ws.mentors.check_ins(pair.id)] == [How.MEETING]


# -- suggested pairings ------------------------------------------------------------------------


def test_suggestions_spread_the_load_and_skip_a_pair_that_ended_badly(ws: Workspace) -> None:
    sam, kim = _admit(ws, "Sam", 400, 3), _admit(ws, "Kim", 500, 3)
    ann = _admit(ws, "Ann", 10, 1)
    bo = _admit(ws, "Bo", 12, 1)
    first = ws.mentors.assign(ann, _mentor(kim), TODAY - timedelta(days=10)).value
    ws.mentors.end(first.id, TODAY - timedelta(days=1), EndReason.CONFLICT, "Argued")
    suggested = {s.mentee: s.mentor_name for s in ws.mentors.suggest()}
    assert suggested == {"Ann Test": "Sam Test", "Bo Test": "Kim Test"}
    assert ws.mentors.pairs() == []  # nothing saved until the manager confirms
    ws.mentors.confirm(ws.mentors.suggest(), TODAY)
    assert {(p.mentee, p.mentor_name) for p in ws.mentors.pairs()} == {
        ("Ann Test", "Sam Test"),
        ("Bo Test", "Kim Test"),
    }
    assert sam and bo


MENTEE_IDS = st.lists(st.integers(1, 30), unique=True, max_size=12)


@st.composite
def houses(
    draw: st.DrawFn,
) -> tuple[list[tuple[int, str]], list[MentorFacts], MentorRules, set[tuple[int, MentorKey]]]:
    rules = MentorRules(
        min_days_sober=draw(st.integers(0, 400)),
        min_phase=draw(st.integers(1, 3)),
        max_mentees=draw(st.integers(1, 4)),
        alumni_may_mentor=draw(st.booleans()),
        peers_may_mentor=draw(st.booleans()),
    )
    mentees = [(i, f"Mentee {i}") for i in draw(MENTEE_IDS)]
    mentors: list[MentorFacts] = []
    for n in range(draw(st.integers(0, 10))):
        role = draw(st.sampled_from(list(Role)))
        person = draw(st.integers(1, 40)) if role is Role.RESIDENT else None
        key = MentorKey(person_id=person) if person else MentorKey(external_id=100 + n)
        if any(m.key == key for m in mentors):
            continue
        mentors.append(
            MentorFacts(
                key,
                f"Mentor {n}",
                role,
                draw(st.none() | st.integers(0, 2000)),
                draw(st.none() | st.integers(1, 3)),
                "",
                draw(st.integers(0, 5)),
                lives_here=draw(st.booleans()),
                active=draw(st.booleans()),
            )
        )
    bad = {(m, k.key) for m in (i for i, _ in mentees) for k in mentors if draw(st.booleans())}
    return mentees, mentors, rules, bad


@settings(max_examples=300, deadline=None)
@given(houses())
def test_suggested_pairings_never_break_a_rule(
    house_: tuple[
        list[tuple[int, str]], list[MentorFacts], MentorRules, set[tuple[int, MentorKey]]
    ],
) -> None:
    mentees, mentors, rules, bad = house_
    suggestions = suggest_pairings(mentees, mentors, rules, bad)
    by_key = {m.key: m for m in mentors}
    loads = {m.key: m.load for m in mentors}
    assert len({s.mentee_id for s in suggestions}) == len(suggestions)  # one mentor each
    for s in suggestions:
        mentor = by_key[s.mentor]
        assert s.mentor.person_id != s.mentee_id
        assert (s.mentee_id, s.mentor) not in bad
        assert why_not(replace(mentor, load=loads[s.mentor]), rules, s.mentee_id) is None
        loads[s.mentor] += 1
    for key, load in loads.items():
        assert load <= max(rules.max_mentees, by_key[key].load)  # nobody pushed over capacity
    # Nobody is left out while some eligible mentor still had room for them.
    paired = {s.mentee_id for s in suggestions}
    for mentee_id, _ in mentees:
        if mentee_id not in paired:
            assert all(
                (mentee_id, m.key) in bad
                or why_not(replace(m, load=loads[m.key]), rules, mentee_id)
                for m in mentors
            )


def test_an_outside_mentor_who_stops_ends_their_pairs(ws: Workspace) -> None:
    newcomer = _admit(ws, "Nia", 10, 1)
    coach = ws.mentors.save_external(ExternalMentorInfo(None, "Cal Coach", Role.RECOVERY_COACH))
    assert coach.value.id is not None
    ws.mentors.assign(newcomer, MentorKey(external_id=coach.value.id), TODAY - timedelta(days=5))
    ws.mentors.save_external(replace(coach.value, active=False))
    [ended] = ws.mentors.pairs_of(newcomer)
    assert (ended.ended, ended.end_reason) == (TODAY, EndReason.STEPPED_DOWN)
    assert [u.name for u in ws.mentors.unpaired()] == ["Nia Test"]


def test_history_stays_true_no_overlaps_and_no_check_ins_after_the_end(ws: Workspace) -> None:
    newcomer, sam, kim = (
        _admit(ws, "Nia", 10, 1),
        _admit(ws, "Sam", 400, 3),
        _admit(ws, "Kim", 500, 3),
    )
    pair = ws.mentors.assign(newcomer, _mentor(sam), TODAY - timedelta(days=20)).value
    ws.mentors.check_in(pair.id, TODAY - timedelta(days=5), How.PHONE)
    with pytest.raises(ValidationError, match="check-ins up to 10 Jun 2026"):
        ws.mentors.end(pair.id, TODAY - timedelta(days=8), EndReason.COMPLETED)
    ws.mentors.end(pair.id, TODAY - timedelta(days=4), EndReason.COMPLETED)
    with pytest.raises(ValidationError, match="until 11 Jun 2026: start on or after"):
        ws.mentors.assign(newcomer, _mentor(kim), TODAY - timedelta(days=10))


def test_nobody_gets_a_mentor_after_moving_out(ws: Workspace) -> None:
    newcomer, sam = _admit(ws, "Nia", 10, 1), _admit(ws, "Sam", 400, 3)
    ws.residents.discharge(
        _stay(ws, newcomer), Discharge(TODAY - timedelta(days=2), DischargeReason.LEFT_EARLY)
    )
    with pytest.raises(ValidationError, match="isn't living in the house on 15 Jun 2026"):
        ws.mentors.assign(newcomer, _mentor(sam), TODAY - timedelta(days=10))
