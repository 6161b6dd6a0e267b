"""What final minutes showed from the records, kept as text when they were finalised.

The roll call, the action items and the chore report are read from other records, which go on
changing (an item is done later, a chore week is remade, a stay's dates are corrected). Final
minutes are evidence of what the meeting saw, so they keep these parts as they stood: written
once, as JSON of plain values, so it reads back the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from residence.chores.records import ChoreReport
from residence.meetings.records import ActionItemInfo, AttendanceLine, Presence

VERSION = 1


@dataclass(frozen=True)
class FromRecords:
    """The parts of the minutes that come from the records, not from the secretary's pen."""

    roll_call: tuple[AttendanceLine, ...]
    carried: tuple[ActionItemInfo, ...]
    raised: tuple[ActionItemInfo, ...]
    chores: ChoreReport


def dump(parts: FromRecords) -> str:
    return json.dumps(
        {
            "version": VERSION,
            "roll_call": [
                [line.person_id, line.name, line.status and line.status.value, line.reason]
                for line in parts.roll_call
            ],
            "carried": [_item_out(item) for item in parts.carried],
            "raised": [_item_out(item) for item in parts.raised],
            "chores": _chores_out(parts.chores),
        },
        ensure_ascii=False,
        sort_keys=True,
    )


def load(text: str) -> FromRecords:
    data = json.loads(text)
    if data.get("version") != VERSION:
        raise ValueError(f"final minutes kept in an unknown form ({data.get('version')!r})")
    return FromRecords(
        roll_call=tuple(
            AttendanceLine(person, name, Presence(status) if status else None, reason)
            for person, name, status, reason in data["roll_call"]
        ),
        carried=tuple(_item_in(item) for item in data["carried"]),
        raised=tuple(_item_in(item) for item in data["raised"]),
        chores=_chores_in(data["chores"]),
    )


def _item_out(item: ActionItemInfo) -> dict[str, Any]:
    return {
        "id": item.id,
        "what": item.what,
        "who": item.who,
        "person_id": item.person_id,
        "due": _day_out(item.due),
        "done_on": _day_out(item.done_on),
        "raised_on": item.raised_on.isoformat(),
    }


def _item_in(data: dict[str, Any]) -> ActionItemInfo:
    return ActionItemInfo(
        id=data["id"],
        what=data["what"],
        who=data["who"],
        person_id=data["person_id"],
        due=_day_in(data["due"]),
        done_on=_day_in(data["done_on"]),
        raised_on=date.fromisoformat(data["raised_on"]),
    )


def _chores_out(report: ChoreReport) -> dict[str, Any]:
    return {
        "week_start": _day_out(report.week_start),
        "done": report.done,
        "missed": [[who, chore, day.isoformat()] for who, chore, day in report.missed],
        "excused": report.excused,
        "covered": report.covered,
        "next_week": [list(pair) for pair in report.next_week],
    }


def _chores_in(data: dict[str, Any]) -> ChoreReport:
    return ChoreReport(
        week_start=_day_in(data["week_start"]),
        done=data["done"],
        missed=tuple((who, chore, date.fromisoformat(day)) for who, chore, day in data["missed"]),
        excused=data["excused"],
        covered=data["covered"],
        next_week=tuple((chore, who) for chore, who in data["next_week"]),
    )


def _day_out(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _day_in(text: str | None) -> date | None:
    return date.fromisoformat(text) if text is not None else None


def renumbered(text: str, moved: Callable[[str, int | None], int | None]) -> str:
    """A kept snapshot with the numbers it holds given by ``moved(table, number)``: the
    residents of its roll call and action items, and the items themselves (a house moved into
    a database that numbers them on from its own houses')."""
    data = json.loads(text)
    if data.get("version") != VERSION:
        raise ValueError(f"final minutes kept in an unknown form ({data.get('version')!r})")
    for line in data["roll_call"]:
        line[0] = moved("person", line[0])
    for item in (*data["carried"], *data["raised"]):
        item["id"] = moved("action_item", item["id"])
        item["person_id"] = moved("person", item["person_id"])
    return json.dumps(data, ensure_ascii=False, sort_keys=True)
