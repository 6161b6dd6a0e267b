"""``uv run python -m bench.damage [--files N]``: damaged house files, and what ``check`` says.

Each of N copies of the demo house (one file, no log beside it) is damaged as disks and
careless hands damage files — one byte flipped, a few scattered, a page zeroed, two pages
swapped, the end cut off — then given to ``residence check`` and ``residence residents``.
Counted: found (``check`` says so in one line and exits 1), harmless (``check`` passes and
every row of every table is as it was: the damage hit unused space), **missed** (``check``
passes but a row changed), **crashed** (a traceback instead of a message) and **changed** (a
command wrote to the damaged file). Only the first two may happen.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import sqlite3
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from residence.cli import main as residence
from residence.clock import FixedClock

AT = datetime(2026, 6, 15, 10, 0)
PAGE = 4096


def _flip(data: bytearray, rng: random.Random) -> None:
    data[rng.randrange(PAGE, len(data))] ^= 1 << rng.randrange(8)


def _scatter(data: bytearray, rng: random.Random) -> None:
    for _ in range(8):
        _flip(data, rng)


def _zero_page(data: bytearray, rng: random.Random) -> None:
    page = rng.randrange(1, len(data) // PAGE)
    data[page * PAGE : (page + 1) * PAGE] = bytes(PAGE)


def _swap_pages(data: bytearray, rng: random.Random) -> None:
    a, b = rng.sample(range(1, len(data) // PAGE), 2)
    first, second = data[a * PAGE : (a + 1) * PAGE], data[b * PAGE : (b + 1) * PAGE]
    data[a * PAGE : (a + 1) * PAGE], data[b * PAGE : (b + 1) * PAGE] = second, first


def _cut_short(data: bytearray, rng: random.Random) -> None:
    del data[rng.randrange(PAGE, len(data)) :]


DAMAGE: dict[str, Callable[[bytearray, random.Random], None]] = {
    "one byte": _flip,
    "eight bytes": _scatter,
    "zeroed page": _zero_page,
    "swapped pages": _swap_pages,
    "cut short": _cut_short,
}


def rows(path: Path) -> list[tuple[object, ...]] | None:
    """Every row of every table, or None if the file can't be read whole."""
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
        connection.text_factory = bytes
        try:
            query = "SELECT name FROM sqlite_master WHERE type = 'table'"
            tables = sorted(r[0].decode() for r in connection.execute(query))
            return [
                (name, *row)
                for name in tables
                for row in connection.execute(f'SELECT * FROM "{name}" ORDER BY rowid')
            ]
        finally:
            connection.close()
    except sqlite3.Error:
        return None


def _run(argv: list[str]) -> tuple[int | str, str]:
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code: int | str = residence(argv, clock=FixedClock(AT))
    except BaseException as error:
        code = f"crashed: {type(error).__name__}"
    return code, err.getvalue()


def judge(path: Path, original: list[tuple[object, ...]]) -> str:
    before = path.read_bytes()
    check, said = _run(["check", "--db", str(path)])
    listing, _ = _run(["residents", "--db", str(path), "--status", "all"])
    if path.read_bytes() != before:
        return "changed"
    if isinstance(check, str) or isinstance(listing, str):
        return "crashed"
    if check == 1 and len(said.strip().splitlines()) == 1:
        return "found"
    if check == 0 and rows(path) == original:
        return "harmless"
    return "missed"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.damage", description=__doc__)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    counts: dict[str, dict[str, int]] = {kind: {} for kind in DAMAGE}
    with tempfile.TemporaryDirectory(prefix="residence-damage-") as scratch:
        flat = _flat_demo(Path(scratch))
        original, clean = rows(flat), flat.read_bytes()
        assert original is not None
        for number in range(args.files):
            kind = list(DAMAGE)[number % len(DAMAGE)]
            data = bytearray(clean)
            DAMAGE[kind](data, rng)
            path = Path(scratch) / f"damaged-{number}.sqlite3"
            path.write_bytes(bytes(data))
            verdict = judge(path, original)
            counts[kind][verdict] = counts[kind].get(verdict, 0) + 1
            path.unlink()
    verdicts = ("found", "harmless", "missed", "crashed", "changed")
    print(f"{'Damage':<15}" + "".join(f"{v:>10}" for v in verdicts))
    for kind, found in counts.items():
        print(f"{kind:<15}" + "".join(f"{found.get(v, 0):>10}" for v in verdicts))
    bad = sum(found.get(v, 0) for found in counts.values() for v in verdicts[2:])
    return 1 if bad else 0


def _flat_demo(scratch: Path) -> Path:
    from residence.demo.house import write_demo

    house = scratch / "demo" / "house.sqlite3"
    house.parent.mkdir()
    write_demo(house, AT)
    flat = scratch / "flat.sqlite3"
    connection = sqlite3.connect(house)
    connection.execute(f"VACUUM INTO '{flat}'")
    connection.close()
    return flat


if __name__ == "__main__":
    sys.exit(main())
