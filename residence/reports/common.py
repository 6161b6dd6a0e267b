"""What every printed page shares: the fonts, the styles, the header and the footer.

Every page says which house, which report, which period, when it was made, and page N of M.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, TableStyle

FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"
BODY, BOLD = "DejaVuSans", "DejaVuSans-Bold"
INK = colors.black
GRID = colors.Color(0.35, 0.35, 0.35)
SHADE = colors.Color(0.93, 0.93, 0.93)  # light enough to write on, and cheap on ink
MARGIN = 0.4 * inch
# The footer of a page that names residents and stays in the house.
HOUSE_ONLY = "Confidential: house records about residents. Do not share outside the house."
FOOTER_SIZE, FOOTER_LEADING = 8.5, 10.5


@cache
def register_fonts() -> None:
    """A Unicode font embedded in every PDF: José Ñúñez and Nguyễn Thị Minh print as typed."""
    pdfmetrics.registerFont(TTFont(BODY, str(FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONTS / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(BODY, normal=BODY, bold=BOLD, italic=BODY, boldItalic=BOLD)


def style(
    size: float, *, bold: bool = False, colour: colors.Color = INK, **extra: Any
) -> ParagraphStyle:
    register_fonts()  # a paragraph looks its font up as soon as it is made
    return ParagraphStyle(
        f"s{size}{bold}",
        fontName=BOLD if bold else BODY,
        fontSize=size,
        leading=size * 1.2,
        textColor=colour,
        **extra,
    )


def grid_style(
    size: float,
    *,
    rule: float = 0.5,
    valign: str = "TOP",
    padding: tuple[float, float] | None = None,
    extra: Sequence[tuple[object, ...]] = (),
) -> TableStyle:
    """The house's table: a rule round every cell, a shaded bold header row, ``size`` type;
    ``padding`` (top, bottom) when the default is too tight or too loose; ``extra`` commands."""
    commands: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), rule, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("FONTNAME", (0, 0), (-1, -1), BODY),
        ("FONTNAME", (0, 0), (-1, 0), BOLD),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("VALIGN", (0, 0), (-1, -1), valign),
    ]
    if padding is not None:
        commands += [
            ("TOPPADDING", (0, 0), (-1, -1), padding[0]),
            ("BOTTOMPADDING", (0, 0), (-1, -1), padding[1]),
        ]
    return TableStyle([*commands, *extra])


@dataclass(frozen=True)
class PageFrame:
    house: str
    title: str
    period: str
    generated: datetime
    footer_note: str = ""  # e.g. "For the house only"; a long one wraps over several lines
    # Whom the report is about, at the top right of every page: a loose page 2 still says.
    subject: str = ""


def render(
    frame: PageFrame,
    story: Sequence[Flowable],
    *,
    landscape_page: bool = False,
) -> bytes:
    """Lay ``story`` out on Letter pages with the shared header and footer; return the PDF."""
    register_fonts()
    buffer = io.BytesIO()
    size = landscape(letter) if landscape_page else letter
    # A note longer than a line (a house's own redisclosure notice) takes room from the body.
    extra = max(0, len(_footer_lines(frame, size)) - 1) * FOOTER_LEADING
    doc = BaseDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + 0.55 * inch,
        bottomMargin=MARGIN + 0.35 * inch + extra,
        title=f"{frame.title} — {frame.period}",
        author=frame.house,
        creator="Residence",
        # ReportLab would stamp the file with the computer's clock and a random ID: the same
        # report made twice is then the same bytes, dated when the page says it was made.
        invariant=True,
    )
    body = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[body])])
    doc.build(list(story), canvasmaker=_numbered(frame, size))
    return buffer.getvalue()


def _numbered(frame: PageFrame, size: tuple[float, float]) -> Callable[..., Canvas]:
    """A canvas that knows the page count when it draws each page's header and footer."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            made = frame.generated.strftime("D:%Y%m%d%H%M%S")
            self.setDateFormatter(lambda *_ignored: made)

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                _decorate(self, frame, size, number, len(self._pages))
                super().showPage()
            super().save()

    return NumberedCanvas


