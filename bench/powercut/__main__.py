"""``uv run python -m bench.powercut [--runs N] [--cuts K]``: kills and simulated power cuts.

Each run starts a process that writes to a copy of the demo house — saving changes one after
another, importing residents, writing a report over an older one, restoring a backup — under
the shim that logs what it asks of the disk, and kills it (SIGKILL) at a random moment, before
or after it said it was done. Then:

- **the kill**: the files as the killed process left them must open, pass ``check`` and hold
  everything the process reported as done;
- **the power cuts**: at K random points of the log (and at its end), the disk is rebuilt as
  a power cut there would leave it — only what was synced, or that plus part of the rest
  (torn) — and must pass the same test, with what the process reported before that point.

Prints how many were tried, survived and lost. Needs a C compiler (for the shim).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

from bench.powercut.runs import SCENARIOS, Tally, compile_shim, run_once


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.powercut", description=__doc__)
    parser.add_argument("--runs", type=int, default=30, help="runs of each kind of writer")
    parser.add_argument("--cuts", type=int, default=4, help="power cuts per run, each two ways")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--only", choices=sorted(SCENARIOS), help="one kind of writer")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    tallies: dict[str, Tally] = {}
    with tempfile.TemporaryDirectory(prefix="residence-powercut-") as scratch:
        shim = compile_shim(Path(scratch))
        for name in [args.only] if args.only else sorted(SCENARIOS):
            tally = tallies.setdefault(name, Tally())
            for number in range(args.runs):
                run_once(SCENARIOS[name], Path(scratch) / f"{name}-{number}", shim, rng,
                         args.cuts, tally)  # fmt: skip
    _print(tallies)
    return 1 if any(t.lost for t in tallies.values()) else 0


def _print(tallies: dict[str, Tally]) -> None:
    print(f"{'Writer':<10}{'Kills':>7}{'after done':>12}{'survived':>10}", end="")
    print(f"{'Power cuts':>12}{'survived':>10}")
    every = Tally()
    for name, t in [*sorted(tallies.items()), ("All", every)]:
        if t is not every:
            every.kills += t.kills
            every.kills_after_done += t.kills_after_done
            every.kills_survived += t.kills_survived
            every.cuts += t.cuts
            every.cuts_survived += t.cuts_survived
            every.lost += t.lost
        print(f"{name:<10}{t.kills:>7}{t.kills_after_done:>12}{t.kills_survived:>10}", end="")
        print(f"{t.cuts:>12}{t.cuts_survived:>10}")
    for line in every.lost[:20]:
        print("  lost:", line)


if __name__ == "__main__":
    sys.exit(main())
