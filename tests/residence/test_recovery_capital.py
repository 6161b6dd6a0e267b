"""Recording BARC-10s: in the stay the resident lived in, one a day, withdrawn rather than
deleted, the schema holding every score to 1–6; and who is due."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from residence.db import orm
from residence.errors import Conflict, ValidationError
from residence.recovery.service import RecoveryCapitalBook
from residence.residents.reasons import DischargeReason
from residence.residents.records import Admission, Discharge, PersonDetails
from residence.safety.audit import AuditTrail
from tests.conftest import TODAY, House, cli, clock_on

SHEET = (5, 4, 6, 5, 3, 4, 5, 6, 4, 5)  # 47
MOVE_IN = TODAY - timedelta(days=40)


@pytest.fixture
def book(house: House) -> RecoveryCapitalBook:
    return RecoveryCapitalBook(house.db, house.clock)


def _admit(house: House, first: str = "Ana", move_in: date = MOVE_IN) -> int:
    details = PersonDetails(first, "Quill")
    return house.residents.admit(Admission(details, move_in)).value


def test_a_sheet_is_recorded_in_the_stay_and_shown_in_order(
    house: House, book: RecoveryCapitalBook
) -> None:
    ana = _admit(house)
    book.record(ana, MOVE_IN + timedelta(days=31), SHEET)
    book.record(ana, MOVE_IN, (3,) * 10, on_paper=True)
    [first, second] = book.history(ana)
    assert (first.taken_on, first.total, first.on_paper) == (MOVE_IN, 30, True)
    assert second.total == 47 and second.recorded_by.startswith("Dana Test")
    assert AuditTrail(house.db).differences() == []  # on the trail, like every record


def test_a_sheet_for_a_day_they_did_not_live_here_or_twice_a_day_is_refused(
    house: House, book: RecoveryCapitalBook
) -> None:
    ana = _admit(house)
    with pytest.raises(ValidationError, match="didn't live in the house on"):
        book.record(ana, MOVE_IN - timedelta(days=1), SHEET)
    with pytest.raises(ValidationError, match="in the future"):
        book.record(ana, TODAY + timedelta(days=1), SHEET)
    with pytest.raises(ValidationError, match="Statement 3: score it from 1 to 6"):
        book.record(ana, TODAY, (5, 4, 9, 5, 3, 4, 5, 6, 4, 5))
    book.record(ana, TODAY, SHEET)
    with pytest.raises(ValidationError, match="on file already"):
        book.record(ana, TODAY, SHEET)
    assert len(book.history(ana)) == 1


def test_a_withdrawn_sheet_stays_on_file_and_counts_no_more(
    house: House, book: RecoveryCapitalBook
) -> None:
    ana = _admit(house, move_in=TODAY)
    sheet = book.record(ana, TODAY, SHEET).value
    assert [d.person_id for d in book.due()] == []
    with pytest.raises(ValidationError, match="Say why"):
        book.withdraw(sheet.id, "  ")
    book.withdraw(sheet.id, "Another resident's sheet")
    [kept] = book.history(ana)
    assert (kept.withdrawn_why, kept.counts) == ("Another resident's sheet", False)
    assert [d.person_id for d in book.due()] == [ana]  # due again: it didn't count
    with pytest.raises(Conflict, match="withdrawn already"):
        book.withdraw(sheet.id, "again")
    book.record(ana, TODAY, (4,) * 10)  # the right one, the same day


def test_who_is_due_overdue_first_and_only_those_living_here(
    house: House, book: RecoveryCapitalBook
) -> None:
    ana = _admit(house)  # 40 days in: 30 days overdue
    bea = _admit(house, "Bea", move_in=TODAY - timedelta(days=26))  # 30 days in 4 days
    cy = _admit(house, "Cy", move_in=TODAY - timedelta(days=10))
    book.record(ana, MOVE_IN, SHEET)
    book.record(bea, TODAY - timedelta(days=26), SHEET)
    book.record(cy, TODAY - timedelta(days=10), SHEET)
    due = book.due()
    assert [(d.person_id, d.checkpoint.label, d.overdue) for d in due] == [
        (ana, "at 30 days", True),
        (bea, "at 30 days", False),
    ]
    assert book.next_due(cy) is not None and book.next_due(cy).label == "at 30 days"  # type: ignore[union-attr]
    stay = house.queries.detail(ana).stays[-1]
    house.residents.discharge(stay.id, Discharge(TODAY, DischargeReason.COMPLETED))
    later = RecoveryCapitalBook(house.db, clock_on(TODAY + timedelta(days=1)))
    assert ana not in [d.person_id for d in later.due()]
    assert later.next_due(ana) is None


def test_the_schema_holds_every_score_to_the_scale(house: House) -> None:
    """Whoever writes: the app isn't the only writer, on either engine."""
    ana = _admit(house)
    stay = house.queries.detail(ana).stays[-1].id
    scores = dict.fromkeys(orm.SCORES, 5) | {"score_7": 7}
    with pytest.raises(IntegrityError), house.db.write() as session:
        session.add(
            orm.RecoveryCapital(
                stay_id=stay, taken_on=TODAY, recorded_at=house.clock.now(), **scores
            )
        )
        session.flush()


