"""The benchmark runs, start to end, on a small house: every figure in the table and the
count of targets met. Not a timing test: the figures themselves are whatever this machine
gives (``python -m bench`` on the ten-year house is the measurement)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench.__main__ import main
from tests.conftest import clock_on

FIGURES = (
    "Cold start to Home painted",
    "Open Home",
    "Open Residents",
    "Open Chores",
    "Open Meetings",
    "Open Mentors",
    "Open Consents",
    "Open Settings",
    "Search keystroke (Residents)",
    "Chore week generated",
    "Weekly schedule PDF",
    "One-year progress report PDF",
    "Backup",
    "Peak memory",
)


def test_the_benchmark_measures_every_figure_on_a_small_house(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    house = demo_copy
    before = house.read_bytes()
    assert main(["--house", str(house), "--runs", "1"], clock_on()) == 0
    out = capsys.readouterr().out
    lines = {line.split("  ")[0].strip(): line for line in out.splitlines() if "  " in line}
    for figure in FIGURES:
        row = next((line for name, line in lines.items() if name.startswith(figure)), None)
        assert row is not None, f"{figure} is missing from the table"
        assert re.search(r"\d+\.\d (ms|MiB)", row), row  # a figure, not a blank
    assert re.search(r"^\d+ of 13 targets met\.$", out.splitlines()[-1])
    assert house.read_bytes() == before  # measured on a copy: the house itself is untouched
