"""An open house file and the services that work on it: what the window and CLI hold."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from residence.chores.catalogue import ChoreCatalogue
from residence.chores.weeks import ChoreWeeks
from residence.clock import Clock, system_today
from residence.consents.book import ConsentBook
from residence.consents.disclosures import Disclosures
from residence.db.database import Database, open_database
from residence.home import HomeService
from residence.house.service import HouseService
from residence.meetings.attendance import AttendanceBook
from residence.meetings.calendar import MeetingCalendar
from residence.meetings.glance import MeetingsGlance, meetings_glance
from residence.meetings.minutes import MinutesBook
from residence.mentors.book import MentorBook
from residence.residents.importing import ResidentImport
from residence.residents.queries import ResidentQueries
from residence.residents.service import ResidentService
from residence.safety.audit import AuditTrail


@dataclass(frozen=True)
class Workspace:
    path: Path
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
    disclosures: Disclosures
    audit: AuditTrail
    # Private: the window reaches the data through the services above, never the database.
    _database: Database

    def close(self) -> None:
        self._database.close()

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


def workspace_for(database: Database, today: Clock = system_today) -> Workspace:
    house = HouseService(database)
    residents = ResidentService(database, today=today)
    queries = ResidentQueries(database, today=today)
    weeks = ChoreWeeks(database, today=today)
    attendance = AttendanceBook(database, today=today)
    consents = ConsentBook(database, today=today)
    return Workspace(
        path=database.path,
        house=house,
        residents=residents,
        queries=queries,
        home=HomeService(database, today=today),
        importer=ResidentImport(house, residents, queries),
        chores=ChoreCatalogue(database, today=today),
        weeks=weeks,
        calendar=MeetingCalendar(database, today=today),
        attendance=attendance,
        minutes=MinutesBook(database, weeks, attendance, today=today),
        mentors=MentorBook(database, today=today),
        consents=consents,
        disclosures=Disclosures(database, consents, today=today),
        audit=AuditTrail(database),
        _database=database,
    )


def open_workspace(
    path: Path, *, create: bool = True, today: Clock = system_today, passphrase: str | None = None
) -> Workspace:
    """Open (or create) the house file at ``path``; StorageError says why it can't be
    (PassphraseNeeded for an encrypted file opened without its passphrase)."""
    return workspace_for(open_database(path, create=create, key=passphrase), today)
