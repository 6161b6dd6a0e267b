"""Chores through the services: the catalogue, exemptions, a week's rotation, sign-off."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from residence.areas import stay_hooks
from residence.chores.catalogue import ChoreCatalogue
from residence.chores.records import ChoreInfo, Schedule, SignOff, SignOffEntry, WeekGrid
from residence.chores.weeks import ChoreWeeks
from residence.errors import Conflict, ValidationError
from residence.residents.reasons import DischargeReason
from residence.residents.records import Admission, Discharge, PersonDetails
from residence.residents.service import ResidentService
from tests.conftest import TODAY, House, clock_on

MONDAY = TODAY  # 15 Jun 2026; the house week starts on Monday
WEEK = [MONDAY + timedelta(days=i) for i in range(7)]


@pytest.fixture
def catalogue(house: House) -> ChoreCatalogue:
    return ChoreCatalogue(house.db, clock=clock_on())


def weeks_on(house: House, today: date) -> ChoreWeeks:
    return ChoreWeeks(house.db, clock=clock_on(today, time(9, 0)))


@pytest.fixture
def weeks(house: House) -> ChoreWeeks:
    return weeks_on(house, TODAY)


def residents_on(house: House, today: date) -> ResidentService:
    return ResidentService(house.db, clock=clock_on(today), hooks=stay_hooks())


def admit(house: House, first: str, move_in: date = date(2026, 5, 1)) -> int:
    service = residents_on(house, max(move_in, TODAY))
    return service.admit(Admission(PersonDetails(first, "Test"), move_in)).value


def chore(catalogue: ChoreCatalogue, name: str, **fields: object) -> int:
    saved = catalogue.save_chore(ChoreInfo(None, name, **fields)).value  # type: ignore[arg-type]
    assert saved.id is not None
    return saved.id


def cells_of(grid: WeekGrid, person: int) -> list[date]:
    return sorted(c.day for c in grid.cells() if c.person_id == person)


# -- the catalogue ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"name": "  "}, "name", "Give the chore a name."),
        ({"weight": 6}, "weight", "Effort is from 1 (light) to 5 (heavy)."),
        ({"people": 0}, "people", "A chore needs from 1 to 10 people."),
        ({"schedule": Schedule.WEEKDAYS}, "days", "Choose the days it is done."),
        ({"schedule": Schedule.WEEKLY, "days": frozenset({1, 2})}, "days", "Choose the one day"),
    ],
)
def test_a_chore_that_makes_no_sense_is_refused(
    catalogue: ChoreCatalogue, fields: dict[str, object], field: str, message: str
) -> None:
    chore_fields: dict[str, object] = {"name": "Yard", **fields}
    with pytest.raises(ValidationError) as raised:
        catalogue.save_chore(ChoreInfo(None, **chore_fields))  # type: ignore[arg-type]
    assert message in raised.value.errors[field]
    assert catalogue.chores() == []


def test_editing_the_catalogue_never_rewrites_past_weeks(
    house: House, catalogue: ChoreCatalogue, weeks: ChoreWeeks
) -> None:
    admit(house, "Ana")
    chore_id = chore(catalogue, "Trash", schedule=Schedule.WEEKLY, days=frozenset({6}), weight=2)
    weeks.generate(MONDAY)
    catalogue.save_chore(
        ChoreInfo(chore_id, "Trash and recycling", schedule=Schedule.DAILY, weight=5)
    )
    [row] = weeks.grid(MONDAY).rows
    assert row.chore_name == "Trash"
    assert [c.day for c in row.cells if c is not None] == [WEEK[6]]
    assert row.weight == 2


# -- generating a week -----------------------------------------------------------------------


def test_a_mid_week_arrival_gets_no_chores_before_moving_in(
    house: House, catalogue: ChoreCatalogue, weeks: ChoreWeeks
) -> None:
    admit(house, "Ana")
    chore(catalogue, "Kitchen", weight=3)
    chore(catalogue, "Trash", weight=3)
    weeks_on(house, TODAY).generate(MONDAY)
    newcomer = admit(house, "Ben", move_in=WEEK[3])  # arrives on Thursday
    grid = weeks_on(house, WEEK[3]).generate(WEEK[3]).value.grid
    assert cells_of(grid, newcomer), "they share the chores from their first day"
    assert all(day >= WEEK[3] for day in cells_of(grid, newcomer))


def test_nobody_gets_chores_after_moving_out_or_while_exempt(
    house: House, catalogue: ChoreCatalogue, weeks: ChoreWeeks
) -> None:
    stays = admit(house, "Ana")
    leaving = admit(house, "Ben")
    shift = admit(house, "Cy")
    kitchen = chore(catalogue, "Kitchen", weight=3)
    chore(catalogue, "Common room", weight=1)
    stay = house.queries.detail(leaving).stays[-1]
    house.residents.discharge(stay.id, Discharge(WEEK[0], DischargeReason.GOOD_STANDING))
    catalogue.add_exemption(shift, kitchen, WEEK[0], WEEK[3], "Night shifts")
    grid = weeks.generate(MONDAY).value.grid
    assert cells_of(grid, leaving) == []
    kitchen_days = [c.day for c in grid.cells() if c.chore_id == kitchen and c.person_id == shift]
    assert all(day > WEEK[3] for day in kitchen_days)
    assert cells_of(grid, stays)


def test_more_slots_than_people_leaves_cells_empty_and_the_grid_says_so(
    house: House, catalogue: ChoreCatalogue, weeks: ChoreWeeks
) -> None:
    admit(house, "Ana")
    chore(catalogue, "Kitchen after dinner", weight=3, people=2)
    grid = weeks.generate(MONDAY).value.grid
    assert len(grid.rows) == 2
    empty = [c for c in grid.cells() if c.person_id is None]
    assert len(empty) == 7
    assert {c.reason for c in empty} == {"nobody is available"}


def test_the_same_history_gives_the_same_week(house: House, catalogue: ChoreCatalogue) -> None:
    for name in ("Ana", "Ben", "Cy", "Di"):
        admit(house, name)
    for number in range(5):
        chore(catalogue, f"Chore {number}", weight=number + 1)
    first = weeks_on(house, TODAY).generate(MONDAY).value.grid
    again = weeks_on(house, TODAY).generate(MONDAY).value.grid
    assert [(c.chore_id, c.day, c.person_id) for c in first.cells()] == [
        (c.chore_id, c.day, c.person_id) for c in again.cells()
    ]


def test_cells_placed_by_hand_survive_regeneration(
    house: House, catalogue: ChoreCatalogue, weeks: ChoreWeeks
) -> None:
    ana, ben = admit(house, "Ana"), admit(house, "Ben")
    chore(catalogue, "Kitchen", weight=3)
    chore(catalogue, "Yard", schedule=Schedule.WEEKLY, days=frozenset({5}), weight=3)
    grid = weeks.generate(MONDAY).value.grid
    friday = next(c for c in grid.cells() if c.day == WEEK[4])
    other = ben if friday.person_id == ana else ana
    weeks.reassign(friday.assignment_id, other)
    regenerated = weeks.generate(MONDAY).value.grid
    kept = next(c for c in regenerated.cells() if c.assignment_id == friday.assignment_id)
    assert (kept.person_id, kept.locked, kept.reason) == (other, True, "placed by hand")


def test_a_past_week_stays_as_it_happened(house: House, catalogue: ChoreCatalogue) -> None:
    admit(house, "Ana")
    chore(catalogue, "Kitchen", weight=3)
    weeks_on(house, TODAY).generate(MONDAY)
    with pytest.raises(Conflict, match="past weeks stay as they happened"):
        weeks_on(house, TODAY + timedelta(days=8)).generate(MONDAY)


def test_regenerating_mid_week_keeps_the_days_already_past(
    house: House, catalogue: ChoreCatalogue
) -> None:
    admit(house, "Ana")
    admit(house, "Ben")
    chore(catalogue, "Kitchen", weight=3)
    before = weeks_on(house, TODAY).generate(MONDAY).value.grid
    admit(house, "Cy", move_in=WEEK[2])
    after = weeks_on(house, WEEK[3]).generate(MONDAY).value.grid

    def early(grid: WeekGrid) -> list[tuple[date, int | None]]:
        return [(c.day, c.person_id) for c in grid.cells() if c.day < WEEK[3]]

    assert early(after) == early(before)


def test_reassigning_to_someone_not_in_the_house_that_day_is_refused(
    house: House, catalogue: ChoreCatalogue, weeks: ChoreWeeks
) -> None:
    admit(house, "Ana")
    chore(catalogue, "Kitchen", weight=3)
    later = admit(house, "Ben", move_in=TODAY)  # moves in on Monday: fine for Monday on
    grid = weeks.generate(MONDAY).value.grid
    gone = admit(house, "Cy")
    stay = house.queries.detail(gone).stays[-1]
    house.residents.discharge(stay.id, Discharge(TODAY, DischargeReason.OTHER))
    sunday = next(c for c in grid.cells() if c.day == WEEK[6])
    with pytest.raises(ValidationError) as raised:
        weeks.reassign(sunday.assignment_id, gone)
    assert "not living in the house on 21 Jun 2026" in raised.value.errors["person"]
    candidates = {c.person_id: c for c in weeks.candidates(sunday.assignment_id)}
    assert candidates[later].available
    assert gone not in candidates  # moved out before the week began: not offered at all


# -- signing off -----------------------------------------------------------------------------


def _first_cell(house: House, catalogue: ChoreCatalogue, weeks: ChoreWeeks) -> tuple[int, int]:
    admit(house, "Ana")
    admit(house, "Ben")
    chore(catalogue, "Kitchen", weight=3)
    grid = weeks.generate(MONDAY).value.grid
    cell = next(c for c in grid.cells() if c.day == MONDAY)
    assert cell.person_id is not None
    return cell.assignment_id, cell.person_id


def test_sign_off_states_are_kept(
    house: House, catalogue: ChoreCatalogue, weeks: ChoreWeeks
) -> None:
    cell_id, person = _first_cell(house, catalogue, weeks)
    other = next(c.person_id for c in weeks.candidates(cell_id) if c.person_id != person)
    weeks.sign_off(cell_id, SignOff.COVERED, covered_by=other)
    cell = next(c for c in weeks.grid(MONDAY).cells() if c.assignment_id == cell_id)
    helper = house.queries.detail(other).details
    assert (cell.status, cell.covered_by) == (SignOff.COVERED, f"{helper.first_name} Test")
    with pytest.raises(ValidationError, match="Say why"):
        weeks.sign_off(cell_id, SignOff.EXCUSED)
    weeks.sign_off(cell_id, SignOff.EXCUSED, "Doctor's appointment")
    cell = next(c for c in weeks.grid(MONDAY).cells() if c.assignment_id == cell_id)
    assert (cell.status, cell.note, cell.covered_by) == (
        SignOff.EXCUSED,
        "Doctor's appointment",
        "",
    )


def test_a_day_that_has_not_come_cannot_be_signed_off(
    house: House, catalogue: ChoreCatalogue, weeks: ChoreWeeks
) -> None:
    _first_cell(house, catalogue, weeks)
    tuesday = next(c for c in weeks.grid(MONDAY).cells() if c.day == WEEK[1])
    with pytest.raises(ValidationError, match="hasn't come yet"):
        weeks.sign_off(tuesday.assignment_id, SignOff.DONE)


def test_nobody_is_marked_missed_for_a_day_they_did_not_live_here(
    house: House, catalogue: ChoreCatalogue
) -> None:
    person = admit(house, "Ana")
    chore(catalogue, "Kitchen", weight=3)
    weeks = weeks_on(house, WEEK[6])
    grid = weeks.generate(MONDAY).value.grid
    cell = next(c for c in grid.cells() if c.day == WEEK[5] and c.person_id == person)
    stay = house.queries.detail(person).stays[-1]
    residents_on(house, WEEK[6]).discharge(stay.id, Discharge(WEEK[4], DischargeReason.OTHER))
    with pytest.raises(ValidationError, match="didn't live in the house"):
        weeks.sign_off(cell.assignment_id, SignOff.MISSED)
    assert next(c for c in weeks.grid(MONDAY).cells() if c.assignment_id == cell.assignment_id).away


def test_marking_a_day_done_takes_one_action_and_spares_signed_cells(
    house: House, catalogue: ChoreCatalogue
) -> None:
    for name in ("Ana", "Ben"):
        admit(house, name)
    chore(catalogue, "Kitchen", weight=3, people=2)
    chore(catalogue, "Trash", weight=1)
    weeks = weeks_on(house, WEEK[2])
    grid = weeks.generate(MONDAY).value.grid
    tuesday = [c for c in grid.cells() if c.day == WEEK[1]]
    weeks.sign_off(tuesday[0].assignment_id, SignOff.MISSED)
    assert weeks.sign_off_day(WEEK[1]).value == len(tuesday) - 1
    statuses = [c.status for c in weeks.grid(MONDAY).cells() if c.day == WEEK[1]]
    assert sorted(statuses) == sorted([SignOff.MISSED] + [SignOff.DONE] * (len(tuesday) - 1))


def test_sign_off_many_is_all_or_nothing(
    house: House, catalogue: ChoreCatalogue, weeks: ChoreWeeks
) -> None:
    cell_id, _ = _first_cell(house, catalogue, weeks)
    tuesday = next(c for c in weeks.grid(MONDAY).cells() if c.day == WEEK[1])
    with pytest.raises(ValidationError):
        weeks.sign_off_many(
            [SignOffEntry(cell_id, SignOff.DONE), SignOffEntry(tuesday.assignment_id, SignOff.DONE)]
        )
    assert all(c.status is SignOff.PENDING for c in weeks.grid(MONDAY).cells())


# -- fairness and home -----------------------------------------------------------------------


def test_fairness_credits_whoever_did_the_work(
    house: House, catalogue: ChoreCatalogue, weeks: ChoreWeeks
) -> None:
    cell_id, person = _first_cell(house, catalogue, weeks)
    other = next(c.person_id for c in weeks.candidates(cell_id) if c.person_id != person)
    before = {r.person_id: r.last_4_weeks for r in weeks.fairness()}
    weeks.sign_off(cell_id, SignOff.COVERED, covered_by=other)
    after = {r.person_id: r.last_4_weeks for r in weeks.fairness()}
    share = round(3 / 7, 1)
    assert after[person] == pytest.approx(before[person] - share, abs=0.11)
    assert after[other] == pytest.approx(before[other] + share, abs=0.11)


def test_home_lists_today_and_yesterdays_unsigned(house: House, catalogue: ChoreCatalogue) -> None:
    admit(house, "Ana")
    chore(catalogue, "Kitchen", weight=3)
    weeks = weeks_on(house, WEEK[2])
    weeks.generate(MONDAY)
    today, unsigned = weeks.today_and_yesterday()
    assert [(c.chore, c.day) for c in today] == [("Kitchen", WEEK[2])]
    assert [(c.chore, c.day, c.status) for c in unsigned] == [("Kitchen", WEEK[1], SignOff.PENDING)]
    weeks.sign_off_day(WEEK[1])
    assert weeks.today_and_yesterday()[1] == []


# -- regenerating mid-week -------------------------------------------------------------------


def _who(grid: WeekGrid) -> dict[tuple[int, date, int], int | None]:
    return {(c.chore_id, c.day, c.slot): c.person_id for c in grid.cells()}


def _three_and_three(house: House, catalogue: ChoreCatalogue) -> list[int]:
    people = [admit(house, name) for name in ("Ana", "Ben", "Cy")]
    chore(catalogue, "Kitchen", weight=3)
    chore(catalogue, "Common room", weight=2)
    chore(catalogue, "Yard", schedule=Schedule.WEEKLY, days=frozenset({5}), weight=3)
    return people


def test_everyone_living_here_has_a_chore_when_there_are_enough(
    house: House, catalogue: ChoreCatalogue, weeks: ChoreWeeks
) -> None:
    _three_and_three(house, catalogue)
    grid = weeks.generate(MONDAY).value.grid
    rows = {(c.chore_id, c.slot): c.person_id for c in grid.cells()}
    assert len(set(rows.values())) == 3  # three slots, three people: one each
    assert {r.this_week for r in weeks.fairness()} == {1}


def test_regenerating_mid_week_with_nothing_changed_keeps_every_cell(
    house: House, catalogue: ChoreCatalogue
) -> None:
    _three_and_three(house, catalogue)
    before = weeks_on(house, TODAY).generate(MONDAY).value.grid
    again = weeks_on(house, WEEK[2]).generate(MONDAY).value
    assert _who(again.grid) == _who(before)
    assert (again.remade, again.changes) == (True, ())


def test_a_move_out_changes_only_their_cells_and_says_why(
    house: House, catalogue: ChoreCatalogue
) -> None:
    people = _three_and_three(house, catalogue)
    before = _who(weeks_on(house, TODAY).generate(MONDAY).value.grid)
    leaving = next(p for (chore_id, _d, _s), p in before.items() if chore_id == 1)
    assert leaving is not None
    stay = house.queries.detail(leaving).stays[-1]
    residents_on(house, WEEK[3]).discharge(stay.id, Discharge(WEEK[3], DischargeReason.OTHER))
    again = weeks_on(house, WEEK[3]).generate(MONDAY).value
    after = _who(again.grid)
    changed = {cell for cell in before if after[cell] != before[cell]}
    assert changed and all(before[cell] == leaving and cell[1] >= WEEK[3] for cell in changed)
    assert all(after[cell] in people and after[cell] != leaving for cell in changed)
    name = house.queries.detail(leaving).details.first_name
    assert str(again.changes[0]).startswith("Kitchen Thu–Sun: ")
    assert f"({name} Test moved out)" in str(again.changes[0])


def test_a_newcomer_mid_week_is_given_a_chore_and_the_rest_stays(
    house: House, catalogue: ChoreCatalogue
) -> None:
    admit(house, "Ana")
    admit(house, "Ben")
    chore(catalogue, "Kitchen", weight=3)
    chore(catalogue, "Common room", weight=2)
    chore(catalogue, "Yard", schedule=Schedule.WEEKLY, days=frozenset({5}), weight=3)
    before = _who(weeks_on(house, TODAY).generate(MONDAY).value.grid)
    newcomer = admit(house, "Cy", move_in=WEEK[3])
    again = weeks_on(house, WEEK[3]).generate(MONDAY).value
    after = _who(again.grid)
    assert {r.person_id: r.this_week for r in weeks_on(house, WEEK[3]).fairness()}[newcomer] == 1
    changed = [cell for cell in before if after[cell] != before[cell]]
    assert all(after[cell] == newcomer for cell in changed)
    assert len({(chore_id, slot) for chore_id, _day, slot in changed}) == 1  # one slot moved
    assert "(Cy Test had no chore this week)" in str(again.changes[0])


def test_with_fewer_chores_than_people_the_fairness_view_says_who_rests_and_why(
    house: House, catalogue: ChoreCatalogue, weeks: ChoreWeeks
) -> None:
    for name in ("Ana", "Ben", "Cy"):
        admit(house, name)
    chore(catalogue, "Kitchen", weight=3)
    chore(catalogue, "Yard", schedule=Schedule.WEEKLY, days=frozenset({5}), weight=3)
    weeks.generate(MONDAY)
    rows = weeks.fairness()
    assert sorted(r.this_week for r in rows) == [0, 1, 1]
    [resting] = [r for r in rows if r.this_week == 0]
    assert resting.why_none.startswith("rests this week: fewer chores than people")


def test_the_week_names_who_has_no_chore_in_it_and_the_chart_prints_them(
    house: House, catalogue: ChoreCatalogue, weeks: ChoreWeeks
) -> None:
    from datetime import datetime

    from residence.chores.report import ChoreChart, chore_chart_pdf
    from tests.residence.pdf_layout import page_texts

    for name in ("Ana", "Ben", "Cy"):
        admit(house, name)
    gone = admit(house, "Dee")
    stay = house.queries.detail(gone).stays[-1]
    residents_on(house, TODAY).discharge(stay.id, Discharge(TODAY, DischargeReason.OTHER))
    chore(catalogue, "Kitchen", weight=3)
    grid = weeks.generate(MONDAY).value.grid
    [busy] = {c.person_id for c in grid.cells()}
    assert busy is not None  # one place, and someone has it
    resting = {p.given for p in grid.free}
    assert len(resting) == 2 and house.queries.detail(busy).details.first_name not in resting
    assert "Dee" not in resting  # moved out on the Monday: not living here this week
    text = " ".join(page_texts(chore_chart_pdf(ChoreChart("M", grid, datetime(2026, 6, 15)))))
    assert "No chore this week: " + ", ".join(f"{n} Test" for n in sorted(resting)) in text
