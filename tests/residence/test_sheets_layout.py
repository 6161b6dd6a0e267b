"""Every sheet of a hard house, read as a proofreader would: no text printed over a rule,
over other text or off the paper; every chore's name whole; everyone who lives there on the
chart; the header on every page."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from residence.chores.report import ChoreChart, chore_chart_pdf
from residence.reports.names import sheet_names, whiteboard_names
from residence.residents.presence import PersonName
from tests.residence.hard_house import HardHouse, build_hard_house, every_sheet
from tests.residence.pdf_layout import assert_clean_layout, layout_problems, page_texts

MADE = datetime(2026, 6, 17, 9, 30)


@pytest.fixture(scope="module")
def hard(tmp_path_factory: pytest.TempPathFactory) -> HardHouse:
    return build_hard_house(tmp_path_factory.mktemp("hard"))


@pytest.fixture(scope="module")
def sheets(hard: HardHouse) -> dict[str, bytes]:
    return every_sheet(hard, MADE)


@pytest.mark.parametrize(
    "sheet", ["chore-chart", "schedule", "sign-in", "minutes", "mentor-roster", "house-roster"]
)
def test_no_text_prints_over_a_rule_other_text_or_the_edge(
    sheets: dict[str, bytes], sheet: str
) -> None:
    assert_clean_layout(sheets[sheet], sheet)


@pytest.mark.parametrize(
    ("sheet", "title"),
    [
        ("chore-chart", "Chore chart"),
        ("schedule", "This week in the house"),
        ("sign-in", "Sign-in: House meeting"),
        ("minutes", "House meeting minutes"),
    ],
)
def test_every_page_has_the_header_and_its_number(
    sheets: dict[str, bytes], sheet: str, title: str
) -> None:
    pages = page_texts(sheets[sheet])
    assert len(pages) > 1  # the hard house needs more than one page of each
    for number, text in enumerate(pages, start=1):
        assert title in text and "The Very Long Name Recovery Residence" in text
        assert f"Page {number} of {len(pages)}" in text
    if sheet in ("chore-chart", "schedule"):  # the days head each page the table is on
        table_pages = [t for t in pages if "effort" in t or sheet == "schedule"]
        assert len(table_pages) > 1 and all("Mon 15 Jun" in text for text in table_pages)


@pytest.mark.parametrize("sheet", ["chore-chart", "schedule"])
def test_every_chore_name_is_printed_whole(
    sheets: dict[str, bytes], hard: HardHouse, sheet: str
) -> None:
    text = " ".join(page_texts(sheets[sheet]))
    assert "…" not in text
    assert [name for name in hard.chores if name not in text] == []


def test_the_chart_has_the_chores_instructions_in_a_legend(sheets: dict[str, bytes]) -> None:
    text = " ".join(page_texts(sheets["chore-chart"]))
    assert "How each chore is done" in text
    assert "Kitchen after breakfast: dishes, counters, stovetop" in text


@pytest.mark.parametrize("sheet", ["chore-chart", "schedule"])
def test_everyone_living_there_is_on_the_chart_in_one_form_of_name(
    sheets: dict[str, bytes], hard: HardHouse, sheet: str
) -> None:
    text = " ".join(page_texts(sheets[sheet]))
    people = {PersonName(*fields) for fields in hard.current}
    printed = whiteboard_names(people)
    missing = [
        name for name in printed.values() if name.replace(" ", "") not in text.replace(" ", "")
    ]
    assert missing == []
    assert "No chore this week:" in text  # 41 people, 32 places: the rest are named as free
    # The whole given name, the look-alikes told apart, and the newcomer from Wednesday.
    assert "María José P." in text and "Trần Quốc K." in text
    assert "Christopher Mon." in text and "Christopher Moo." in text
    assert "Dmitri Lee " in text and "Dmitri Lees." in text
    assert "Guadalupe de la C." in text and "Wilhelmina V." in text
    assert "María J." not in text and "Maria Jose" not in text


def test_the_sign_in_sheet_and_the_roll_call_have_each_whole_name(
    sheets: dict[str, bytes], hard: HardHouse
) -> None:
    for sheet in ("sign-in", "minutes"):
        text = " ".join(page_texts(sheets[sheet])).replace(" ", "")
        assert [n for n in hard.names if n.replace(" ", "") not in text] == []


def test_a_long_roll_call_starts_under_its_heading_on_the_first_page(
    sheets: dict[str, bytes],
) -> None:
    first = page_texts(sheets["minutes"])[0]
    assert "Roll call" in first and "Abd al-Rahman" in first


def test_full_names_when_they_all_fit_whiteboard_names_for_all_when_one_does_not() -> None:
    marcus, tommy = PersonName("Marcus", "Bell"), PersonName("Tommy", "Hernández-Oyelaran")
    assert sheet_names([marcus, tommy], lambda n: len(n) < 30) == {
        marcus: "Marcus Bell",
        tommy: "Tommy Hernández-Oyelaran",
    }
    assert sheet_names([marcus, tommy], lambda n: len(n) < 15) == {
        marcus: "Marcus B.",
        tommy: "Tommy H.",
    }
    # The preferred name is what the house calls them; two people with one name stay alike.
    jo, bell = PersonName("Josephine", "Dlamini", "Jo"), PersonName("Marcus", "Bell")
    assert whiteboard_names([jo, bell, PersonName("Marcus", "Bell")])[jo] == "Jo D."


def test_the_checker_names_text_printed_over_a_rule(hard: HardHouse) -> None:
    import io

    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(100, 700, "Kitchen after breakfast")
    canvas.line(90, 703, 300, 703)  # through the middle of the letters
    canvas.drawString(100, 600, "Mop")
    canvas.drawString(102, 600, "Sweep")  # on top of it
    canvas.drawString(560, 500, "off the edge of the paper")
    canvas.save()
    problems = "\n".join(layout_problems(buffer.getvalue()))
    assert "'Kitchen' (at x 100, y 13" in problems and "a rule runs through" in problems
    assert "is printed over" in problems and "leaves the page" in problems
    # And the real chart, made from the same house, has none of them.
    assert layout_problems(chore_chart_pdf(ChoreChart("H", hard.grid, MADE))) == []


def test_pngs_can_be_looked_at(sheets: dict[str, bytes], tmp_path: Path) -> None:
    """Each sheet is a real PDF a viewer opens (pdftoppm is how they were looked at)."""
    for name, pdf in sheets.items():
        assert pdf.startswith(b"%PDF"), name
