"""The residence command: output, exit status, and one clear line for every expected problem."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from residence.db.database import Location
from residence.demo.house import ROOMS
from residence.house.records import HouseSettings
from residence.residents.records import Status
from residence.residents.spreadsheet import COLUMNS
from residence.workspace import open_workspace
from tests.conftest import cli, clock_on


@pytest.fixture
def demo(demo_house: Location) -> Location:
    return demo_house


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith("residence 0.")


def test_demo_refuses_to_overwrite(demo: Location, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["residents", "--db", str(demo)]) == 0
    before = capsys.readouterr().out
    assert cli(["demo", str(demo)]) == 1
    err = capsys.readouterr().err
    said = "already exists" if isinstance(demo, Path) else "holds a house already"
    assert err.count("\n") == 1 and said in err
    assert cli(["residents", "--db", str(demo)]) == 0
    assert capsys.readouterr().out == before


def test_demo_house_has_current_and_former_residents_and_a_return(demo: Location) -> None:
    workspace = open_workspace(demo, clock=clock_on())
    try:
        rows = workspace.queries.rows()
        former = workspace.queries.rows(Status.FORMER)
        assert len(rows) == 12
        assert len(former) >= 9
        assert sum(b.retired is False for b in workspace.house.beds()) == 14
        returning = [f for f in workspace.queries.details() if len(f.stays) > 1]
        assert returning, "someone came back for a second stay"
        reasons = {
            s.discharge_reason
            for f in workspace.queries.details()
            for s in f.stays
            if s.discharge_reason
        }
        assert len(reasons) >= 7
        assert any("ñ" in r.name.lower() or "ễ" in r.name for r in rows)
    finally:
        workspace.close()


def test_residents_lists_current_by_default(
    demo: Location, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(["residents", "--db", str(demo)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == [
        "ID",
        "Name",
        "Room/bed",
        "Phase",
        "Move-in",
        "Move-out",
        "Days",
        "sober",
        "Case",
        "manager",
    ]
    assert len(out) == 13
    assert any("José “Pepe” Ñúñez" in line for line in out)
    assert not any("Omar Haddad" in line for line in out)  # moved out


def test_the_listing_gives_each_person_their_id_for_scripts(
    demo: Location, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(["residents", "--db", str(demo), "--status", "all"]) == 0
    table = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()[1:]}
    assert cli(["residents", "--db", str(demo), "--status", "all", "--csv"]) == 0
    sheet = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    workspace = open_workspace(demo, clock=clock_on())
    try:
        for row in sheet:
            person = workspace.queries.detail(int(row["id"])).details
            assert (person.first_name, person.last_name) == (row["first_name"], row["last_name"])
            assert person.last_name in table[row["id"]]
    finally:
        workspace.close()
    assert len(table) == len(sheet) == len({row["id"] for row in sheet}) == 21
    # The consents listing names the same IDs: a script can match a resident's consents.
    assert cli(["consents", "--db", str(demo), "--csv"]) == 0
    consents = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert consents and all(c["Resident"].split()[-1] in table[c["Resident ID"]] for c in consents)


def test_residents_csv_round_trips_through_import(
    demo: Location, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(["residents", "--db", str(demo), "--csv"]) == 0
    exported = capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert len(rows) == 12
    assert list(rows[0]) == list(COLUMNS)
    assert COLUMNS[0] == "id"

    # A new house with the demo's rooms and the default phases takes the file as it is.
    target = tmp_path / "new.sqlite3"
    workspace = open_workspace(target, clock=clock_on())
    workspace.house.set_up(HouseSettings("New House"))
    for room in ROOMS:
        workspace.house.add_room(room, ["A", "B"])
    workspace.close()
    sheet = tmp_path / "export.csv"
    sheet.write_text(exported, encoding="utf-8")
    assert cli(["import-residents", "--db", str(target), str(sheet)]) == 0
    assert capsys.readouterr().out == "Imported 12 residents.\n"

    # Everything comes back as it was, but the IDs: those are the new file's own.
    assert cli(["residents", "--db", str(target), "--csv"]) == 0
    again = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [_without_id(row) for row in again] == [_without_id(row) for row in rows]
    assert {row["id"] for row in again} == {str(n) for n in range(1, 13)}
    assert {row["id"] for row in again} != {row["id"] for row in rows}


def _without_id(row: dict[str, str]) -> dict[str, str]:
    return {column: value for column, value in row.items() if column != "id"}


def test_residents_on_a_missing_file_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere.sqlite3"
    assert cli(["residents", "--db", str(missing)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("residence: There is no database at") and err.count("\n") == 1
    assert not missing.exists()


def test_a_file_that_is_not_a_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("shopping list")
    assert cli(["residents", "--db", str(notes)]) == 1
    assert "not a Residence database" in capsys.readouterr().err
    assert notes.read_text() == "shopping list"


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli(["residents", "--status", "sideways"])
    assert exit_.value.code == 2


def test_import_reports_every_bad_row_and_imports_nothing(
    demo: Location, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "in.csv"
    sheet.write_text(
        "First_Name,Last_Name,Move_In,Date_Of_Birth\n"
        "Good,Person,2026-01-05,1990-01-01\n"
        "Bad,Date,2026-13-01,1990-01-01\n"
        " ,Nameless,2026-01-05,\n",
        encoding="utf-8",
    )
    assert cli(["import-residents", "--db", str(demo), str(sheet)]) == 1
    err = capsys.readouterr().err
    assert "line 3:" in err and "not a real date" in err
    assert "line 4:" in err and "First name is required" in err
    assert "Nothing was imported" in err
    cli(["residents", "--db", str(demo), "--status", "all"])
    assert "Good Person" not in capsys.readouterr().out


def test_import_names_an_unknown_column(
    demo: Location, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "in.csv"
    sheet.write_text("first_name,last_name,move_in,shoe_size\nA,B,2026-01-05,9\n")
    assert cli(["import-residents", "--db", str(demo), str(sheet)]) == 1
    assert "unknown column “shoe_size”" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["residents", "--csv"], ["consents", "--csv"], ["residents"]])
def test_a_reader_that_stops_early_ends_the_command_quietly(
    demo: Location, command: list[str]
) -> None:
    """``residence consents --csv | head -1``: the pipe closes before the command writes."""
    reader, writer = os.pipe()
    os.close(reader)  # the reader has stopped: every write fails with a broken pipe
    try:
        result = subprocess.run(
            [sys.executable, "-c", CLI_ON_A_FIXED_DAY, *command, "--db", str(demo)],
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    finally:
        os.close(writer)
    assert (result.returncode, result.stderr) == (0, "")


# The command as installed, on the tests' day rather than the computer's.
CLI_ON_A_FIXED_DAY = (
    "import sys; from datetime import datetime; from residence.cli import main; "
    "from residence.clock import FixedClock; "
    "sys.exit(main(sys.argv[1:], clock=FixedClock(datetime(2026, 6, 15, 10, 0))))"
)


def test_a_command_started_with_stdout_closed_does_its_work(demo: Location) -> None:
    result = subprocess.run(
        [sys.executable, "-c", CLI_ON_A_FIXED_DAY, "residents", "--db", str(demo)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        preexec_fn=lambda: os.close(1),  # stdout closed, as by `residence … >&-`
    )
    assert (result.returncode, result.stderr) == (0, "")


def test_the_installed_command_prints_one_line_and_no_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ui.launch", "residents", "--db", str(tmp_path / "none.sqlite3")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
