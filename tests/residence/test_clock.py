"""The one clock: nothing but residence/clock.py reads the real time, and every part of the
tree is held to the same list of ways to read it."""

from __future__ import annotations

import tomllib
from datetime import datetime, time
from pathlib import Path

from residence.clock import FixedClock

ROOT = Path(__file__).resolve().parents[2]
# Each of these replaces the root's banned-api table (ruff merges no tables), so each repeats
# the clock's part of it.
CONFIGS = ("ui/ruff.toml", "tests/ui/ruff.toml", "bench/ruff.toml")


def _clock_bans(config: dict[str, object]) -> dict[str, str]:
    lint = config.get("lint", config)
    assert isinstance(lint, dict)
    banned = lint["flake8-tidy-imports"]["banned-api"]
    return {name: rule["msg"] for name, rule in banned.items() if "Clock" in rule["msg"]}


def test_every_part_of_the_tree_bans_the_same_ways_to_read_the_time() -> None:
    root = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["ruff"]
    expected = _clock_bans(root)
    assert {"datetime.date.today", "datetime.datetime.now", "time.time"} <= set(expected)
    for name in CONFIGS:
        assert _clock_bans(tomllib.loads((ROOT / name).read_text())) == expected, name


def test_a_fixed_clock_stands_still_until_it_is_moved() -> None:
    clock = FixedClock.on(datetime(2026, 6, 15).date(), time(23, 59, 59, 999))
    assert clock.now() == datetime(2026, 6, 15, 23, 59, 59)  # to the second
    assert clock.today() == clock.now().date()
    clock.move_to(datetime(2026, 6, 16, 0, 0))
    assert clock.today() == datetime(2026, 6, 16).date()
