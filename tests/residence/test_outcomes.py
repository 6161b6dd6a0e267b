"""The outcomes report on a house built for the test: every figure exact, small counts hidden
(with the one that would give them away), and nobody named, dated or quoted in the PDF."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time, timedelta
from io import BytesIO

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from residence.meetings.records import Kind, Presence, SeriesInfo
from residence.mentors.records import ExternalMentorInfo, MentorKey, Role
from residence.outcomes.report import outcomes_pdf
from residence.outcomes.rules import HIDDEN, TOO_FEW, breakdown, share
from residence.residents.reasons import DischargeReason as R
from residence.residents.records import Admission, Discharge, PersonDetails
from residence.workspace import Workspace, workspace_for
from tests.conftest import House, cli
from tests.residence.pdf_layout import layout_problems

FIRST, LAST = date(2026, 1, 1), date(2026, 6, 14)
NEW = date(2026, 1, 5)  # twelve newcomers move in on this Monday
BORN = date(1990, 7, 23)


def _admit(ws: Workspace, first: str, move_in: date) -> int:
    details = PersonDetails(first, "Zabrowski-Quenneville", date_of_birth=BORN)
    return ws.residents.admit(Admission(details, move_in)).value


def _end(ws: Workspace, person: int, day: date, reason: R) -> None:
    stay = ws.queries.detail(person).stays[-1].id
    ws.residents.discharge(stay, Discharge(day, reason, "Moved to her sister's in Tacoma"))


@pytest.fixture
def ws(house: House) -> Workspace:
    ws = workspace_for(house.db)
    old = [_admit(ws, f"Old{n}", date(2025, 12, 1)) for n in range(2)]
    new = [_admit(ws, f"New{n}", NEW) for n in range(12)]
    # A house meeting on the first Sunday: twelve present, two excused.
    ws.calendar.save_series(SeriesInfo(None, Kind.HOUSE, "House meeting", 6, time(19), 60,
                                       starts=date(2025, 12, 1)))  # fmt: skip
    [sunday] = ws.calendar.between(date(2026, 1, 11), date(2026, 1, 11))
    meeting = ws.calendar.hold(sunday)
    marks = dict.fromkeys(new, (Presence.PRESENT, ""))
    marks |= dict.fromkeys(old, (Presence.EXCUSED, "Work"))
    ws.attendance.record(meeting, marks)
    # Five newcomers had an outside mentor within a week; one more only after two weeks.
    ws.mentors.save_rules(replace(ws.mentors.rules(), max_mentees=10))
    coach = ws.mentors.save_external(ExternalMentorInfo(None, "Glen Foster", Role.RECOVERY_COACH))
    for person, after in zip(new[:6], (0, 2, 3, 5, 7, 14), strict=True):
        ws.mentors.assign(person, MentorKey(external_id=coach.value.id), NEW + timedelta(after))
    # BARC-10s for five: 30 at move-in, then 40, 40, 40, 48 and 50 after 30 days.
    for person, later in zip(new[:5], (40, 40, 40, 48, 50), strict=True):
        ws.recovery.record(person, NEW, (3,) * 10)
        ws.recovery.record(person, NEW + timedelta(days=30), _sheet(later))
    for person in new[:6]:
        _end(ws, person, date(2026, 3, 5), R.COMPLETED)  # 59 days
    for person in new[6:11]:
        _end(ws, person, date(2026, 4, 4), R.LEFT_EARLY)  # 89 days
    for person in old:
        _end(ws, person, date(2026, 2, 1), R.ASKED_TO_LEAVE)  # 62 days
    return ws


def _sheet(total: int) -> tuple[int, ...]:
    """Ten scores adding up to ``total``."""
    scores = [1] * 10
    item = 0
    while sum(scores) < total:
        if scores[item] < 6:
            scores[item] += 1
        item = (item + 1) % 10
    return tuple(scores)


def _lines(ws: Workspace) -> dict[str, str]:
    report = ws.outcomes.report(FIRST, LAST)
    return {f"{b.title}: {line.label}": line.value for b in report.blocks for line in b.lines}


def test_every_figure_is_what_the_records_show(ws: Workspace) -> None:
    lines = _lines(ws)
    assert lines["Stays: Stays begun"] == "12"
    assert lines["Stays: Stays ended"] == "13"
    assert lines["Stays: Length of the stays that ended"] == "median 62 days, mean 71.0 (of 13)"
    assert lines["Stays: Completed the program"] == "46% (6 of 13)"
    capital = "Recovery capital (BARC-10): "
    assert lines[capital + "Stays with a starting and a later BARC-10"] == "5"
    assert lines[capital + "Change in the total, move-in to latest"] == (
        "median 10 points, mean 13.6 (of 5)"
    )
    assert lines[capital + "Rose since move-in"] == TOO_FEW  # all five: tells of each one
    assert lines[capital + "Latest total 47 or more"] == TOO_FEW  # 2 of 5: would point at them
    meetings = "House-meeting attendance: "
    assert lines[meetings + "House meetings with a roll call"] == HIDDEN  # one
    assert lines[meetings + "Present or late, of the marks taken"] == "86% of 14"
    mentors = "Mentor coverage: "
    assert lines[mentors + "Newcomers (moved in at least a week before the period's end)"] == "12"
    assert lines[mentors + "With a mentor within 7 days"] == "42% (5 of 12)"


def test_how_stays_ended_hides_a_small_count_and_the_one_that_would_give_it_away(
    ws: Workspace,
) -> None:
    [stays] = [b for b in ws.outcomes.report(FIRST, LAST).blocks if b.title == "Stays"]
    assert stays.chart is not None
    assert dict(stays.chart.bars) == {
        "Completed the program": 6,
        "Left voluntarily before completing": None,  # 5, hidden: else 13 - 6 - 5 = 2
        "Asked to leave (rule violation)": None,  # 2
    }


def test_the_pdf_names_dates_and_quotes_nobody(
    ws: Workspace, db_arg: str, tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = outcomes_pdf(ws.outcomes.report(FIRST, LAST))
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    assert "Stays begun" in text and "fewer than 5" in text
    assert layout_problems(pdf) == []
    for person in ws.queries.details():
        d = person.details
        for told in (d.first_name, d.last_name, f"{d.first_name[0]}.{d.last_name[0]}."):
            assert told not in text
    for stray in ("23 Jul 1990", "1990", "Tacoma", "Glen Foster", "Work"):
        assert stray not in text
    out = f"{tmp_path}/outcomes.pdf"
    argv = ["report", "outcomes", "--from", "2026-01-01", "--to", "2026-06-14"]
    assert cli([*argv, "--db", db_arg, "-o", out]) == 0
    assert "Stays begun" in PdfReader(out).pages[0].extract_text()
    wrong = [*argv[:3], "2026-06-15", "--to", "2026-06-14", "--db", db_arg, "-o", f"{out}.2"]
    assert cli(wrong) == 1
    assert "starts after it ends" in capsys.readouterr().err


@given(st.dictionaries(st.sampled_from("abcdefg"), st.integers(0, 40), min_size=1))
def test_a_breakdown_never_leaves_one_small_count_to_work_out(counts: dict[str, int]) -> None:
    shown = breakdown(counts)
    for key, count in counts.items():
        if 0 < count < 5:
            assert shown[key] is None  # every small count is hidden
        elif shown[key] is not None:
            assert shown[key] == count  # and nothing else is changed
    hidden = [k for k, v in shown.items() if v is None]
    positive_others = [k for k in counts if counts[k] > 0 and k not in hidden]
    if hidden and positive_others:  # what the hidden add up to points at nobody
        assert len(hidden) >= 2 and sum(counts[k] for k in hidden) >= 5


def test_a_share_of_a_few_people_is_not_given() -> None:
    assert share(3, 4) == TOO_FEW  # too few in all
    assert share(2, 20) == TOO_FEW  # the two would be pointed at
    assert share(18, 20) == TOO_FEW  # and so would the two who didn't
    assert share(0, 20) == TOO_FEW  # none, or all: that tells of each one
    assert share(20, 20) == TOO_FEW
    assert share(15, 20) == "75% (15 of 20)"
    assert share(19, 20, people=False) == "95% of 20"
