"""A server's address as a manager types it: libpq's forms, the password never shown, and
records never sent across a network unencrypted unless the manager wrote so."""

from __future__ import annotations

import pytest

from residence.cli import main
from residence.db.server import Server, is_address
from residence.errors import StorageError
from tests.conftest import clock_on

pytestmark = pytest.mark.sqlite_only  # about addresses: no server is reached


@pytest.mark.parametrize(
    ("typed", "server"),
    [
        ("postgresql://dana@db.example.org:5433/houses?sslmode=require", True),
        ("postgres://dana@/houses?host=/run/postgresql", True),
        ("  POSTGRESQL://dana@localhost/houses", True),
        ("house.sqlite3", False),
        ("/home/dana/postgresql/house.sqlite3", False),
    ],
)
def test_an_address_is_told_from_a_file(typed: str, server: bool) -> None:
    assert is_address(typed) is server


def test_the_address_shown_never_holds_the_password() -> None:
    server = Server.parse("postgresql://dana:s3cret words@db.example.org/houses?sslmode=require")
    assert "s3cret" not in str(server)
    assert str(server) == "postgresql://dana@db.example.org/houses?sslmode=require"
    assert "s3cret" not in str(server.with_password("other secret"))
    assert server.with_password("other secret").url.password == "other secret"


def test_a_unix_socket_and_loopback_are_local() -> None:
    assert Server.parse("postgresql://dana@/houses?host=/run/postgresql").local
    assert Server.parse("postgresql://dana@localhost:5432/houses").local
    assert Server.parse("postgresql://dana@[::1]/houses").local
    assert not Server.parse("postgresql://dana@10.0.0.5/houses").local


def test_a_server_on_the_network_needs_tls_unless_the_manager_says_otherwise() -> None:
    remote = "postgresql://dana@db.example.org/houses"
    with pytest.raises(StorageError, match=r"sslmode=require") as refused:
        Server.parse(remote).check_encrypted()
    assert "readable by anyone" in str(refused.value)
    for mode in ("prefer", "allow"):  # libpq falls back to plain text without a word
        with pytest.raises(StorageError):
            Server.parse(f"{remote}?sslmode={mode}").check_encrypted()
    for mode in ("require", "verify-ca", "verify-full", "disable"):
        Server.parse(f"{remote}?sslmode={mode}").check_encrypted()
    Server.parse("postgresql://dana@localhost/houses").check_encrypted()


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("postgresql://dana@db.example.org", "names no database"),
        ("postgresql://dana:s3cret@db.example.org:port/houses", "not a server address"),
        ("mysql://dana@db.example.org/houses", "not a PostgreSQL address"),
    ],
)
def test_a_wrong_address_is_refused_in_words(typed: str, said: str) -> None:
    with pytest.raises(StorageError, match=said) as refused:
        Server.parse(typed)
    assert "s3cret" not in str(refused.value)  # what was typed may hold a password


def test_a_password_given_as_an_option_is_a_password_too() -> None:
    server = Server.parse("postgresql://dana@db.example.org/h?password=s3cret&sslmode=require")
    assert "s3cret" not in str(server) and server.url.password == "s3cret"
    assert server.sslmode == "require"


def test_an_address_whose_host_the_address_doesnt_show_is_not_local() -> None:
    assert not Server.parse("postgresql://dana@localhost/h?hostaddr=203.0.113.5").local
    assert not Server.parse("postgresql://dana@/h?service=office").local


def test_the_command_line_refuses_an_unencrypted_remote_server_in_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status = main(
        ["residents", "--db", "postgresql://dana@db.example.org/houses"], clock=clock_on()
    )
    said = capsys.readouterr().err.strip()
    assert status != 0
    assert len(said.splitlines()) == 1 and "sslmode=require" in said


def test_the_environment_names_the_database_when_db_is_not_given(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RESIDENCE_DATABASE", "postgresql://dana@db.example.org/houses")
    assert main(["residents"], clock=clock_on()) != 0
    assert "db.example.org" in capsys.readouterr().err
