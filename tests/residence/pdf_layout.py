"""What a reader would see is wrong with a printed page, found from the PDF's own boxes.

pdfplumber gives every glyph's box and every rule the page strokes; a glyph that a rule runs
through, that another glyph covers, or that leaves the paper is text printed over something.
The message names the word, the page and where, so a failure reads like a proofreader's note.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pdfplumber
import pytest
from pypdf import PdfReader

# A glyph's box is its whole em square: the top and bottom of it are mostly air (above the
# capitals, below the descenders), and neighbours on a line touch. What counts as a collision
# is what reaches into the part of the box the letters really fill.
AIR_ABOVE, AIR_BELOW, AIR_SIDES = 0.22, 0.06, 0.12  # fractions of the type size
BUCKET = 24.0  # points: glyphs are compared only with those in nearby squares of the page


@dataclass(frozen=True)
class Glyph:
    page: int
    char: str
    word: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float

    @property
    def ink(self) -> tuple[float, float, float, float]:
        """The part of the box the letter fills: (left, top, right, bottom)."""
        side = min(AIR_SIDES * self.size, (self.x1 - self.x0) / 3)
        return (
            self.x0 + side,
            self.top + AIR_ABOVE * self.size,
            self.x1 - side,
            self.bottom - AIR_BELOW * self.size,
        )

    def where(self) -> str:
        return f"page {self.page}: {self.word!r} (at x {self.x0:.0f}, y {self.top:.0f})"


@dataclass(frozen=True)
class Rule:
    """A stroked line, as the box it inks: (left, top, right, bottom)."""

    x0: float
    top: float
    x1: float
    bottom: float


def glyphs_and_rules(pdf: bytes) -> Iterator[tuple[int, float, float, list[Glyph], list[Rule]]]:
    """Per page: its number, width, height, every visible glyph and every rule."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages, start=1):
            yield number, float(page.width), float(page.height), _glyphs(number, page), _rules(page)


def _glyphs(number: int, page: pdfplumber.page.Page) -> list[Glyph]:
    words = page.extract_words(return_chars=True, use_text_flow=True)
    return [
        Glyph(number, c["text"], word["text"], c["x0"], c["x1"], c["top"], c["bottom"], c["size"])
        for word in words
        for c in word["chars"]
        if c["text"].strip()
    ]


def _rules(page: pdfplumber.page.Page) -> list[Rule]:
    rules = [_thick(line) for line in page.lines]
    for rect in page.rects:  # a stroked box (the initial box on the chart) has four rules
        if not rect.get("stroke"):
            continue
        x0, top, x1, bottom = rect["x0"], rect["top"], rect["x1"], rect["bottom"]
        width = float(rect.get("linewidth") or 0.5)
        for edge in ((x0, top, x1, top), (x0, bottom, x1, bottom)):
            rules.append(
                _thick({"x0": edge[0], "top": edge[1], "x1": edge[2], "bottom": edge[3]}, width)
            )
        for edge in ((x0, top, x0, bottom), (x1, top, x1, bottom)):
            rules.append(
                _thick({"x0": edge[0], "top": edge[1], "x1": edge[2], "bottom": edge[3]}, width)
            )
    return rules


def _thick(line: dict[str, float], width: float | None = None) -> Rule:
    half = float(width if width is not None else line.get("linewidth") or 0.5) / 2
    return Rule(line["x0"] - half, line["top"] - half, line["x1"] + half, line["bottom"] + half)


def _meets(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def layout_problems(pdf: bytes) -> list[str]:
    """Every glyph that leaves its page, that a rule runs through, or that another covers."""
    problems: list[str] = []
    for _number, width, height, glyphs, rules in glyphs_and_rules(pdf):
        problems += _off_the_page(glyphs, width, height)
        problems += _through_rules(glyphs, rules)
        problems += _over_each_other(glyphs)
    return problems


def _off_the_page(glyphs: list[Glyph], width: float, height: float) -> list[str]:
    found = [
        f"{g.where()}: leaves the page"
        for g in glyphs
        if g.x0 < 0 or g.top < 0 or g.x1 > width or g.bottom > height
    ]
    return _once_per_word(found)


def _through_rules(glyphs: list[Glyph], rules: list[Rule]) -> list[str]:
    found = []
    for g in glyphs:
        ink = g.ink
        for rule in rules:
            if _meets(ink, (rule.x0, rule.top, rule.x1, rule.bottom)):
                found.append(f"{g.where()}: a rule runs through {g.char!r}")
                break
    return _once_per_word(found)


def _over_each_other(glyphs: list[Glyph]) -> list[str]:
    buckets: dict[tuple[int, int], list[Glyph]] = defaultdict(list)
    for g in glyphs:
        for key in _squares(g):
            buckets[key].append(g)
    found: set[str] = set()
    for crowd in buckets.values():
        for i, a in enumerate(crowd):
            for b in crowd[i + 1 :]:
                if _meets(a.ink, b.ink):
                    found.add(f"{a.where()} is printed over {b.word!r}")
    return _once_per_word(sorted(found))


def _squares(g: Glyph) -> Iterable[tuple[int, int]]:
    for x in range(int(g.x0 // BUCKET), int(g.x1 // BUCKET) + 1):
        for y in range(int(g.top // BUCKET), int(g.bottom // BUCKET) + 1):
            yield x, y


def _once_per_word(found: list[str]) -> list[str]:
    """A long word through a rule is one problem, not one per letter."""
    seen, kept = set(), []
    for line in found:
        key = re.sub(r"\(at x [^)]*\)", "", line).split(":")[1]
        if key not in seen:
            seen.add(key)
            kept.append(line)
    return kept


def assert_clean_layout(pdf: bytes, what: str = "the PDF") -> None:
    """Fail, naming the text, if anything in ``pdf`` prints over a rule, text or the edge."""
    problems = layout_problems(pdf)
    if problems:
        shown = "\n  ".join(problems[:25])
        more = f"\n  … and {len(problems) - 25} more" if len(problems) > 25 else ""
        pytest.fail(f"{what}: text printed over something\n  {shown}{more}", pytrace=False)


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text in the order it was drawn, runs of white space made single spaces
    (a name wrapped over two lines reads as one), and a line broken after a hyphen joined."""
    texts = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        text = re.sub(r"-\s*\n\s*", "-", page.extract_text())
        texts.append(" ".join(text.split()))
    return texts
