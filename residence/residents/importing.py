"""Importing residents from a spreadsheet: preview every row, then all of them or none."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from residence.changes import Done
from residence.dates import parse_date
from residence.errors import ResidenceError
from residence.house.records import BedInfo, PhaseInfo
from residence.house.service import HouseService
from residence.residents.queries import ResidentQueries
from residence.residents.reasons import CHOSEN_BY_HAND, DischargeReason
from residence.residents.records import Admission, Discharge, PersonDetails, ReturningMatch
from residence.residents.service import ResidentService
from residence.residents.spreadsheet import Problem, SheetRejected, SheetRow, read_sheet
from residence.text_rules import fold

_DATE_FIELDS = {
    "date_of_birth": "date of birth",
    "sobriety_date": "sobriety date",
    "move_in": "move-in",
    "move_out": "move-out",
}
_PERSON_FIELDS = (
    "first_name", "last_name", "preferred_name", "phone", "email", "case_manager_name",
    "case_manager_org", "case_manager_phone", "case_manager_email",
)  # fmt: skip


@dataclass(frozen=True)
class PreviewRow:
    line: int
    name: str
    move_in: str
    room_bed: str
    phase: str
    returning: bool  # a former resident on file: this adds a stay to them
    problem: str | None


@dataclass(frozen=True)
class ImportPreview:
    rows: tuple[PreviewRow, ...]
    problems: tuple[Problem, ...]  # every reason the import can't go ahead

    @property
    def can_import(self) -> bool:
        return bool(self.rows) and not self.problems


class ImportRejected(ResidenceError):
    """The file can't be imported; ``problems`` lists every reason, with line numbers."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        self.problems = problems
        first = problems[0] if problems else Problem(None, "nothing to import")
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(f"Nothing was imported: {str(first).rstrip('.')}{more}.")

    def details(self) -> tuple[str, ...]:
        return tuple(str(problem) for problem in self.problems)


Steps = Callable[[str, int, int], None]  # (what, done, of how many)


def _step(progress: Steps | None, what: str) -> Callable[[int, int], None] | None:
    if progress is None:
        return None
    return lambda done, total: progress(what, done, total)


class ResidentImport:
    def __init__(
        self, house: HouseService, residents: ResidentService, queries: ResidentQueries
    ) -> None:
        self._house = house
        self._residents = residents
        self._queries = queries

    def preview(self, data: bytes, progress: Steps | None = None) -> ImportPreview:
        try:
            sheet = read_sheet(data)
        except SheetRejected as rejected:
            return ImportPreview((), (rejected.problem,))
        if not sheet:
            return ImportPreview((), (Problem(None, "The file has a header but no residents."),))
        lookup = self._lookup()
        built = [self._admission(row, lookup) for row in sheet]
        checks = self._residents.check_admissions(
            [a for a, _ in built if a is not None], _step(progress, "Checking")
        )
        outcomes = iter(checks)
        rows = [
            _preview_row(row, admission, problem if admission is None else next(outcomes))
            for row, (admission, problem) in zip(sheet, built, strict=True)
        ]
        problems = tuple(Problem(r.line, r.problem) for r in rows if r.problem)
        return ImportPreview(tuple(rows), problems)

    def run(self, data: bytes, progress: Steps | None = None) -> Done[int]:
        """Import every row, or raise ImportRejected and import nothing. ``progress`` is told
        what is being done ("Checking", "Importing") and how far it got."""
        preview = self.preview(data, progress)
        if not preview.can_import:
            raise ImportRejected(preview.problems)
        lookup = self._lookup()
        admissions = [self._admission(row, lookup)[0] for row in read_sheet(data)]
        done = self._residents.admit_many(
            [a for a in admissions if a is not None], _step(progress, "Importing")
        )
        return Done(len(done.value), done.changes)

    def _lookup(self) -> _Lookup:
        return _Lookup(self._house.beds(), self._house.phases(), self._queries.former_by_name())

    def _admission(self, row: SheetRow, lookup: _Lookup) -> tuple[Admission | None, str | None]:
        values = row.values
        try:
            dates = {
                field: _date(values.get(field, ""), label) for field, label in _DATE_FIELDS.items()
            }
            bed = lookup.bed(values.get("room", ""), values.get("bed", ""))
            phase = lookup.phase(values.get("phase", ""))
            discharge = _discharge(dates["move_out"], values.get("discharge_reason", ""))
        except ValueError as error:
            return None, str(error)
        details = PersonDetails(
            **{field: values.get(field, "") for field in _PERSON_FIELDS},
            date_of_birth=dates["date_of_birth"],
            sobriety_date=dates["sobriety_date"],
        )
        move_in = dates["move_in"]
        if move_in is None:
            return None, "move-in date is missing"
        returning = self._returning_person(details, lookup)
        admission = Admission(
            details, move_in, bed, phase, returning_person_id=returning, discharge=discharge
        )
        return admission, None

    def _returning_person(self, details: PersonDetails, lookup: _Lookup) -> int | None:
        """A former resident with the same name and birth date: the row is their return."""
        if details.date_of_birth is None:
            return None
        matches = lookup.on_file.get((fold(details.first_name), fold(details.last_name)), [])
        exact = [m for m in matches if m.date_of_birth == details.date_of_birth]
        return exact[0].person_id if exact else None


