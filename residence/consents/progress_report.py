"""The resident progress report for a case manager, disclosed under the resident's written
consent (42 CFR Part 2): facts, counts and dates in only the categories the consent covers, the
redisclosure notice at the foot of every page, and the consent's scope at the end."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any
from xml.sax.saxutils import escape  # &, < and > for ReportLab's markup

from reportlab.lib.units import inch
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from residence.consents.records import (
    AttendanceSummary,
    Category,
    CheckInLine,
    ChoreSummary,
    ConsentInfo,
    OutsideMeetings,
    OutsideWeek,
    PlanLine,
    ProgressReport,
    StayPart,
)
from residence.dates import format_date
from residence.recovery.chart import capital_drawing
from residence.reports.common import BOLD, GRID, SHADE, PageFrame, grid_style, render, style

WIDTH = 8.5 * inch - 2 * 0.4 * inch
LABEL = 2.0 * inch  # the label column of a block of fields
TEXT = 10.5  # body type: read at a desk, with a pen
KEPT = 3.5 * inch  # a section's start up to this tall moves whole to the next page

Section = Callable[[ProgressReport], list[Flowable] | None]


def progress_pdf(report: ProgressReport) -> bytes:
    frame = PageFrame(
        report.house,
        "Resident progress report",
        period_text(report),
        report.generated,
        report.notice,
        subject=report.identifier,
    )
    story: list[Flowable] = [Spacer(1, 6), fields(_about(report))]
    for category, build in _SECTIONS:
        # The report's builder leaves out what the consent doesn't cover; checking the consent
        # again means a slip there still can't put an uncovered category on paper.
        body = build(report) if category in report.consent.categories else None
        if body is not None:
            story += section(category.label, body)
    story += _standing(report)
    story += _prepared_by(report)
    story += _scope(report)
    return render(frame, story)


def progress_file_name(initials: str, person_id: int, last: date) -> str:
    """Initials and a number, never a name: progress-JN-0042-2026-11-23.pdf."""
    return f"progress-{file_initials(initials)}-{person_id:04d}-{last.isoformat()}.pdf"


def file_initials(initials: str) -> str:
    """Only letters and digits: initials like "J.N." or "Ó/B" can't add a folder or a dot."""
    return "".join(c for c in initials if c.isalnum()).upper() or "X"


def period_text(report: ProgressReport) -> str:
    return f"{format_date(report.first)} – {format_date(report.last)}"


# -- shared building blocks (the consent form uses them too) ----------------------------------


def para(text: str, size: float = TEXT, **extra: Any) -> Paragraph:
    """``text`` is plain user text: escaped here, line breaks kept."""
    return Paragraph(escape(text).replace("\n", "<br/>"), style(size, **extra))


def section(heading: str, body: Sequence[Flowable]) -> list[Flowable]:
    """A heading that starts a page rather than sit alone at the foot of one, kept with the
    first part of its body: a sentence and a short table move together; a long table splits
    after its first rows."""
    keep = _kept(body)
    return [
        CondPageBreak(1.4 * inch),
        KeepTogether([*heading_lines(heading), *body[:keep]]),
        *body[keep:],
    ]


def _kept(body: Sequence[Flowable]) -> int:
    """How many of the first flowables to keep with the heading: those that fit in KEPT."""
    height, count = 0.0, 0
    for item in body:
        height += item.wrap(WIDTH, 10 * inch)[1] + item.getSpaceBefore() + item.getSpaceAfter()
        if height > KEPT:
            break
        count += 1
    return max(count, 1)


def heading_lines(heading: str) -> list[Flowable]:
    # A spacer, not spaceBefore: that is dropped at the top of a page, leaving the heading
    # pressed against the rule under the page header.
    return [Spacer(1, 12), Paragraph(escape(heading), style(12.5, bold=True, spaceAfter=4))]


