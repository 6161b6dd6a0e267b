"""Home: this week at a glance. Later areas add their own cards."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget
from residence.changes import Area, Changes
from residence.chores.records import DayChore, SignOff
from residence.dates import format_date
from residence.home import HomeSummary
from residence.meetings.glance import MeetingsGlance
from residence.residents.records import Status
from residence.workspace import Workspace

from ui.events import AppEvents
from ui.pages.freshness import Freshness
from ui.widgets.form import error_colour

NAME_CHARS = 48
SHOWN = 8  # lines in a list on a card before "and N more"


class Card(QFrame):
    """A titled box of text on the Home page."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(f"<b>{escape(title)}</b>")
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.body.setOpenExternalLinks(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.body, 1)

    def set_html(self, html: str) -> None:
        self.body.setText(html)


class HomePage(QWidget):
    resident_chosen = Signal(int)

    def __init__(self, services: Workspace, events: AppEvents) -> None:
        super().__init__()
        self.services = services
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.heading.setFont(font)
        self.census = Card(self.tr("Census"))
        self.moves = Card(self.tr("Moved in or out lately"))
        self.milestones = Card(self.tr("Sobriety milestones this week"))
        self.meetings = Card(self.tr("Meetings"))
        self.action_items = Card(self.tr("Open action items"))
        self.mentors = Card(self.tr("Mentors"))
        self.consents = Card(self.tr("Consents"))
        self.recovery = Card(self.tr("Recovery capital (BARC-10) due"))
        self.chores_today = Card(self.tr("Chores today"))
        self.chores_unsigned = Card(self.tr("Yesterday's chores not signed off"))
        for card in (self.moves, self.milestones, self.mentors, self.consents, self.recovery):
            card.body.linkActivated.connect(self._open_link)
        grid = QGridLayout()
        grid.addWidget(self.census, 0, 0)
        grid.addWidget(self.milestones, 0, 1)
        grid.addWidget(self.moves, 1, 0)
        grid.addWidget(self.chores_unsigned, 1, 1)
        grid.addWidget(self.meetings, 2, 0)
        grid.addWidget(self.chores_today, 2, 1)
        grid.addWidget(self.action_items, 3, 0)
        grid.addWidget(self.mentors, 3, 1)
        grid.addWidget(self.consents, 4, 0, 1, 2)
        grid.addWidget(self.recovery, 5, 0, 1, 2)
        grid.setRowStretch(6, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(grid, 1)
        events.data_changed.connect(self._on_changed)
        self.freshness = Freshness(self, self.reload)  # read when opened

    def _open_link(self, href: str) -> None:
        # Links are "person:<id>": open that resident's file.
        self.resident_chosen.emit(int(href.removeprefix("person:")))

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(
            Area.RESIDENTS,
            Area.HOUSE,
            Area.CHORES,
            Area.MEETINGS,
            Area.MENTORS,
            Area.CONSENTS,
            Area.RECOVERY,
        ):
            self.freshness.changed()

    def reload(self) -> None:
        _TOLD_APART.clear()
        _TOLD_APART.update(self.services.queries.names(Status.ALL))
        summary = self.services.home.summary()
        last = summary.week_first.toordinal() + 6
        self.heading.setText(
            self.tr("This week: {first} – {last}").format(
                first=format_date(summary.week_first),
                last=format_date(summary.week_first.fromordinal(last)),
            )
        )
        self.census.set_html(_census(summary))
        self.moves.set_html(_moves(summary))
        self.milestones.set_html(_milestones(summary))
        glance = self.services.meetings_glance(summary.today, summary.week_first)
        self.meetings.set_html(_meetings(glance, summary.today))
        self.action_items.set_html(_action_items(glance, summary.today))
        self.mentors.set_html(_mentors(self.services))
        self.consents.set_html(_consents(self.services))
        self.recovery.set_html(_recovery(self.services))
        today, unsigned = self.services.weeks.today_and_yesterday()
        self.chores_today.set_html(
            _chores(today, "No chores today: generate the week on the Chores page.")
        )
        self.chores_unsigned.set_html(_chores(unsigned, "All signed off."))


def _census(summary: HomeSummary) -> str:
    c = summary.census
    html = (
        f"<p style='font-size:x-large'><b>{c.occupied}</b> of {c.beds} beds filled"
        f" · <b>{c.free}</b> free</p><p>{c.residents} residents living in the house</p>"
    )
    unassigned = c.residents - c.occupied
    if unassigned > 0:
        html += f"<p>{unassigned} without a bed assigned</p>"
    return html


def _moves(summary: HomeSummary) -> str:
    if not summary.recent_moves:
        return "<p>No moves in the last two weeks.</p>"
    rows = []
    for move in summary.recent_moves:
        what = "moved in" if move.moved_in else "moved out"
        reason = f" ({escape(move.reason.label)})" if move.reason else ""
        rows.append(
            f"<li>{format_date(move.on)}: {_link(move.person_id, move.name)} {what}{reason}</li>"
        )
    return f"<ul>{''.join(rows)}</ul>"


def _milestones(summary: HomeSummary) -> str:
    if not summary.milestones:
        return "<p>No milestones this week.</p>"
    rows = []
    for m in summary.milestones:
        when = "today" if m.on == summary.today else format_date(m.on)
        rows.append(f"<li><b>{escape(m.label)}</b>: {_link(m.person_id, m.name)} — {when}</li>")
    return f"<ul>{''.join(rows)}</ul>"


def _meetings(glance: MeetingsGlance, today: date) -> str:
    """Next house meeting, the missed-week warning (a recovery-residence standard), and who
    is falling behind on outside meetings."""
    parts = []
    if (nxt := glance.next_house_meeting) is not None:
        when = "today" if nxt.day == today else f"{nxt.day:%A} {format_date(nxt.day)}"
        parts.append(f"<p>Next house meeting: <b>{when}, {nxt.start_time:%H:%M}</b></p>")
    if glance.no_meeting_last_week:
        parts.append(
            "<p><b>⚠ No house meeting was recorded last week.</b> Take its attendance "
            "on the Meetings page if it happened.</p>"
        )
    if glance.behind:
        names = _names_list([f"{escape(q.name)} ({q.count} of {q.quota})" for q in glance.behind])
        parts.append(f"<p>Can't make this week's outside-meeting quota at one a day: {names}</p>")
    if glance.short_last_week:
        names = _names_list([escape(q.name) for q in glance.short_last_week])
        parts.append(f"<p>Short of the quota last week: {names}</p>")
    if glance.calendar_empty:
        return "<p>No meetings on the calendar: add the house meeting on the Meetings page.</p>"
    return "".join(parts) or "<p>Everyone is on track.</p>"


def _action_items(glance: MeetingsGlance, today: date) -> str:
    """The open action items from the house meetings, overdue ones first and marked."""
    if not glance.open_items:
        return "<p>None open.</p>"
    overdue = {item.id for item in glance.overdue}
    ordered = sorted(glance.open_items, key=lambda i: (i.id not in overdue, i.due or date.max))
    rows = []
    for item in ordered[:SHOWN]:
        due = ""
        if item.due is not None:
            due = f" — due {format_date(item.due)}"
            if item.id in overdue:
                # The theme's red (readable on a dark one too), and a sign besides the colour.
                due = (
                    f" — <b style='color:{error_colour()}'>⚠ overdue since "
                    f"{format_date(item.due)}</b>"
                )
        rows.append(f"<li>{escape(_cut(item.what))} ({escape(item.who)}){due}</li>")
    more = len(ordered) - SHOWN
    tail = f"<p>and {more} more on the Meetings page.</p>" if more > 0 else ""
    return f"<ul>{''.join(rows)}</ul>{tail}"


def _mentors(services: Workspace) -> str:
    """Mentees waiting for a mentor (saying whose mentor moved out), overdue check-ins, and
    mentors over capacity after a rule change."""
    parts = []
    waiting = services.mentors.unpaired()
    if waiting:
        names = []
        for person in waiting:
            lost = ""
            if person.lost_mentor_on is not None:
                lost = f" (mentor moved out {format_date(person.lost_mentor_on)})"
            names.append(_link(person.person_id, person.name) + escape(lost))
        parts.append(f"<p>Waiting for a mentor: {_names_list(names)}</p>")
    overdue = services.mentors.overdue()
    if overdue:
        pairs = [
            f"{escape(p.mentor_name)} → {escape(p.mentee)} (due {format_date(p.due)})"
            for p in overdue
            if p.due is not None
        ]
        parts.append(f"<p><b>Check-in overdue:</b> {_names_list(pairs)}</p>")
    over = services.mentors.over_capacity()
    if over:
        names = [f"{escape(o.name)} ({o.load} of at most {o.most})" for o in over]
        parts.append(f"<p>More mentees than the rules allow: {_names_list(names)}</p>")
    return "".join(parts) or "<p>Every pair is checking in; nobody is waiting.</p>"


def _consents(services: Workspace) -> str:
    """Consents running out within 30 days, and residents with a case manager but no consent
    in force (no progress report can go to them)."""
    parts = []
    expiring = services.consents.expiring()
    if expiring:
        lines = [
            f"{_link(r.info.person_id, r.resident)} → {escape(r.info.recipient)} "
            f"({escape(r.status_text[:1].lower() + r.status_text[1:])})"  # "expires 14 Dec 2026"
            for r in expiring
        ]
        parts.append(f"<p><b>Expiring within 30 days:</b> {_names_list(lines)}</p>")
    missing = services.consents.without_consent()
    if missing:
        names = [_link(person_id, name) for person_id, name in missing]
        parts.append(f"<p>Have a case manager but no consent in force: {_names_list(names)}</p>")
    return "".join(parts) or "<p>Every consent on file is in force for a while yet.</p>"


def _recovery(services: Workspace) -> str:
    """Residents whose BARC-10 is overdue, then those due within the week."""
    parts = []
    due = services.recovery.due()
    for overdue, heading in ((True, "<b>Overdue:</b>"), (False, "Due within a week:")):
        names = [
            f"{_link(d.person_id, d.name)} ({d.checkpoint.label}, {format_date(d.checkpoint.on)})"
            for d in due
            if d.overdue is overdue
        ]
        if names:
            parts.append(f"<p>{heading} {_names_list(names)}</p>")
    return "".join(parts) or "<p>No BARC-10 is due this week.</p>"


def _names_list(names: list[str]) -> str:
    shown = ", ".join(names[:SHOWN])
    more = len(names) - SHOWN
    return f"{shown} and {more} more" if more > 0 else shown


def _cut(text: str) -> str:
    return text if len(text) <= NAME_CHARS * 2 else text[: NAME_CHARS * 2 - 1] + "…"


def _chores(chores: list[DayChore], empty: str) -> str:
    if not chores:
        return f"<p>{escape(empty)}</p>"
    marks = {
        SignOff.DONE: " ✓",
        SignOff.MISSED: " ✗",
        SignOff.EXCUSED: " (excused)",
        SignOff.COVERED: " (covered)",
    }
    cells = "".join(
        f"<tr><td style='padding-right:16px'>{escape(c.chore)}</td>"
        f"<td>{escape(c.person or 'nobody')}{marks.get(c.status, '')}</td></tr>"
        for c in chores
    )
    return f"<table>{cells}</table>"


# The names of the house as its choosers give them, two people of one name told apart (by year
# of birth or record): set each time Home is read, so that its links tell them apart too.
_TOLD_APART: dict[int, str] = {}


def _link(person_id: int, name: str) -> str:
    told = _TOLD_APART.get(person_id, name)
    apart = told[len(name) :] if told != name and told.startswith(name) else ""
    # A very long name would stretch the card (rich text can't elide): cut it.
    shown = name if len(name) <= NAME_CHARS else name[: NAME_CHARS - 1] + "…"
    return f"<a href='person:{person_id}'>{escape(shown + apart)}</a>"