class _Lookup:
    """Rooms, beds, phases and the people on file by the names a spreadsheet uses (case and
    accents ignored), read once per import."""

    def __init__(
        self,
        beds: list[BedInfo],
        phases: list[PhaseInfo],
        on_file: dict[tuple[str, str], list[ReturningMatch]],
    ) -> None:
        self.on_file = on_file
        self._beds = {(fold(b.room_name), fold(b.label)): b.id for b in beds}
        self._rooms = {fold(b.room_name) for b in beds}
        self._phases = {fold(p.name): p.id for p in phases if p.id is not None}
        # “1” or “Phase 1” name the first phase as well as its full name does.
        for phase in phases:
            if phase.id is not None:
                self._phases.setdefault(str(phase.position), phase.id)
                self._phases.setdefault(f"phase {phase.position}", phase.id)

    def bed(self, room: str, bed: str) -> int | None:
        if not room.strip() and not bed.strip():
            return None
        if not room.strip() or not bed.strip():
            raise ValueError("give both the room and the bed, or neither")
        if fold(room) not in self._rooms:
            raise ValueError(f"there is no room “{room.strip()}” (add it in Settings first)")
        bed_id = self._beds.get((fold(room), fold(bed)))
        if bed_id is None:
            raise ValueError(f"{room.strip()} has no bed “{bed.strip()}”")
        return bed_id

    def phase(self, name: str) -> int | None:
        if not name.strip():
            return None
        phase_id = self._phases.get(fold(name))
        if phase_id is None:
            raise ValueError(f"there is no phase “{name.strip()}”")
        return phase_id


def _discharge(move_out: date | None, reason: str) -> Discharge | None:
    """A past stay's end: a move-out date with a reason (a code or its label)."""
    if move_out is None:
        if reason.strip():
            raise ValueError("a discharge reason needs a move-out date")
        return None
    wanted = fold(reason)
    for known in CHOSEN_BY_HAND:
        if wanted in (fold(known.value), fold(known.label)):
            return Discharge(move_out, known)
    if not wanted:
        return Discharge(move_out, DischargeReason.OTHER)
    choices = ", ".join(r.value for r in CHOSEN_BY_HAND)
    raise ValueError(f"discharge reason “{reason.strip()}” is not one of: {choices}")


def _date(text: str, label: str) -> date | None:
    if not text.strip():
        return None
    try:
        return parse_date(text)
    except ValueError as error:
        raise ValueError(f"{label}: {error}") from None


def _preview_row(row: SheetRow, admission: Admission | None, problem: str | None) -> PreviewRow:
    values = row.values
    room, bed = values.get("room", "").strip(), values.get("bed", "").strip()
    return PreviewRow(
        line=row.line,
        name=f"{values.get('first_name', '').strip()} {values.get('last_name', '').strip()}",
        move_in=values.get("move_in", "").strip(),
        room_bed=f"{room} · {bed}" if room or bed else "",
        phase=values.get("phase", "").strip(),
        returning=admission is not None and admission.returning_person_id is not None,
        problem=problem,
    )
