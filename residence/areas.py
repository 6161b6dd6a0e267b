"""The app's areas put together: what each one registers for the others to run.

A new area adds its line here; no area imports another's service."""

from __future__ import annotations

from residence.mentors import hooks as mentor_hooks
from residence.residents.hooks import StayHooks


def stay_hooks() -> StayHooks:
    """Every area's hooks on a stay's events (a move-out, a corrected move-out)."""
    hooks = StayHooks()
    mentor_hooks.register(hooks)
    return hooks
