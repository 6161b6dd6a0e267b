"""Where the house's files live by default (the user's data folder, per platform)."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path, user_log_path

APP = "Residence"


def default_database() -> Path:
    return user_data_path(APP, appauthor=False) / "residence.sqlite3"


def log_folder() -> Path:
    return user_log_path(APP, appauthor=False)
