"""House settings: name and contact, rooms and beds, phases, the first day of the week."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from residence.changes import Area, Changes, Done
from residence.db import houses, orm
from residence.db.database import Database
from residence.db.edits import refuse_if_changed, version, versions_of
from residence.db.houses import this_house
from residence.db.lookup import get_row
from residence.errors import Conflict, NotFound, ValidationError
from residence.house.records import (
    DEFAULT_PHASES,
    MOVE_UP_COLUMNS,
    MOVE_UP_LIMITS,
    REPORT_NAMES,
    BedInfo,
    HouseSettings,
    MoveUpRules,
    PhaseInfo,
    RoomInfo,
)
from residence.text_rules import clean, text_problem

HOUSE_CHANGED = Changes.of(Area.HOUSE)


class HouseService:
    def __init__(self, database: Database) -> None:
        self._db = database

    # -- the house ---------------------------------------------------------------------------

    def settings(self) -> HouseSettings | None:
        """The house's settings, or None while the first-run set-up hasn't happened."""
        with self._db.read() as session:
            house = this_house(session)
            return None if house is None else _settings(house)

    def houses(self) -> list[tuple[int, str]]:
        """Every house in the database (that the one who opened it may see), by name."""
        with self._db.read(every_house=True) as session:
            return houses.names(session)

    def set_up(
        self, settings: HouseSettings, rooms: Sequence[tuple[str, Sequence[str]]] = ()
    ) -> Done[HouseSettings]:
        """First run: name the house, give it the default phases and ``rooms`` (name, beds),
        and work in it from now on.

        All in one transaction: a failure leaves no half-made house behind.
        """
        with self._db.write() as session:
            if session.scalar(select(orm.House.id).limit(1)) is not None:
                raise Conflict("This house is already set up; change it in Settings.")
            house = _new_house(session, settings, rooms)
        self._db.house_id = house
        return Done(_validated(settings), HOUSE_CHANGED)

    def add_house(
        self, settings: HouseSettings, rooms: Sequence[tuple[str, Sequence[str]]] = ()
    ) -> Done[int]:
        """Another house in this database, with the default phases and ``rooms``; its number.
        The house worked in stays the same."""
        with self._db.write() as session:
            return Done(_new_house(session, settings, rooms), HOUSE_CHANGED)

    def version(self) -> int:
        """The version of the house's settings, for a save to find a change made since."""
        with self._db.read() as session:
            return version(session, "house", houses.house_of(session))

    def save_settings(
        self, settings: HouseSettings, seen: int | None = None
    ) -> Done[HouseSettings]:
        """Save the house's settings; ``seen``: the ``version`` the form was filled from, and
        Conflict if someone saved a change to them since."""
        settings = _validated(settings)
        with self._db.write() as session:
            house = this_house(session)
            if house is None:
                raise NotFound("The house isn't set up yet.")
            if seen is not None:
                refuse_if_changed(
                    session,
                    "house",
                    house.id,
                    seen,
                    called="the house's details",
                    fields=HOUSE_FORM,
                )
            if _name_taken(session, settings.name, house.id):
                raise ValidationError.single("name", _TAKEN.format(settings.name))
            for field, value in _fields(settings).items():
                setattr(house, field, value)
            _flush_named(session, settings.name)
            saved = version(session, "house", house.id)  # in the writing transaction: exact
        return Done(replace(settings, version=saved), HOUSE_CHANGED)

    # -- rooms and beds ----------------------------------------------------------------------

    def rooms(self) -> list[RoomInfo]:
        with self._db.read() as session:
            rooms = session.scalars(
                select(orm.Room)
                .options(selectinload(orm.Room.beds))
                .order_by(orm.Room.position, orm.Room.name)
            )
            return [_room(room) for room in rooms]

    def beds(self, *, include_retired: bool = False) -> list[BedInfo]:
        beds = [bed for room in self.rooms() for bed in room.beds]
        return beds if include_retired else [bed for bed in beds if not bed.retired]

    def add_room(self, name: str, bed_labels: list[str]) -> Done[RoomInfo]:
        name = _required_name("room", name)
        labels = [_required_name("bed", label) for label in bed_labels]
        if len(set(labels)) != len(labels):
            raise ValidationError.single("bed", "Two beds in one room have the same label.")
        with self._db.write() as session:
            if session.scalar(select(orm.Room.id).where(orm.Room.name == name)):
                raise ValidationError.single("room", f"There is already a room called “{name}”.")
            position = (session.scalar(select(func.max(orm.Room.position))) or 0) + 1
            room = orm.Room(name=name, position=position)
            room.beds = [orm.Bed(label=label) for label in labels]
            session.add(room)
            session.flush()
            return Done(_room(room), HOUSE_CHANGED)

    def rename_room(self, room_id: int, name: str) -> Done[None]:
        name = _required_name("room", name)
        with self._db.write() as session:
            room = get_row(session, orm.Room, room_id, "room")
            clash = session.scalar(select(orm.Room.id).where(orm.Room.name == name))
            if clash not in (None, room_id):
                raise ValidationError.single("room", f"There is already a room called “{name}”.")
            room.name = name
        return Done(None, HOUSE_CHANGED)

    def add_bed(self, room_id: int, label: str) -> Done[BedInfo]:
        label = _required_name("bed", label)
        with self._db.write() as session:
            room = get_row(session, orm.Room, room_id, "room")
            if any(bed.label == label for bed in room.beds):
                raise ValidationError.single("bed", f"{room.name} already has a bed “{label}”.")
            bed = orm.Bed(label=label, room=room)
            session.add(bed)
            session.flush()
            return Done(_bed(bed), HOUSE_CHANGED)

    def set_bed_retired(self, bed_id: int, retired: bool) -> Done[None]:
        """Take a bed out of use (or back): it stays in the history of who slept there."""
        with self._db.write() as session:
            bed = get_row(session, orm.Bed, bed_id, "bed")
            if retired and _bed_occupied(session, bed_id):
                raise Conflict(
                    f"{bed.room.name} · {bed.label} is occupied. Move the resident first."
                )
            bed.retired = retired
        return Done(None, HOUSE_CHANGED)

    # -- phases ------------------------------------------------------------------------------

    def phases(self) -> list[PhaseInfo]:
        with self._db.read() as session:
            # The versions first: a change saved between the two reads is then refused at the
            # save, never taken as seen (on a server each statement sees the newest commits).
            versions = versions_of(session, "phase")
            rows = session.scalars(select(orm.Phase).order_by(orm.Phase.position))
            return [_phase(row, versions.get(row.id)) for row in rows]

    def save_phase(self, phase: PhaseInfo) -> Done[PhaseInfo]:
        """Add a phase (``id`` None, placed last) or change one: Conflict if its details were
        changed since it was read (``version``; a move in the order doesn't count)."""
        phase = _validated_phase(phase)
        with self._db.write() as session:
            clash = session.scalar(select(orm.Phase.id).where(orm.Phase.name == phase.name))
            if clash is not None and clash != phase.id:
                raise ValidationError.single("name", f"There is already a phase “{phase.name}”.")
            if phase.id is None:
                last = session.scalar(select(func.max(orm.Phase.position))) or 0
                row = _phase_row(replace(phase, position=last + 1))
                session.add(row)
            else:
                row = get_row(session, orm.Phase, phase.id, "phase")
                called = f"the phase “{row.name}”"
                refuse_if_changed(
                    session, "phase", row.id, phase.version, called=called, fields=PHASE_FORM
                )
                row.name, row.curfew = phase.name, phase.curfew
                row.weekly_meetings, row.description = phase.weekly_meetings, phase.description
                _set_move_up(row, phase.move_up)
            session.flush()
            return Done(_phase(row, version(session, "phase", row.id)), HOUSE_CHANGED)

    def move_phase(self, phase_id: int, step: int) -> Done[None]:
        """Move a phase up (step -1) or down (+1) in the order."""
        with self._db.write() as session:
            ordered = list(session.scalars(select(orm.Phase).order_by(orm.Phase.position)))
            index = next((i for i, p in enumerate(ordered) if p.id == phase_id), None)
            if index is None:
                raise NotFound("That phase no longer exists.")
            other = index + step
            if not 0 <= other < len(ordered):
                return Done(None, Changes.of())
            ordered[index], ordered[other] = ordered[other], ordered[index]
            # Positions are unique: park them out of the way before renumbering.
            for row in ordered:
                row.position = -row.position - 1000
            session.flush()
            for position, row in enumerate(ordered, start=1):
                row.position = position
        return Done(None, HOUSE_CHANGED)


