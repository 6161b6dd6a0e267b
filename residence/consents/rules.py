"""A consent's status on a day, and why a report can't be made under it: pure functions."""

from __future__ import annotations

from datetime import date, timedelta

from residence.consents.records import ConsentInfo, ConsentStatus
from residence.dates import format_date

EXPIRING_DAYS = 30


def status(consent: ConsentInfo, today: date) -> ConsentStatus:
    return status_of(consent.revoked_on, consent.ended_by_event, consent.expires_on, today)


def status_of(
    revoked_on: date | None, ended_by_event: bool, expires_on: date | None, today: date
) -> ConsentStatus:
    """``status`` from the three facts it rests on (another area reading a consent's row)."""
    if revoked_on is not None and revoked_on <= today:
        return ConsentStatus.ENDED if ended_by_event else ConsentStatus.REVOKED
    if expires_on is not None and expires_on < today:
        return ConsentStatus.EXPIRED
    if expires_on is not None and expires_on <= today + timedelta(days=EXPIRING_DAYS):
        return ConsentStatus.EXPIRING
    return ConsentStatus.ACTIVE


def status_text(consent: ConsentInfo, today: date) -> str:
    """The status with its date, as the list and the refusals say it."""
    state = status(consent, today)
    if state is ConsentStatus.REVOKED and consent.revoked_on is not None:
        how = f" ({consent.revoked_how})" if consent.revoked_how else ""
        return f"Revoked on {format_date(consent.revoked_on)}{how}"
    if state is ConsentStatus.ENDED and consent.revoked_on is not None:
        return f"Ended on {format_date(consent.revoked_on)}: {consent.expiry_event}"
    if state is ConsentStatus.EXPIRED and consent.expires_on is not None:
        return f"Expired on {format_date(consent.expires_on)}"
    if consent.expires_on is not None:
        return f"Expires {format_date(consent.expires_on)}"
    return f"Until {consent.expiry_event}"


def why_refused(consent: ConsentInfo, today: date) -> str:
    """Why no report may be disclosed under ``consent`` today; "" when one may."""
    if status(consent, today).allows:
        return ""
    return f"The consent to {consent.recipient} is not in force: {status_text(consent, today)}."


def revocable(consent: ConsentInfo, on: date, event_happened: bool = False) -> str:
    """Why ``consent`` can't be revoked on ``on`` (court-ordered placements); "" when it can.

    Irrevocable until a date, or an event, or both: whichever comes first frees it."""
    until, event = consent.irrevocable_until, consent.irrevocable_event
    if until is None and not event:
        return ""
    if event_happened or (until is not None and on >= until):
        return ""
    if until is not None and event:
        return (
            f"This consent can't be revoked before {format_date(until)} or {event}, "
            "whichever comes first. If that has happened, say so."
        )
    if until is not None:
        return f"This consent can't be revoked before {format_date(until)}."
    return f"This consent can't be revoked until {event}. If that has happened, say so."
