"""Why a stay ended: the discharge reasons a house records, as values (the words a person
reads are built from them)."""

from __future__ import annotations

from enum import StrEnum


class DischargeReason(StrEnum):
    COMPLETED = "completed"
    GOOD_STANDING = "good_standing"
    LEFT_EARLY = "left_early"
    ASKED_TO_LEAVE = "asked_to_leave"
    RETURNED_TO_USE = "returned_to_use"
    INCARCERATED = "incarcerated"
    HOSPITALISED = "hospitalised"
    OTHER = "other"
    # Moved to another of the operator's houses: written by a transfer only, which starts the
    # next stay there on the same day.
    TRANSFERRED = "transferred"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    DischargeReason.COMPLETED: "Completed the program",
    DischargeReason.GOOD_STANDING: "Moved out in good standing",
    DischargeReason.LEFT_EARLY: "Left voluntarily before completing",
    DischargeReason.ASKED_TO_LEAVE: "Asked to leave (rule violation)",
    DischargeReason.RETURNED_TO_USE: "Returned to use",
    DischargeReason.INCARCERATED: "Incarcerated",
    DischargeReason.HOSPITALISED: "Hospitalised / in treatment",
    DischargeReason.OTHER: "Other",
    DischargeReason.TRANSFERRED: "Transferred to another house",
}

# The reasons a manager picks when discharging (a transfer is its own action).
CHOSEN_BY_HAND = tuple(
    reason for reason in DischargeReason if reason != DischargeReason.TRANSFERRED
)
