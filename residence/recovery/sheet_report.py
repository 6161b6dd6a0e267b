"""The BARC-10 on paper: the ten statements with a box for each answer, for a resident to fill
in with a pen (at move-in, at a check-in) and the manager to type in later."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.units import inch
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from residence.recovery.records import SCALE, STATEMENTS
from residence.reports.common import HOUSE_ONLY, PageFrame, grid_style, render, style

WIDTH = 8.5 * inch - 2 * 0.4 * inch
BOX = "☐"


@dataclass(frozen=True)
class BarcSheet:
    house: str
    resident: str  # "" for a blank sheet
    generated: datetime
    questions: tuple[str, ...] = ()  # the house's own, after the ten


def barc_sheet_pdf(sheet: BarcSheet) -> bytes:
    frame = PageFrame(
        sheet.house,
        "BARC-10: recovery capital",
        "To fill in by hand",
        sheet.generated,
        HOUSE_ONLY,
        subject=sheet.resident,
    )
    text = style(11, spaceAfter=8)
    name = sheet.resident or "_" * 34
    story: list[Flowable] = [
        Spacer(1, 8),
        Paragraph(f"Name: <b>{_escaped(name)}</b>&nbsp;&nbsp;&nbsp; Date: {'_' * 18}", text),
        Paragraph(
            "For each statement, tick the one box that says how much you agree with it "
            "today. There are no right or wrong answers.",
            text,
        ),
        _statements(STATEMENTS, "Statement", numbered=True),
        *_house_questions(sheet.questions),
        Spacer(1, 10),
        Paragraph(
            "For the house: each of the ten answers scores 1 (strongly disagree) to 6 (strongly "
            "agree); their total runs from 10 to 60. Total: ________ &nbsp;&nbsp; Typed in on: "
            "____________ by ____________",
            style(9.5),
        ),
    ]
    return render(frame, story)


def _house_questions(questions: tuple[str, ...]) -> list[Flowable]:
    if not questions:
        return []
    return [
        Spacer(1, 10),
        Paragraph(
            "The house's own questions: answer as above. They are not part of the BARC-10 or "
            "its total.",
            style(10.5),
        ),
        Spacer(1, 4),
        _statements(questions, "The house's question", numbered=False),
    ]


def _statements(statements: Sequence[str], heading: str, *, numbered: bool) -> Table:
    head = style(7.5, bold=True, alignment=1)
    body = style(11)
    rows: list[list[object]] = [
        [
            "",
            Paragraph(heading, style(8.5, bold=True)),
            *(Paragraph(_two_lines(s), head) for s in SCALE),
        ]
    ]
    for number, statement in enumerate(statements, start=1):
        mark = str(number) if numbered else "·"
        rows.append([mark, Paragraph(_escaped(statement), body), *([BOX] * len(SCALE))])
    boxes = (WIDTH - 0.3 * inch - 3.0 * inch) / len(SCALE)
    table = Table(rows, colWidths=[0.3 * inch, 3.0 * inch, *([boxes] * len(SCALE))], repeatRows=1)
    table.setStyle(grid_style(11, valign="MIDDLE", padding=(10, 4)))
    table.setStyle(
        TableStyle(
            [
                ("ALIGN", (2, 1), (-1, -1), "CENTER"),
                ("FONTSIZE", (2, 1), (-1, -1), 16),
                ("LEADING", (2, 1), (-1, -1), 20),  # the box's whole height inside its cell
                ("LEFTPADDING", (2, 0), (-1, 0), 1),
                ("RIGHTPADDING", (2, 0), (-1, 0), 1),
            ]
        )
    )
    return table


def _two_lines(words: str) -> str:
    """ "Strongly disagree" as two lines, never broken inside a word in its narrow column."""
    return f"{SCALE.index(words) + 1}<br/>" + words.replace(" ", "<br/>", 1)


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
