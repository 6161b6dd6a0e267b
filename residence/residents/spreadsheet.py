"""Residents as CSV, the way a spreadsheet exports them: the columns, reading and writing."""

from __future__ import annotations

import _csv
import csv
import io
from dataclasses import dataclass

from residence.residents.records import ResidentDetail

REQUIRED = ("first_name", "last_name", "move_in")
OPTIONAL = (
    "preferred_name", "date_of_birth", "sobriety_date", "phone", "email", "room", "bed", "phase",
    "case_manager_name", "case_manager_org", "case_manager_phone", "case_manager_email",
    "move_out", "discharge_reason",
)  # fmt: skip
# The person's ID in the file the sheet came from, for scripts (the consents listing has it too).
# An import reads past it: in another house file the same number is someone else, or no one.
IGNORED = ("id",)
COLUMNS = (
    "id",
    "first_name",
    "last_name",
    "preferred_name",
    "date_of_birth",
    "sobriety_date",
    "move_in",
    *OPTIONAL[3:],
)
_FORMULA_STARTS = tuple("=+-@")


@dataclass(frozen=True)
class SheetRow:
    line: int  # the file's line number where the row starts, as a spreadsheet shows it
    values: dict[str, str]


@dataclass(frozen=True)
class Problem:
    line: int | None  # None: the file as a whole
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


class SheetRejected(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def read_sheet(data: bytes) -> list[SheetRow]:
    """The rows of a CSV file, keyed by lower-case column names; SheetRejected when unusable."""
    try:
        text = data.decode("utf-8-sig")  # Excel writes a byte-order mark
    except UnicodeDecodeError:
        raise SheetRejected(
            Problem(None, "The file is not UTF-8 text. In Excel, save it as “CSV UTF-8”.")
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""), dialect=_dialect(text))
    try:
        header = next(reader, None)
        if header is None or not any(cell.strip() for cell in header):
            raise SheetRejected(Problem(None, "The file is empty: it has no header row."))
        columns = _columns(header)
        return list(_rows(reader, columns))
    except csv.Error as error:
        raise SheetRejected(Problem(reader.line_num, f"the file can't be read ({error})")) from None


def write_sheet(files: list[ResidentDetail]) -> str:
    """The residents' CSV, in the columns the import reads (a header row first)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for file in files:
        writer.writerow(protect(_sheet_values(file)[column]) for column in COLUMNS)
    return out.getvalue()


class _Semicolons(csv.excel):
    delimiter = ";"


class _Tabs(csv.excel):
    delimiter = "\t"


def _dialect(text: str) -> type[csv.Dialect]:
    """Excel's quoting; only the separator varies (Excel in many countries writes “;”)."""
    header = text.split("\n", 1)[0]
    counts = {",": header.count(","), ";": header.count(";"), "\t": header.count("\t")}
    separator = max(counts, key=lambda sep: counts[sep])
    return (
        {",": csv.excel, ";": _Semicolons, "\t": _Tabs}[separator]
        if counts[separator]
        else csv.excel
    )


def _columns(header: list[str]) -> list[str]:
    columns = [cell.strip().lower() for cell in header]
    while columns and not columns[-1]:  # spreadsheets often leave empty columns at the end
        columns.pop()
    if "" in columns:
        raise SheetRejected(Problem(1, f"column {columns.index('') + 1} has no name"))
    known = set(REQUIRED) | set(OPTIONAL) | set(IGNORED)
    if unknown := [c for c in columns if c not in known]:
        raise SheetRejected(
            Problem(1, f"unknown column “{unknown[0]}”; the columns are: {', '.join(COLUMNS)}")
        )
    if duplicated := sorted({c for c in columns if columns.count(c) > 1}):
        raise SheetRejected(Problem(1, f"the column “{duplicated[0]}” appears twice"))
    if missing := [c for c in REQUIRED if c not in columns]:
        raise SheetRejected(Problem(1, f"the required column “{missing[0]}” is missing"))
    return columns


def _rows(reader: _csv.Reader, columns: list[str]) -> list[SheetRow]:
    rows: list[SheetRow] = []
    start = reader.line_num + 1
    for cells in reader:
        if any(cell.strip() for cell in cells):
            while len(cells) > len(columns) and not cells[-1].strip():
                cells = cells[:-1]
            if len(cells) > len(columns):
                raise SheetRejected(
                    Problem(start, f"{len(cells)} cells but only {len(columns)} columns")
                )
            padded = cells + [""] * (len(columns) - len(cells))
            values = [_unprotect(cell) for cell in padded]
            rows.append(SheetRow(start, dict(zip(columns, values, strict=True))))
        start = reader.line_num + 1
    return rows


def _sheet_values(file: ResidentDetail) -> dict[str, str]:
    details, stay = file.details, file.stays[-1]
    bed = stay.current_bed
    return {
        "id": str(file.person_id),
        "first_name": details.first_name,
        "last_name": details.last_name,
        "preferred_name": details.preferred_name,
        "date_of_birth": details.date_of_birth.isoformat() if details.date_of_birth else "",
        "sobriety_date": details.sobriety_date.isoformat() if details.sobriety_date else "",
        "move_in": stay.move_in.isoformat(),
        "phone": details.phone,
        "email": details.email,
        "room": bed.room if bed else "",
        "bed": bed.label if bed else "",
        "phase": stay.current_phase,
        "case_manager_name": details.case_manager_name,
        "case_manager_org": details.case_manager_org,
        "case_manager_phone": details.case_manager_phone,
        "case_manager_email": details.case_manager_email,
        "move_out": stay.move_out.isoformat() if stay.move_out else "",
        "discharge_reason": stay.discharge_reason.value if stay.discharge_reason else "",
    }


def protect(value: str) -> str:
    """A spreadsheet would run text starting with = + - @ as a formula: mark it as text."""
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value


def _unprotect(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:].startswith(_FORMULA_STARTS) else value
