"""Data safety: backups made and checked, thinned, restored with the current file kept aside;
one copy of the app per house file; and a writer killed at random never corrupts the file."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from residence.chores.records import ChoreInfo
from residence.db import schema
from residence.errors import StorageError
from residence.safety.backups import (
    backup_name,
    backups,
    due_today,
    integrity,
    make_backup,
    restore,
    thin,
    verify,
)
from residence.safety.lock import HouseLock
from residence.workspace import open_workspace
from tests.conftest import cli, clock_on

NOW = datetime(2026, 6, 15, 9, 30)


def _chores(path: Path) -> list[str]:
    workspace = open_workspace(path, create=False, clock=clock_on())
    try:
        return [c.name for c in workspace.chores.chores()]
    finally:
        workspace.close()


def _add_chore(path: Path, name: str) -> None:
    workspace = open_workspace(path, create=False, clock=clock_on())
    try:
        workspace.chores.save_chore(ChoreInfo(None, name))
    finally:
        workspace.close()


def test_a_backup_restores_the_house_as_it_was(demo_copy: Path, tmp_path: Path) -> None:
    before = _chores(demo_copy)
    made = make_backup(demo_copy, tmp_path, NOW)
    assert made.name == "demo-2026-06-15-093000.sqlite3"  # the house's name, then when
    assert made.stat().st_mode & 0o777 == 0o600
    assert verify(made) == schema.HEAD
    _add_chore(demo_copy, "Porch sweep")
    done = restore(made, demo_copy, NOW + timedelta(hours=1))
    assert _chores(demo_copy) == before
    assert "Porch sweep" in _chores(done.kept_aside)  # the file as it was is kept, not lost
    assert integrity(demo_copy) == "ok"
    # The trail ends where the backup's did, and that is no sign of tampering.
    assert _audit_check(demo_copy) == ""


def _audit_check(path: Path) -> str:
    workspace = open_workspace(path, create=False, clock=clock_on())
    try:
        return workspace.audit.verify()
    finally:
        workspace.close()


def test_a_second_backup_in_the_same_second_gets_its_own_name(
    demo_copy: Path, tmp_path: Path
) -> None:
    first = make_backup(demo_copy, tmp_path, NOW)
    second = make_backup(demo_copy, tmp_path, NOW)
    assert first != second and first.exists() and second.exists()


def test_bad_backup_folders_and_files_are_refused_clearly(demo_copy: Path, tmp_path: Path) -> None:
    with pytest.raises(StorageError, match=r"isn't there\. Plug in the drive"):
        make_backup(demo_copy, tmp_path / "usb-stick", NOW)
    truncated = tmp_path / "truncated.sqlite3"
    truncated.write_bytes(make_backup(demo_copy, tmp_path, NOW).read_bytes()[:5000])
    other = tmp_path / "other.sqlite3"
    sqlite3.connect(other).execute("CREATE TABLE notes (text)").connection.commit()
    text = tmp_path / "notes.sqlite3"
    text.write_text("not a database")
    for bad, message in (
        (truncated, "damaged|can't be read"),
        (other, "another program"),
        (text, "not a Residence backup"),
    ):
        with pytest.raises(StorageError, match=message):
            restore(bad, demo_copy, NOW)
    assert integrity(demo_copy) == "ok"


@pytest.mark.skipif(
    os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root may write anywhere"
)
def test_a_read_only_backup_folder(demo_copy: Path, tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    with pytest.raises(StorageError, match="choose a folder you may write to"):
        make_backup(demo_copy, folder, NOW)


def test_a_backup_from_a_newer_version_is_refused(demo_copy: Path, tmp_path: Path) -> None:
    newer = make_backup(demo_copy, tmp_path, NOW)
    connection = sqlite3.connect(newer)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    with pytest.raises(StorageError, match="newer version of Residence"):
        verify(newer)


def test_thinning_keeps_fourteen_days_and_eight_weeks(tmp_path: Path) -> None:
    house, other = tmp_path / "residence.sqlite3", tmp_path / "elm-house.sqlite3"
    start = datetime(2026, 1, 1, 8, 0)
    for day in range(120):
        for hour in (8, 18):  # two a day: open and close
            when = start + timedelta(days=day, hours=hour - 8)
            (tmp_path / backup_name(house, when)).write_bytes(b"")
    (tmp_path / backup_name(other, start)).write_bytes(b"")  # another house in the same folder
    (tmp_path / "my-own-file.sqlite3").write_bytes(b"")
    thin(tmp_path, house)
    kept = [p.name for p in backups(tmp_path, house)]
    assert len(kept) == 14 + 8
    assert kept[0] == backup_name(house, start + timedelta(days=119, hours=10))  # the newest
    assert len({name[10:20] for name in kept[:14]}) == 14  # one per day for 14 days
    assert (tmp_path / "my-own-file.sqlite3").exists()  # not ours: never deleted
    assert backups(tmp_path, other) == [tmp_path / backup_name(other, start)]  # never mixed
    assert not due_today(tmp_path, house, date(2026, 4, 30))
    assert due_today(tmp_path, house, date(2026, 5, 1))


def test_a_restore_that_cannot_finish_leaves_the_house_as_it_was(
    demo_copy: Path, tmp_path: Path
) -> None:
    before = _chores(demo_copy)
    with pytest.raises(StorageError, match="the house file itself"):
        restore(demo_copy, demo_copy, NOW)
    with pytest.raises(StorageError, match="Can't read"):
        restore(tmp_path / "unplugged-stick.sqlite3", demo_copy, NOW)
    assert _chores(demo_copy) == before
    assert not demo_copy.with_name(demo_copy.name + ".restoring").exists()


def test_one_copy_of_the_app_per_house_file(tmp_path: Path) -> None:
    path = tmp_path / "house.sqlite3"
    with (
        HouseLock(path, clock_on()),
        pytest.raises(StorageError, match=r"already open in Residence by .+ on "),
    ):
        HouseLock(path, clock_on()).acquire()
    HouseLock(path, clock_on()).acquire()  # free again once the first let go


def test_a_lock_left_by_a_crash_does_not_block_the_next_start(tmp_path: Path) -> None:
    path = tmp_path / "house.sqlite3"
    # The holder waits on its input, not on a timer: under libfaketime a sleep may fail.
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; "
            "from residence.safety.lock import HouseLock; from residence.clock import SystemClock; "
            "lock = HouseLock(Path(sys.argv[1]), SystemClock()); "
            "lock.acquire(); "
            "print('held', flush=True); sys.stdin.readline()",
            str(path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(StorageError, match="already open"):
            HouseLock(path, clock_on()).acquire()
    finally:  # killed as a crash would end it, whatever the test found
        holder.kill()
        holder.wait()
        for pipe in (holder.stdin, holder.stdout):
            if pipe is not None:
                pipe.close()
    HouseLock(path, clock_on()).acquire()


WRITER = """
import sys
from pathlib import Path
from datetime import datetime
from residence.chores.records import ChoreInfo
from residence.clock import FixedClock
from residence.workspace import open_workspace
clock = FixedClock(datetime(2026, 6, 15, 10, 0))
workspace = open_workspace(Path(sys.argv[1]), create=False, clock=clock)
number = int(sys.argv[2])
while True:
    workspace.chores.save_chore(ChoreInfo(None, f"Chore {number}"))
    print(number, flush=True)  # only once the change is committed
    number += 1
