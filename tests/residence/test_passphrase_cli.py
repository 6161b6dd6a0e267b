"""``residence passphrase set|change|remove`` does what Settings does, and refuses what it
refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from residence.db.cipher import looks_encrypted
from residence.safety.lock import HouseLock
from tests.conftest import cli, clock_on

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
