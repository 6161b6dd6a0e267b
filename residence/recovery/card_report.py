"""The wallet card: who the resident can call, on a card to cut out and fold to 3.5 × 2 inches
(a business card), the crisis lines and the house on its back. It is the resident's own: their
name is on the page around it, not on the card, in case it is lost."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.units import inch
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer

from residence.recovery.records import SupportContact, Tie
from residence.reports.common import (
    BODY,
    BOLD,
    GRID,
    PageFrame,
    fit_text,
    register_fonts,
    render,
    style,
    whiteboard_name,
)

CARD_W, CARD_H = 3.5 * inch, 2 * inch
PAD = 0.14 * inch
LINE = 11.5  # points between a contact's lines
MOST_LINES = 7  # what a card holds at a size that is read without glasses
# Public lines, the same for every house in the United States.
CRISIS = (
    ("988", "Suicide & Crisis Lifeline (call or text)"),
    ("1-800-662-4357", "SAMHSA National Helpline, free, 24/7"),
    ("911", "Emergency"),
)


@dataclass(frozen=True)
class CardLine:
    name: str
    described: str  # "sponsor", "mother", "sober friend"
    phone: str


@dataclass(frozen=True)
class WalletCard:
    house: str
    house_phone: str
    resident: str  # on the page around the card, never on the card
    lines: tuple[CardLine, ...]
    generated: datetime

    @classmethod
    def of(
        cls,
        house: str,
        house_phone: str,
        resident: str,
        sponsor: tuple[str, str],
        contacts: Sequence[SupportContact],
        generated: datetime,
    ) -> WalletCard:
        """The sponsor on file first, then the network in the order it was added; only
        people with a phone number (a card is for calling)."""
        lines = [CardLine(sponsor[0], "sponsor", sponsor[1])] if all(sponsor) else []
        lines += [
            CardLine(c.draft.name, _tie(c), c.draft.phone)
            for c in contacts
            if (c.draft.name, c.draft.phone) != sponsor  # the sponsor once, not twice
        ]
        return cls(house, house_phone, resident, tuple(x for x in lines if x.phone), generated)


SHORT_TIES = {Tie.FAMILY: "family", Tie.FRIEND: "sober friend", Tie.COUNSELLOR: "counsellor",
              Tie.SPONSOR: "sponsor", Tie.FAITH: "faith", Tie.OTHER: "other"}  # fmt: skip


def _tie(contact: SupportContact) -> str:
    """A word or two: the relation for family and others ("mother"), else the kind."""
    tie, relation = contact.draft.tie, contact.draft.relation
    return relation if relation and tie in (Tie.FAMILY, Tie.OTHER) else SHORT_TIES[tie]


def wallet_card_pdf(card: WalletCard) -> bytes:
    frame = PageFrame(
        card.house,
        "Who to call: a wallet card",
        "Cut along the dashed line, fold along the middle",
        card.generated,
        "The resident's own card.",
        subject=card.resident,
    )
    register_fonts()  # the lines are measured before the page is made
    shown = _fitting(card.lines)
    left_off = len(card.lines) - len(shown)
    note = style(10, spaceBefore=14)
    story: list[Flowable] = [Spacer(1, 0.3 * inch), _Card(card, shown, left_off)]
    if not card.lines:
        story.append(Paragraph("Nobody with a phone number is on file yet.", note))
    elif left_off:
        story.append(
            Paragraph(
                f"{left_off} more with a phone number didn't fit: the first "
                f"{len(shown)} are on the card.",
                note,
            )
        )
    return render(frame, story)


def _phone(number: str, width: float) -> tuple[list[str], float, bool]:
    """The number whole, in smaller type if need be, beside the name; else on lines of its
    own under it: a number cut short can't be called."""
    size = 8.0
    while size > 6 and stringWidth(number, BOLD, size) > width * 0.55:
        size -= 0.5
    if stringWidth(number, BOLD, size) <= width * 0.55:
        return [number], size, True
    size = 8.0
    while size > 6 and stringWidth(number, BOLD, size) > width:
        size -= 0.5
    return _wrapped(number, BOLD, size, width), size, False