_TAKEN = "There is already a house called “{}” here: give each house its own name."


def _new_house(
    session: Session, settings: HouseSettings, rooms: Sequence[tuple[str, Sequence[str]]]
) -> int:
    settings = _validated(settings)
    rooms = [
        (_required_name("room", n), [_required_name("bed", b) for b in beds]) for n, beds in rooms
    ]
    if _name_taken(session, settings.name, None):
        raise ValidationError.single("name", _TAKEN.format(settings.name))
    house = orm.House(**_fields(settings))
    session.add(house)
    _flush_named(session, settings.name)
    houses.enter(session, house.id)  # its phases and rooms are its own
    for phase in DEFAULT_PHASES:
        session.add(_phase_row(phase))
    for position, (name, labels) in enumerate(rooms, start=1):
        room = orm.Room(name=name, position=position)
        room.beds = [orm.Bed(label=label) for label in labels]
        session.add(room)
    session.flush()
    return house.id


def _flush_named(session: Session, name: str) -> None:
    """Write the house's name; one taken by a house this role can't see (on a server) is
    refused by the database, and said the same way."""
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError:
        raise ValidationError.single("name", _TAKEN.format(name)) from None


def _name_taken(session: Session, name: str, house: int | None) -> bool:
    """Whether another house (than ``house``) is called ``name``, case and spaces aside."""
    typed = " ".join(name.split()).casefold()
    return any(
        " ".join(other.split()).casefold() == typed
        for number, other in houses.names_everywhere(session)
        if number != house
    )


