"""The commands that change the house's protection or write to it: ``passphrase`` does what
Settings does, a restore never lowers the protection, and a command that writes waits for no
one: it says who has the house open instead of writing behind their back."""

from __future__ import annotations

from pathlib import Path

import pytest

from residence.db.cipher import looks_encrypted
from residence.safety.lock import HouseLock
from tests.conftest import cli, clock_on
from tests.residence.test_consent_cli import _active_consent, _progress

SECRET, OTHER = "correct horse battery", "staple gun kitchen"


def _residents(house: Path) -> int:
    return cli(["residents", "--db", str(house)])


def test_set_change_and_remove_from_the_command_line(
    demo_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("RESIDENCE_NEW_PASSPHRASE", SECRET)
    assert cli(["passphrase", "set", "--db", str(demo_copy)]) == 0
    assert looks_encrypted(demo_copy)
    monkeypatch.setenv("RESIDENCE_PASSPHRASE", SECRET)
    capsys.readouterr()
    assert _residents(demo_copy) == 0 and "Pepe" in capsys.readouterr().out
    monkeypatch.setenv("RESIDENCE_NEW_PASSPHRASE", OTHER)
    assert cli(["passphrase", "change", "--db", str(demo_copy)]) == 0
    assert _residents(demo_copy) != 0  # the old passphrase no longer opens it
    monkeypatch.setenv("RESIDENCE_PASSPHRASE", OTHER)
    assert cli(["passphrase", "remove", "--db", str(demo_copy)]) == 0
    assert not looks_encrypted(demo_copy)
    monkeypatch.delenv("RESIDENCE_PASSPHRASE")
    assert _residents(demo_copy) == 0


@pytest.mark.parametrize(
    ("action", "new", "message"),
    [
        ("change", SECRET, "has no passphrase: use `passphrase set`"),
        ("remove", None, "has no passphrase"),
        ("set", "short", "at least 8 characters"),
    ],
)
def test_what_makes_no_sense_is_refused_and_nothing_changes(
    demo_copy: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    action: str,
    new: str | None,
    message: str,
) -> None:
    if new is not None:
        monkeypatch.setenv("RESIDENCE_NEW_PASSPHRASE", new)
    before = demo_copy.read_bytes()
    assert cli(["passphrase", action, "--db", str(demo_copy)]) == 1
    assert message in capsys.readouterr().err
    assert demo_copy.read_bytes() == before


def test_a_house_open_in_the_window_is_not_changed_behind_its_back(
    demo_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("RESIDENCE_NEW_PASSPHRASE", SECRET)
    with HouseLock(demo_copy, clock_on()):  # as the window holds it
        assert cli(["passphrase", "set", "--db", str(demo_copy)]) == 1
    assert "already open in Residence" in capsys.readouterr().err
    assert not looks_encrypted(demo_copy)


def test_restoring_a_plain_backup_never_leaves_an_encrypted_house_readable(
    demo_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    stick = tmp_path / "stick"
    assert cli(["backup", "--db", str(demo_copy), "--to", str(stick), "--create"]) == 0
    [plain] = [p for p in stick.iterdir() if p.suffix == ".sqlite3"]
    monkeypatch.setenv("RESIDENCE_NEW_PASSPHRASE", SECRET)
    assert cli(["passphrase", "set", "--db", str(demo_copy)]) == 0
    assert not looks_encrypted(plain)  # on the stick: the USB case
    # Without the house's passphrase the restore stops, and the house is as it was.
    before = demo_copy.read_bytes()
    assert cli(["restore", str(plain), "--db", str(demo_copy)]) == 1
    assert "RESIDENCE_PASSPHRASE" in capsys.readouterr().err
    assert demo_copy.read_bytes() == before
    # With it, the restored house is encrypted under it.
    monkeypatch.setenv("RESIDENCE_PASSPHRASE", SECRET)
    assert cli(["restore", str(plain), "--db", str(demo_copy)]) == 0
    assert looks_encrypted(demo_copy)
    capsys.readouterr()
    assert _residents(demo_copy) == 0 and "Pepe" in capsys.readouterr().out
    assert cli(["check", "--db", str(demo_copy)]) == 0
    monkeypatch.delenv("RESIDENCE_PASSPHRASE")
    assert _residents(demo_copy) == 1  # nobody without it reads it


def test_a_command_that_writes_says_who_has_the_house_open_instead_of_writing(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "people.csv"
    sheet.write_text("first_name,last_name,move_in\nAvery,Quill,2026-06-01\n", encoding="utf-8")
    capsys.readouterr()
    with HouseLock(demo_copy, clock_on()):  # the window has it
        assert cli(["import-residents", "--db", str(demo_copy), str(sheet)]) == 1
        assert "already open in Residence" in capsys.readouterr().err
        next_year = ["--week", "2027-06-14", "-o", str(tmp_path / "chart.pdf")]
        assert cli(["report", "chores", "--db", str(demo_copy), *next_year]) == 1  # it makes one
        assert "already open in Residence" in capsys.readouterr().err
        consent = _active_consent(demo_copy, capsys)["ID"]
        report = tmp_path / "progress.pdf"
        assert cli(_progress(demo_copy, consent, report)) == 1  # it logs the disclosure
        assert "already open in Residence" in capsys.readouterr().err and not report.exists()
        # Reading is not writing: the list and a printed roster still work meanwhile.
        assert _residents(demo_copy) == 0 and "Avery" not in capsys.readouterr().out
        roster = ["report", "roster", "--db", str(demo_copy), "-o", str(tmp_path / "r.pdf")]
        assert cli(roster) == 0
    assert cli(["import-residents", "--db", str(demo_copy), str(sheet)]) == 0
    capsys.readouterr()
    assert _residents(demo_copy) == 0 and "Avery" in capsys.readouterr().out
