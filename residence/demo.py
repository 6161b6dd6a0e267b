"""The demo house: Magnolia House, invented people with an invented history.

Dates are relative to the moment it is built, so the demo always looks like a house in use;
for one moment the result is always the same, and nothing in it happens after that moment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from residence.clock import FixedClock
from residence.dates import add_months, week_start
from residence.db.database import Database, open_database
from residence.demo_chores import build_demo_chores
from residence.demo_consents import build_demo_consents
from residence.demo_meetings import build_demo_meetings
from residence.demo_mentors import build_demo_mentors
from residence.errors import StorageError
from residence.house.records import HouseSettings
from residence.house.service import HouseService
from residence.residents.queries import ResidentQueries
from residence.residents.reasons import DischargeReason as R
from residence.residents.records import Admission, Discharge, PersonDetails
from residence.residents.service import ResidentService
from residence.text_rules import fold
from residence.workspace import workspace_for

ROOMS = ("Oak", "Maple", "Birch", "Cedar", "Willow", "Aspen", "Pine")

# Case managers: (name, organisation, phone, email)
CM = {
    "river": ("Alicia Gómez", "Riverside Treatment Center", "555-0142", "agomez@rtc.example.org"),
    "court": ("Tom Becker", "County Probation Dept.", "555-0177", "tbecker@county.example.org"),
    "hope": ("Renee Walsh", "Hope Recovery Program", "555-0190", "rwalsh@hope.example.org"),
}  # fmt: skip


@dataclass(frozen=True)
class DemoPerson:
    first: str
    last: str
    born: date
    sober_days_ago: int | None
    moved_in_days_ago: int
    phase: int  # 1, 2 or 3 by now (or when they left)
    preferred: str = ""
    case_manager: str | None = None
    probation: str = ""
    sponsor: str = ""
    employment: str = ""
    referral: str = ""


@dataclass(frozen=True)
class Departure:
    days_ago: int
    reason: R
    note: str


# Twelve current residents, across the phases. Two milestones fall in the current week.
CURRENT = (
    DemoPerson("José", "Ñúñez", date(1988, 3, 14), 230, 200, 3, "Pepe", "river",
               sponsor="Luis M.", employment="Line cook, Café Amalia",
               referral="Riverside Treatment Center"),
    DemoPerson("Thị Minh", "Nguyễn", date(1994, 11, 2), 181, 150, 3, "Minh", "hope",
               employment="Nursing assistant (nights)", referral="Hope Recovery Program"),
    DemoPerson("Zoë", "O'Brien-Łukasz", date(1999, 7, 21), -90, 70, 2, case_manager="river",
               sponsor="Kate R.", employment="Community college"),
    DemoPerson("Marcus", "Bell", date(1983, 1, 9), 62, 45, 2, case_manager="court",
               probation="Officer Dale Pruitt", employment="Warehouse, second shift"),
    DemoPerson("Darnell", "Washington", date(1991, 5, 30), 20, 12, 1, case_manager="court",
               probation="Officer Dale Pruitt", referral="County drug court"),
    DemoPerson("Aiyana", "Redcloud", date(2000, 9, 12), 9, 5, 1, referral="Detox, St. Brigid's"),
    DemoPerson("Tomás", "Herrera", date(1979, 12, 1), 120, 95, 2, "Tommy", "river",
               employment="Roofing crew"),
    DemoPerson("Kevin", "O'Malley", date(1975, 4, 18), -365, 300, 3, sponsor="Frank D.",
               employment="Hardware store"),
    DemoPerson("Priya", "Raman", date(1996, 2, 27), 75, 60, 2, case_manager="hope"),
    DemoPerson("Lucía", "Fernández-Ortega", date(1990, 8, 8), 33, 25, 1, case_manager="hope",
               employment="Looking for work"),
    DemoPerson("Christopher", "Montgomery-Abernathy", date(1986, 10, 15), 140, 110, 2, "Chris",
               employment="Delivery driver"),
    # Samuel came back: his first stay (among the former residents) ended in a relapse.
    DemoPerson("Samuel", "Okafor", date(1981, 6, 3), 420, 400, 3, "Sam", "river",
               sponsor="Ray T.", employment="Bus mechanic"),
)  # fmt: skip

FORMER = (
    (DemoPerson("Rebecca", "Lindqvist", date(1985, 2, 11), 700, 560, 3, "Becca"),
     Departure(200, R.COMPLETED, "Moved to her own apartment; keeps coming to alumni night.")),
    (DemoPerson("Andre", "Dubois", date(1992, 7, 7), 500, 420, 3, case_manager="hope"),
     Departure(120, R.COMPLETED, "Finished all three phases; alumni mentor.")),
    (DemoPerson("Maria", "Santos", date(1989, 3, 3), 400, 330, 3),
     Departure(6, R.GOOD_STANDING, "Moved closer to family in good standing.")),
    (DemoPerson("Jake", "Pulaski", date(1998, 12, 24), 300, 260, 2),
     Departure(190, R.LEFT_EARLY, "Left for a job in another state.")),
    (DemoPerson("Brandon", "Kowalczyk", date(1993, 4, 4), 220, 210, 1, case_manager="court"),
     Departure(160, R.ASKED_TO_LEAVE, "Repeated curfew violations after a behaviour contract.")),
    (DemoPerson("Samuel", "Okafor", date(1981, 6, 3), 1100, 900, 2, "Sam", "river"),
     Departure(700, R.RETURNED_TO_USE, "Referred back to Riverside for treatment.")),
    (DemoPerson("Travis", "Hale", date(1987, 9, 19), 150, 140, 1, case_manager="court"),
     Departure(100, R.INCARCERATED, "Probation violation.")),
    (DemoPerson("Grace", "Whitfield", date(1970, 1, 28), 90, 80, 1),
     Departure(40, R.HOSPITALISED, "Admitted to inpatient treatment; may return.")),
    (DemoPerson("Omar", "Haddad", date(1995, 5, 5), 380, 365, 3),
     Departure(3, R.COMPLETED, "Graduated; moving into a shared apartment with a friend.")),
    (DemoPerson("Dylan", "Reyes", date(2001, 10, 10), 60, 50, 1),
     Departure(30, R.OTHER, "Family emergency out of state.")),
)  # fmt: skip


def write_demo(path: Path, at: datetime) -> None:
    """Write the demo house, as it stands at the moment ``at``, to a new file at ``path``;
    refuses to overwrite anything. Nothing in it is recorded after ``at``."""
    if path.exists():
        raise StorageError(f"{path} already exists; choose a new file name for the demo.")
    today = at.date()
    clock = FixedClock(at)
    database = open_database(path, clock=clock)
    try:
        build_demo(database, today)
        workspace = workspace_for(database)
        build_demo_meetings(workspace, today)
        build_demo_mentors(workspace, today)
        build_demo_consents(workspace, clock, today)
    finally:
        database.close()


def build_demo(database: Database, today: date) -> None:
    house = HouseService(database)
    house.set_up(
        HouseSettings(
            name="Magnolia House",
            address="1428 Elm Street\nSpringfield",
            phone="555-0100",
            manager_name="Dana Whitaker",
            week_starts_on=0,
        )
    )
    for room in ROOMS:
        house.add_room(room, ["A", "B"])
    builder = _Builder(database, house, today)
    stays: list[tuple[DemoPerson, Departure | None]] = [*FORMER, *((p, None) for p in CURRENT)]
    # In the order people arrived, so each takes a bed that is free by then.
    for person, departure in sorted(stays, key=lambda stay: -stay[0].moved_in_days_ago):
        stay_id = builder.admit(person)
        if departure is not None:
            builder.discharge(stay_id, departure)
    builder.amend_one_discharge()
    build_demo_chores(database, today)


class _Builder:
    """Admits and discharges the demo people through the services, so every rule holds."""

    def __init__(self, database: Database, house: HouseService, today: date) -> None:
        self.today = today
        self.residents = ResidentService(database, database.clock)
        self.queries = ResidentQueries(database, database.clock)
        self.bed_free_from = {bed.id: date.min for bed in house.beds()}
        self.phases = [phase.id for phase in house.phases() if phase.id is not None]
        self.bed_of_stay: dict[int, int] = {}
        self.people: dict[tuple[str, str, date], int] = {}

    def admit(self, person: DemoPerson) -> int:
        move_in = self.today - timedelta(days=person.moved_in_days_ago)
        bed = next(bed for bed, free in self.bed_free_from.items() if free <= move_in)
        self.bed_free_from[bed] = date.max
        key = (person.first, person.last, person.born)
        admission = Admission(
            _details(person, self.today, len(self.people)),
            move_in,
            bed_id=bed,
            phase_id=self.phases[0],
            referral_source=person.referral,
            returning_person_id=self.people.get(key),
        )
        person_id = self.residents.admit(admission).value
        self.people[key] = person_id
        stay = self.queries.detail(person_id).stays[-1]
        self.bed_of_stay[stay.id] = bed
        for phase_number, after_days in ((2, 30), (3, 90)):
            if person.phase >= phase_number:
                on = move_in + timedelta(days=after_days)
                note = "Phase-up agreed at the house meeting"
                self.residents.change_phase(stay.id, self.phases[phase_number - 1], on, note)
        return stay.id

    def discharge(self, stay_id: int, departure: Departure) -> None:
        move_out = self.today - timedelta(days=departure.days_ago)
        self.residents.discharge(stay_id, Discharge(move_out, departure.reason, departure.note))
        self.bed_free_from[self.bed_of_stay[stay_id]] = move_out

    def amend_one_discharge(self) -> None:
        """Jake's discharge was first typed with the wrong date: show how a correction looks."""
        jake = self.people[("Jake", "Pulaski", date(1998, 12, 24))]
        stay = self.queries.detail(jake).stays[-1]
        assert stay.move_out is not None
        self.residents.amend_discharge(
            stay.id,
            Discharge(
                stay.move_out + timedelta(days=2), R.LEFT_EARLY, "Left for a job in another state."
            ),
            why="Move-out was entered as the day he gave notice, not the day he left.",
        )