def _wrapped(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` on as many lines as it takes, between words, or inside a word with no room
    (a number written without spaces): nothing of it is left off."""
    lines: list[str] = []
    for piece in simpleSplit(text, font, size, width):
        while stringWidth(piece, font, size) > width:
            cut = len(piece)
            while cut > 1 and stringWidth(piece[:cut], font, size) > width:
                cut -= 1
            lines.append(piece[:cut])
            piece = piece[cut:]
        lines.append(piece)
    return lines


def _rows(line: CardLine) -> int:
    """The card's lines a contact takes: one, or the name's and the number's own."""
    numbers, _size, beside = _phone(line.phone, CARD_W - 2 * PAD)
    return 1 if beside else 1 + len(numbers)


def _fitting(lines: Sequence[CardLine]) -> tuple[CardLine, ...]:
    """The first contacts whose lines fit on the card."""
    shown: list[CardLine] = []
    used = 0
    for line in lines:
        used += _rows(line)
        if used > MOST_LINES:
            break
        shown.append(line)
    return tuple(shown)


def _label(line: CardLine, room: float) -> str:
    """The name and who they are; a long name as on a whiteboard ("Hubert W."), then cut."""
    for name in (line.name, whiteboard_name(line.name)):
        text = f"{name} ({line.described})"
        if stringWidth(text, BODY, 8) <= room:
            return text
    return fit_text(f"{whiteboard_name(line.name)} ({line.described})", BODY, 8, room)


class _Card(Flowable):  # type: ignore[misc]
    """Front and back side by side, to be folded along the line between them."""

    def __init__(self, card: WalletCard, shown: Sequence[CardLine], left_off: int) -> None:
        super().__init__()
        self.card, self.shown, self.left_off = card, shown, left_off

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 2 * CARD_W, CARD_H

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(GRID)
        canvas.setDash(3, 3)
        canvas.rect(0, 0, 2 * CARD_W, CARD_H)
        canvas.setDash(1, 2)
        canvas.line(CARD_W, 0, CARD_W, CARD_H)  # the fold
        canvas.restoreState()
        self._front()
        self._back()

    def _front(self) -> None:
        canvas, top = self.canv, CARD_H - PAD - 10
        canvas.setFont(BOLD, 10)
        canvas.drawString(PAD, top, "Who to call")
        y = top - 15
        width = CARD_W - 2 * PAD
        for line in self.shown:
            numbers, size, beside = _phone(line.phone, width)
            room = width - (stringWidth(numbers[0], BOLD, size) + 6 if beside else 0)
            canvas.setFont(BODY, 8)
            canvas.drawString(PAD, y, _label(line, room))
            canvas.setFont(BOLD, size)
            if beside:
                canvas.drawRightString(CARD_W - PAD, y, numbers[0])
            else:
                for number in numbers:
                    y -= LINE
                    canvas.drawRightString(CARD_W - PAD, y, number)
            y -= LINE
        if not self.shown:
            canvas.setFont(BODY, 8)
            canvas.drawString(PAD, y, "Names and numbers:")
            for _ in range(4):
                y -= LINE + 2
                canvas.setStrokeColor(colors.Color(0.6, 0.6, 0.6))
                canvas.line(PAD, y, CARD_W - PAD, y)

    def _back(self) -> None:
        canvas, left, top = self.canv, CARD_W + PAD, CARD_H - PAD - 10
        width = CARD_W - 2 * PAD
        canvas.setFont(BOLD, 10)
        canvas.drawString(left, top, "Any time, day or night")
        y = top - 15
        gap = max(stringWidth(number, BOLD, 8) for number, _what in CRISIS) + 6
        for number, what in CRISIS:
            canvas.setFont(BOLD, 8)
            canvas.drawString(left, y, number)
            canvas.setFont(BODY, 8)
            canvas.drawString(left + gap, y, fit_text(what, BODY, 8, width - gap))
            y -= LINE
        y -= 6
        canvas.setFont(BOLD, 8)
        lines = simpleSplit(self.card.house, BOLD, 8, width)
        for row, text in enumerate(lines[:2]):  # a long house name on two lines at most
            last = row == 1 and len(lines) > 2
            canvas.drawString(left, y, fit_text(text + (" …" if last else ""), BOLD, 8, width))
            y -= LINE if row == 0 and len(lines) > 1 else 0
        canvas.setFont(BODY, 8)
        for line in (
            _wrapped(self.card.house_phone, BODY, 8, width)[:2] if self.card.house_phone else []
        ):
            y -= LINE
            canvas.drawString(left, y, line)
