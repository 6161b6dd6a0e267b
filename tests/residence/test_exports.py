"""A report or an export never harms the house: the app's own files are refused whatever they
are called, an existing file is replaced only with --force, and what is written is whole and
for its owner only."""

from __future__ import annotations

import shutil
import stat
import tempfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from residence.safety.exports import ExportError, export
from residence.workspace import open_workspace
from tests.conftest import cli, clock_on


def _roster(house: Path, out: Path, *more: str) -> int:
    return cli(["report", "roster", "--db", str(house), "-o", str(out), *more])


def test_a_report_over_the_live_write_ahead_log_is_refused_and_the_house_still_opens(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    window = open_workspace(demo_copy, clock=clock_on())  # the house open, as in the window
    wal = demo_copy.with_name(demo_copy.name + "-wal")
    try:
        window.house.settings()
        before = wal.read_bytes() if wal.exists() else None
        assert _roster(demo_copy, wal, "--force") != 0
        error = capsys.readouterr().err.strip()
        assert "one of the house's own files" in error and len(error.splitlines()) == 1
        assert (wal.read_bytes() if wal.exists() else None) == before
    finally:
        window.close()
    reopened = open_workspace(demo_copy, clock=clock_on())
    assert reopened.house.settings() is not None
    reopened.close()


@pytest.mark.parametrize(
    "side", ["-wal", "-shm", "-journal", ".audit-head", ".lock", ".in-use", ".partial"]
)
def test_every_side_file_of_the_house_is_refused_by_name(
    demo_copy: Path, side: str, capsys: pytest.CaptureFixture[str]
) -> None:
    target = demo_copy.with_name(demo_copy.name + side)
    target.write_bytes(b"kept")
    assert _roster(demo_copy, target, "--force") != 0
    assert target.read_bytes() == b"kept"
    assert "choose another name" in capsys.readouterr().err


def test_a_backup_or_a_copy_kept_aside_is_refused_whatever_it_is_called(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("backups/house-2026-06-14.sqlite3", "kept.before-upgrade", "notes.pdf"):
        copy = tmp_path / name
        copy.parent.mkdir(exist_ok=True)
        shutil.copy(demo_copy, copy)  # a database, even one named like a PDF
        before = copy.read_bytes()
        assert _roster(demo_copy, copy, "--force") != 0
        assert copy.read_bytes() == before
    assert capsys.readouterr().err.count("one of the house's own files") == 3


def test_an_existing_file_is_replaced_only_with_force_and_then_whole(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "roster.pdf"
    out.write_bytes(b"last week's roster, kept by the manager")
    assert _roster(demo_copy, out) != 0
    assert "already exists: add --force" in capsys.readouterr().err
    assert out.read_bytes() == b"last week's roster, kept by the manager"
    assert _roster(demo_copy, out, "--force") == 0
    assert "House roster" in PdfReader(out).pages[0].extract_text()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []


def test_what_the_app_writes_is_for_its_owner_only(demo_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "roster.pdf"
    assert _roster(demo_copy, out) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_the_save_dialogs_path_refuses_the_house_too(demo_copy: Path, tmp_path: Path) -> None:
    # The window's Save as PDF and Export say yes to replacing (their dialog asked), never to
    # the house's own files.
    with pytest.raises(ExportError, match="house's own files"):
        export(demo_copy, b"%PDF-1.4", replace=True)
    assert demo_copy.read_bytes().startswith(b"SQLite format 3")
    with pytest.raises(ExportError, match="is a folder"):
        export(tmp_path, b"%PDF-1.4", replace=True)
    mine = tmp_path / "mine.pdf"
    mine.write_bytes(b"%PDF-1.4 old")
    export(mine, b"%PDF-1.4 new", replace=True)
    assert mine.read_bytes() == b"%PDF-1.4 new"


def test_the_lock_and_the_backups_folder_are_for_the_owner_only(
    demo_copy: Path, tmp_path: Path
) -> None:
    from residence.safety.lock import HouseLock

    with HouseLock(demo_copy, clock_on()):
        for side in (".lock", ".in-use"):  # they name the user, the computer and the process
            path = demo_copy.with_name(demo_copy.name + side)
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, side
    folder = tmp_path / "stick"
    assert cli(["backup", "--db", str(demo_copy), "--to", str(folder), "--create"]) == 0
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_check_leaves_a_backup_byte_for_byte_and_reads_one_on_read_only_media(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stick = tmp_path / "stick"
    assert cli(["backup", "--db", str(demo_copy), "--to", str(stick), "--create"]) == 0
    [backup] = list(stick.iterdir())
    before = {p.name: p.read_bytes() for p in stick.iterdir()}
    backup.chmod(0o400)
    stick.chmod(0o500)  # read-only media
    try:
        assert cli(["check", "--db", str(backup)]) == 0
        assert "integrity ok" in capsys.readouterr().out
        assert {p.name: p.read_bytes() for p in stick.iterdir()} == before  # no -wal, no -shm
    finally:
        stick.chmod(0o700)


READING = [
    ["residents", "--status", "all"],
    ["residents", "--csv"],
    ["consents"],
    ["disclosures", "--csv"],
    ["report", "roster"],
    ["report", "mentors"],
    ["report", "disclosures"],
    ["report", "consent-form", "--blank"],
    ["report", "schedule", "--week", "2026-06-15"],
    ["report", "sign-in", "--date", "2026-06-14"],
    ["report", "minutes", "--date", "2026-06-14"],
    ["check"],
]


def _read_only_stick(house: Path, tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    stick = tmp_path / "stick"
    stick.mkdir()
    copy = stick / house.name
    shutil.copy(house, copy)
    copy.chmod(0o400)
    stick.chmod(0o500)  # read-only media
    return copy, {p.name: p.read_bytes() for p in stick.iterdir()}


@pytest.mark.parametrize("command", READING, ids=lambda c: " ".join(c[:2]))
def test_every_reading_command_leaves_the_file_byte_for_byte(
    demo_template: Path, tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    house, before = _read_only_stick(demo_template, tmp_path)
    output = ["-o", str(tmp_path / "out.pdf")] if command[0] == "report" else []
    try:
        assert cli([*command, "--db", str(house), *output]) == 0, capsys.readouterr().err
        assert {p.name: p.read_bytes() for p in house.parent.iterdir()} == before
    finally:
        house.parent.chmod(0o700)


def test_a_file_from_an_older_version_is_read_without_being_upgraded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fixture = Path(__file__).parents[1] / "fixtures" / "schema-0001.sqlite3"
    house, before = _read_only_stick(fixture, tmp_path)
    try:
        assert cli(["residents", "--db", str(house), "--status", "all"]) == 0
        assert cli(["check", "--db", str(house)]) == 0
        assert {p.name: p.read_bytes() for p in house.parent.iterdir()} == before
    finally:
        house.parent.chmod(0o700)
    listed = capsys.readouterr().out
    assert "Zoë O'Brien-Łukasz" in listed and "José Ñúñez" in listed
    assert not list(Path(tempfile.gettempdir()).glob("residence-*/" + house.name))
