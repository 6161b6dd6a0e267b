"""The house's list of resources, and the ones shared with a resident at a mentor's check-in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import select

from residence.changes import Area, Changes, Done
from residence.clock import Clock
from residence.db import orm
from residence.db.database import Database
from residence.db.edits import refuse_if_changed, version, versions_of
from residence.db.lookup import get_row
from residence.errors import ValidationError
from residence.mentors.facts import mentor_name
from residence.resources.records import Kind, ResourceInfo, Shared
from residence.text_rules import clean, sort_key, text_problem

RESOURCES_CHANGED = Changes.of(Area.RESOURCES)
FORM = ("kind", "name", "details", "phone", "fellowship")


class ResourceBook:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._db = database
        self._today = clock.today

    def resources(self, *, include_retired: bool = False) -> list[ResourceInfo]:
        """By kind, then name as people read it."""
        with self._db.read() as session:
            versions = versions_of(session, "resource")
            query = select(orm.Resource)
            if not include_retired:
                query = query.where(orm.Resource.retired.is_(False))
            rows = [_info(row, versions.get(row.id)) for row in session.scalars(query)]
        order = list(Kind)
        return sorted(rows, key=lambda r: (order.index(r.kind), sort_key(r.name)))

    def save(self, info: ResourceInfo) -> Done[ResourceInfo]:
        """Add one (``id`` None) or correct one: Conflict if changed at another desk since."""
        info = _checked(info)
        with self._db.write() as session:
            clash = session.scalar(
                select(orm.Resource.id).where(
                    orm.Resource.kind == info.kind.value, orm.Resource.name == info.name
                )
            )
            if clash is not None and clash != info.id:
                raise ValidationError.single("name", f"“{info.name}” is on the list already.")
            if info.id is None:
                row = orm.Resource(retired=False)
                session.add(row)
            else:
                row = get_row(session, orm.Resource, info.id, "resource")
                refuse_if_changed(session, "resource", row.id, info.version,
                                  called=f"“{row.name}”", fields=FORM)  # fmt: skip
            row.kind, row.name, row.details = info.kind.value, info.name, info.details
            row.phone, row.fellowship = info.phone, info.fellowship
            session.flush()
            return Done(_info(row, version(session, "resource", row.id)), RESOURCES_CHANGED)

    def set_retired(self, resource_id: int, retired: bool) -> Done[None]:
        """Off the printed list (or back on it); kept, as check-ins name it."""
        with self._db.write() as session:
            get_row(session, orm.Resource, resource_id, "resource").retired = retired
        return Done(None, RESOURCES_CHANGED)

    def share(self, check_in_id: int, resource_ids: Sequence[int]) -> Done[None]:
        """The resources a mentor shared at a check-in (again: no second row)."""
        with self._db.write() as session:
            get_row(session, orm.CheckIn, check_in_id, "check-in")
            known = set(
                session.scalars(
                    select(orm.SharedResource.resource_id).where(
                        orm.SharedResource.check_in_id == check_in_id
                    )
                )
            )
            for resource_id in dict.fromkeys(resource_ids):
                get_row(session, orm.Resource, resource_id, "resource")
                if resource_id not in known:
                    session.add(orm.SharedResource(check_in_id=check_in_id,
                                                   resource_id=resource_id))  # fmt: skip
        return Done(None, RESOURCES_CHANGED)

    def shared_with(self, person_id: int) -> list[Shared]:
        """What mentors shared with the resident, newest first."""
        with self._db.read() as session:
            rows = session.execute(
                select(orm.CheckIn.day, orm.Resource.name, orm.Resource.kind, orm.Mentorship)
                .join(orm.SharedResource, orm.SharedResource.check_in_id == orm.CheckIn.id)
                .join(orm.Resource, orm.Resource.id == orm.SharedResource.resource_id)
                .join(orm.Mentorship, orm.Mentorship.id == orm.CheckIn.mentorship_id)
                .where(orm.Mentorship.mentee_id == person_id)
                .order_by(orm.CheckIn.day.desc(), orm.SharedResource.id)
            ).all()
            names = {pair.id: mentor_name(session, pair) for *_rest, pair in rows}
            return [Shared(day, name, Kind(kind), names[pair.id])
                    for day, name, kind, pair in rows]  # fmt: skip


def _checked(info: ResourceInfo) -> ResourceInfo:
    info = replace(info, name=clean(info.name), details=clean(info.details),
                   phone=clean(info.phone), fellowship=clean(info.fellowship))  # fmt: skip
    errors: dict[str, str] = {}
    if not info.name:
        errors["name"] = "Give the resource a name."
    for name, value, limit, multiline in (
        ("name", info.name, 200, False),
        ("details", info.details, 2000, True),
        ("phone", info.phone, 80, False),
        ("fellowship", info.fellowship, 80, False),
    ):
        if name not in errors and (problem := text_problem(value, max_length=limit,
                                                           multiline=multiline)):  # fmt: skip
            errors[name] = f"This {problem}."
    if errors:
        raise ValidationError(errors)
    return info


def _info(row: orm.Resource, seen: int | None) -> ResourceInfo:
    return ResourceInfo(row.id, Kind(row.kind), row.name, row.details, row.phone,
                        row.fellowship, row.retired, seen)  # fmt: skip
