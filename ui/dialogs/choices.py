"""Combo boxes of the house's beds, phases and discharge reasons."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox
from residence.house.records import BedInfo, PhaseInfo
from residence.residents.reasons import CHOSEN_BY_HAND, DischargeReason


def bed_combo(beds: list[BedInfo], *, allow_none: bool) -> QComboBox:
    combo = QComboBox()
    if allow_none:
        combo.addItem(combo.tr("No bed yet"), None)
    for bed in beds:
        combo.addItem(bed.full_label, bed.id)
    if not beds and not allow_none:
        combo.addItem(combo.tr("No free bed: add one in Settings"), None)
    return combo


def phase_combo(phases: list[PhaseInfo], current: str = "") -> QComboBox:
    combo = QComboBox()
    for phase in phases:
        combo.addItem(phase.name, phase.id)
    if current:
        combo.setCurrentIndex(max(0, combo.findText(current)))
    return combo


def reason_combo(current: DischargeReason | None = None) -> QComboBox:
    combo = QComboBox()
    for reason in CHOSEN_BY_HAND if current != DischargeReason.TRANSFERRED else DischargeReason:
        combo.addItem(reason.label, reason.value)
    if current is not None:
        combo.setCurrentIndex(combo.findData(current.value))
    return combo