def test_the_command_line_records_a_sheet_and_lists_the_scores(
    house: House, db_arg: str, capsys: pytest.CaptureFixture[str]
) -> None:
    ana = _admit(house)
    argv = ["barc", "--resident", str(ana), "--db", db_arg]
    scores = ",".join(map(str, SHEET))
    assert cli([*argv, "--scores", scores, "--date", MOVE_IN.isoformat()]) == 0
    assert capsys.readouterr().out == "Recorded Ana Quill's BARC-10 of 6 May 2026: 47 of 60.\n"
    assert cli(argv) == 0
    listed = capsys.readouterr().out
    assert listed.splitlines() == [
        "6 May 2026  47 of 60  (at or above 47)",
        "Next due at 30 days: 5 Jun 2026 (overdue).",
    ]
    with pytest.raises(SystemExit):  # a typo in the scores: argparse's one line, status 2
        cli([*argv, "--scores", "5,4,6"])
    assert "Give 10 scores" in capsys.readouterr().err
    assert cli([*argv, "--scores", scores, "--date", "2026-05-05"]) == 1
    said = capsys.readouterr().err
    assert "didn't live in the house on 5 May 2026" in said and said.count("\n") == 1


def test_a_progress_report_tells_the_periods_totals_only_under_a_consent_covering_them(
    house: House, book: RecoveryCapitalBook
) -> None:
    from residence.consents.records import Category, ConsentInfo
    from residence.workspace import workspace_for

    ws = workspace_for(house.db)
    ana = _admit(house)
    book.record(ana, MOVE_IN, (3,) * 10)
    book.record(ana, MOVE_IN + timedelta(days=30), (4,) * 10)
    wrong = book.record(ana, MOVE_IN + timedelta(days=31), (6,) * 10).value
    book.withdraw(wrong.id, "Typed in for the wrong resident")

    def consent(*categories: Category) -> int:
        info = ConsentInfo(None, ana, "Rae Casey", "Riverside", "Progress", frozenset(categories),
                           MOVE_IN, TODAY + timedelta(days=90))  # fmt: skip
        return ws.consents.save(info).value.id or 0

    covered = ws.disclosures.progress(
        consent(Category.RECOVERY_CAPITAL), MOVE_IN + timedelta(days=1), TODAY
    )
    stay = house.queries.detail(ana).stays[-1].id
    assert covered.recovery_capital == ((MOVE_IN + timedelta(days=30), 40, stay),)  # counted
    other = ws.disclosures.progress(consent(Category.STAY), MOVE_IN, TODAY)
    assert other.recovery_capital is None


