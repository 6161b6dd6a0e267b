"""Two desks editing one record: every form that saves over a record it was filled from (a
chore, a phase, a weekly event, an outside mentor, the minutes and their amendments, the
house's details, notice and mentor rules) refuses a save from an older reading, says who
changed what, and keeps their change; a change to fields the form doesn't write doesn't count."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, time, timedelta

import pytest

from residence.chores.records import ChoreInfo
from residence.db.database import Location, open_database
from residence.errors import Conflict
from residence.meetings.records import Kind, SeriesInfo
from residence.mentors.records import ExternalMentorInfo, Role
from residence.workspace import Workspace, workspace_for
from tests.conftest import TODAY, House

SUNDAY = date(2026, 6, 14)  # a house meeting held, before TODAY


@pytest.fixture
def desks(house: House, location: Location) -> Iterator[tuple[Workspace, Workspace]]:
    """This desk and another, each with the database open, at the same house."""
    there = open_database(location, clock=house.clock)
    yield workspace_for(house.db), workspace_for(there)
    there.close()


def test_a_chore_changed_at_another_desk_is_kept(desks: tuple[Workspace, Workspace]) -> None:
    here, there = desks
    here.chores.save_chore(ChoreInfo(None, "Porch", "Outside"))
    [read_here] = here.chores.chores()
    [read_there] = there.chores.chores()
    there.chores.save_chore(replace(read_there, instructions="Sweep, shake the mat."))
    with pytest.raises(Conflict, match=r"changed the chore “Porch” on .*Sweep, shake the mat"):
        here.chores.save_chore(replace(read_here, weight=3))
    [now] = here.chores.chores()
    assert (now.instructions, now.weight) == ("Sweep, shake the mat.", 1)
    # Read again, it saves; and the chore it gives back can be saved again (its own version).
    saved = here.chores.save_chore(replace(now, weight=3)).value
    here.chores.save_chore(replace(saved, area="Porch and steps"))
    assert [(c.weight, c.area) for c in here.chores.chores()] == [(3, "Porch and steps")]


def test_a_chore_retired_since_it_was_read_is_not_brought_back(
    desks: tuple[Workspace, Workspace],
) -> None:
    here, there = desks
    here.chores.save_chore(ChoreInfo(None, "Porch"))
    [read] = here.chores.chores()
    there.chores.set_retired(read.id or 0, True)
    with pytest.raises(Conflict, match="retired: True"):
        here.chores.save_chore(replace(read, area="Outside"))
    assert here.chores.chores() == []  # still retired


def test_a_phase_edited_elsewhere_is_kept_and_a_move_in_the_order_does_not_count(
    desks: tuple[Workspace, Workspace],
) -> None:
    here, there = desks
    first = here.house.phases()[0]
    there.house.move_phase(first.id or 0, +1)  # only its place changed
    here.house.save_phase(replace(first, weekly_meetings=6))  # saves: not what the form writes
    [read_there] = [p for p in there.house.phases() if p.id == first.id]
    [read_here] = [p for p in here.house.phases() if p.id == first.id]
    there.house.save_phase(replace(read_there, curfew=time(21, 30)))
    with pytest.raises(Conflict, match=r"changed the phase “Phase 1 · Orientation”.*21:30"):
        here.house.save_phase(replace(read_here, description="First month."))
    [now] = [p for p in here.house.phases() if p.id == first.id]
    assert (now.curfew, now.weekly_meetings, now.description) == (
        time(21, 30),
        6,
        "First ~30 days; no overnight passes.",
    )


def test_a_weekly_event_ended_elsewhere_is_not_started_again(
    desks: tuple[Workspace, Workspace],
) -> None:
    here, there = desks
    starts = TODAY + timedelta(days=1)  # from tomorrow: a change edits it, not a new series
    here.calendar.save_series(
        SeriesInfo(None, Kind.GROUP, "Step study", 2, time(19), starts=starts)
    )
    [read] = here.calendar.series()
    there.calendar.end_series(read.id or 0, starts + timedelta(days=30))
    with pytest.raises(Conflict, match="changed the event “Step study”"):
        here.calendar.save_series(replace(read, place="Dining room"))
    [now] = here.calendar.series()
    assert (now.ends, now.place) == (starts + timedelta(days=30), "")


def test_an_outside_mentor_changed_elsewhere_is_kept(desks: tuple[Workspace, Workspace]) -> None:
    here, there = desks
    here.mentors.save_external(ExternalMentorInfo(None, "Rae Moss", Role.ALUMNUS))
    [read] = here.mentors.external_mentors()
    there.mentors.save_external(replace(there.mentors.external_mentors()[0], phone="555-0101"))
    with pytest.raises(Conflict, match=r"changed the mentor Rae Moss .*555-0101"):
        here.mentors.save_external(replace(read, email="rae@example.org"))
    [now] = here.mentors.external_mentors()
    assert (now.phone, now.email) == ("555-0101", "")


def _minutes_desks(
    house: House, desks: tuple[Workspace, Workspace]
) -> tuple[Workspace, Workspace, int]:
    here, _there = desks
    here.calendar.save_series(
        SeriesInfo(None, Kind.HOUSE, "House meeting", 6, time(19), 90, starts=date(2026, 1, 1))
    )
    [event] = here.calendar.between(SUNDAY, SUNDAY)
    return *desks, here.calendar.hold(event)


def test_minutes_saved_at_another_desk_are_not_typed_over(
    house: House, desks: tuple[Workspace, Workspace]
) -> None:
    here, there, meeting = _minutes_desks(house, desks)
    fresh = here.minutes.view(meeting)
    assert fresh.version == 0  # none written yet
    there.minutes.save(meeting, {"new_business": "Porch light"}, seen=0)
    with pytest.raises(Conflict, match=r"changed these minutes .*new business: Porch light"):
        here.minutes.save(meeting, {"new_business": "Garden rota"}, seen=fresh.version)
    assert here.minutes.view(meeting).sections["new_business"] == "Porch light"
    # Saved again and again from one reading each time: no conflict with oneself.
    view = here.minutes.view(meeting)
    here.minutes.save(meeting, {"new_business": "Porch light; rota"}, seen=view.version)
    view = here.minutes.view(meeting)
    here.minutes.save(meeting, {"new_business": "Porch light; rota."}, seen=view.version)
    assert here.minutes.view(meeting).sections["new_business"] == "Porch light; rota."


def test_an_amendment_made_elsewhere_to_that_section_is_not_lost(
    house: House, desks: tuple[Workspace, Workspace]
) -> None:
    here, there, meeting = _minutes_desks(house, desks)
    here.minutes.save(meeting, {"new_business": "Porch", "old_business": "None"})
    here.minutes.finalise(meeting)
    read = here.minutes.view(meeting)
    there.minutes.amend(meeting, "new_business", "Porch light", "typo", seen=read.version)
    # Another section still amends; the same one is refused.
    here.minutes.amend(meeting, "old_business", "Nothing", "clearer", seen=read.version)
    with pytest.raises(Conflict, match="changed this section"):
        here.minutes.amend(meeting, "new_business", "Porch lamp", "typo", seen=read.version)
    sections = here.minutes.view(meeting).sections
    assert (sections["new_business"], sections["old_business"]) == ("Porch light", "Nothing")


def test_the_house_boxes_save_apart_and_each_keeps_anothers_change(
    desks: tuple[Workspace, Workspace],
) -> None:
    here, there = desks
    seen = here.house.version()  # the Settings page, filled
    settings, rules = here.house.settings(), here.mentors.rules()
    assert settings is not None
    # This desk saves the notice, then the house's details, both from that one filling.
    here.disclosures.save_notice("Do not pass this on.", seen=seen)
    here.house.save_settings(replace(settings, phone="555-0100"), seen=seen)
    # The other desk changes who may mentor; this desk's older rules are refused.
    there.mentors.save_rules(replace(rules, max_mentees=5), seen=there.house.version())
    with pytest.raises(Conflict, match=r"changed who may mentor .*mentor max mentees: 5"):
        here.mentors.save_rules(replace(rules, check_in_days=14), seen=seen)
    assert here.mentors.rules() == replace(rules, max_mentees=5)
    with pytest.raises(Conflict, match="changed the notice"):
        there.disclosures.save_notice("Confidential.", seen=seen)
    assert here.disclosures.notice() == "Do not pass this on."


def test_commands_and_the_demo_save_without_a_reading(house: House) -> None:
    """No ``seen``: nothing to hold the save to (a command line typed now)."""
    workspace = workspace_for(house.db)
    workspace.chores.save_chore(ChoreInfo(None, "Porch"))
    [chore] = workspace.chores.chores()
    workspace.chores.save_chore(replace(chore, area="Outside", version=None))
    workspace.chores.save_chore(replace(chore, area="Steps", version=None))
    assert workspace.chores.chores()[0].area == "Steps"
