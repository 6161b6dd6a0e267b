"""The log's account of an unexpected error says where and what kind, never the records."""

from __future__ import annotations

import sys

from sqlalchemy import create_engine, text
from sqlalchemy.exc import IntegrityError

from residence.crash_report import describe


def test_a_database_error_is_logged_without_its_sql_or_its_values() -> None:
    engine = create_engine("sqlite://")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE person (name TEXT UNIQUE)"))
        connection.execute(text("INSERT INTO person VALUES (:n)"), {"n": "Dana Whitfield"})
    try:
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO person VALUES (:n)"), {"n": "Dana Whitfield"})
    except IntegrityError:
        kind, error, trace = sys.exc_info()
        assert kind is not None and error is not None
        written = describe(kind, error, trace)
    assert "Dana" not in written and "INSERT" not in written and "UNIQUE" not in written
    assert "sqlalchemy.exc.IntegrityError" in written
    assert "sqlite3.IntegrityError" in written  # the cause, by its kind
    assert "test_crash_report.py" in written and "in test_a_database_error" in written
