"""Who made a change: the manager named in the settings, and the computer's user."""

from __future__ import annotations

import getpass

from sqlalchemy import select
from sqlalchemy.orm import Session

from residence.db import orm
from residence.db.houses import house_of


def who_changed(session: Session) -> str:
    manager = (
        session.scalar(select(orm.House.manager_name).where(orm.House.id == house_of(session)))
        or ""
    )
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown user"
    return f"{manager} ({user})" if manager else user
