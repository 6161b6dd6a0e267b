"""Which house a session works in.

A database holds one house or several (an operator's, on a server or in one file). The records
of a house carry its ``house_id`` (``orm.HouseOwned``); a person's file is the operator's and
is seen by each house through its stays. A session is scoped to the houses it may see: every
ORM query it runs gets their filter (so the services never name a house), and every record it
adds is stamped with the house it works in. On a server, row-level security keeps the same
rule whoever connects (``server_rules.house_policies``); this is what keeps the houses of one
file apart, and the window's pages to one house.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from sqlalchemy import event, or_, select
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria

from residence.db import orm
from residence.errors import NotFound
from residence.text_rules import sort_key

HOUSE, VISIBLE, FILTER = "house", "visible_houses", "house_filter"


def scope(session: Session, house: int | None, also: tuple[int, ...] = ()) -> None:
    """``session`` works in ``house`` and sees it and ``also`` (a transfer sees both ends);
    ``house`` None: every house (before the first is set up, or for a look over them all)."""
    session.info[HOUSE] = house
    _see(session, None if house is None else (house, *also))
    event.listen(session, "do_orm_execute", _only_visible_houses)
    event.listen(session, "before_flush", _stamp_house)


def names(session: Session) -> list[tuple[int, str]]:
    """Every house ``session`` sees, by name."""
    rows = session.execute(select(orm.House.id, orm.House.name))
    # Sorted here, not by the database: the same order on every engine and collation.
    return sorted(((int(h), str(name)) for h, name in rows), key=lambda row: sort_key(row[1]))


def find(session: Session, wanted: str) -> int:
    """The house called ``wanted`` (as typed: case and spaces don't matter), or its number."""
    known = names(session)
    typed = " ".join(wanted.split()).casefold()
    for house, name in known:
        if " ".join(name.split()).casefold() == typed or typed == str(house):
            return house
    listed = ", ".join(name for _, name in known) or "none yet"
    raise NotFound(f"There is no house called “{wanted.strip()}” here. The houses: {listed}.")


def names_everywhere(session: Session) -> list[tuple[int, str]]:
    """Every house, whatever the houses ``session`` sees (a new house's name must differ
    from them all)."""
    query = select(orm.House.id, orm.House.name).execution_options(every_house=True)
    return [(int(house), str(name)) for house, name in session.execute(query)]


def enter(session: Session, house: int) -> None:
    """From now on ``session`` works in ``house`` (one it has just added) and sees it."""
    visible = session.info.get(VISIBLE)
    session.info[HOUSE] = house
    if visible is not None:
        _see(session, (*visible, house))


def _see(session: Session, visible: tuple[int, ...] | None) -> None:
    """The houses ``session`` sees, and the filter its queries get (made once: every query
    of the session takes the same)."""
    session.info[VISIBLE] = visible
    session.info[FILTER] = None if visible is None else _filter(visible)


@contextmanager
def only(session: Session, house: int) -> Iterator[None]:
    """For a moment, ``session`` sees ``house`` alone (a transfer's session sees both ends:
    what the other areas do when the stay here ends must touch nothing there)."""
    before = session.info.get(VISIBLE)
    _see(session, (house,))
    try:
        yield
    finally:
        _see(session, before)


def house_of(session: Session) -> int:
    """The house ``session`` works in; one is always chosen before anything is written."""
    house = session.info.get(HOUSE)
    if house is None:  # before the first-run set-up, or a role given no house
        raise NotFound("The house isn't set up yet: start the app once to set it up.")
    return int(house)


def this_house(session: Session) -> orm.House | None:
    house = session.info.get(HOUSE)
    return None if house is None else session.get(orm.House, house)


def _only_visible_houses(state: ORMExecuteState) -> None:
    houses_filter = state.session.info.get(FILTER)
    if houses_filter is None or not (state.is_select or state.is_update or state.is_delete):
        return
    if state.execution_options.get("every_house"):
        return
    state.statement = state.statement.options(*houses_filter)


@lru_cache(maxsize=64)
def _filter(visible: tuple[int, ...]) -> tuple[Any, ...]:
    """The options every query of a session that sees ``visible`` gets: made once per set of
    houses (they are immutable), not for every session."""
    if len(visible) == 1:  # the usual session: one house, a plain comparison (cheaper than IN)
        (house,) = visible
        owned = with_loader_criteria(
            orm.HouseOwned, lambda cls: cls.house_id == house, include_aliases=True
        )
    else:
        owned = with_loader_criteria(
            orm.HouseOwned, lambda cls: cls.house_id.in_(visible), include_aliases=True
        )
    return (
        owned,
        with_loader_criteria(orm.House, _among(orm.House.id, visible), include_aliases=True),
        with_loader_criteria(orm.Person, _people_of(visible), include_aliases=True),
        with_loader_criteria(orm.CaseManager, _case_managers_of(visible), include_aliases=True),
    )


def _among(column: Any, visible: tuple[int, ...]) -> Any:
    """``column`` is one of the ``visible`` houses (an equality for one: cheaper than IN)."""
    return column == visible[0] if len(visible) == 1 else column.in_(visible)


def _case_managers_of(visible: tuple[int, ...]) -> Any:
    """The case managers a house sees: those it recorded, and those its people or consents
    name (a transferred resident's)."""
    named_by_people = select(orm.Person.case_manager_id).where(_people_of(visible))
    named_by_consents = select(orm.Consent.case_manager_id).where(
        _among(orm.Consent.house_id, visible)
    )
    return or_(
        _among(orm.CaseManager.house_id, visible),
        orm.CaseManager.id.in_(named_by_people),
        orm.CaseManager.id.in_(named_by_consents),
    )


def _people_of(visible: tuple[int, ...]) -> Any:
    """The people a house sees: those it took in, and those who have stayed in it."""
    stayed = select(orm.Stay.person_id).where(_among(orm.Stay.house_id, visible))
    return or_(_among(orm.Person.house_id, visible), orm.Person.id.in_(stayed))


def _stamp_house(session: Session, _context: object, _instances: object) -> None:
    """New records belong to the session's house unless they say another (a transfer's
    second stay names its house)."""
    visible = session.info.get(VISIBLE)
    for record in session.new:
        if not hasattr(record, "house_id"):
            continue
        if record.house_id is None:
            record.house_id = house_of(session)
        elif visible is not None and record.house_id not in visible:
            raise NotFound("That house isn't one this window works in; nothing was saved.")
