"""One resident's file as readable HTML: details, contacts, and every stay's history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from residence.dates import format_date
from residence.mentors.records import Pair
from residence.recovery.records import (
    MOST,
    REMISSION_LINE,
    Assessment,
    Checkpoint,
    Goal,
    GoalState,
    SupportContact,
)
from residence.residents.records import PersonDetails, ResidentDetail, StayRecord
from residence.resources.records import Shared

CHART = "chart:recovery-capital"  # the picture of the BARC-10 totals, given to the document


@dataclass(frozen=True)
class Capital:
    """A resident's BARC-10s, oldest first, and when the next is due (None: not living here);
    their plan and their support network."""

    taken: Sequence[Assessment] = ()
    next_due: Checkpoint | None = None
    plan: Sequence[Goal] = ()  # the latest stay's goals
    network: Sequence[SupportContact] = ()
    shared: Sequence[Shared] = ()  # resources their mentors shared, newest first


def resident_html(
    resident: ResidentDetail, pairs: Sequence[Pair] = (), capital: Capital | None = None
) -> str:
    """The file; ``pairs`` are the mentor assignments the resident was in, newest first;
    ``capital``, their BARC-10s (the chart is the document's ``CHART`` image)."""
    d = resident.details
    parts = [f"<h2>{escape(d.display_name)}</h2>", _summary(resident)]
    parts.append(_section("Contact", [("Phone", d.phone), ("Email", d.email)]))
    parts.append(
        _section(
            "Emergency contact",
            [
                ("Name", d.emergency_name),
                ("Relationship", d.emergency_relation),
                ("Phone", d.emergency_phone),
            ],
        )
    )
    parts.append(_section("Case manager", _case_manager(d)))
    parts.append(
        _section(
            "Probation / parole officer",
            [("Officer", d.probation_officer), ("Phone", d.probation_phone)],
        )
    )
    parts.append(_section("Sponsor", [("Name", d.sponsor_name), ("Phone", d.sponsor_phone)]))
    if capital is not None and capital.network:
        parts.append(_network(capital.network))
    parts.append(_mentoring(resident.person_id, pairs))
    if capital is not None and capital.shared:
        parts.append(_shared(capital.shared))
    if capital is not None:
        parts.append(_plan(capital.plan, resident.current_stay is not None))
        parts.append(_capital(capital, resident.current_stay is not None))
    born = format_date(d.date_of_birth) if d.date_of_birth else ""
    parts.append(
        _section("Other", [("Date of birth", born), ("Employment or school", d.employment)])
    )
    if d.notes:
        parts.append(f"<h3>Notes</h3><p>{_lines(d.notes)}</p>")
    parts.append(f"<h3>Stays ({len(resident.stays)})</h3>")
    parts.extend(_stay(stay) for stay in reversed(resident.stays))
    return "".join(parts)


def _summary(resident: ResidentDetail) -> str:
    stay = resident.current_stay
    facts = []
    if stay is not None:
        bed = stay.current_bed
        facts.append(f"In {escape(bed.bed)}" if bed else "No bed assigned")
        facts.append(escape(stay.current_phase))
        facts.append(f"since {format_date(stay.move_in)}")
    else:
        last = resident.stays[-1] if resident.stays else None
        if last is not None and last.move_out is not None:
            facts.append(f"Former resident: moved out {format_date(last.move_out)}")
    line = " · ".join(f for f in facts if f)
    sober = ""
    if resident.days_sober is not None and stay is not None:
        sober = f"<p><b>{resident.days_sober} days sober</b>"
        if resident.next_milestone is not None:
            m = resident.next_milestone
            reached_today = resident.details.sobriety_date is not None and (
                (m.on - resident.details.sobriety_date).days == resident.days_sober
            )
            when = "today" if reached_today else format_date(m.on)
            sober += f" · next milestone: {escape(m.label)} on {when}"
        sober += "</p>"
    return f"<p>{line}</p>{sober}"


def _case_manager(d: PersonDetails) -> list[tuple[str, str]]:
    return [
        ("Name", d.case_manager_name),
        ("Organisation", d.case_manager_org),
        ("Phone", d.case_manager_phone),
        ("Email", d.case_manager_email),
    ]


def _mentoring(person_id: int, pairs: Sequence[Pair]) -> str:
    """Their house mentor now, who they mentor now, and how many pairs before."""
    rows = []
    for pair in pairs:
        if pair.ended is not None:
            continue
        last = format_date(pair.last_check_in) if pair.last_check_in else "none yet"
        late = " — check-in overdue" if pair.overdue else ""
        since = f"since {format_date(pair.started)}, last check-in {last}{late}"
        if pair.mentee_id == person_id:
            rows.append(("Mentor", f"{pair.mentor_name} ({pair.role.label}), {since}"))
        else:
            rows.append(("Mentors", f"{pair.mentee}, {since}"))
    earlier = sum(p.ended is not None for p in pairs)
    if earlier:
        rows.append(("Earlier", f"{earlier} ended pairs (Mentors page, History)"))
    return _section("Peer mentoring", rows)


def _shared(shared: Sequence[Shared]) -> str:
    """The latest ten: what they have been pointed to lately."""
    items = "".join(
        f"<li>{format_date(s.day)}: {escape(s.resource)} ({escape(s.kind.label.lower())}), "
        f"from {escape(s.mentor)}</li>"
        for s in shared[:10]
    )
    more = f"<p style='color:gray'>and {len(shared) - 10} earlier</p>" if len(shared) > 10 else ""
    return f"<h3>Resources shared at check-ins</h3><ul>{items}</ul>{more}"


def _network(contacts: Sequence[SupportContact]) -> str:
    rows = []
    for contact in contacts:
        may = "yes" if contact.may_contact else "no"
        rows.append(
            f"<tr><td>{escape(contact.draft.name)}</td><td>{escape(contact.described)}</td>"
            f"<td>{escape(contact.draft.phone)}</td>"
            f"<td title='{escape(contact.contact_rule)}'>{may}</td></tr>"
        )
    head = "<tr><th align=left>Name</th><th align=left>Who</th><th align=left>Phone</th>"
    head += "<th align=left>House may call</th></tr>"
    note = (
        "<p style='color:gray'>The house calls someone about a resident only under a consent "
        "naming them, while it is in force.</p>"
    )
    table = f"<table cellpadding=2>{head}{''.join(rows)}</table>"
    return f"<h3>Support network</h3>{table}{note}"


def _plan(goals: Sequence[Goal], here: bool) -> str:
    """The stay's goals, each with who helps and by when, and its steps ticked when done."""
    if not goals and not here:
        return ""
    html = ["<h3>Recovery plan</h3>"]
    if not goals:
        html.append("<p style='color:gray'>No goals set yet.</p>")
    for goal in goals:
        closed = ""
        if goal.closed_on is not None:
            closed = f" — {'met' if goal.state is GoalState.MET else 'set aside'} "
            closed += format_date(goal.closed_on)
            closed += f": {goal.close_note}" if goal.close_note else ""
        facts = [f"who helps: {goal.helper}"] if goal.helper else []
        facts += [f"by {format_date(goal.target)}"] if goal.target else []
        html.append(
            f"<p><span style='color:gray'>{escape(goal.area.label)}</span><br>"
            f"<b>{escape(goal.what)}</b>{escape(closed)}"
            + (f"<br>{escape('; '.join(facts))}" if facts else "")
            + "</p><ul>"
        )
        for step in goal.steps:
            when = (
                f"done {format_date(step.done_on)}" if step.done_on
                else (f"by {format_date(step.due)}" if step.due else "")
            )  # fmt: skip
            mark = "✓" if step.done_on else "☐"
            html.append(f"<li>{mark} {escape(step.what)}{' — ' + when if when else ''}</li>")
        html.append("</ul>")
    return "".join(html)


def _short(text: str) -> str:
    """A question in a few words: the file lists many sheets."""
    return f"“{text}”" if len(text) <= 40 else f"“{text[:39].rstrip()}…”"


def _capital(capital: Capital, here: bool) -> str:
    """The chart of totals, then each sheet (a withdrawn one struck through, with why)."""
    if not capital.taken and not here:
        return ""
    html = ["<h3><a name='capital'></a>Recovery capital (BARC-10)</h3>"]
    if capital.next_due is not None:
        html.append(
            f"<p>Next due {escape(capital.next_due.label)}: {format_date(capital.next_due.on)}</p>"
        )
    if not capital.taken:
        html.append("<p style='color:gray'>No BARC-10 on file yet.</p>")
        return "".join(html)
    html.append(
        f"<p><img src='{CHART}'><br><span style='color:gray'>Dashed line: {REMISSION_LINE}, "
        "the level the research associates with sustained remission.</span></p><table>"
    )
    for sheet in reversed(capital.taken):
        reached = sheet.counts and sheet.total >= REMISSION_LINE  # a withdrawn one reaches nothing
        total = f"{sheet.total} of {MOST}" + (" ✓" if reached else "")
        how = " (printed sheet)" if sheet.on_paper else ""
        row = f"{format_date(sheet.taken_on)}</td><td>{total}{how}"
        if not sheet.counts:
            row = f"<s>{row}</s> — withdrawn: {escape(sheet.withdrawn_why)}"
        html.append(f"<tr><td style='padding-right:12px'>{row}</td></tr>")
        if sheet.answers:
            given = "; ".join(f"{_short(text)} {score}" for text, score in sheet.answers)
            html.append(
                f"<tr><td></td><td style='color:gray'>The house's questions: "
                f"{escape(given)}</td></tr>"
            )
    html.append("</table>")
    if any(s.total >= REMISSION_LINE for s in capital.taken if s.counts):
        html.append(f"<p style='color:gray'>✓ at or above {REMISSION_LINE}.</p>")
    return "".join(html)


def _section(title: str, rows: list[tuple[str, str]]) -> str:
    filled = [(label, value) for label, value in rows if value]
    if not filled:
        return ""
    cells = "".join(
        f"<tr><td style='color:gray;padding-right:12px'>{escape(label)}</td>"
        f"<td>{escape(value)}</td></tr>"
        for label, value in filled
    )
    return f"<h3>{escape(title)}</h3><table>{cells}</table>"


def _stay(stay: StayRecord) -> str:
    end = format_date(stay.move_out) if stay.move_out else "now"
    html = [f"<p><b>{format_date(stay.move_in)} – {end}</b>"]
    if stay.referral_source:
        html.append(f"<br>Referred by {escape(stay.referral_source)}")
    if stay.discharge_reason is not None:
        html.append(f"<br>Discharge: {escape(stay.discharge_reason.label)}")
        if stay.discharge_note:
            html.append(f" — {_lines(stay.discharge_note)}")
    html.append("</p><ul>")
    for phase in stay.phases:
        note = f" — {_lines(phase.note)}" if phase.note else ""
        html.append(f"<li>{format_date(phase.start)}: {escape(phase.phase)}{note}</li>")
    for bed in stay.beds:
        until = f" to {format_date(bed.end)}" if bed.end else ""
        html.append(f"<li>{format_date(bed.start)}{until}: bed {escape(bed.bed)}</li>")
    html.append("</ul>")
    for a in stay.amendments:
        html.append(
            f"<p style='color:gray'>Amended {a.amended_at:%d %b %Y %H:%M} "
            f"by {escape(a.amended_by)}: "
            f"was {format_date(a.old_move_out)}, {escape(a.old_reason.label)}; "
            f"now {format_date(a.new_move_out)}, {escape(a.new_reason.label)}. "
            f"Why: {_lines(a.why)}</p>"
        )
    return "".join(html)


def _lines(text: str) -> str:
    return escape(text).replace("\n", "<br>")
