"""The hooks other areas register on a stay's events run inside the residents service's own
transaction: what they change is saved with the move-out, or neither is."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from residence.changes import Area, Changes
from residence.residents.hooks import MoveOutCorrected, StayEnded, StayHooks
from residence.residents.reasons import DischargeReason
from residence.residents.records import Discharge
from residence.residents.service import ResidentService
from tests.conftest import TODAY, House
from tests.residence.test_stays import admitted, stay_of


class Refused(Exception):
    pass


def test_a_hook_hears_the_move_out_and_says_what_it_changed(house: House) -> None:
    heard: list[StayEnded | MoveOutCorrected] = []

    def listen(_session: Session, event: StayEnded | MoveOutCorrected) -> Changes:
        heard.append(event)
        return Changes.of(Area.CHORES)

    hooks = StayHooks(stay_ended=[listen], move_out_corrected=[listen])
    residents = ResidentService(house.db, house.clock, hooks)
    person, stay = admitted(house)
    done = residents.discharge(stay, Discharge(TODAY - timedelta(days=2), DischargeReason.OTHER))
    assert done.changes == Changes.of(Area.RESIDENTS, Area.CHORES)
    moved = Discharge(TODAY - timedelta(days=1), DischargeReason.OTHER)
    residents.amend_discharge(stay, moved, "Typed the wrong day")
    assert heard == [
        StayEnded(person, stay, TODAY - timedelta(days=2)),
        MoveOutCorrected(person, stay, TODAY - timedelta(days=2), TODAY - timedelta(days=1)),
    ]


def test_a_hook_that_fails_undoes_the_move_out(house: House) -> None:
    def refuse(_session: Session, _event: StayEnded) -> Changes:
        raise Refused

    residents = ResidentService(house.db, house.clock, StayHooks(stay_ended=[refuse]))
    person, stay = admitted(house)
    with pytest.raises(Refused):
        residents.discharge(stay, Discharge(TODAY, DischargeReason.OTHER))
    assert stay_of(house, person).move_out is None
