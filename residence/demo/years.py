"""A house with years of history, for measuring the app at its real size (``residence demo
--years 10``): about sixty stays a year in twenty beds, every chore week signed off, every
meeting held and minuted, the outside-meeting slips, mentors, consents and disclosures.

The history is lived day by day through the services, with the clock set to each day in turn,
so every rule the window enforces holds, and the audit trail is as long as ten real years would
make it. Invented people only; the same house for the same ``today``, every time.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import event

from residence.areas import report_sections
from residence.chores.catalogue import ChoreCatalogue
from residence.chores.demo import CHORES
from residence.chores.records import SignOff, SignOffEntry
from residence.clock import FixedClock
from residence.consents.disclosures import Disclosures
from residence.consents.records import Category, ConsentInfo
from residence.db.audit import anchor_file
from residence.db.database import Database, open_database
from residence.demo.house import MAGNOLIA, ROOMS, write_move_up_criteria
from residence.errors import ResidenceError, StorageError
from residence.meetings.demo import ITEMS, MEETING_NAMES, SERIES
from residence.meetings.records import FELLOWSHIPS, Kind, Occurrence, Presence
from residence.mentors.demo import EXTERNAL, NOTES
from residence.mentors.records import EndReason, ExternalMentorInfo, How, Role
from residence.recovery.demo import spread_scores
from residence.recovery.rules import checkpoints
from residence.residents.demo import CM
from residence.residents.reasons import DischargeReason as R
from residence.residents.records import Admission, Discharge, PersonDetails
from residence.workspace import Workspace, workspace_for

FIRST = (
    "Aaron",
    "Abdi",
    "Adriana",
    "Ahmed",
    "Alejandro",
    "Amara",
    "Andrés",
    "Angela",
    "Anil",
    "Ashley",
    "Ayesha",
    "Benjamin",
    "Bianca",
    "Bogdan",
    "Brianna",
    "Carlos",
    "Carmen",
    "Chidi",
    "Chloé",
    "Cody",
    "Dakota",
    "Daniel",
    "Deshawn",
    "Diego",
    "Dmitri",
    "Elena",
    "Emeka",
    "Erin",
    "Esperanza",
    "Farid",
    "Fatima",
    "Gabriel",
    "Hana",
    "Hector",
    "Ingrid",
    "Isaiah",
    "Jamal",
    "Jasmine",
    "Javier",
    "Jenna",
    "Joaquín",
    "Kalani",
    "Keanu",
    "Kenji",
    "Latoya",
    "Leilani",
    "Liam",
    "Mai",
    "Malik",
    "Mateo",
    "Mei",
    "Nadia",
    "Nikolai",
    "Noah",
    "Oksana",
    "Paolo",
    "Quentin",
    "Rashid",
    "Renée",
    "Rosa",
    "Ruben",
    "Sasha",
    "Shane",
    "Siobhán",
    "Tariq",
    "Tyrone",
    "Valentina",
    "Wei",
    "Yusuf",
    "Zara",
)
LAST = (
    "Abernathy",
    "Achebe",
    "Alvarez",
    "Andersen",
    "Baptiste",
    "Becker",
    "Bianchi",
    "Boateng",
    "Castillo",
    "Chen",
    "Czerny",
    "Dąbrowski",
    "Delacroix",
    "Duarte",
    "Eriksen",
    "Esposito",
    "Fitzgerald",
    "Flores",
    "Gallagher",
    "García",
    "Hakimi",
    "Hoffmann",
    "Ibarra",
    "Jensen",
    "Kaminski",
    "Kaur",
    "Kowalski",
    "Lambert",
    "Larsen",
    "Mbeki",
    "McAllister",
    "Medina",
    "Moreau",
    "Nakamura",
    "Novak",
    "Obi",
    "Okonkwo",
    "Olsen",
    "Ortega",
    "Petrov",
    "Quinn",
    "Ramírez",
    "Rossi",
    "Sandoval",
    "Schultz",
    "Singh",
    "Sørensen",
    "Tanaka",
    "Torres",
    "Trần",
    "Ueda",
    "Vargas",
    "Volkov",
    "Walker",
    "Yilmaz",
    "Zielinski",
)
REASONS = (
    (R.COMPLETED, 30, "Moved into an apartment of their own."),
    (R.GOOD_STANDING, 18, "Moved closer to family, in good standing."),
    (R.LEFT_EARLY, 17, "Left without notice."),
    (R.ASKED_TO_LEAVE, 10, "Broke the behaviour contract."),
    (R.RETURNED_TO_USE, 15, "Referred back to treatment."),
    (R.INCARCERATED, 4, "Probation violation."),
    (R.HOSPITALISED, 3, "Admitted to inpatient care."),
    (R.OTHER, 3, "Family emergency out of state."),
)
OUTSIDE = (
    ExternalMentorInfo(None, "Marisol Vega", Role.ALUMNUS, "555-0161"),
    ExternalMentorInfo(None, "Desmond Clarke", Role.PEER_SPECIALIST, "555-0163"),
)
PURPOSE = "To coordinate my treatment, housing and recovery support."
BEDS_PER_ROOM = ("A", "B")
EXTRA_ROOMS = ("Elm", "Juniper", "Hawthorn")
EVENING, SENT = time(20, 30), time(10, 15)  # when a day's changes and reports are made
MENTORED_DAYS = 100  # pairs end as completed after this long, if the stay lasts


@dataclass
class _Stay:
    number: int
    person: int  # who, by number; a returning person keeps theirs
    bed: int  # the bed's index
    move_in: date
    move_out: date | None
    reason: tuple[R, int, str]
    case_manager: str | None
    sober_before: int | None  # days sober on moving in
    person_id: int | None = None
    stay_id: int | None = None


def write_years_demo(path: Path, at: datetime, years: int) -> None:
    """Write a house with ``years`` of history, ending at the moment ``at``, to a new file at
    ``path``; nothing in it is recorded after ``at``.
    It is built beside it and put in place only when whole: a build cut short leaves nothing."""
    if path.exists():
        raise StorageError(f"{path} already exists; choose a new file name for the demo.")
    if not 1 <= years <= 30:
        raise ResidenceError("Choose between 1 and 30 years of history.")
    partial = path.with_name(path.name + ".partial")
    _remove(partial)  # what a build cut short left
    clock = FixedClock(at)
    database = open_database(partial, clock=clock)
    try:
        _no_sync(database)
        _History(database, clock, years).live()
    except BaseException:
        database.close()
        _remove(partial)
        raise
    database.close()
    partial.replace(path)
    if anchor_file(partial).exists():
        anchor_file(partial).replace(anchor_file(path))


def _remove(database: Path) -> None:
    for extra in ("", "-wal", "-shm", ".audit-head"):
        database.with_name(database.name + extra).unlink(missing_ok=True)


def _no_sync(database: Database) -> None:
    """A demo that is written once, start to end, needn't wait for the disk after every
    commit; if the build is cut short the file is thrown away anyway."""
    database.engine.dispose()

    @event.listens_for(database.engine, "connect")
    def _fast(dbapi_connection: object, _record: object) -> None:
        dbapi_connection.execute("PRAGMA synchronous = OFF")  # type: ignore[attr-defined]


@dataclass
class _Pair:
    people: set[int | None]  # the mentee and, if a resident, the mentor
    started: date
    due: date  # the next check-in


class _History:
    def __init__(self, database: Database, clock: FixedClock, years: int) -> None:
        """``clock`` is the database's, standing at the moment the house is built."""
        self.database, self.clock = database, clock
        self.built, self.today = clock.now(), clock.today()
        today = self.today
        self.first = today - timedelta(weeks=52 * years)
        self.first -= timedelta(days=self.first.weekday())  # a Monday
        self._reach(self.first)
        self.ws: Workspace = workspace_for(database)
        self.rng = random.Random(2016)
        self.beds: list[int] = []
        self.phases: list[int] = []
        self.stays = _plan(self.first, today, len(ROOMS + EXTRA_ROOMS) * 2, self.rng)
        self.living: dict[int, _Stay] = {}  # person_id: their stay, while they live here
        self.pairs: dict[int, _Pair] = {}
        self.consents: dict[int, tuple[int, date]] = {}  # person_id: consent in force, expiry
        self.items_due: dict[int, date] = {}

    def _reach(self, day: date) -> None:
        """The history is at ``day``: its changes are made, and audited, in the evening."""
        self.clock.move_to(self._moment(day, EVENING))

    def _moment(self, day: date, at: time) -> datetime:
        """``at`` on ``day``, or the moment the house is built if that is sooner."""
        return min(datetime.combine(day, at), self.built)

    def live(self) -> None:
        self._set_up()
        by_day: dict[date, list[_Stay]] = defaultdict(list)
        for stay in self.stays:
            by_day[stay.move_in].append(stay)
        leaving: dict[date, list[_Stay]] = defaultdict(list)
        for stay in self.stays:
            if stay.move_out is not None:
                leaving[stay.move_out].append(stay)
        meetings = self._meetings()
        day = self.first
        while day < self.today:
            self._reach(day)
            for stay in leaving[day]:
                self._discharge(stay)
            for stay in by_day[day]:
                self._admit(stay)
            self._phase_ups(day)
            if day.weekday() == 0:
                self.ws.weeks.generate(day)
            for occurrence in meetings[day]:
                self._meet(occurrence)
            self._slips(day)
            self._mentoring(day)
            self._consents(day)
            self._recovery_capital(day)
            if day.weekday() == 6:
                self._sign_off_week(day)
            day += timedelta(days=1)
        self._reach(self.today)
        self.ws.weeks.generate(self.today)

    # Setting up

    def _set_up(self) -> None:
        house = self.ws.house
        house.set_up(MAGNOLIA)
        write_move_up_criteria(house)
        for room in ROOMS + EXTRA_ROOMS:
            house.add_room(room, list(BEDS_PER_ROOM))
        self.beds = [bed.id for bed in house.beds()]
        self.phases = [phase.id for phase in house.phases() if phase.id is not None]
        catalogue: ChoreCatalogue = self.ws.chores
        for chore in CHORES:
            catalogue.save_chore(chore)
        for series in SERIES:
            self.ws.calendar.save_series(replace(series, starts=self.first))
        for info in EXTERNAL + OUTSIDE:
            self.ws.mentors.save_external(info)

    def _meetings(self) -> dict[date, list[Occurrence]]:
        held: dict[date, list[Occurrence]] = defaultdict(list)
        for occurrence in self.ws.calendar.between(self.first, self.today - timedelta(days=1)):
            held[occurrence.day].append(occurrence)
        return held

    # Residents

    def _admit(self, stay: _Stay) -> None:
        returning = next(
            (s.person_id for s in self.stays if s.person == stay.person and s.person_id), None
        )
        sober = (
            stay.move_in - timedelta(days=stay.sober_before)
            if stay.sober_before is not None
            else None
        )
        admission = Admission(
            _details(stay, sober),
            stay.move_in,
            bed_id=self.beds[stay.bed],
            phase_id=self.phases[0],
            referral_source="County detox" if stay.number % 3 else "",
            returning_person_id=returning,
        )
        stay.person_id = self.ws.residents.admit(admission).value
        stay.stay_id = self.ws.queries.detail(stay.person_id).stays[-1].id
        self.living[stay.person_id] = stay

    def _discharge(self, stay: _Stay) -> None:
        assert stay.stay_id is not None and stay.person_id is not None and stay.move_out
        reason, _, note = stay.reason
        self.ws.residents.discharge(stay.stay_id, Discharge(stay.move_out, reason, note))
        del self.living[stay.person_id]
        self.consents.pop(stay.person_id, None)
        # Moving out ends their pairs, as mentee or as mentor.
        self.pairs = {p: v for p, v in self.pairs.items() if stay.person_id not in v.people}

    def _phase_ups(self, day: date) -> None:
        for stay in self.living.values():
            for phase, after in ((1, 30), (2, 90)):
                if stay.move_in + timedelta(days=after) == day and stay.stay_id is not None:
                    note = "Phase-up agreed at the house meeting"
                    self.ws.residents.change_phase(stay.stay_id, self.phases[phase], day, note)

    def _recovery_capital(self, day: date) -> None:
        """A BARC-10 at each checkpoint of a stay (most of them: a few are missed), rising
        for most, falling for a stay that ends in a return to use."""
        for person_id, stay in self.living.items():
            reached = checkpoints(stay.move_in, day)
            if not reached or reached[-1].on != day:
                continue
            taken = reached[-1].days
            if self.rng.random() < 0.1:
                continue  # missed: the record shows the gap
            falling = stay.reason[0] is R.RETURNED_TO_USE
            drift = -min(20, taken // 30) if falling else min(26, taken // 15)
            total = max(12, min(58, 28 + drift + self.rng.randint(-3, 3)))
            scores = spread_scores(total, self.rng)
            self.ws.recovery.record(person_id, day, scores, on_paper=self.rng.random() < 0.3)

    # Chores

    def _sign_off_week(self, sunday: date) -> None:
        grid = self.ws.weeks.grid(sunday)
        entries = []
        for cell in grid.cells():
            if (
                cell.person_id is None
                or cell.away
                or cell.day > sunday
                or cell.status is not SignOff.PENDING
            ):
                continue
            roll = self.rng.random()
            if roll < 0.88:
                entries.append(SignOffEntry(cell.assignment_id, SignOff.DONE))
            elif roll < 0.95:
                entries.append(SignOffEntry(cell.assignment_id, SignOff.MISSED, "Reminded"))
            else:
                entries.append(SignOffEntry(cell.assignment_id, SignOff.EXCUSED, "At work"))
        if entries:
            self.ws.weeks.sign_off_many(entries)

    # Meetings

    def _meet(self, occurrence: Occurrence) -> None:
        meeting = self.ws.calendar.hold(occurrence)
        sheet = self.ws.attendance.sheet(meeting)
        if not sheet:
            return
        self.ws.attendance.record(meeting, {line.person_id: self._presence() for line in sheet})
        if occurrence.kind is Kind.HOUSE:
            self._minutes(meeting, occurrence.day, [line.person_id for line in sheet])

    def _presence(self) -> tuple[Presence, str]:
        roll = self.rng.random()
        if roll < 0.84:
            return Presence.PRESENT, ""
        if roll < 0.91:
            return Presence.LATE, "Work ran late"
        if roll < 0.96:
            return Presence.EXCUSED, "At a family event"
        return Presence.ABSENT, ""

    def _minutes(self, meeting: int, day: date, present: list[int]) -> None:
        book = self.ws.minutes
        for item in book.open_items():
            if self.rng.random() < 0.8 or item.raised_on < day - timedelta(weeks=6):
                book.complete_item(item.id, day)
        number = (day - self.first).days // 7
        book.save(
            meeting,
            {
                "opening": "Serenity Prayer; a resident read from the Big Book.",
                "last_minutes": "Read and approved.",
                "business": f"House fund: ${150 + number % 40 * 5}. Rent is due on the 1st.",
                "new_business": "Quiet hours and the chore chart were discussed.",
                "decisions": "Agreed to keep the TV off after 11 pm on weeknights.",
                "closing": "Closed with the Third Step Prayer.",
            },
        )
        book.add_item(
            meeting,
            ITEMS[number % len(ITEMS)],
            self.rng.choice(present),
            due=day + timedelta(days=7),
        )
        book.finalise(meeting)

    def _slips(self, day: date) -> None:
        going = [p for p in self.living if self.rng.random() < 0.9]
        if going:
            self.ws.attendance.log_slips(
                day,
                going,
                self.rng.choice(FELLOWSHIPS[:4]),
                self.rng.choice(MEETING_NAMES),
                online=self.rng.random() < 0.15,
            )

    # Mentors

    def _mentoring(self, day: date) -> None:
        book = self.ws.mentors
        for person_id, stay in list(self.living.items()):
            if stay.move_in + timedelta(days=5) != day:
                continue
            eligible = [c for c in book.candidates(person_id) if c.eligible]
            if not eligible:
                continue
            mentor = eligible[0].facts.key
            assigned = book.assign(person_id, mentor, day).value
            due = day + timedelta(days=self.rng.randint(3, 8))
            self.pairs[assigned.id] = _Pair({person_id, mentor.person_id}, day, due)
        for pair_id, pair in list(self.pairs.items()):
            if pair.started + timedelta(days=MENTORED_DAYS) == day:
                book.end(pair_id, day, EndReason.COMPLETED, "Doing well; mentors others now.")
                del self.pairs[pair_id]
            elif pair.due == day:
                note = self.rng.choice(NOTES)
                how = self.rng.choice([How.IN_PERSON, How.IN_PERSON, How.PHONE, How.MEETING])
                book.check_in(pair_id, day, how, note, shareable=bool(note))
                pair.due = day + timedelta(days=self.rng.randint(5, 9))

    # Consents and what was disclosed under them

    def _consents(self, day: date) -> None:
        for person_id, stay in self.living.items():
            signs = stay.move_in + timedelta(days=2) == day  # or renews, the day it runs out
            renews = person_id in self.consents and self.consents[person_id][1] == day
            if stay.case_manager is None or not (signs or renews):
                continue
            manager = self.ws.queries.case_manager_of(person_id)
            if manager is None:
                continue
            info = ConsentInfo(
                None,
                person_id,
                manager.name,
                manager.organisation,
                PURPOSE,
                frozenset(Category),
                day,
                day + timedelta(days=365),
                case_manager_id=manager.id,
            )
            saved = self.ws.consents.save(info).value.id
            if saved is not None and info.expires_on is not None:
                self.consents[person_id] = (saved, info.expires_on)
        if day.day == 3 and day >= self.today - timedelta(days=730):
            self._monthly_reports(day)

    def _monthly_reports(self, day: date) -> None:
        """Last month's progress report, sent on the 3rd, for every third resident with a
        consent (the last two years: rendering each costs the build time)."""
        from residence.consents.progress_report import progress_pdf

        last = day.replace(day=1) - timedelta(days=1)
        first = last.replace(day=1)
        sent = FixedClock(self._moment(day, SENT))
        log = Disclosures(self.database, self.ws.consents, sent, report_sections())
        for person_id, (consent, _) in sorted(self.consents.items()):
            if person_id % 3 or self.living[person_id].move_in > first:
                continue
            try:
                report = log.progress(consent, first, last)
            except ResidenceError:
                continue  # the consent ran out: no report without a new one
            log.record(report, progress_pdf(report), "saved")


def _plan(first: date, today: date, beds: int, rng: random.Random) -> list[_Stay]:
    """Who lives in which bed when: each bed a chain of stays with a few days between."""
    stays: list[_Stay] = []
    for bed in range(beds):
        day = first + timedelta(days=rng.randint(0, 20))
        senior = today - timedelta(days=430)  # bed 0: a senior resident here since about then
        while day < today:
            if bed == 0 and day >= senior:
                # Here for over a year: a year's progress report to send.
                stays.append(_Stay(0, 0, bed, day, None, REASONS[0], "river", 200))
                break
            length = int(rng.lognormvariate(4.55, 0.6)) + 7  # about 115 days on average
            move_out = day + timedelta(days=length)
            if bed == 0 and day < senior < move_out:
                move_out = senior  # the stay before the senior's ends in time
            reason = rng.choices(REASONS, weights=[r[1] for r in REASONS])[0]
            stays.append(
                _Stay(
                    0,
                    0,
                    bed,
                    day,
                    move_out if move_out < today else None,
                    reason,
                    rng.choice([None, None, "river", "court", "hope"]),
                    rng.choice([None, 3, 10, 30, 60, 200]),
                )
            )
            day = move_out + timedelta(days=rng.randint(1, 12))
    stays.sort(key=lambda s: (s.move_in, s.bed))
    left: list[_Stay] = []  # former residents who might come back
    for number, stay in enumerate(stays):
        stay.number = stay.person = number
        back = [s for s in left if s.move_out and (stay.move_in - s.move_out).days > 60]
        if back and rng.random() < 0.06:
            earlier = rng.choice(back)
            stay.person = earlier.person
            left.remove(earlier)
        if stay.move_out is not None:
            left.append(stay)
    return _one_stay_at_a_time(stays)


def _one_stay_at_a_time(stays: list[_Stay]) -> list[_Stay]:
    """A returning person's stays must not overlap; a clash makes the later one a new person."""
    busy_until: dict[int, date | None] = {}
    for stay in stays:
        if stay.person in busy_until:
            until = busy_until[stay.person]
            if until is None or until >= stay.move_in:
                stay.person = stay.number
        busy_until[stay.person] = stay.move_out
    return stays


def _details(stay: _Stay, sober: date | None) -> PersonDetails:
    first = FIRST[stay.person % len(FIRST)]
    last = LAST[(stay.person // len(FIRST) * 5 + stay.person * 3) % len(LAST)]
    manager = CM.get(stay.case_manager or "", ("", "", "", ""))
    born = date(
        stay.move_in.year - 22 - stay.person * 13 % 40, 1 + stay.person % 12, 1 + stay.person % 28
    )
    return PersonDetails(
        first_name=first,
        last_name=last,
        date_of_birth=born,
        sobriety_date=sober,
        phone=f"555-{2000 + stay.person % 8000:04d}",
        emergency_name="Family member on file",
        emergency_relation="Family",
        emergency_phone="555-0300",
        case_manager_name=manager[0],
        case_manager_org=manager[1],
        case_manager_phone=manager[2],
        case_manager_email=manager[3],
    )
