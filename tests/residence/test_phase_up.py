"""The phase-up assistant: each criterion's verdict at its boundary, records that don't exist
never read as a failure, and the move recorded with the facts it was decided on."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from residence.areas import phase_criteria
from residence.chores.catalogue import ChoreCatalogue
from residence.chores.records import ChoreInfo
from residence.db import orm
from residence.errors import ValidationError
from residence.house.records import MoveUpRules
from residence.meetings.attendance import AttendanceBook
from residence.meetings.calendar import MeetingCalendar
from residence.meetings.records import Kind, Presence, SeriesInfo
from residence.phaseup.records import Assessment, Finding
from residence.phaseup.service import PhaseUpAssistant
from residence.residents.records import Admission, PersonDetails
from tests.conftest import TODAY, House, cli

# TODAY is a Monday, and the test house's week starts on Monday: the last whole week is the
# seven days before it.
LAST_WEEK = TODAY - timedelta(days=7)


def _asks(house: House, rules: MoveUpRules) -> None:
    """The house's criteria for Phase 2."""
    phase_2 = house.house.phases()[1]
    house.house.save_phase(replace(phase_2, move_up=rules))


def _admit(house: House, days_ago: int, first: str = "Ana") -> int:
    details = PersonDetails(first, "Quill")
    return house.residents.admit(Admission(details, TODAY - timedelta(days=days_ago))).value


def _assess(house: House, person: int) -> Assessment:
    return PhaseUpAssistant(house.db, house.clock, phase_criteria()).assess(person)


def _only(house: House, person: int) -> tuple[Finding, str]:
    [verdict] = _assess(house, person).verdicts
    return verdict.finding, verdict.evidence


@pytest.mark.parametrize(("days", "finding"), [(29, Finding.NOT_MET), (30, Finding.MET)])
def test_days_in_the_phase_before(house: House, days: int, finding: Finding) -> None:
    _asks(house, MoveUpRules(days_in_phase=30))
    ana = _admit(house, days)
    assert _only(house, ana) == (finding, f"{days} days, since {_shown(TODAY - timedelta(days))}")