def fields(rows: Sequence[tuple[str, str]], label: float = LABEL) -> Table:
    """Label and value pairs in a ruled box, the labels shaded; values are plain text."""
    cells = [[para(name, TEXT - 0.5, bold=True), para(value)] for name, value in rows]
    table = Table(cells, colWidths=[label, WIDTH - label])
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, GRID),
                ("INNERGRID", (0, 0), (-1, -1), 0.4, GRID),
                ("BACKGROUND", (0, 0), (0, -1), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def grid(rows: list[list[object]], widths: Sequence[float]) -> Table:
    """A ruled table with a shaded header row that repeats on each page; a tall row may split."""
    table = Table(rows, colWidths=[WIDTH * w for w in widths], repeatRows=1, splitInRow=1)
    table.setStyle(grid_style(10, padding=(3, 4)))
    if len(rows) > 6:  # no row alone under the header at the top of a page, or at the foot
        table.setStyle(TableStyle([("NOSPLIT", (0, 0), (-1, 2)), ("NOSPLIT", (0, -3), (-1, -1))]))
    return table


def recipient_text(consent: ConsentInfo) -> str:
    """The named recipient, with the class the consent gives when it names one too."""
    if consent.recipient_class and consent.recipient != consent.recipient_class:
        return f"{consent.recipient} ({consent.recipient_class})"
    return consent.recipient


def irrevocable_text(consent: ConsentInfo) -> str:
    """Until when a court- or probation-ordered consent can't be revoked; "" when it can."""
    parts = [format_date(consent.irrevocable_until)] if consent.irrevocable_until else []
    if consent.irrevocable_event:
        parts.append(consent.irrevocable_event)
    return " or ".join(parts)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _dates(days: Sequence[date]) -> str:
    return ", ".join(format_date(day) for day in days)


# -- who, for whom, why ----------------------------------------------------------------------


def _about(report: ProgressReport) -> list[tuple[str, str]]:
    rows = [("Resident", report.resident)]
    if report.date_of_birth is not None:
        rows.append(("Date of birth", format_date(report.date_of_birth)))
    rows += [
        ("Recipient", recipient_text(report.consent)),
        ("Purpose", report.consent.purpose),
        ("Period", period_text(report)),
    ]
    return rows


# -- the categories, in the order Category lists them -----------------------------------------


def _stay(report: ProgressReport) -> list[Flowable] | None:
    if report.stays is None:
        return None
    if not report.stays:
        return [para("No stay in this period.")]
    rows: list[list[object]] = [["Moved in", "Moved out", "Reason for leaving"]]
    rows += [_stay_row(stay) for stay in report.stays]
    body: list[Flowable] = [grid(rows, (0.22, 0.22, 0.56))]
    phases = sorted(phase for stay in report.stays for phase in stay.phases)
    if phases:
        rows = [["Phase from", "Phase"]]
        rows += [[format_date(day), para(name, 10)] for day, name in phases]
        body += [Spacer(1, 8), grid(rows, (0.22, 0.78))]
    else:
        body.append(para("No phase recorded.", spaceBefore=6))
    return body


def _stay_row(stay: StayPart) -> list[object]:
    moved_out = format_date(stay.move_out) if stay.move_out else "Still in residence"
    return [format_date(stay.move_in), moved_out, para(stay.discharge, 10)]


def _sobriety(report: ProgressReport) -> list[Flowable] | None:
    # Three fields carry this category; the milestones are set whenever it is covered.
    if report.milestones is None and report.sobriety_date is None and report.days_sober is None:
        return None
    sober = format_date(report.sobriety_date) if report.sobriety_date else "None on record"
    rows = [("Sobriety date", sober)]
    if report.days_sober is not None:
        rows.append((f"Days sober on {format_date(report.last)}", f"{report.days_sober:,}"))
    reached = "\n".join(f"{name}: {format_date(day)}" for name, day in report.milestones or ())
    rows.append(("Milestones reached in this period", reached or "None in this period"))
    return [fields(rows)]


def _attendance(report: ProgressReport) -> list[Flowable] | None:
    summary = report.attendance
    if summary is None:
        return None
    body: list[Flowable] = []
    if begins := _attendance_begins(summary):
        body.append(para(begins, spaceAfter=6))
    if summary.held == 0 and not summary.no_roll:
        if not body:
            body.append(
                para("No house meetings were on the calendar in this period while the resident "
                     "lived in the house.")
            )  # fmt: skip
        return body
    if summary.held:
        body.append(para(_attended(summary), spaceAfter=6))
    return [*body, fields(_absences(summary))]


def _attendance_begins(summary: AttendanceSummary) -> str:
    """When the house's roll calls begin, if the period reaches back before them."""
    if summary.records_from is None and summary.before_records:
        return (
            "The house has no roll call on record: attendance can't be told for this period "
            f"({_plural(summary.before_records, 'house meeting')} on the calendar)."
        )
    if summary.records_from is None or not summary.before_records:
        return ""
    return (
        f"The house's attendance records begin on {format_date(summary.records_from)}, its "
        f"first roll call in these records. {_plural(summary.before_records, 'house meeting')} "
        "before then while the resident lived here: no record (not counted as missed)."
    )


def _attended(summary: AttendanceSummary) -> str:
    late = f" ({summary.late} late)" if summary.late else ""
    meetings = _plural(summary.held, "house meeting")
    return f"Attended {summary.attended} of {meetings} whose roll was taken{late}."


def _absences(summary: AttendanceSummary) -> list[tuple[str, str]]:
    excused = "\n".join(
        f"{format_date(day)}: {reason}" if reason else format_date(day)
        for day, reason in summary.excused
    )
    rows = [
        (f"Excused ({len(summary.excused)})", excused or "None"),
        (f"Missed ({len(summary.missed)})", _dates(summary.missed) or "None"),
    ]
    if summary.not_on_roll:  # the roll was taken, but says nothing of the resident
        label = f"Not on the roll ({len(summary.not_on_roll)})"
        rows.append((label, _dates(summary.not_on_roll)))
    if summary.no_roll:
        rows.append((f"No roll on record ({len(summary.no_roll)})", _dates(summary.no_roll)))
    return rows


def _outside(report: ProgressReport) -> list[Flowable] | None:
    outside = report.outside
    if outside is None:
        return None
    if not outside.weeks:
        return [para("The resident didn't live in the house in this period.")]
    on_record = [week for week in outside.weeks if week.on_record]
    body: list[Flowable] = []
    if begins := _outside_begins(outside):
        body.append(para(begins, spaceAfter=6))
    if on_record:
        met = sum(week.short_by == 0 for week in on_record)
        total = sum(week.count for week in on_record)
        weeks = _plural(len(on_record), "week")
        body.append(
            para(
                f"{_plural(total, 'outside meeting')} in {weeks} on record; "
                f"the weekly quota was met in {met} of {weeks}.",
                spaceAfter=6,
            )
        )
    body.append(_weeks_table(outside.weeks))
    if any(week.prorated for week in on_record):
        body.append(
            para(
                "A quota for part of a week is prorated: the phase's weekly quota for the days "
                "counted (lived here, in the period, on record), out of 7.",
                TEXT - 1.5,
                spaceBefore=4,
            )
        )
    return body


def _outside_begins(outside: OutsideMeetings) -> str:
    if outside.records_from is None:
        return (
            "The house has no outside-meeting slips on record: no week of this period can be "
            "told, and none is counted as short."
        )
    if all(week.on_record for week in outside.weeks):
        return ""
    return (
        f"The house's records of outside meetings begin on {format_date(outside.records_from)}, "
        "the first slip it logged: weeks before then are no record, not a shortfall."
    )


def _weeks_table(weeks: Sequence[OutsideWeek]) -> Table:
    rows: list[list[object]] = [["Week of", "Meetings", "Quota", "Quota met"]]
    short: list[int] = []
    for chunk in _runs(weeks):
        if not chunk[0].on_record:
            rows.append([_week_span(chunk), "—", "—", "No record"])
            continue
        for week in chunk:
            if week.short_by:
                short.append(len(rows))
            rows.append(_week_row(week))
    table = grid(rows, (0.3, 0.18, 0.24, 0.28))
    table.setStyle(TableStyle([("ALIGN", (1, 0), (2, -1), "RIGHT")]))
    table.setStyle(TableStyle([("FONTNAME", (3, n), (3, n), BOLD) for n in short]))
    return table


def _runs(weeks: Sequence[OutsideWeek]) -> list[list[OutsideWeek]]:
    """Weeks in order, the weeks with no record run together: one row says it of them all."""
    runs: list[list[OutsideWeek]] = []
    for week in weeks:
        if runs and not week.on_record and not runs[-1][-1].on_record:
            runs[-1].append(week)
        else:
            runs.append([week])
    return runs


def _week_span(chunk: Sequence[OutsideWeek]) -> str:
    if len(chunk) == 1:
        return format_date(chunk[0].week_start)
    return f"{format_date(chunk[0].week_start)} to {format_date(chunk[-1].week_start)}"


def _week_row(week: OutsideWeek) -> list[object]:
    verdict = f"Short by {week.short_by}" if week.short_by else "Yes"
    quota = f"{week.quota} ({week.days} of 7 days)" if week.prorated else str(week.quota)
    return [format_date(week.week_start), str(week.count), quota, verdict]


def _chores(report: ProgressReport) -> list[Flowable] | None:
    chores = report.chores
    if chores is None:
        return None
    begins: list[Flowable] = []
    if chores.records_from is None:
        return [para("The house kept no chore chart in these records: chores can't be told.")]
    if chores.records_from > report.first:
        begins.append(
            para(
                f"The house's chore records begin on {format_date(chores.records_from)}, its "
                "first chore chart in these records: nothing is told of chores before then.",
                spaceAfter=6,
            )
        )
    if not (chores.done or chores.excused or chores.covered or chores.missed):
        return [*begins, para("No chores were on the chart for the resident in this period.")]
    counts = para(_chore_counts(chores), spaceAfter=6)
    if not chores.missed:
        return [*begins, counts]
    rows: list[list[object]] = [["Missed on", "Chore"]]
    rows += [[format_date(day), para(chore, 10)] for day, chore in chores.missed]
    return [*begins, counts, grid(rows, (0.22, 0.78))]


def _chore_counts(chores: ChoreSummary) -> str:
    return (
        f"{_plural(chores.done, 'chore')} done, {chores.excused} excused, "
        f"{chores.covered} covered by a housemate, {len(chores.missed)} missed."
    )


def _check_ins(report: ProgressReport) -> list[Flowable] | None:
    lines = report.check_ins
    if lines is None:
        return None
    if not lines:
        return [para("No check-ins in this period.")]
    # A check-in's note is only shown when the consent covers shareable notes.
    notes = Category.NOTES in report.consent.categories and any(line.note for line in lines)
    header: list[object] = ["Date", "How", "Mentor", *(["Note"] if notes else [])]
    rows: list[list[object]] = [header, *(_check_in_row(line, notes) for line in lines)]
    widths = (0.15, 0.17, 0.25, 0.43) if notes else (0.2, 0.3, 0.5)
    lead = para(f"{_plural(len(lines), 'check-in')} with a peer mentor.", spaceAfter=6)
    return [lead, grid(rows, widths)]


def _check_in_row(line: CheckInLine, notes: bool) -> list[object]:
    row: list[object] = [format_date(line.day), para(line.how, 10), para(line.mentor, 10)]
    return [*row, para(line.note, 10)] if notes else row


def _notes(report: ProgressReport) -> list[Flowable] | None:
    if report.notes is None:
        return None
    if not report.notes:
        return [para("No notes marked shareable in this period.")]
    # Paragraphs, not a table: a long note flows on to the next page.
    return [
        Paragraph(
            f"<b>{format_date(day)}</b> — {escape(text).replace(chr(10), '<br/>')}",
            style(TEXT, spaceAfter=5, leftIndent=14, firstLineIndent=-14),
        )
        for day, text in report.notes
    ]


def _recovery_capital(report: ProgressReport) -> list[Flowable] | None:
    totals = report.recovery_capital
    if totals is None:
        return None
    if not totals:
        return [para("No BARC-10 was taken in this period.")]
    lead = para(
        f"{_plural(len(totals), 'BARC-10')} (the Brief Assessment of Recovery Capital: ten "
        "statements the resident rates from 1 to 6; totals run from 10 to 60, and 47 or more "
        "is the level research associates with sustained remission).",
        spaceAfter=6,
    )
    rows: list[list[object]] = [["Taken on", "Total (10–60)"]]
    rows += [[format_date(day), str(total)] for day, total, _stay in totals]
    table = grid(rows, (0.3, 0.3))
    table.hAlign = "LEFT"
    if len(rows) <= 12:  # a short list goes over the page whole, never a row alone
        table.setStyle(TableStyle([("NOSPLIT", (0, 0), (-1, -1))]))
    chart = capital_drawing(totals, WIDTH * 0.6, 1.7 * inch)
    return [lead, chart, Spacer(1, 6), table]  # a long list of sheets goes on over the page


def _recovery_plan(report: ProgressReport) -> list[Flowable] | None:
    goals = report.recovery_plan
    if goals is None:
        return None
    if not goals:
        return [para("No goal of the recovery plan was open in this period.")]
    body: list[Flowable] = [
        para(
            "The goals the resident set in the house, as they stood on "
            f"{format_date(report.last)}, each with its steps.",
            spaceAfter=6,
        )
    ]
    rows: list[list[object]] = [["Area", "Goal", "Set", "By", "State"]]
    for goal in goals:
        rows.append(_plan_row(goal))
    body.append(grid(rows, (0.16, 0.42, 0.13, 0.13, 0.16)))
    return body


def _plan_row(goal: PlanLine) -> list[object]:
    state = goal.state + (f" {format_date(goal.closed_on)}" if goal.closed_on else "")
    state += f": {goal.close_note}" if goal.close_note else ""
    lines = [escape(goal.what)]
    if goal.helper:
        lines.append(f"<i>Who helps:</i> {escape(goal.helper)}")
    for what, due, done in goal.steps:
        when = (
            f" — done {format_date(done)}" if done else (f" — by {format_date(due)}" if due else "")
        )
        mark = "☑" if done else "☐"
        lines.append(f"{mark} {escape(what)}{when}")
    target = format_date(goal.target) if goal.target else ""
    cell = Paragraph("<br/>".join(lines), style(10))
    return [para(goal.area, 10), cell, format_date(goal.set_on), target, para(state, 10)]


_SECTIONS: tuple[tuple[Category, Section], ...] = (
    (Category.STAY, _stay),
    (Category.SOBRIETY, _sobriety),
    (Category.ATTENDANCE, _attendance),
    (Category.OUTSIDE, _outside),
    (Category.CHORES, _chores),
    (Category.MENTORS, _check_ins),
    (Category.NOTES, _notes),
    (Category.RECOVERY_CAPITAL, _recovery_capital),
    (Category.RECOVERY_PLAN, _recovery_plan),
)


# -- who prepared it, and what the consent allows ----------------------------------------------


def _standing(report: ProgressReport) -> list[Flowable]:
    rows = [("Standing", report.standing.label)]
    if report.statement:
        rows.append(("In the manager's words", report.statement))
    return [KeepTogether([*heading_lines("Overall standing"), fields(rows)])]


def _prepared_by(report: ProgressReport) -> list[Flowable]:
    house = "\n".join(
        part for part in (report.house, report.house_address, report.house_phone) if part
    )
    rows = [("Name", report.prepared_by)]
    if report.preparer_role:
        rows.append(("Role", report.preparer_role))
    rows += [("House", house), ("Prepared for", recipient_text(report.consent))]
    return [KeepTogether([*heading_lines("Prepared by"), fields(rows)])]


def _scope(report: ProgressReport) -> list[Flowable]:
    consent = report.consent
    covered = [c.label for c in Category if c in consent.categories]
    rows = [
        ("Resident", report.resident),
        ("Disclosed by", report.house),
        ("Recipient", recipient_text(consent)),
        ("Purpose", consent.purpose),
        ("Information covered", "\n".join(covered)),
        ("Period", period_text(report)),
        ("Consent signed on", format_date(consent.signed_on)),
        ("Consent expires", consent.expiry or "Not stated"),
    ]
    if until := irrevocable_text(consent):
        rows.append(("Irrevocable until", until))
    rows.append(("How to revoke", consent.revoke_how))
    left_out = (
        "Information that this consent does not cover was left out of this report. "
        "The notice at the foot of each page applies to all of it:"
    )
    notice = para(report.notice, bold=True, spaceBefore=3)
    heading = heading_lines("Scope of this disclosure")
    body = [*heading, fields(rows), para(left_out, spaceBefore=6), notice, *_signature()]
    return [KeepTogether(body)]


def _signature() -> list[Flowable]:
    """The preparer signs last, under the scope: the signature vouches for all of it."""
    sign = Table(
        [
            [
                para("Preparer's signature", TEXT - 0.5, bold=True),
                "",
                para("Date", TEXT - 0.5, bold=True),
                "",
            ]
        ],
        colWidths=[LABEL, WIDTH - LABEL - 2.6 * inch, 0.8 * inch, 1.8 * inch],
        rowHeights=[34],
    )
    sign.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, GRID),
                ("INNERGRID", (0, 0), (-1, -1), 0.4, GRID),
                ("BACKGROUND", (0, 0), (0, 0), SHADE),
                ("BACKGROUND", (2, 0), (2, 0), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return [Spacer(1, 10), sign]