def _settings(house: orm.House) -> HouseSettings:
    return HouseSettings(
        name=house.name,
        address=house.address,
        phone=house.phone,
        manager_name=house.manager_name,
        week_starts_on=house.week_starts_on,
        manager_role=house.manager_role,
        report_names=house.report_names,
    )


# What the house's details write: the notice and the mentor rules, on the same record, are
# saved on their own and don't clash with them.
HOUSE_FORM = (
    "name", "address", "phone", "manager_name", "week_starts_on", "manager_role", "report_names"
)  # fmt: skip


def _fields(settings: HouseSettings) -> dict[str, object]:
    return {
        "name": settings.name,
        "address": settings.address,
        "phone": settings.phone,
        "manager_name": settings.manager_name,
        "week_starts_on": settings.week_starts_on,
        "manager_role": settings.manager_role,
        "report_names": settings.report_names,
    }


def _validated(settings: HouseSettings) -> HouseSettings:
    cleaned = HouseSettings(
        name=clean(settings.name),
        address=clean(settings.address),
        phone=clean(settings.phone),
        manager_name=clean(settings.manager_name),
        week_starts_on=settings.week_starts_on,
        manager_role=clean(settings.manager_role),
        report_names=settings.report_names,
    )
    errors: dict[str, str] = {}
    if not cleaned.name:
        errors["name"] = "Give the house a name (it is printed on every page)."
    limits = {"name": 200, "address": 4000, "phone": 80, "manager_name": 200, "manager_role": 80}
    for field, limit in limits.items():
        problem = text_problem(
            getattr(cleaned, field), max_length=limit, multiline=field == "address"
        )
        if problem and field not in errors:
            errors[field] = f"This {problem}."
    if cleaned.report_names not in REPORT_NAMES:
        errors["report_names"] = "Choose how reports name a resident."
    if not 0 <= cleaned.week_starts_on <= 6:
        errors["week_starts_on"] = "Choose the day the house week starts on."
    if errors:
        raise ValidationError(errors)
    return cleaned


def _validated_phase(phase: PhaseInfo) -> PhaseInfo:
    phase = replace(phase, name=clean(phase.name), description=clean(phase.description))
    errors: dict[str, str] = {}
    if not phase.name:
        errors["name"] = "Give the phase a name."
    elif problem := text_problem(phase.name, max_length=80):
        errors["name"] = f"The name {problem}."
    if problem := text_problem(phase.description, max_length=4000, multiline=True):
        errors["description"] = f"The description {problem}."
    if not 0 <= phase.weekly_meetings <= 21:
        errors["weekly_meetings"] = "Outside meetings a week must be from 0 to 21."
    for name, amount in phase.move_up.asked().items():
        low, high, what = MOVE_UP_LIMITS[name]
        if not low <= amount <= high:
            errors[name] = f"{what} must be from {low} to {high}."
    if errors:
        raise ValidationError(errors)
    return phase


def _required_name(what: str, value: str) -> str:
    value = clean(value)
    if not value:
        raise ValidationError.single(what, f"Give the {what} a name.")
    if problem := text_problem(value, max_length=80):
        raise ValidationError.single(what, f"The {what} name {problem}.")
    return value


def _bed_occupied(session: Session, bed_id: int) -> bool:
    query = select(orm.BedAssignment.id).where(
        orm.BedAssignment.bed_id == bed_id, orm.BedAssignment.end_date.is_(None)
    )
    return session.scalar(query) is not None


def _room(room: orm.Room) -> RoomInfo:
    return RoomInfo(room.id, room.name, tuple(_bed(bed) for bed in room.beds))


def _bed(bed: orm.Bed) -> BedInfo:
    return BedInfo(bed.id, bed.room_id, bed.room.name, bed.label, bed.retired)


# What the phase form writes (its place in the order is moved on its own).
PHASE_FORM = ("name", "curfew", "weekly_meetings", "description", *MOVE_UP_COLUMNS.values())


def _set_move_up(row: orm.Phase, rules: MoveUpRules) -> None:
    for name, column in MOVE_UP_COLUMNS.items():
        setattr(row, column, getattr(rules, name))


def _move_up(row: orm.Phase) -> MoveUpRules:
    return MoveUpRules(**{name: getattr(row, column) for name, column in MOVE_UP_COLUMNS.items()})


def _phase(row: orm.Phase, read_at: int | None = None) -> PhaseInfo:
    return PhaseInfo(
        row.id,
        row.name,
        row.position,
        row.curfew,
        row.weekly_meetings,
        row.description,
        _move_up(row),
        read_at,
    )


def _phase_row(phase: PhaseInfo) -> orm.Phase:
    row = orm.Phase(
        name=phase.name,
        position=phase.position,
        curfew=phase.curfew,
        weekly_meetings=phase.weekly_meetings,
        description=phase.description,
    )
    _set_move_up(row, phase.move_up)
    return row
