"""The kill and power-cut bench, run small: every kind of writer survives its kill and its
power cuts, and the bench does find what is lost on a disk that ignores fsync — so its "survived"
means something. (``python -m bench.powercut`` runs it at size: the figures.)"""

from __future__ import annotations

import random
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from bench.powercut.__main__ import main
from bench.powercut.runs import SCENARIOS, Tally, compile_shim, run_once

pytestmark = pytest.mark.skipif(
    shutil.which("cc") is None and shutil.which("gcc") is None, reason="needs a C compiler"
)


def test_every_writer_survives_a_kill_and_power_cuts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--runs", "1", "--cuts", "2", "--seed", "7"]) == 0
    table = capsys.readouterr().out
    for writer in SCENARIOS:
        line = next(x for x in table.splitlines() if x.startswith(writer))
        kills, _after, survived, cuts, cuts_survived = (int(n) for n in line.split()[1:])
        assert kills == survived == 1 and cuts == cuts_survived > 0, table
    assert "lost:" not in table


def test_a_disk_that_ignores_fsync_is_caught_losing_saves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shim = compile_shim(tmp_path)
    monkeypatch.setenv("POWERCUT_FORGET_SYNCS", "1")
    tally = Tally()
    saving = replace(SCENARIOS["saves"], soonest=2.5)  # some saves reported before the kill
    run_once(saving, tmp_path / "run", shim, random.Random(3), 3, tally)
    assert tally.cuts >= 2 * 2 and tally.cuts_survived < tally.cuts
    assert any("reported saves missing" in line or "trail" in line for line in tally.lost)


def test_a_power_cut_anywhere_in_a_restore_leaves_the_old_house_or_the_restored_one(
    tmp_path: Path,
) -> None:
    """Cut just before and after each of the restore's renames and removals (torn or not):
    never a house whose anchor belongs to the other trail (a false "tampered")."""
    shim = compile_shim(tmp_path)
    tally = Tally()
    restoring = replace(SCENARIOS["restore"], after="Restored", longest=0.2)
    run_once(restoring, tmp_path / "run", shim, random.Random(1), 2, tally)
    assert tally.cuts >= 20 and tally.lost == []
