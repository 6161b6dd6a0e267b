"""``residence passphrase set|change|remove``: what Settings does, for a script or a test.

The current passphrase comes from RESIDENCE_PASSPHRASE or the terminal, the new one from
RESIDENCE_NEW_PASSPHRASE or the terminal (typed twice). The house is taken the way the window
takes it, so a window that has it open is never changed behind its back."""

from __future__ import annotations

import getpass
import os
import sys
from argparse import Namespace
from pathlib import Path

from residence import command_line as cl
from residence.db.cipher import MIN_PASSPHRASE, looks_encrypted
from residence.errors import ResidenceError

ACTIONS = ("set", "change", "remove")


def add_commands(commands: cl.Commands) -> None:
    command = commands.add("passphrase", _run, "set, change or remove the house's passphrase")
    command.add_argument("action", choices=ACTIONS)


def _run(args: Namespace) -> int:
    from residence.safety.lock import HouseLock

    path = cl.db_path(args)
    if not path.is_file():
        raise ResidenceError(f"{path} isn't there: check the name, or give --db PATH.")
    encrypted = looks_encrypted(path)
    if args.action == "set" and encrypted:
        raise ResidenceError(f"{path.name} has a passphrase already: use `passphrase change`.")
    if args.action != "set" and not encrypted:
        raise ResidenceError(f"{path.name} has no passphrase: use `passphrase set`.")
    current = cl.passphrase(args) if encrypted else None
    cl.open_house_database(
        args, choose_house=False
    ).close()  # a wrong passphrase or a damaged file stops here
    new = _new_passphrase() if args.action != "remove" else None
    with HouseLock(path, args.clock):
        print(_apply(args.action, path, current, new))
    return 0


def _apply(action: str, house: Path, current: str | None, new: str | None) -> str:
    from residence.safety import encryption

    if action == "set" and new is not None:
        copies = encryption.plain_copies(house)
        encryption.encrypt(house, new)
        failed = encryption.encrypt_copies(copies, new)
        note = f" {len(failed)} damaged copies could not be and stay readable." if failed else ""
        return f"{house.name} is encrypted, with {len(copies) - len(failed)} of its copies.{note}"
    if action == "change" and current is not None and new is not None:
        encryption.change(house, current, new)
        return f"The passphrase of {house.name} is changed; older backups keep the old one."
    if current is not None:
        encryption.decrypt(house, current)
    return f"{house.name} is no longer encrypted: anyone who can open it can read it."


def _new_passphrase() -> str:
    if (given := os.environ.get("RESIDENCE_NEW_PASSPHRASE")) is not None:
        return _long_enough(given)
    if not sys.stdin.isatty():
        raise ResidenceError("Set RESIDENCE_NEW_PASSPHRASE, or run the command in a terminal.")
    first = _long_enough(getpass.getpass("New passphrase: "))
    if getpass.getpass("The same again: ") != first:
        raise ResidenceError("The two passphrases differ: nothing was changed. Try again.")
    return first


def _long_enough(passphrase: str) -> str:
    if len(passphrase) < MIN_PASSPHRASE:
        raise ResidenceError(
            f"A passphrase needs at least {MIN_PASSPHRASE} characters: nothing was changed."
        )
    return passphrase