def test_the_printed_sheet_holds_the_ten_statements_and_the_scale(
    house: House, db_arg: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from io import BytesIO

    from pypdf import PdfReader

    from residence.recovery.records import SCALE, STATEMENTS
    from residence.recovery.sheet_report import BarcSheet, barc_sheet_pdf
    from tests.residence.pdf_layout import layout_problems

    long_name = "Maximiliana Oyelaran-Kowalczyk Nguyễn Thị Minh-Châu de la Fuente"
    pdf = barc_sheet_pdf(BarcSheet("Magnolia House", long_name, house.clock.now()))
    assert layout_problems(pdf) == []
    [page] = PdfReader(BytesIO(pdf)).pages
    text = " ".join(page.extract_text().split())
    assert "Name: Maximiliana" in text
    assert all(" ".join(s.split()) in text for s in STATEMENTS[:5])
    assert all(word.split()[-1] in text for word in SCALE)
    ana = _admit(house)
    out = tmp_path / "sheet.pdf"
    argv = ["report", "barc-sheet", "--resident", str(ana), "--db", db_arg, "-o", str(out)]
    assert cli(argv) == 0
    assert "Ana Quill" in PdfReader(out).pages[0].extract_text()


def test_the_schema_keeps_one_counting_sheet_a_day(house: House, book: RecoveryCapitalBook) -> None:
    """Two desks recording the same day's sheet: the database takes one."""
    ana = _admit(house)
    book.record(ana, TODAY, SHEET)
    stay = house.queries.detail(ana).stays[-1].id
    with pytest.raises(IntegrityError), house.db.write() as session:
        scores = dict.fromkeys(orm.SCORES, 4)
        row = orm.RecoveryCapital(
            stay_id=stay, taken_on=TODAY, recorded_at=house.clock.now(), **scores
        )
        session.add(row)
        session.flush()


def test_a_sheet_taken_a_week_early_moves_the_next_due_on(
    house: House, book: RecoveryCapitalBook
) -> None:
    ana = _admit(house, move_in=TODAY - timedelta(days=25))
    book.record(ana, TODAY - timedelta(days=25), SHEET)
    book.record(ana, TODAY, SHEET)  # five days before the 30-day checkpoint: counts for it
    due = book.next_due(ana)
    assert due is not None and due.label == "at 90 days"


def test_the_command_line_withdraws_a_sheet_with_the_reason(
    house: House, db_arg: str, capsys: pytest.CaptureFixture[str]
) -> None:
    ana = _admit(house)
    argv = ["barc", "--resident", str(ana), "--db", db_arg]
    assert cli([*argv, "--scores", ",".join(map(str, SHEET)), "--date", MOVE_IN.isoformat()]) == 0
    capsys.readouterr()
    withdraw = [*argv, "--withdraw", MOVE_IN.isoformat()]
    assert cli(withdraw) == 1
    assert capsys.readouterr().err.strip().endswith("Say why it is withdrawn.")
    assert cli([*withdraw, "--why", "Typed in for the wrong resident"]) == 0
    assert "Withdrawn: Ana Quill's BARC-10 of 6 May 2026" in capsys.readouterr().out
    [sheet] = RecoveryCapitalBook(house.db, house.clock).history(ana)
    assert sheet.withdrawn_why == "Typed in for the wrong resident"
    assert cli([*withdraw, "--why", "again"]) == 1
    assert "was withdrawn already" in capsys.readouterr().err
    assert cli([*argv, "--withdraw", "2026-05-07", "--why", "x"]) == 1
    assert "has no BARC-10 of 7 May 2026 on file" in capsys.readouterr().err


def test_the_houses_own_questions_are_kept_with_the_sheet_and_out_of_its_total(
    house: House, book: RecoveryCapitalBook, db_arg: str, tmp_path: Path
) -> None:
    from datetime import datetime

    from pypdf import PdfReader
    from sqlalchemy import update

    ana = _admit(house)
    now = house.clock.now()
    house.clock.move_to(datetime.combine(MOVE_IN, now.time()))  # asked from the move-in
    with pytest.raises(ValidationError, match="Write the question"):
        book.add_question("  ")
    place = book.add_question("I know where I will live after the house.").value
    work = book.add_question("I have work or school to go to.").value
    house.clock.move_to(now)
    book.record(ana, MOVE_IN, SHEET, answers={place.id: 2, work.id: 5})
    [sheet] = book.history(ana)
    assert sheet.total == 47  # the ten only
    assert sheet.answers == (
        ("I know where I will live after the house.", 2),
        ("I have work or school to go to.", 5),
    )
    book.retire_question(work.id)
    assert [q.text for q in book.questions()] == ["I know where I will live after the house."]
    with pytest.raises(ValidationError, match="wasn't asked on 15 Jun 2026's sheets"):
        book.record(ana, TODAY, SHEET, answers={work.id: 4})
    with pytest.raises(ValidationError, match="from 1 to 6"):
        book.record(ana, TODAY, SHEET, answers={place.id: 7})
    # A paper sheet of a day it was still asked, typed in after it was retired: kept.
    book.record(ana, MOVE_IN + timedelta(days=30), SHEET, answers={work.id: 4}, on_paper=True)
    first, paper = book.history(ana)
    assert first.answers == sheet.answers and paper.answers == ((work.text, 4),)
    with pytest.raises(IntegrityError), house.db.write() as session:
        session.execute(update(orm.HouseAnswer).values(score=0))
    out = tmp_path / "sheet.pdf"
    assert cli(["report", "barc-sheet", "--db", db_arg, "-o", str(out)]) == 0
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out).pages)
    assert "The house's own questions" in text and "I know where I will live" in text
    assert "I have work or school" not in text