def _decorate(
    canvas: Canvas, frame: PageFrame, size: tuple[float, float], number: int, total: int
) -> None:
    width, height = size
    top = height - MARGIN
    canvas.setFillColor(INK)
    room = width - 2 * MARGIN
    canvas.setFont(BOLD, _fitting(frame.title, BOLD, 16, room))
    canvas.drawString(MARGIN, top - 16, frame.title)
    if frame.subject:
        beside = room - stringWidth(frame.title, BOLD, 16) - 18
        _draw_subject(canvas, frame.subject, width - MARGIN, top - 15, beside)
    where = f"{frame.house} · {frame.period}"
    canvas.setFont(BODY, _fitting(where, BODY, 11, room))
    canvas.drawString(MARGIN, top - 32, where)
    canvas.setStrokeColor(GRID)
    canvas.setLineWidth(0.8)
    canvas.line(MARGIN, top - 40, width - MARGIN, top - 40)
    canvas.setFont(BODY, FOOTER_SIZE)
    made = f"Made {frame.generated:%d %b %Y, %H:%M}"
    canvas.drawString(MARGIN, MARGIN, made)
    # The note has lines of its own, above the date and page number.
    lines = _footer_lines(frame, size)
    for n, line in enumerate(lines):
        canvas.drawCentredString(
            width / 2, MARGIN + 12 + (len(lines) - 1 - n) * FOOTER_LEADING, line
        )
    canvas.drawRightString(width - MARGIN, MARGIN, f"Page {number} of {total}")


def _draw_subject(canvas: Canvas, subject: str, right: float, base: float, room: float) -> None:
    """The subject right-aligned in ``room``: smaller type first; a name too long even then is
    cut, never the record number after the last “·”, which alone tells two people apart."""
    for size in (10.5, 9.0, 8.0):
        if stringWidth(subject, BOLD, size) <= room:
            break
    name, dot, number = subject.rpartition(" · ")
    if stringWidth(subject, BOLD, size) > room and dot:
        tail = dot + number
        subject = fit_text(name, BOLD, size, room - stringWidth(tail, BOLD, size)) + tail
    canvas.setFont(BOLD, size)
    canvas.drawRightString(right, base, subject)


def _fitting(text: str, font: str, size: float, width: float) -> float:
    """``size``, or the smaller type in which ``text`` fits ``width`` (a long house name and
    a meeting's place stay on the page)."""
    return min(size, size * width / max(float(stringWidth(text, font, size)), 1.0))


def _footer_lines(frame: PageFrame, size: tuple[float, float]) -> list[str]:
    if not frame.footer_note:
        return []
    lines: list[str] = simpleSplit(frame.footer_note, BODY, FOOTER_SIZE, size[0] - 2 * MARGIN)
    return lines


def whiteboard_name(name: str) -> str:
    """“Tommy H.”, as on any house whiteboard."""
    first, _, rest = name.partition(" ")
    return f"{first} {rest[:1]}." if rest else first


def fit_name(name: str, font: str, size: float, width: float) -> tuple[str, float]:
    """The name and type size to print: the whole name, else “Tommy H.” as on any house
    whiteboard, in slightly smaller type if need be, and only then cut."""
    first, _, rest = name.partition(" ")
    compact = whiteboard_name(name)
    for shrink in (0.0, 1.5, 3.0):  # big type first: it's read from across the kitchen
        for text in (name, compact):
            if stringWidth(text, font, size - shrink) <= width:
                return text, size - shrink
    # Last resort: cut the first name but keep the initial, so two Christophers stay two.
    small = size - 3.0
    initial = f" {rest[:1]}." if rest else ""
    return fit_text(first, font, small, width - stringWidth(initial, font, small)) + initial, small


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """Cut ``text`` with an ellipsis to fit ``width``: a 200-character name stays in its cell."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"
