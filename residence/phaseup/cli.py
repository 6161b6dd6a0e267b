"""``residence phase-up``: whether a resident meets the house's criteria for their next phase,
and, with ``--record``, the move recorded with those facts as its note."""

from __future__ import annotations

from argparse import Namespace
from typing import TYPE_CHECKING

from residence import command_line as cl
from residence.dates import format_date
from residence.errors import ResidenceError
from residence.phaseup.records import Assessment, Finding

if TYPE_CHECKING:
    from residence.workspace import Workspace

MARKS = {Finding.MET: "met      ", Finding.NOT_MET: "NOT MET  ", Finding.NO_RECORD: "no record"}


def add_commands(commands: cl.Commands) -> None:
    check = commands.add(
        "phase-up",
        _phase_up,
        "whether a resident meets the house's criteria for their next phase, with the evidence",
    )
    check.add_argument(
        "--resident", type=int, required=True, metavar="ID", help="the ID `residents` shows"
    )
    check.add_argument(
        "--date", type=cl.date_arg, metavar="YYYY-MM-DD", help="judge it on this day (today)"
    )
    check.add_argument(
        "--record", action="store_true", help="record the move to the next phase on that day"
    )
    check.add_argument(
        "--note", default="", metavar="TEXT", help="why, when a criterion is not met"
    )


def _phase_up(args: Namespace) -> int:
    if args.note and not args.record:
        raise ResidenceError("--note goes with --record: the reason kept with the move.")
    workspace = cl.open_house(args, read_only=not args.record)
    try:
        assessment = workspace.phase_up.assess(args.resident, args.date)
        _print(assessment)
        if args.record:
            _record(workspace, assessment, args.note)
    finally:
        workspace.close()
    return 0


def _print(assessment: Assessment) -> None:
    candidate = assessment.candidate
    phase = candidate.phase or "no phase"
    if candidate.phase_start is not None:
        phase += f" since {format_date(candidate.phase_start)}"
    print(f"{candidate.name}: {phase}.")
    if assessment.next_phase_id is None:
        print("They are in the house's last phase.")
        return
    if not assessment.verdicts:
        print(f"The house sets no criteria for {assessment.next_phase}.")
        return
    print(f"Criteria for {assessment.next_phase} on {format_date(candidate.day)}:")
    for verdict in assessment.verdicts:
        print(f"  {MARKS[verdict.finding]}  {verdict.asked} ({verdict.evidence})")
    met = sum(1 for v in assessment.verdicts if v.finding is Finding.MET)
    print(f"{met} of {len(assessment.verdicts)} met.")


def _record(workspace: Workspace, assessment: Assessment, reason: str) -> None:
    if assessment.next_phase_id is None:
        raise ResidenceError("There is no phase to move up to.")
    candidate = assessment.candidate
    note = assessment.note(reason)
    workspace.residents.change_phase(
        candidate.stay_id, assessment.next_phase_id, candidate.day, note
    )
    print(f"Recorded: {candidate.name} moved up to {assessment.next_phase}.")
