"""The house with years of history (``residence demo --years N``): lived day by day through
the services, so it holds what a real house would, and every rule and the audit trail hold."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from residence.demo.years import write_years_demo
from residence.workspace import open_workspace
from tests.conftest import cli, clock_on
from tests.residence.future_records import recorded_after

TODAY = date(2026, 11, 24)
BUILT = datetime.combine(TODAY, time(10, 0))  # the moment the house is built: it ends there


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("years") / "one-year.sqlite3"
    write_years_demo(path, BUILT, 1)
    return path


def _count(path: Path, sql: str) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute(sql).fetchone()[0])
    finally:
        connection.close()


def test_a_year_of_a_house_holds_what_a_real_year_would(year: Path) -> None:
    stays = _count(year, "SELECT count(*) FROM stay")
    assert 45 <= stays <= 90  # about sixty a year in twenty beds
    assert _count(year, "SELECT count(*) FROM stay WHERE move_out IS NULL") <= 20
    assert _count(year, "SELECT count(*) FROM chore_week") == 53  # 52 weeks and this one
    assert _count(year, "SELECT count(*) FROM meeting") == 52 * 3  # house meeting, two groups
    assert _count(year, "SELECT count(*) FROM minutes WHERE finalised_at IS NOT NULL") == 52
    assert 5000 <= _count(year, "SELECT count(*) FROM outside_meeting") <= 7000
    assert _count(year, "SELECT count(*) FROM check_in") > 300
    assert _count(year, "SELECT count(*) FROM disclosure") > 10
    # Every past chore of someone living here that day was signed off.
    monday = TODAY - timedelta(days=TODAY.weekday())
    assert (
        _count(
            year,
            "SELECT count(*) FROM chore_assignment a JOIN stay s "
            "ON s.person_id = a.person_id AND s.move_in <= a.day "
            "AND (s.move_out IS NULL OR a.day < s.move_out) "
            f"WHERE a.status = 'pending' AND a.day < '{monday}'",
        )
        == 0
    )


def test_nothing_in_the_year_happens_after_it_was_built(year: Path) -> None:
    assert recorded_after(year, BUILT) == []


def test_the_year_passes_the_check_and_has_a_senior_resident_to_report_on(year: Path) -> None:
    assert cli(["check", "--db", str(year)], clock_on(TODAY)) == 0
    workspace = open_workspace(year, create=False, clock=clock_on(TODAY))
    try:
        senior = min(workspace.queries.rows(), key=lambda row: row.move_in)
        assert (TODAY - senior.move_in).days > 330  # since the start (ten years: 430 days)
        [consent, *_] = workspace.consents.rows(senior.person_id)
        assert workspace.consents.allowed(consent.info.id or 0)
    finally:
        workspace.close()


def test_bad_requests_are_refused_plainly(
    year: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(["demo", "--years", "0", str(tmp_path / "x.sqlite3")], clock_on(TODAY)) == 1
    assert cli(["demo", "--years", "10", str(year)], clock_on(TODAY)) == 1
    err = capsys.readouterr().err
    assert "between 1 and 30 years" in err and "already exists" in err


def test_the_history_is_dated_day_by_day_in_the_audit_trail(year: Path) -> None:
    first = _count(year, "SELECT julianday(min(at)) FROM audit_entry")
    last = _count(year, "SELECT julianday(max(at)) FROM audit_entry")
    assert last - first > 350  # each change on the day it was lived, not on the build's day


def test_a_build_cut_short_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(self: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("residence.demo.years._History.live", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_years_demo(tmp_path / "house.sqlite3", BUILT, 1)
    assert list(tmp_path.iterdir()) == []