def _details(person: DemoPerson, today: date, number: int) -> PersonDetails:
    manager = CM.get(person.case_manager or "", ("", "", "", ""))
    return PersonDetails(
        first_name=person.first,
        last_name=person.last,
        preferred_name=person.preferred,
        date_of_birth=person.born,
        sobriety_date=_sobriety_date(person, today),
        phone=f"555-02{number % 90 + 10}",
        email=f"{_ascii(person.first)}.{_ascii(person.last)}@mail.example.org",
        emergency_name="Family member on file",
        emergency_relation="Family",
        emergency_phone=f"555-03{number % 90 + 10}",
        case_manager_name=manager[0],
        case_manager_org=manager[1],
        case_manager_phone=manager[2],
        case_manager_email=manager[3],
        probation_officer=person.probation,
        sponsor_name=person.sponsor,
        employment=person.employment,
    )


def _sobriety_date(person: DemoPerson, today: date) -> date | None:
    """Days ago; a negative figure puts that milestone on this week's Thursday."""
    if person.sober_days_ago is None:
        return None
    if person.sober_days_ago >= 0:
        return today - timedelta(days=person.sober_days_ago)
    milestone_day = week_start(today, 0) + timedelta(days=3)
    if person.sober_days_ago == -365:
        return add_months(milestone_day, -12)
    return milestone_day - timedelta(days=-person.sober_days_ago)


def _ascii(text: str) -> str:
    return "".join(ch for ch in fold(text) if ch.isascii() and ch.isalnum())
