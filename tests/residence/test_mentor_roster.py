"""The printed mentor roster: pairs by mentor, check-ins due and overdue, who has no mentor,
and the `residence report mentors` command."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from residence.mentors.records import (
    ExternalMentorInfo,
    How,
    MentorKey,
    MentorRules,
    Pair,
    Role,
    Unpaired,
)
from residence.mentors.report import MentorRoster, roster_file_name, roster_pdf
from residence.residents.records import Admission, PersonDetails
from residence.workspace import Workspace, open_workspace, workspace_for
from tests.conftest import TODAY, House, cli, clock_on

MOVED_IN = date(2026, 3, 1)
MADE = datetime(2026, 6, 15, 9, 30)


@pytest.fixture
def ws(house: House) -> Workspace:
    return workspace_for(house.db)


def _admit(ws: Workspace, first: str, last: str, *, senior: bool = False) -> int:
    """A newcomer in Phase 1, or (``senior``) a resident 400 days sober in Phase 3."""
    phases = ws.house.phases()
    sober = TODAY - timedelta(days=400 if senior else 20)
    details = PersonDetails(first, last, sobriety_date=sober)
    phase = phases[2 if senior else 0].id
    return ws.residents.admit(Admission(details, MOVED_IN, phase_id=phase)).value


def _roster(ws: Workspace) -> MentorRoster:
    book = ws.mentors
    return MentorRoster(
        "Magnolia House", tuple(book.pairs()), tuple(book.unpaired()), book.rules(), TODAY, MADE
    )


def _text(pdf: bytes | Path) -> list[str]:
    """Each page's text with its whitespace folded to single spaces."""
    source = BytesIO(pdf) if isinstance(pdf, bytes) else pdf
    return [" ".join(page.extract_text().split()) for page in PdfReader(source).pages]


@pytest.fixture
def paired(ws: Workspace) -> Workspace:
    """Sam mentors Lucía (last check-in 10 days ago: overdue) and Marcus (paired 3 days ago,
    no check-in yet); Rosa, an alumna, mentors Priya (checked in 2 days ago); Aiyana waits."""
    sam = _admit(ws, "Sam", "Okafor", senior=True)
    lucia = _admit(ws, "Lucía", "Fernández")
    marcus = _admit(ws, "Marcus", "Bell")
    priya = _admit(ws, "Priya", "Raman")
    _admit(ws, "Aiyana", "Redcloud")
    rosa = ws.mentors.save_external(ExternalMentorInfo(None, "Rosa Delgado", Role.ALUMNUS)).value
    assert rosa.id is not None
    late = ws.mentors.assign(lucia, MentorKey(person_id=sam), TODAY - timedelta(days=20)).value
    ws.mentors.check_in(late.id, TODAY - timedelta(days=10), How.PHONE)
    ws.mentors.assign(marcus, MentorKey(person_id=sam), TODAY - timedelta(days=3))
    fine = ws.mentors.assign(priya, MentorKey(external_id=rosa.id), TODAY - timedelta(days=20))
    ws.mentors.check_in(fine.value.id, TODAY - timedelta(days=2), How.IN_PERSON)
    return ws


def test_the_roster_lists_each_mentor_with_their_mentees_and_marks_the_overdue_pair(
    paired: Workspace,
) -> None:
    [page] = _text(roster_pdf(_roster(paired)))
    assert "Mentor roster" in page and "Magnolia House · Monday 15 Jun 2026" in page
    assert "checks in at least every 7 days; a mentor has at most 3 mentees." in page
    # Sam's group: his name and role once, then each mentee with since / last / next due.
    assert (
        "Sam Okafor Resident Lucía Fernández 26 May 2026 5 Jun 2026 OVERDUE since 12 Jun 2026 "
        "Marcus Bell 12 Jun 2026 none yet 19 Jun 2026" in page
    )
    assert "Rosa Delgado Alumnus Priya Raman 26 May 2026 13 Jun 2026 20 Jun 2026" in page
    assert page.count("OVERDUE") == 1
    assert page.count("Sam Okafor") == 1
    assert "Confidential" in page and "Page 1 of 1" in page


def test_residents_without_a_mentor_are_listed_under_their_own_heading(
    paired: Workspace,
) -> None:
    [page] = _text(roster_pdf(_roster(paired)))
    waiting = page.index("Without a mentor")
    assert page.index("Aiyana Redcloud") > waiting
    assert "Aiyana Redcloud 1 Mar 2026" in page[waiting:]
    assert "Everyone has a mentor." not in page
    aiyana = next(u.person_id for u in paired.mentors.unpaired())
    paired.mentors.assign(aiyana, MentorKey(person_id=_sam(paired)), TODAY)
    [page] = _text(roster_pdf(_roster(paired)))
    assert "Without a mentor Everyone has a mentor." in page


