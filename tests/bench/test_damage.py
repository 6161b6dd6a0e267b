"""The damaged-files bench, run small: every damaged file is found (one line, exit 1) or the
damage hit unused space; none is missed, crashes a command or is written to."""

from __future__ import annotations

import pytest

from bench.damage import main


def test_every_damaged_file_is_found_or_harmless(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--files", "10", "--seed", "11"]) == 0
    table = capsys.readouterr().out
    assert "zeroed page" in table and "cut short" in table
