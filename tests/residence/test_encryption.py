"""Encryption at rest: a passphrase-protected house file (SQLCipher), its backups encrypted too,
a wrong passphrase a clear message, and the passphrase set, changed or removed."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from residence.errors import StorageError
from residence.safety.backups import default_folder, make_backup, restore, verify
from residence.safety.encryption import (
    PassphraseNeeded,
    WrongPassphrase,
    change,
    decrypt,
    encrypt,
    plain_copies,
)
from residence.workspace import open_workspace
from tests.conftest import cli, clock_on

SECRET = "correct horse battery"


def _names(path: Path, passphrase: str | None) -> list[str]:
    workspace = open_workspace(path, create=False, passphrase=passphrase, clock=clock_on())
    try:
        return [r.name for r in workspace.queries.rows()]
    finally:
        workspace.close()


def test_an_encrypted_house_opens_only_with_its_passphrase(demo_copy: Path) -> None:
    names = _names(demo_copy, None)
    encrypt(demo_copy, SECRET)
    assert b"Magnolia" not in demo_copy.read_bytes()  # the records are not readable as text
    with pytest.raises(PassphraseNeeded, match="give its passphrase"):
        open_workspace(demo_copy, create=False, clock=clock_on())
    with pytest.raises(WrongPassphrase, match="The passphrase doesn't open"):
        open_workspace(demo_copy, create=False, passphrase="not it at all", clock=clock_on())
    assert _names(demo_copy, SECRET) == names
    change(demo_copy, SECRET, "a new long passphrase")
    assert _names(demo_copy, "a new long passphrase") == names
    decrypt(demo_copy, "a new long passphrase")
    assert _names(demo_copy, None) == names


def test_a_short_passphrase_is_refused_and_nothing_changes(demo_copy: Path) -> None:
    before = demo_copy.read_bytes()
    with pytest.raises(StorageError, match="at least 8 characters"):
        encrypt(demo_copy, "short")
    assert demo_copy.read_bytes() == before


def test_backups_of_an_encrypted_house_are_encrypted(demo_copy: Path, tmp_path: Path) -> None:
    encrypt(demo_copy, SECRET)
    made = make_backup(demo_copy, tmp_path, datetime(2026, 6, 15, 9, 0), key=SECRET)
    assert b"Magnolia" not in made.read_bytes() and made.read_bytes()[:6] != b"SQLite"
    assert verify(made, SECRET)
    with pytest.raises(StorageError):
        verify(made)
    with pytest.raises(StorageError, match="another passphrase"):
        verify(made, "some other passphrase")
    restore(made, demo_copy, datetime(2026, 6, 15, 10, 0), key=SECRET)
    assert _names(demo_copy, SECRET)


def test_the_command_line_reads_the_passphrase_from_the_environment(
    demo_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    encrypt(demo_copy, SECRET)
    monkeypatch.delenv("RESIDENCE_PASSPHRASE", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert cli(["residents", "--db", str(demo_copy)]) == 1
    assert "set RESIDENCE_PASSPHRASE or run the command in a terminal" in capsys.readouterr().err
    monkeypatch.setenv("RESIDENCE_PASSPHRASE", "wrong one here")
    assert cli(["residents", "--db", str(demo_copy)]) == 1
    assert "The passphrase doesn't open" in capsys.readouterr().err
    monkeypatch.setenv("RESIDENCE_PASSPHRASE", SECRET)
    assert cli(["residents", "--db", str(demo_copy)]) == 0
    assert "Ñúñez" in capsys.readouterr().out
    assert cli(["check", "--db", str(demo_copy)]) == 0


def test_an_encrypted_backup_restores_onto_a_new_computer_with_its_passphrase(
    demo_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    encrypt(demo_copy, SECRET)
    made = make_backup(demo_copy, tmp_path, datetime(2026, 6, 15, 9, 0), key=SECRET)
    fresh = tmp_path / "new-computer" / "residence.sqlite3"
    fresh.parent.mkdir()
    monkeypatch.setenv("RESIDENCE_PASSPHRASE", SECRET)
    assert cli(["restore", str(made), "--db", str(fresh)]) == 0
    capsys.readouterr()
    assert _names(fresh, SECRET)


def test_an_empty_passphrase_is_a_plain_message(demo_copy: Path) -> None:
    encrypt(demo_copy, SECRET)
    with pytest.raises(WrongPassphrase, match="it can't be empty"):
        open_workspace(demo_copy, create=False, passphrase="", clock=clock_on())


def test_the_plain_copies_to_encrypt_are_this_houses_only(tmp_path: Path) -> None:
    house, other = tmp_path / "house[1].sqlite3", tmp_path / "house[1]-annex.sqlite3"
    for path in (house, other):
        open_workspace(path, clock=clock_on()).close()
    folder = default_folder(house)
    folder.mkdir()
    mine = make_backup(house, folder, datetime(2026, 6, 15, 9, 30))
    make_backup(other, folder, datetime(2026, 6, 15, 9, 30))  # same folder, another house
    aside = tmp_path / "house[1].before-restore-2026-06-01-120000.sqlite3"
    aside.write_bytes(house.read_bytes())
    assert plain_copies(house) == sorted([mine, aside])
