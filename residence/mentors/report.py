"""The mentor roster: who mentors whom, when each pair last checked in and is next due, and
who is still waiting for a mentor. Portrait, for the manager's binder or a case manager."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from xml.sax.saxutils import escape  # &, < and > for ReportLab's markup

from reportlab.lib import colors
from reportlab.lib.units import inch
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table, TableStyle

from residence.dates import format_date
from residence.mentors.records import MentorKey, MentorRules, Pair, Unpaired
from residence.reports.common import (
    BODY,
    BOLD,
    HOUSE_ONLY,
    INK,
    SHADE,
    PageFrame,
    fit_text,
    grid_style,
    render,
    style,
)

WIDTH = 8.5 * inch - 2 * 0.4 * inch
# Mentor, mentee, since, last check-in, next due: the due column holds "OVERDUE since …".
PAIR_COLUMNS = (0.24, 0.255, 0.15, 0.165, 0.19)
WAITING_COLUMNS = (0.3, 0.15, 0.3, 0.25)
QUIET = colors.Color(0.3, 0.3, 0.3)  # the role under a mentor's name: read second
PADDING = 6  # a cell's left and right padding, ReportLab's default
NAME_LINES = 4  # a 400-character name is cut to about this many lines
KEPT_TOGETHER = 6  # a mentor with this many mentees or fewer never splits over two pages


@dataclass(frozen=True)
class MentorRoster:
    house: str
    pairs: tuple[Pair, ...]  # the active pairs, by mentor then mentee
    unpaired: tuple[Unpaired, ...]  # residents who should have a mentor and have none
    rules: MentorRules
    today: date
    generated: datetime


def roster_pdf(roster: MentorRoster) -> bytes:
    period = f"{roster.today:%A} {format_date(roster.today)}"
    frame = PageFrame(roster.house, "Mentor roster", period, roster.generated, HOUSE_ONLY)
    story: list[Flowable] = [
        Paragraph(escape(_rules_line(roster.rules)), style(11)),
        Paragraph(escape(_summary(roster)), style(11, spaceBefore=2, spaceAfter=8)),
    ]
    if roster.pairs:
        story.append(_pairs_table(roster.pairs, roster.rules))
    else:
        story.append(Paragraph("No mentor pairs yet.", style(11)))
    story += _waiting(roster.unpaired)
    return render(frame, story)


def roster_file_name(day: date) -> str:
    return f"mentor-roster-{day.isoformat()}.pdf"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _rules_line(rules: MentorRules) -> str:
    return (
        f"House rules: each pair checks in at least every {_plural(rules.check_in_days, 'day')}; "
        f"a mentor has at most {_plural(rules.max_mentees, 'mentee')}."
    )


def _summary(roster: MentorRoster) -> str:
    overdue = sum(p.overdue for p in roster.pairs)
    waiting = len(roster.unpaired)
    return (
        f"{_plural(len(roster.pairs), 'pair')}, {overdue} overdue for a check-in; "
        f"{waiting} {'resident' if waiting == 1 else 'residents'} without a mentor."
    )


# -- the pairs, grouped by mentor ------------------------------------------------------------


def _groups(pairs: tuple[Pair, ...]) -> list[list[Pair]]:
    """Each mentor's pairs together, in the order the mentors first appear."""
    groups: dict[MentorKey, list[Pair]] = {}
    for pair in pairs:
        groups.setdefault(pair.mentor, []).append(pair)
    return list(groups.values())


def _pairs_table(pairs: tuple[Pair, ...], rules: MentorRules) -> Table:
    rows: list[list[object]] = [["Mentor", "Mentee", "Since", "Last check-in", "Next due"]]
    commands: list[tuple[object, ...]] = []
    for group in _groups(pairs):
        first = len(rows)
        for n, pair in enumerate(group):
            mentor = _mentor_cell(group, rules) if n == 0 else ""
            rows.append([mentor, *_pair_cells(pair)])
        last = len(rows) - 1
        # A mentor's mentees stay on one page, under a line that starts the group; a group
        # too long for a page at least keeps the mentor's name with their first mentees.
        together = last if len(group) <= KEPT_TOGETHER else first + 2
        commands += [
            ("NOSPLIT", (0, first), (-1, together)),
            ("LINEABOVE", (0, first), (-1, first), 1.2, INK),
        ]
        commands += [
            ("BACKGROUND", (4, r), (4, r), SHADE)
            for r, pair in enumerate(group, start=first)
            if pair.overdue
        ]
    table = Table(rows, colWidths=[WIDTH * w for w in PAIR_COLUMNS], repeatRows=1)
    table.setStyle(grid_style(10.5, padding=(4, 5)))
    table.setStyle(TableStyle(commands))
    return table


def _name(text: str, column: float, *, bold: bool = False) -> Paragraph:
    """A name that wraps in its cell (at a hyphen first: Montgomery-|Abernathy), cut if it
    would take more than a few lines, so that a mentor's rows still fit on one page."""
    # Wrapping wastes the end of each line: keep a little less than NAME_LINES full lines.
    room = (WIDTH * column - 2 * PADDING) * (NAME_LINES - 0.6)
    text = fit_text(text, BOLD if bold else BODY, 11, room)
    return Paragraph(escape(text), style(11, bold=bold, embeddedHyphenation=1))


def _mentor_cell(group: list[Pair], rules: MentorRules) -> list[Paragraph]:
    role = escape(group[0].role.label)
    if len(group) > rules.max_mentees:  # the rules tightened after they were paired
        role += f" · <b>{len(group)} mentees, over the limit of {rules.max_mentees}</b>"
    return [
        _name(group[0].mentor_name, PAIR_COLUMNS[0], bold=True),
        Paragraph(role, style(9, colour=QUIET)),
    ]


def _pair_cells(pair: Pair) -> list[object]:
    last = format_date(pair.last_check_in) if pair.last_check_in else "none yet"
    return [_name(pair.mentee, PAIR_COLUMNS[1]), format_date(pair.started), last, _due_cell(pair)]


def _due_cell(pair: Pair) -> object:
    if pair.due is None:
        return ""
    if pair.overdue:
        return Paragraph(f"OVERDUE since {format_date(pair.due)}", style(10.5, bold=True))
    return format_date(pair.due)


# -- residents waiting for a mentor ----------------------------------------------------------


def _waiting(unpaired: tuple[Unpaired, ...]) -> list[Flowable]:
    # The heading starts a page rather than sit alone at the foot of one.
    story: list[Flowable] = [CondPageBreak(1.5 * inch)]
    story.append(Paragraph("<b>Without a mentor</b>", style(12.5, spaceBefore=14, spaceAfter=4)))
    if not unpaired:
        return [*story, Paragraph("Everyone has a mentor.", style(11))]
    rows: list[list[object]] = [["Resident", "Moved in", "Note", "Mentor chosen"]]
    for resident in unpaired:
        note = (
            f"Mentor moved out {format_date(resident.lost_mentor_on)}"
            if resident.lost_mentor_on
            else ""
        )
        rows.append(
            [
                _name(resident.name, WAITING_COLUMNS[0]),
                format_date(resident.move_in),
                Paragraph(escape(note), style(9.5)),
                "",
            ]
        )
    table = Table(rows, colWidths=[WIDTH * w for w in WAITING_COLUMNS], repeatRows=1)
    table.setStyle(grid_style(10.5, padding=(4, 5)))
    # Room to write the mentor in by hand, for the manager with a pen.
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 1), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 9),
            ]
        )
    )
    return [*story, table]
