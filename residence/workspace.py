"""An open house file and the services that work on it: what the window and CLI hold."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from residence.areas import outcome_measures, phase_criteria, report_sections, stay_hooks
from residence.chores.catalogue import ChoreCatalogue
from residence.chores.meeting_report import chore_report
from residence.chores.weeks import ChoreWeeks
from residence.clock import Clock
from residence.consents.book import ConsentBook
from residence.consents.disclosures import Disclosures
from residence.db.database import Database, open_database

# The window names where a house is, and what a server may answer, through the workspace.
from residence.db.database import Location as Location
from residence.db.database import parse_location as parse_location
from residence.db.server import ChangeListener as ChangeListener
from residence.db.server import PasswordNeeded as PasswordNeeded
from residence.db.server import PasswordRefused as PasswordRefused
from residence.db.server import Server as Server
from residence.home import HomeService
from residence.house.service import HouseService
from residence.meetings.attendance import AttendanceBook
from residence.meetings.calendar import MeetingCalendar
from residence.meetings.glance import MeetingsGlance, meetings_glance
from residence.meetings.minutes import MinutesBook
from residence.mentors.book import MentorBook
from residence.outcomes.service import OutcomesService
from residence.phaseup.service import PhaseUpAssistant
from residence.recovery.network import NetworkBook
from residence.recovery.plans import PlanBook
from residence.recovery.service import RecoveryCapitalBook
from residence.residents.importing import ResidentImport
from residence.residents.queries import ResidentQueries
from residence.residents.service import ResidentService
from residence.resources.service import ResourceBook
from residence.safety.audit import AuditTrail


@dataclass(frozen=True)
class Workspace:
    path: Path | None  # the house file; None for a house on a server
    location: Location  # the file or the server, to show and to reopen
    house: HouseService
    residents: ResidentService
    queries: ResidentQueries
    home: HomeService
    importer: ResidentImport
    chores: ChoreCatalogue
    weeks: ChoreWeeks
    calendar: MeetingCalendar
    attendance: AttendanceBook
    minutes: MinutesBook
    mentors: MentorBook
    consents: ConsentBook
    recovery: RecoveryCapitalBook
    plans: PlanBook
    network: NetworkBook
    resources: ResourceBook
    outcomes: OutcomesService
    phase_up: PhaseUpAssistant
    disclosures: Disclosures
    audit: AuditTrail
    # Today and now in the house's time: the one clock the services and the window share.
    clock: Clock
    # Private: the window reaches the data through the services above, never the database.
    _database: Database

    def close(self) -> None:
        self._database.close()

    def in_house(self, house: int) -> Workspace:
        """The same services in another of the database's houses (a transfer's choices, the
        look over every house). It shares this one's connections: close this one only."""
        return workspace_for(self._database.in_house(house))

    @property
    def house_id(self) -> int | None:
        """The house the services work in (None before the first is set up)."""
        return self._database.house_id

    @property
    def file(self) -> Path:
        """The house file, for what only a file has (backups, the lock); StorageError on a
        server."""
        return self._database.file

    @property
    def on_server(self) -> bool:
        return self.path is None

    def listen_for_changes(self) -> ChangeListener | None:
        """On a server, what the others working on the house save (None for a file)."""
        return self._database.listen_for_changes()

    @property
    def encrypted(self) -> bool:
        return self._database.key is not None

    def passphrase_matches(self, text: str) -> bool:
        """For the lock screen: is ``text`` this file's passphrase?"""
        return self._database.key is not None and hmac.compare_digest(
            text.encode("utf-8"), self._database.key.encode("utf-8")
        )

    @property
    def passphrase(self) -> str | None:
        """Backups of an encrypted house are made with its own passphrase."""
        return self._database.key

    def meetings_glance(self, today: date, week_first: date) -> MeetingsGlance:
        return meetings_glance(self.calendar, self.minutes, self.attendance, today, week_first)


def workspace_for(database: Database) -> Workspace:
    """The services on ``database``, all on the clock it was opened with."""
    clock = database.clock
    house = HouseService(database)
    residents = ResidentService(database, clock, stay_hooks())
    queries = ResidentQueries(database, clock)
    weeks = ChoreWeeks(database, clock)
    attendance = AttendanceBook(database, clock)
    consents = ConsentBook(database, clock)
    return Workspace(
        path=database.path,
        location=database.location,
        house=house,
        residents=residents,
        queries=queries,
        home=HomeService(database, clock),
        importer=ResidentImport(house, residents, queries),
        chores=ChoreCatalogue(database, clock),
        weeks=weeks,
        calendar=MeetingCalendar(database, clock),
        attendance=attendance,
        minutes=MinutesBook(database, attendance, clock, partial(chore_report, weeks)),
        mentors=MentorBook(database, clock),
        consents=consents,
        recovery=RecoveryCapitalBook(database, clock),
        plans=PlanBook(database, clock),
        network=NetworkBook(database, clock),
        resources=ResourceBook(database, clock),
        outcomes=OutcomesService(database, clock, outcome_measures()),
        phase_up=PhaseUpAssistant(database, clock, phase_criteria()),
        disclosures=Disclosures(database, consents, clock, report_sections()),
        audit=AuditTrail(database),
        clock=clock,
        _database=database,
    )


def open_workspace(
    path: Location,
    *,
    clock: Clock,
    create: bool = True,
    passphrase: str | None = None,
    read_only: bool = False,
    house: str | None = None,
) -> Workspace:
    """Open (or create) the house file at ``path``, in the house called ``house`` (None: the
    only one); StorageError says why it can't be (PassphraseNeeded for an encrypted file
    opened without its passphrase, HouseNeeded for a database of several houses opened
    without a name). ``read_only``: for what only reads, the file is left byte for byte."""
    database = open_database(
        path, clock=clock, create=create, key=passphrase, read_only=read_only, house=house
    )
    return workspace_for(database)