def _shown(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _slips(house: House, person: int, week: date, count: int) -> None:
    days = [week + timedelta(days=i) for i in range(count)]
    book = AttendanceBook(house.db, house.clock)
    for day in days:
        book.log_slips(day, [person], "AA")


@pytest.mark.parametrize(("last_week", "finding"), [(4, Finding.NOT_MET), (5, Finding.MET)])
def test_the_outside_meeting_quota_week_after_week(
    house: House, last_week: int, finding: Finding
) -> None:
    """Phase 1's quota is 5 a week; two whole weeks asked, the second at the boundary."""
    _asks(house, MoveUpRules(quota_weeks=2))
    ana = _admit(house, 30)
    _slips(house, ana, LAST_WEEK - timedelta(days=7), 5)
    _slips(house, ana, LAST_WEEK, last_week)
    _slips(house, ana, TODAY, 0)  # this week doesn't count yet
    found, evidence = _only(house, ana)
    assert found is finding
    if finding is Finding.NOT_MET:
        assert evidence == f"short in 1 of 2 weeks: 4 of 5 in the week of {_shown(LAST_WEEK)}"


def test_weeks_before_the_house_logged_slips_are_no_record(house: House) -> None:
    _asks(house, MoveUpRules(quota_weeks=2))
    ana = _admit(house, 30)
    _slips(house, ana, LAST_WEEK, 5)  # the house's first slips: the week before has none
    assert _only(house, ana) == (Finding.NO_RECORD, "no slips on record for 1 of the 2 weeks")


def test_too_few_weeks_in_the_house_is_not_met(house: House) -> None:
    _asks(house, MoveUpRules(quota_weeks=4))
    ana = _admit(house, 10)  # a Friday: 3 days of the week before last, so 2 of its 5
    _slips(house, ana, TODAY - timedelta(days=10), 2)
    _slips(house, ana, LAST_WEEK, 5)
    found, evidence = _only(house, ana)
    assert (found, evidence) == (Finding.NOT_MET, "in the house 2 of the last 4 weeks")


def _house_meetings(house: House, marks: list[Presence | None], person: int) -> None:
    """One house meeting a day, ending yesterday, each with the resident's mark (None: no
    roll taken)."""
    calendar, book = MeetingCalendar(house.db, house.clock), AttendanceBook(house.db, house.clock)
    info = SeriesInfo(None, Kind.HOUSE, "House meeting", 0, time(19, 0))
    for back, mark in enumerate(reversed(marks), start=1):
        event = calendar.add_one_off(info, TODAY - timedelta(days=back)).value
        if mark is not None:
            book.record(calendar.hold(event), {person: (mark, "")})


@pytest.mark.parametrize(("absent", "finding"), [(1, Finding.MET), (2, Finding.NOT_MET)])
def test_a_share_of_house_meetings(house: House, absent: int, finding: Finding) -> None:
    """80% asked: 4 of 5 is enough, 3 of 5 isn't; an excused absence is left out."""
    _asks(house, MoveUpRules(house_meeting_percent=80))
    ana = _admit(house, 40)
    came, away, excused = Presence.PRESENT, Presence.ABSENT, Presence.EXCUSED
    marks: list[Presence | None] = [*[away] * absent, *[came] * (5 - absent), excused, None]
    _house_meetings(house, marks, ana)
    share = 100 * (5 - absent) // 5
    assert _only(house, ana) == (
        finding,
        f"{5 - absent} of 5 ({share}%) in the last 30 days; 1 excused; 1 with no mark on record",
    )


def test_house_meetings_with_no_roll_are_no_record(house: House) -> None:
    _asks(house, MoveUpRules(house_meeting_percent=80))
    ana = _admit(house, 12)
    _house_meetings(house, [None, None], ana)
    since = f"since moving in on {_shown(TODAY - timedelta(days=12))}"
    assert _only(house, ana) == (Finding.NO_RECORD, f"no house meeting with a roll {since}")


def _chores(house: House, person: int, statuses: list[str]) -> None:
    """One chore a day for the resident, ending yesterday, signed off as ``statuses``."""
    chore = ChoreCatalogue(house.db, house.clock).save_chore(ChoreInfo(None, "Kitchen")).value
    with house.db.write() as session:
        weeks: dict[date, orm.ChoreWeek] = {}
        for back, status in enumerate(reversed(statuses), start=1):
            day = TODAY - timedelta(days=back)
            start = day - timedelta(days=day.weekday())
            if start not in weeks:
                weeks[start] = orm.ChoreWeek(start=start, generated_at=datetime(2026, 1, 1))
                session.add(weeks[start])
                session.flush()
            session.add(orm.ChoreAssignment(
                week_id=weeks[start].id, chore_id=chore.id or 0, day=day, person_id=person,
                chore_name="Kitchen", status=status,
            ))  # fmt: skip


@pytest.mark.parametrize(("missed", "finding"), [(1, Finding.MET), (2, Finding.NOT_MET)])
def test_missed_chores_allowed(house: House, missed: int, finding: Finding) -> None:
    _asks(house, MoveUpRules(missed_chores_at_most=1))
    ana = _admit(house, 40)
    # The oldest, 30 days back, is outside the last 30 (today is the 30th) and doesn't count.
    _chores(house, ana, ["missed", *["missed"] * missed, *["done"] * (28 - missed), "pending"])
    assert _only(house, ana) == (
        finding,
        f"{missed} missed, {28 - missed} done in the last 30 days",
    )


def test_no_chore_on_the_chart_is_no_record(house: House) -> None:
    _asks(house, MoveUpRules(missed_chores_at_most=0))
    ana = _admit(house, 40)
    assert _only(house, ana) == (
        Finding.NO_RECORD,
        "no chore on the chart for them in the last 30 days",
    )


def test_only_what_the_house_asks_is_judged(house: House) -> None:
    ana = _admit(house, 3)
    assessment = _assess(house, ana)
    assert (assessment.next_phase, assessment.verdicts) == (house.phases[1].name, ())
    assert assessment.summary() == f"The house sets no criteria for {house.phases[1].name}."


def test_the_move_is_recorded_with_its_facts(
    house: House, db_arg: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _asks(house, MoveUpRules(days_in_phase=30, house_meeting_percent=80))
    ana = _admit(house, 31)
    before = house.queries.detail(ana).stays[0]
    assert cli(["phase-up", "--resident", str(ana), "--db", db_arg]) == 0
    shown = capsys.readouterr().out
    assert "  met        At least 30 days in Phase 1 · Orientation (31 days" in shown
    assert "  no record  At least 80% of house meetings in the last 30 days" in shown
    assert "1 of 2 met." in shown
    # A criterion without a record isn't met: the move needs the manager's reason.
    assert cli(["phase-up", "--resident", str(ana), "--record", "--db", db_arg]) == 1
    assert "say why they move up all the same" in capsys.readouterr().err
    reason = "Attends every meeting; the roll book is on paper."
    assert (
        cli(["phase-up", "--resident", str(ana), "--record", "--note", reason, "--db", db_arg]) == 0
    )
    assert "moved up to Phase 2" in capsys.readouterr().out
    stay = house.queries.detail(ana).stays[0]
    assert (before.current_phase, stay.current_phase) == (house.phases[0].name, "Phase 2")
    with house.db.read() as session:
        note = session.scalars(select(orm.StayPhase.note).where(orm.StayPhase.start == TODAY)).one()
    moved_in = _shown(TODAY - timedelta(days=31))
    assert note == (
        f"Criteria for Phase 2 on {_shown(TODAY)}:\n"
        f"- At least 30 days in Phase 1 · Orientation: met (31 days, since {moved_in})\n"
        "- At least 80% of house meetings in the last 30 days: no record (no house meeting "
        "with a roll in the last 30 days)\n\n" + reason
    )


def test_the_last_phase_has_nothing_to_move_up_to(house: House) -> None:
    ana = _admit(house, 100)
    stay = house.queries.detail(ana).stays[0].id
    house.residents.change_phase(
        stay,
        house.phases[-1].id or 0,
        TODAY - timedelta(days=5),
        "Came from a sister house in its last phase",
    )
    assessment = _assess(house, ana)
    assert (assessment.next_phase_id, assessment.verdicts) == (None, ())


def test_what_the_criteria_refuse(house: House) -> None:
    phase_2 = house.house.phases()[1]
    for rules, field in [
        (MoveUpRules(days_in_phase=0), "days_in_phase"),
        (MoveUpRules(quota_weeks=53), "quota_weeks"),
        (MoveUpRules(house_meeting_percent=101), "house_meeting_percent"),
        (MoveUpRules(missed_chores_at_most=-1), "missed_chores_at_most"),
    ]:
        with pytest.raises(ValidationError) as refused:
            house.house.save_phase(replace(phase_2, move_up=rules))
        assert set(refused.value.errors) == {field}
    saved = house.house.save_phase(replace(phase_2, move_up=MoveUpRules(quota_weeks=4))).value
    assert house.house.phases()[1].move_up == saved.move_up == MoveUpRules(quota_weeks=4)


def test_the_database_keeps_the_criteria_in_range(house: House) -> None:
    for column, value in [("up_days_in_phase", -1), ("up_house_meeting_percent", 101)]:
        with pytest.raises(IntegrityError), house.db.write() as session:
            session.execute(update(orm.Phase).values({column: value}))
