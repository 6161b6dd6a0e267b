"""The wallet card: who the resident can call, on a card to cut out and fold to 3.5 × 2 inches
(a business card), the crisis lines and the house on its back. It is the resident's own: their
name is on the page around it, not on the card, in case it is lost."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer

from residence.recovery.records import SupportContact, Tie
from residence.reports.common import BODY, BOLD, GRID, PageFrame, fit_text, render, style

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
        lines += [CardLine(c.draft.name, _tie(c), c.draft.phone) for c in contacts]
        return cls(house, house_phone, resident, tuple(x for x in lines if x.phone), generated)


def _tie(contact: SupportContact) -> str:
    """A few words: the relation for family ("mother"), else the kind ("sober friend")."""
    if contact.draft.tie is Tie.FAMILY and contact.draft.relation:
        return contact.draft.relation
    return contact.draft.tie.label.lower()


def wallet_card_pdf(card: WalletCard) -> bytes:
    frame = PageFrame(
        card.house,
        "Who to call: a wallet card",
        "Cut along the dashed line, fold along the middle",
        card.generated,
        "The resident's own card.",
        subject=card.resident,
    )
    shown = card.lines[:MOST_LINES]
    left_off = len(card.lines) - len(shown)
    note = style(10, spaceBefore=14)
    story: list[Flowable] = [Spacer(1, 0.3 * inch), _Card(card, shown, left_off)]
    if not card.lines:
        story.append(Paragraph("Nobody with a phone number is on file yet.", note))
    elif left_off:
        story.append(
            Paragraph(
                f"{left_off} more with a phone number didn't fit: the first "
                f"{MOST_LINES} are on the card.",
                note,
            )
        )
    return render(frame, story)


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
            phone_width = stringWidth(line.phone, BOLD, 8) + 6
            canvas.setFont(BOLD, 8)
            canvas.drawRightString(CARD_W - PAD, y, fit_text(line.phone, BOLD, 8, width / 2))
            label = f"{line.name} ({line.described})"
            canvas.setFont(BODY, 8)
            canvas.drawString(PAD, y, fit_text(label, BODY, 8, width - min(phone_width, width / 2)))
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
        canvas.drawString(left, y, fit_text(self.card.house, BOLD, 8, width))
        if self.card.house_phone:
            y -= LINE
            canvas.setFont(BODY, 8)
            canvas.drawString(left, y, fit_text(self.card.house_phone, BODY, 8, width))
