"""A house that is hard to print: 40 residents with long names in several scripts, two people
with one name, look-alikes, someone who moves in mid-week, 26 chores with long names and
instructions, a crowded week of meetings and a long agenda.

Every sheet is made from it the way the app makes it, and then read back by ``pdf_layout``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from residence.chores.records import ChoreInfo, ChoreReport, Schedule, WeekGrid
from residence.chores.report import ChoreChart, chore_chart_pdf
from residence.consents.records import HouseRoster, RosterLine
from residence.consents.roster_report import house_roster_pdf
from residence.house.records import HouseSettings
from residence.meetings.minutes import SECTIONS, ActionItemInfo, MinutesView
from residence.meetings.records import AttendanceLine, Kind, Occurrence, Presence
from residence.meetings.schedule_report import WeeklySchedule, schedule_pdf
from residence.meetings.sheets_report import MinutesDocument, SignInSheet, minutes_pdf, sign_in_pdf
from residence.mentors.records import MentorKey, MentorRules, Pair, Role, Unpaired
from residence.mentors.report import MentorRoster, roster_pdf
from residence.residents.records import Admission, PersonDetails
from residence.workspace import open_workspace
from tests.conftest import clock_on

MONDAY = date(2026, 6, 15)
WEDNESDAY = MONDAY + timedelta(days=2)
LONGEST = (
    "Hubert Blaine Wolfeschlegelsteinhausenbergerdorff",
    "Montgomery-Abernathy-Featherstonehaugh-Vanderbilt-Oppenheimer-Cholmondeley",
)
# (first, last, preferred): the fields the manager types, as they type them.
PEOPLE: list[tuple[str, str, str]] = [
    ("María José", "Peña-Ibáñez", ""), ("Jade", "Jiménez", ""), ("Trần Quốc", "Khải", ""),
    ("Zoë", "O'Brien-Łukasz", ""), ("Christopher", "Bell", ""), ("Christopher", "Bell", ""),
    ("Christopher", "Montgomery-Abernathy", ""), ("Christopher", "Moore", ""),
    ("Александра", "Константинопольская-Воскресенская", ""),
    ("Παναγιώτης", "Παπαδημητρόπουλος", ""), ("Abd al-Rahman", "Al-Hashimi ibn Khalid", ""),
    ("Nguyễn Thị", "Minh", ""), ("José", "Ñúñez", "Pepe"), ("Josephine", "Dlamini", "Jo"),
    (LONGEST[0], LONGEST[1], ""), ("Bartholomew", "Featherstonehaugh", ""),
    ("Lucía", "Fernández-Ortega", ""), ("Mohammed", "Al-Rashid", ""), ("Aiyana", "Redcloud", ""),
    ("Darnell", "Washington", ""), ("Priya", "Raman", ""), ("Tomás", "Herrera", ""),
    ("Kevin", "O'Malley", ""), ("Samuel", "Okafor", ""), ("Marcus", "Bell", ""),
    ("Rebecca", "Lindqvist", ""), ("Andre", "Dubois", ""), ("Grace", "Whitfield", ""),
    ("Omar", "Haddad", ""), ("Dylan", "Reyes", ""), ("Ifeoma", "Chukwuemeka-Adeyemi", ""),
    ("Siobhán", "Ní Dhomhnaill", ""), ("Łukasz", "Wiśniewski", ""), ("Ólafur", "Þórðarson", ""),
    ("Dmitri", "Lee", ""), ("Dmitri", "Leeson", ""), ("Anh", "Vũ", ""),
    ("Guadalupe", "de la Cruz y Villaseñor", ""), ("Jean-Baptiste", "Lefèvre-Desrosiers", ""),
]  # fmt: skip
LATE_ARRIVAL = ("Wilhelmina", "Vanderhoeven-Oyelaran", "")  # moves in on Wednesday
CHORE_NAMES = [
    "Kitchen after breakfast", "Kitchen after dinner", "Kitchen after lunch",
    "Upstairs bathroom deep clean", "Downstairs bathroom and laundry sink",
    "Living room, hallway and front porch", "Take the recycling and compost to the curb",
    "Vacuum and mop the stairs and landings", "Refrigerator clean-out and wipe-down",
    "Wipe the microwave, toaster and coffee maker", "Sweep the back patio and smoking area",
    "Water the plants and weed the front garden", "Laundry room lint traps and floor",
    "Dining room tables, chairs and floor", "Empty every bin in the house",
    "Shoe rack, coat closet and entryway", "Clean the windows and mirrors downstairs",
    "Grocery list and pantry inventory", "Wash the dish towels and kitchen rags",
    "Mop the kitchen floor", "Dust the common areas", "Clean the oven and stovetop grates",
    "Mow the lawn and edge the walkway", "Basement storage tidy-up",
    "Front steps and mailbox area", "Cat litter and feeding station",
]  # fmt: skip
INSTRUCTIONS = "dishes, counters, stovetop; run the dishwasher and wipe the sink dry"


@dataclass(frozen=True)
class HardHouse:
    grid: WeekGrid
    names: tuple[str, ...]  # everyone living there on the meeting day, as the sign-in lists
    chores: tuple[str, ...]
    current: tuple[tuple[str, str, str], ...]  # (first, last, preferred) of who lives there


def build_hard_house(folder: Path) -> HardHouse:
    """The hard house, its week made on Monday and remade on Wednesday for the new arrival."""
    clock = clock_on(MONDAY)
    workspace = open_workspace(folder / "hard.sqlite3", clock=clock)
    try:
        rooms = [(f"Room {n}", ["A", "B"]) for n in range(1, 22)]
        workspace.house.set_up(HouseSettings("The Very Long Name Recovery Residence"), rooms)
        beds = workspace.house.beds()
        workspace.residents.admit_many(
            [
                Admission(_details(n, first, last, preferred), date(2026, 5, 1), bed.id)
                for n, ((first, last, preferred), bed) in enumerate(zip(PEOPLE, beds, strict=False))
            ]
        )
        for n, name in enumerate(CHORE_NAMES):
            schedule = (Schedule.DAILY, Schedule.WEEKDAYS, Schedule.WEEKLY)[n % 3]
            days = {
                Schedule.DAILY: frozenset[int](),
                Schedule.WEEKDAYS: frozenset({n % 7, (n + 3) % 7}),
                Schedule.WEEKLY: frozenset({n % 7}),
            }[schedule]
            instructions = INSTRUCTIONS if n % 2 == 0 else ""
            area = ("Kitchen", "Bathrooms", "Outside and the garden", "")[n % 4]
            people = 2 if n % 5 == 0 else 1
            workspace.chores.save_chore(
                ChoreInfo(None, name, area, instructions, schedule, days, n % 5 + 1, people)
            )
        workspace.weeks.generate(MONDAY)
        clock.move_to(datetime.combine(WEDNESDAY, time(9)))
        first, last, preferred = LATE_ARRIVAL
        workspace.residents.admit(
            Admission(PersonDetails(first, last, preferred), WEDNESDAY, beds[len(PEOPLE)].id)
        )
        grid = workspace.weeks.generate(WEDNESDAY).value.grid
        names = tuple(workspace.attendance.residents_on(WEDNESDAY))
    finally:
        workspace.close()
    return HardHouse(grid, names, tuple(CHORE_NAMES), (*PEOPLE, LATE_ARRIVAL))


def _details(n: int, first: str, last: str, preferred: str) -> PersonDetails:
    # Two people with one name are told apart by their dates of birth, as the app asks.
    born = date(1960, 1, 1) + timedelta(days=200 * n)
    return PersonDetails(first, last, preferred, date_of_birth=born)


def crowded_week(start: date) -> tuple[Occurrence, ...]:
    """Three or four meetings a day, with long titles and places."""
    events = []
    for offset in range(7):
        day = start + timedelta(days=offset)
        titles = [
            ("House meeting", Kind.HOUSE, "Living room, or the back garden if it is fine"),
            ("Step study: working the twelve steps with a sponsor", Kind.GROUP, "Dining room"),
            ("Life skills: budgeting, cooking and job applications", Kind.GROUP, ""),
        ]
        if offset % 2 == 0:
            titles.append(("Relapse prevention group", Kind.GROUP, "Upstairs lounge"))
        for n, (title, kind, place) in enumerate(titles):
            events.append(
                Occurrence(None, n, day, kind, title, day, time(9 + 4 * n, 30), 60, place, n != 2)
            )
    return tuple(events)


def _agenda() -> dict[str, str]:
    """A long meeting: every section has something, some of it a page long."""
    long = (
        "The house discussed the new quiet hours after a long and careful conversation; "
        "everyone had their say, and the manager read the relevant part of the house rules "
        "aloud twice so that nobody could say they had not heard it. "
    )
    return {name: (long * (6 if n % 3 == 0 else 1)).strip() for n, (name, _) in enumerate(SECTIONS)}


def _items(house: HardHouse, raised: date, due_gap: int) -> tuple[ActionItemInfo, ...]:
    return tuple(
        ActionItemInfo(
            n,
            f"Fix the {thing} before the inspection, and tell the house manager when it is done",
            name,
            None,
            raised + timedelta(days=due_gap + n % 5),
            raised + timedelta(days=3) if n % 4 == 0 else None,
            raised,
        )
        for n, (thing, name) in enumerate(
            zip(
                ["porch light", "back door", "leaking tap", "smoke alarm", "fence"] * 3,
                house.names,
                strict=False,
            )
        )
    )


def hard_minutes(house: HardHouse) -> MinutesView:
    sunday = MONDAY - timedelta(days=1)
    meeting = Occurrence(1, 1, sunday, Kind.HOUSE, "House meeting", sunday, time(19), 60,
                         "Living room, or the back garden if it is fine", True)  # fmt: skip
    roll = tuple(
        AttendanceLine(n, name, (Presence.PRESENT, Presence.LATE, Presence.EXCUSED, None)[n % 4],
                       "At work until seven; told the manager the day before" if n % 4 == 2 else "")
        for n, name in enumerate(house.names)
    )  # fmt: skip
    last_week = MONDAY - timedelta(days=7)
    chores = ChoreReport(
        last_week,
        180,
        tuple(
            (name, chore, last_week + timedelta(days=n % 7))
            for n, (name, chore) in enumerate(zip(house.names, house.chores, strict=False))
        ),
        4,
        2,
        tuple(
            (chore, name) for chore, name in zip(house.chores * 2, house.names * 2, strict=False)
        ),
    )
    carried = _items(house, sunday - timedelta(days=14), 3)
    raised = _items(house, sunday, 7)
    return MinutesView(meeting, _agenda(), roll, carried, raised, chores, None, "")


def every_sheet(house: HardHouse, generated: datetime) -> dict[str, bytes]:
    """Each printed sheet of the hard house, by a file-like name."""
    events = crowded_week(house.grid.start)
    meeting = events[0]
    name = "The Very Long Name Recovery Residence"
    return {
        "chore-chart": chore_chart_pdf(ChoreChart(name, house.grid, generated)),
        "schedule": schedule_pdf(WeeklySchedule(name, house.grid, events, generated)),
        "sign-in": sign_in_pdf(SignInSheet(name, meeting, house.names, generated)),
        "minutes": minutes_pdf(MinutesDocument(name, hard_minutes(house), generated)),
        "mentor-roster": roster_pdf(_mentors(house, generated)),
        "house-roster": house_roster_pdf(_census(house, generated)),
    }


def _mentors(house: HardHouse, generated: datetime) -> MentorRoster:
    names = house.names
    pairs = tuple(
        Pair(n, n + 1, names[n + 1], MentorKey(person_id=n // 4), names[n // 4 * 4], Role.RESIDENT,
             date(2026, 5, 1), None, None, "", date(2026, 6, 1) if n % 2 else None,
             date(2026, 6, 8 + n % 14), n % 3 == 0)
        for n in range(28)
    )  # fmt: skip
    unpaired = tuple(
        Unpaired(n, name, date(2026, 5, 1), date(2026, 6, 2) if n % 2 else None)
        for n, name in enumerate(names[28:])
    )
    return MentorRoster("The Very Long Name Recovery Residence", pairs, unpaired,
                        MentorRules(), MONDAY, generated)  # fmt: skip


def _census(house: HardHouse, generated: datetime) -> HouseRoster:
    lines = tuple(
        RosterLine(name, f"Room {n // 2 + 1} · {'AB'[n % 2]}", date(2026, 5, 1),
                   "Phase 2: Building a life in recovery", 45 + n, 120 + n if n % 3 else None)
        for n, name in enumerate(house.names)
    )  # fmt: skip
    return HouseRoster("The Very Long Name Recovery Residence", MONDAY, 42, len(lines), lines,
                       generated)  # fmt: skip