def _sam(ws: Workspace) -> int:
    sam = next(p.mentor.person_id for p in ws.mentors.pairs() if p.mentor_name == "Sam Okafor")
    assert sam is not None
    return sam


def test_a_mentor_over_a_tightened_limit_is_flagged(paired: Workspace) -> None:
    paired.mentors.save_rules(MentorRules(max_mentees=1))
    [page] = _text(roster_pdf(_roster(paired)))
    assert "a mentor has at most 1 mentee." in page
    assert "2 mentees, over the limit of 1" in page
    assert page.count("over the limit") == 1  # Rosa has one mentee: within the limit


def test_an_empty_roster_says_so(ws: Workspace) -> None:
    [page] = _text(roster_pdf(_roster(ws)))
    assert "No mentor pairs yet." in page
    assert "Everyone has a mentor." in page


def test_a_long_roster_runs_over_pages_with_the_header_on_each(ws: Workspace) -> None:
    rules = MentorRules(max_mentees=20)
    long_name = "Maximiliano Alejandro de la Santísima Trinidad Montgomery-Abernathy"
    pairs = tuple(
        _overdue_pair(n, f"{long_name} {n}", f"Mentor Number {n // 4}") for n in range(60)
    )
    waiting = tuple(Unpaired(200 + n, f"Newcomer {n}", TODAY) for n in range(3))
    pages = _text(roster_pdf(MentorRoster("Magnolia House", pairs, waiting, rules, TODAY, MADE)))
    assert len(pages) > 1
    assert all("Mentor Mentee Since Last check-in Next due" in page for page in pages)
    assert all(f"Page {n} of {len(pages)}" in page for n, page in enumerate(pages, start=1))
    # Each mentor's mentees stay on one page together.
    for mentor in range(15):
        assert sum(f"Mentor Number {mentor} " in page for page in pages) == 1
    assert sum(page.count("OVERDUE") for page in pages) == 60
    assert "Newcomer 2" in pages[-1]


def _overdue_pair(n: int, mentee: str, mentor: str) -> Pair:
    """Pair ``n``: four to a mentor, started 30 days ago, never checked in, so overdue."""
    started = TODAY - timedelta(days=30)
    return Pair(
        id=n,
        mentee_id=100 + n,
        mentee=mentee,
        mentor=MentorKey(person_id=n // 4),
        mentor_name=mentor,
        role=Role.RESIDENT,
        started=started,
        ended=None,
        end_reason=None,
        end_note="",
        last_check_in=None,
        due=started + timedelta(days=7),
        overdue=True,
    )


def test_the_file_name_carries_the_date_and_no_names() -> None:
    assert roster_file_name(TODAY) == "mentor-roster-2026-06-15.pdf"


# -- the command line ------------------------------------------------------------------------


def test_report_mentors_on_the_command_line(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / roster_file_name(TODAY)
    assert cli(["report", "mentors", "--db", str(demo_copy), "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    pages = _text(out)
    assert len(pages) >= 1
    text = " ".join(pages)
    workspace = open_workspace(demo_copy, create=False, clock=clock_on())
    try:
        pairs, waiting = workspace.mentors.pairs(), workspace.mentors.unpaired()
    finally:
        workspace.close()
    assert pairs and waiting, "the demo house has pairs and a newcomer waiting"
    # A long name wraps at its hyphen ("Montgomery- Abernathy"): compare without spaces.
    squeezed = text.replace(" ", "")
    assert all(
        _squeeze(p.mentor_name) in squeezed and _squeeze(p.mentee) in squeezed for p in pairs
    )
    assert text.count("OVERDUE") == sum(p.overdue for p in pairs) >= 1
    waiting_part = squeezed[squeezed.index("Withoutamentor") :]
    assert all(_squeeze(u.name) in waiting_part for u in waiting)
    # --db may come before the subcommand too.
    again = tmp_path / "again.pdf"
    assert cli(["--db", str(demo_copy), "report", "mentors", "-o", str(again)]) == 0
    assert len(PdfReader(again).pages) == len(pages)


def _squeeze(name: str) -> str:
    return name.replace(" ", "")


def test_report_mentors_on_a_missing_file_is_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing, out = tmp_path / "nowhere.sqlite3", tmp_path / "roster.pdf"
    assert cli(["report", "mentors", "--db", str(missing), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("residence: There is no database at") and err.count("\n") == 1
    assert not out.exists() and not missing.exists()
