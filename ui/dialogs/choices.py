"""Combo boxes of the house's beds, phases and discharge reasons."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox
from residence.house.records import BedInfo, PhaseInfo
from residence.residents.reasons import CHOSEN_BY_HAND, DischargeReason


def bed_combo(beds: list[BedInfo], *, allow_none: bool) -> QComboBox:
    combo = QComboBox()
    fill_beds(combo, beds, allow_none=allow_none)
    return combo


def fill_beds(combo: QComboBox, beds: list[BedInfo], *, allow_none: bool) -> None:
    """``combo``'s choices, whatever it held: ``beds`` (and "no bed yet" when allowed)."""
    combo.clear()
    if allow_none:
        combo.addItem(combo.tr("No bed yet"), None)
    for bed in beds:
        combo.addItem(bed.full_label, bed.id)
    if not beds and not allow_none:
        combo.addItem(combo.tr("No free bed: add one in Settings"), None)


def phase_combo(phases: list[PhaseInfo], current: str = "") -> QComboBox:
    combo = QComboBox()
    fill_phases(combo, phases, current)
    return combo


def fill_phases(combo: QComboBox, phases: list[PhaseInfo], current: str = "") -> None:
    """``combo``'s choices, whatever it held: ``phases``, ``current`` chosen (else the first)."""
    combo.clear()
    for phase in phases:
        combo.addItem(phase.name, phase.id)
    if current:
        combo.setCurrentIndex(max(0, combo.findText(current)))


def reason_combo(current: DischargeReason | None = None) -> QComboBox:
    combo = QComboBox()
    for reason in CHOSEN_BY_HAND if current != DischargeReason.TRANSFERRED else DischargeReason:
        combo.addItem(reason.label, reason.value)
    if current is not None:
        combo.setCurrentIndex(combo.findData(current.value))
    return combo
