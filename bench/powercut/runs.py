"""The writers the power-cut bench kills, and what must hold after each kill and power cut."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from residence.clock import FixedClock
from residence.residents.records import Status
from residence.safety.backups import integrity, make_backup
from residence.workspace import open_workspace

from bench.powercut.disk import Disk, Event, read_log

AT = datetime(2026, 6, 15, 10, 0)
HOUSE = "house.sqlite3"
SHIM = Path(__file__).with_name("shim.c")
PEOPLE = 150  # rows in the file the import writer imports

_SETUP = f"""
import sys
from datetime import datetime
from pathlib import Path
from residence.chores.records import ChoreInfo
from residence.cli import main
from residence.clock import FixedClock
from residence.residents.records import Status
from residence.workspace import open_workspace
clock = FixedClock(datetime({AT.year}, {AT.month}, {AT.day}, {AT.hour}))
folder = Path(sys.argv[1])
house = folder / "{HOUSE}"

def saves():
    workspace = open_workspace(house, create=False, clock=clock)
    number = 0
    while True:
        workspace.chores.save_chore(ChoreInfo(None, f"Chore {{number}}"))
        print(f"saved {{number}}", flush=True)  # only once the change is committed
        number += 1
"""


@dataclass(frozen=True)
class Scenario:
    script: str  # run with the run's folder as its argument, after _SETUP
    prepare: Callable[[Path], None]  # the folder's files before the writer starts
    holds: Callable[[Path, str], str]  # "" if the folder is right, given what was printed
    longest: float  # seconds: the kill comes at a random moment up to this
    soonest: float = 0.0  # and from this
    after: str = ""  # counting from when the writer printed this (at once, if it never does)
    done: str = ""  # what the writer prints once its main work is committed


@dataclass
class Tally:
    kills: int = 0
    kills_survived: int = 0
    kills_after_done: int = 0  # killed after the writer said its main work was committed
    cuts: int = 0
    cuts_survived: int = 0
    lost: list[str] = field(default_factory=list)


def compile_shim(scratch: Path) -> Path:
    library = scratch / "powercut-shim.so"
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        raise SystemExit("The power-cut bench needs a C compiler (cc or gcc) for its shim.")
    subprocess.run(
        [compiler, "-shared", "-fPIC", "-O2", "-o", str(library), str(SHIM), "-ldl", "-lpthread"],
        check=True,
    )
    return library


def run_once(
    scenario: Scenario, folder: Path, shim: Path, rng: random.Random, cuts: int, tally: Tally
) -> None:
    watched = folder / "house"
    watched.mkdir(parents=True)
    scenario.prepare(watched)
    disk = Disk(watched)
    log = folder / "disk.log"
    printed = _kill_at_random(scenario, watched, shim, log, rng)
    tally.kills += 1
    tally.kills_after_done += bool(scenario.done) and scenario.done in printed
    if why := scenario.holds(watched, printed):
        tally.lost.append(f"kill {folder.name}: {why}")
    else:
        tally.kills_survived += 1
    events = read_log(log)
    points = sorted(
        {
            *rng.sample(range(len(events) + 1), min(cuts, len(events))),
            *_around_renames(events),
            len(events),
        }
    )
    done, said = 0, []
    for point in points:
        for event in events[done:point]:
            disk.apply(event)
            if event.kind == "P":
                said.append(event.data.decode())
        done = point
        for torn in (None, random.Random(rng.random())):
            into = folder / f"cut-{point}-{'torn' if torn else 'synced'}"
            into.mkdir()
            disk.after_power_cut(into, torn)
            tally.cuts += 1
            if why := scenario.holds(into, "".join(said)):
                tally.lost.append(f"power cut {into.name} of {folder.name}: {why}")
            else:
                tally.cuts_survived += 1
            shutil.rmtree(into)


def _around_renames(events: list[Event], most: int = 6) -> set[int]:
    """Just before and just after each rename or removal of the house's own files (restoring
    it, replacing a report), where a power cut is most likely to hurt. The anchor's renames,
    one per save, are left to the random points."""
    found = [
        i for i, e in enumerate(events)
        if e.kind in "RU" and not (e.target or e.path).endswith(".audit-head")
    ]  # fmt: skip
    return {point for i in found[:most] for point in (i, i + 1)}


def _kill_at_random(
    scenario: Scenario, watched: Path, shim: Path, log: Path, rng: random.Random
) -> str:
    preloaded = " ".join(filter(None, [str(shim), os.environ.get("LD_PRELOAD", "")]))
    env = dict(os.environ, LD_PRELOAD=preloaded, POWERCUT_WATCH=str(watched))
    env |= {"POWERCUT_LOG": str(log), "XDG_STATE_HOME": str(log.parent / "state")}
    writer = subprocess.Popen(
        [sys.executable, "-c", _SETUP + scenario.script, str(watched)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    assert writer.stdout is not None
    said = b""
    while scenario.after and scenario.after.encode() not in said:
        line = writer.stdout.readline()
        if not line:
            break
        said += line
    time.sleep(rng.uniform(scenario.soonest, scenario.longest))
    writer.send_signal(signal.SIGKILL)
    out, _ = writer.communicate()
    return (said + out).decode()


# What must hold -----------------------------------------------------------------------------


def house_holds(folder: Path) -> str:
    """ "" if the house in ``folder`` opens and passes every part of ``check``."""
    path = folder / HOUSE
    if (result := integrity(path)) != "ok":
        return f"integrity: {result}"
    try:
        workspace = open_workspace(path, create=False, clock=FixedClock(AT))
    except Exception as error:
        return f"doesn't open: {error}"
    try:
        if broken := workspace.audit.verify():
            return f"trail: {broken}"
        if differ := workspace.audit.differences():
            return f"records: {differ[0].describe()}"
        if missing := workspace.audit.missing_safeguards():
            return f"safeguards: {missing}"
    finally:
        workspace.close()
    return ""


def _chores(folder: Path) -> set[str]:
    workspace = open_workspace(folder / HOUSE, create=False, clock=FixedClock(AT))
    try:
        return {c.name for c in workspace.chores.chores()}
    finally:
        workspace.close()


def _saved(printed: str) -> list[str]:
    return [f"Chore {line.split()[1]}" for line in printed.splitlines() if line.startswith("saved")]


def _saves_hold(folder: Path, printed: str) -> str:
    if why := house_holds(folder):
        return why
    missing = set(_saved(printed)) - _chores(folder)
    return f"{len(missing)} reported saves missing" if missing else ""


# The writers --------------------------------------------------------------------------------


_TEMPLATE: list[Path] = []  # the demo house, built once per bench run


def _demo(folder: Path) -> None:
    if not (_TEMPLATE and _TEMPLATE[0].exists()):  # a new run's scratch folder
        from residence.demo.house import write_demo

        _TEMPLATE[:] = [folder.parent.parent / "template" / HOUSE]
        _TEMPLATE[0].parent.mkdir()
        write_demo(_TEMPLATE[0], AT)
    for file in _TEMPLATE[0].parent.iterdir():
        shutil.copy(file, folder / file.name.replace(_TEMPLATE[0].name, HOUSE))


def _import_file(folder: Path) -> None:
    _demo(folder)
    rows = ["first_name,last_name,move_in,move_out,discharge_reason"]
    rows += [f"Imported,Person {n:03},2020-01-06,2020-02-03,completed" for n in range(PEOPLE)]
    (folder.parent / "people.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def _imported(folder: Path) -> int:
    workspace = open_workspace(folder / HOUSE, create=False, clock=FixedClock(AT))
    try:
        names = workspace.queries.names(Status.ALL)
        return sum(1 for _, name in names if name.startswith("Imported "))
    finally:
        workspace.close()


def _import_holds(folder: Path, printed: str) -> str:
    if why := _saves_hold(folder, printed):
        return why
    found = _imported(folder)
    if "Imported" in printed and found != PEOPLE:
        return f"the import was reported but {found} of {PEOPLE} people are there"
    return "" if found in (0, PEOPLE) else f"half an import: {found} of {PEOPLE} people"


def _old_report(folder: Path) -> None:
    _demo(folder)
    (folder / "roster.pdf").write_bytes(OLD_REPORT)


OLD_REPORT = b"%PDF-1.4\n% the report the manager printed last week\n%%EOF\n"


def _report_holds(folder: Path, printed: str) -> str:
    if why := house_holds(folder):
        return why
    report = folder / "roster.pdf"
    if not report.exists():
        return "the report that was there is gone"
    data = report.read_bytes()
    if data == OLD_REPORT:
        return "the new report was reported written, the old one is there" if printed else ""
    from io import BytesIO

    from pypdf import PdfReader

    try:
        text = PdfReader(BytesIO(data)).pages[0].extract_text()
    except Exception:
        return "the report is half-written"
    return "" if "Roster" in text or "roster" in text else "the report is not the roster"


def _backup_then_change(folder: Path) -> None:
    _demo(folder)
    (folder / "backups").mkdir(mode=0o700)
    make_backup(folder / HOUSE, folder / "backups", AT)
    workspace = open_workspace(folder / HOUSE, create=False, clock=FixedClock(AT))
    try:
        from residence.chores.records import ChoreInfo

        workspace.chores.save_chore(ChoreInfo(None, "After the backup"))
    finally:
        workspace.close()


def _restore_holds(folder: Path, printed: str) -> str:
    if why := _saves_hold(folder, printed):
        return why
    if "Restored" in printed and "After the backup" in _chores(folder):
        return "the restore was reported done, the house is the old one"
    return ""


SCENARIOS = {
    "saves": Scenario("saves()", _demo, _saves_hold, 3.0, done="saved"),
    "import": Scenario(
        'main(["import-residents", str(folder.parent / "people.csv"), "--db", str(house)], '
        "clock=clock)\nsaves()",
        _import_file,
        _import_holds,
        6.0,
        done="Imported",
    ),
    "report": Scenario(
        'main(["report", "roster", "--db", str(house), "-o", str(folder / "roster.pdf"), '
        '"--force"], clock=clock)',
        _old_report,
        _report_holds,
        3.0,
        done="roster.pdf",
    ),
    "restore": Scenario(
        'main(["restore", str(next((folder / "backups").iterdir())), "--db", str(house)], '
        "clock=clock)\nsaves()",
        _backup_then_change,
        _restore_holds,
        4.0,
        done="Restored",
    ),
}

__all__ = ["SCENARIOS", "Event", "Tally", "compile_shim", "run_once"]
