"""The demo house's resources: invented places with numbers set aside for fiction (555-01xx),
and a few shared at mentors' check-ins."""

from __future__ import annotations

import random

from residence.resources.records import Kind, ResourceInfo
from residence.workspace import Workspace

RESOURCES = (
    ResourceInfo(None, Kind.MEETING, "Morning Serenity", "Daily 7:00 am, St. Brendan's hall, "
                 "side door. Coffee from 6:45.", "", "AA"),
    ResourceInfo(None, Kind.MEETING, "Clean and Free", "Tue and Thu 7:30 pm, Elm Street "
                 "community center, room 2.", "", "NA"),
    ResourceInfo(None, Kind.MEETING, "Saturday SMART", "Sat 10:00 am, Springfield library, "
                 "meeting room B. Also online on Wednesdays.", "", "SMART Recovery"),
    ResourceInfo(None, Kind.MEETING, "Women's step study", "Mon 6:00 pm, First Street "
                 "church basement.", "", "AA"),
    ResourceInfo(None, Kind.LITERATURE, "Big Book and Basic Text", "Copies to borrow on the "
                 "shelf in the living room; ask the manager for your own."),
    ResourceInfo(None, Kind.HEALTH, "Riverside Community Clinic", "Walk-in Mon–Fri 8 am–5 pm; "
                 "sliding fee. Medication for opioid use disorder by appointment.", "555-0161"),
    ResourceInfo(None, Kind.HEALTH, "Harbor Dental Day", "Free cleanings the first Saturday of "
                 "the month; bring an ID.", "555-0162"),
    ResourceInfo(None, Kind.WORK, "Second Start Jobs", "Résumé help and employers who hire "
                 "people in recovery. Drop in Wed 1–4 pm.", "555-0163"),
    ResourceInfo(None, Kind.WORK, "County adult learning center", "GED classes, evenings; "
                 "free.", "555-0164"),
    ResourceInfo(None, Kind.HOUSING, "Springfield Housing Authority", "Waiting list for "
                 "vouchers: ask for the recovery housing preference.", "555-0165"),
    ResourceInfo(None, Kind.LEGAL, "Legal Aid of the Valley", "Free help with records "
                 "expungement, child support and tenancy. Call for an appointment.", "555-0166"),
    ResourceInfo(None, Kind.OTHER, "Food pantry at Grace Church", "Thu 2–6 pm, no questions "
                 "asked.", "555-0167"),
)  # fmt: skip


def build_demo_resources(workspace: Workspace) -> None:
    """The list, and some of it shared at the mentors' check-ins."""
    saved = [workspace.resources.save(resource).value.id for resource in RESOURCES]
    rng = random.Random(5)
    for pair in workspace.mentors.pairs():
        for check_in in workspace.mentors.check_ins(pair.id)[:3]:
            if rng.random() < 0.5:
                chosen = rng.sample([s for s in saved if s is not None], 2)
                workspace.resources.share(check_in.id, chosen)