"""


def test_killing_a_writer_at_random_moments_never_corrupts_or_loses_a_commit(
    demo_copy: Path,
) -> None:
    rng = random.Random(2026)
    committed: list[int] = []
    kills = 0
    for round_ in range(12):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(demo_copy), str(round_ * 10_000)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert writer.stdout is not None
        first = writer.stdout.readline()  # it is writing
        time.sleep(rng.uniform(0.0, 0.4))
        writer.send_signal(signal.SIGKILL)
        rest = writer.stdout.read()
        writer.wait()
        writer.stdout.close()
        kills += 1
        committed += [int(line) for line in (first + rest).split()]
        assert integrity(demo_copy) == "ok"
    names = set(_chores(demo_copy))
    assert kills == 12 and len(committed) > 12
    assert all(f"Chore {n}" in names for n in committed)


def test_backup_restore_and_check_on_the_command_line(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(["backup", "--db", str(demo_copy), "--to", str(tmp_path)]) == 0
    made = Path(capsys.readouterr().out.strip())
    assert made.parent == tmp_path and verify(made) == schema.HEAD
    assert cli(["check", "--db", str(demo_copy)]) == 0
    assert "integrity ok; audit trail intact" in capsys.readouterr().out
    assert cli(["restore", str(made), "--db", str(demo_copy)]) == 0
    assert "the file as it was is kept as" in capsys.readouterr().out
    # A folder that isn't there: a typo, or a drive not plugged in; --create makes the folder.
    gone = tmp_path / "gone"
    assert cli(["backup", "--db", str(demo_copy), "--to", str(gone)]) == 1
    assert "doesn't exist. Check its name, or add --create" in capsys.readouterr().err
    assert not gone.exists()
    unplugged = tmp_path / "USB-STICK" / "backups"
    for create in ([], ["--create"]):
        assert cli(["backup", "--db", str(demo_copy), "--to", str(unplugged), *create]) == 1
        assert "isn't there. Plug in the drive" in capsys.readouterr().err
    assert not unplugged.parent.exists()
    # A drive's own folder (where the system mounts it) is never made on the computer.
    stick = "/media/nobody-here/STICK"
    assert cli(["backup", "--db", str(demo_copy), "--to", stick, "--create"]) == 1
    assert "would be a drive's own folder. Plug in the drive" in capsys.readouterr().err
    assert not Path(stick).parent.exists()
    assert cli(["backup", "--db", str(demo_copy), "--create"]) == 1
    assert "give --to FOLDER too" in capsys.readouterr().err
    assert cli(["backup", "--db", str(demo_copy), "--to", str(gone), "--create"]) == 0
    assert Path(capsys.readouterr().out.strip()).parent == gone and verify(next(gone.iterdir()))
    with HouseLock(demo_copy, clock_on()):
        assert cli(["restore", str(made), "--db", str(demo_copy)]) == 1
        assert "already open in Residence" in capsys.readouterr().err
