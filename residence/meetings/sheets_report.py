"""Paper for a meeting: the sign-in sheet to pass round, and the minutes to file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from xml.sax.saxutils import escape  # &, < and > for ReportLab's markup

from reportlab.lib.units import inch
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table

from residence.dates import format_date
from residence.meetings.minutes import LIVE_NOTE, SECTIONS, ActionItemInfo, MinutesView
from residence.meetings.records import Occurrence
from residence.reports.common import HOUSE_ONLY, PageFrame, grid_style, render, style
from residence.text_rules import sort_key

WIDTH = 8.5 * inch - 2 * 0.4 * inch
KEEP_HEADING = 1.6 * inch  # less room than this left on a page: a heading starts the next
NAME_COLUMN = 2.8 * inch
PADDING = 6.0  # a cell's left and right padding (ReportLab's)


def _cell(text: str, size: float = 10, *, bold: bool = False) -> Paragraph:
    """Text a person typed, wrapped in its cell (at a hyphen first: Peña-|Ibáñez)."""
    return Paragraph(escape(text), style(size, bold=bold, embeddedHyphenation=1))


def _height(cell: object, column: float) -> float:
    if not isinstance(cell, Flowable):
        return 0.0
    return float(cell.wrap(column - 2 * PADDING, 1000)[1])


def _when(event: Occurrence) -> str:
    time = event.start_time.strftime("%I:%M %p").lstrip("0").lower()
    place = f", {event.place}" if event.place else ""
    return f"{event.day:%A} {format_date(event.day)}, {time}{place}"


# -- the sign-in sheet -----------------------------------------------------------------------


@dataclass(frozen=True)
class SignInSheet:
    house: str
    event: Occurrence
    names: tuple[str, ...]  # everyone living in the house that day
    generated: datetime


def sign_in_pdf(sheet: SignInSheet) -> bytes:
    frame = PageFrame(
        sheet.house,
        f"Sign-in: {sheet.event.title}",
        _when(sheet.event),
        sheet.generated,
        HOUSE_ONLY,
    )
    rows: list[list[object]] = [["#", "Name", "Signature", "Time in"]]
    rows += [[str(n), _cell(name, 12), "", ""] for n, name in enumerate(sheet.names, start=1)]
    rows += [[str(n), "", "", ""] for n in range(len(sheet.names) + 1, len(sheet.names) + 4)]
    table = Table(
        rows,
        colWidths=[0.4 * inch, NAME_COLUMN, WIDTH - 1.4 * inch - NAME_COLUMN, 1.0 * inch],
        # Room to sign: 30 pt, or more for a name that takes two lines.
        rowHeights=[22] + [max(30.0, _height(row[1], NAME_COLUMN) + 10) for row in rows[1:]],
        repeatRows=1,
    )
    table.setStyle(grid_style(12, rule=0.6, valign="MIDDLE"))
    return render(frame, [table])


def sign_in_file_name(day: date) -> str:
    return f"sign-in-{day.isoformat()}.pdf"


# -- the minutes -----------------------------------------------------------------------------


@dataclass(frozen=True)
class MinutesDocument:
    house: str
    minutes: MinutesView
    generated: datetime


def minutes_pdf(document: MinutesDocument) -> bytes:
    view = document.minutes
    frame = PageFrame(
        document.house,
        "House meeting minutes",
        _when(view.meeting),
        document.generated,
        HOUSE_ONLY,
    )
    story: list[Flowable] = [_status(view)]
    for change in view.amendments:  # a filed copy says what was corrected, by whom and why
        story.append(
            Paragraph(
                f"Amended {change.amended_at:%d %b %Y, %H:%M} by {escape(change.amended_by)} "
                f"({escape(change.section)}): {escape(change.why)}",
                style(9.5),
            )
        )
    story.append(Spacer(1, 6))
    texts = dict(view.sections)
    for name, heading in SECTIONS:
        if name == "last_minutes":
            story += _section("Roll call", [_roll_call(view)])
        if name == "old_business":
            story += _section("Chore report", _chores(view))
        story += _section(heading, _body(name, texts.get(name, ""), view))
    return render(frame, story)


def minutes_file_name(day: date) -> str:
    return f"minutes-{day.isoformat()}.pdf"


def _status(view: MinutesView) -> Paragraph:
    if view.finalised_at is None:
        return Paragraph("<b>DRAFT</b> — not final yet.", style(11))
    final = f"Final since {view.finalised_at:%d %b %Y, %H:%M}, by {escape(view.finalised_by)}."
    if view.records_live_though_final:
        final += f" {LIVE_NOTE}"
    return Paragraph(final, style(10))


def _section(heading: str, body: list[Flowable]) -> list[Flowable]:
    title = Paragraph(f"<b>{escape(heading)}</b>", style(12.5, spaceBefore=8, spaceAfter=3))
    # A heading near the foot of a page starts the next one; anywhere else its body starts
    # under it and goes on over the page (KeepTogether would move a long roll call whole,
    # leaving the page before it blank).
    return [CondPageBreak(KEEP_HEADING), title, *body]


def _body(name: str, text: str, view: MinutesView) -> list[Flowable]:
    body: list[Flowable] = []
    day = view.meeting.day
    if name == "old_business" and view.carried:
        body += _items("Open action items carried over", view.carried, day)
    if text:
        body.append(Paragraph(escape(text).replace("\n", "<br/>"), style(11)))
    if name == "new_business" and view.raised:
        body += _items("Action items raised at this meeting", view.raised, day)
    return body or [Paragraph("—", style(11))]


def _items(title: str, items: tuple[ActionItemInfo, ...], day: date) -> list[Flowable]:
    """A captioned table of action items; one past its due date at the meeting says so."""
    rows: list[list[object]] = [["What", "Who", "Due", "Done"]]
    for item in items:
        late = item.due is not None and item.due < day and item.done_on is None
        rows.append(
            [
                _cell(item.what),
                _cell(item.who),
                _due(item, late),
                _cell(format_date(item.done_on) if item.done_on else "open"),
            ]
        )
    table = Table(
        rows, colWidths=[WIDTH * 0.46, WIDTH * 0.2, WIDTH * 0.22, WIDTH * 0.12], repeatRows=1
    )
    table.setStyle(grid_style(10))
    caption = Paragraph(f"<i>{escape(title)}</i>", style(10.5, spaceBefore=4, spaceAfter=2))
    return [caption, table, Spacer(1, 6)]


def _due(item: ActionItemInfo, late: bool) -> Paragraph | str:
    """The due date; one still open past it at the meeting says so, in bold, in its cell."""
    if item.due is None:
        return ""
    if late:
        return _cell(f"{format_date(item.due)} (overdue)", bold=True)
    return _cell(format_date(item.due))


def _roll_call(view: MinutesView) -> Flowable:
    if not view.roll_call:
        return Paragraph("Nobody lived in the house that day.", style(11))
    rows: list[list[object]] = [["Resident", "Attendance", "Note"]]
    for line in view.roll_call:
        status = line.status.value if line.status is not None else "not recorded"
        rows.append([_cell(line.name), status, _cell(line.reason)])
    table = Table(rows, colWidths=[WIDTH * 0.4, WIDTH * 0.2, WIDTH * 0.4], repeatRows=1)
    table.setStyle(grid_style(10))
    return table


def _chores(view: MinutesView) -> list[Flowable]:
    report = view.chores
    if report.week_start is None:
        return [Paragraph("No chore rotation last week.", style(11))]
    counts = (
        f"{report.done} done, {len(report.missed)} missed, {report.excused} excused, "
        f"{report.covered} covered"
    )
    summary = f"Week of {format_date(report.week_start)}: {counts}."
    body: list[Flowable] = [Paragraph(summary, style(11))]
    if report.missed:
        missed = sorted(report.missed, key=lambda m: (m[2], sort_key(m[1]), sort_key(m[0])))
        rows: list[list[object]] = [["Missed on", "Chore", "Who"]]
        rows += [[f"{d:%a} {format_date(d)}", _cell(chore), _cell(who)] for who, chore, d in missed]
        body += [Spacer(1, 3), _table(rows, (0.3, 0.4, 0.3))]
    if report.next_week:
        rota: dict[str, list[str]] = {}
        for chore, who in report.next_week:
            rota.setdefault(chore, []).append(who)
        rota_rows: list[list[object]] = [["Next week's chore", "Who"]]
        rota_rows += [[_cell(chore), _cell(", ".join(names))] for chore, names in rota.items()]
        body += [Spacer(1, 5), _table(rota_rows, (0.4, 0.6))]
    return body


def _table(rows: Sequence[Sequence[object]], widths: tuple[float, ...]) -> Table:
    table = Table(rows, colWidths=[WIDTH * w for w in widths], repeatRows=1)
    table.setStyle(grid_style(10))
    return table
