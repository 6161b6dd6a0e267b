"""``residence server init URL`` and ``residence migrate-to URL --db FILE``: what an operator
types to put a house on a server.

``migrate-to`` copies the house file's every record — residents, stays, chores, meetings,
consents and their signed scans, the disclosure log and the audit trail — into the server's
database as a new house (beside the houses there, numbered on from theirs), then holds the
copy to the original: the rows of every table, the audit chains unbroken, every record what
the trail says. Run twice, it refuses (the server has a house of that name) rather than copy
the house a second time.
"""

from __future__ import annotations

from argparse import ArgumentTypeError, Namespace
from typing import TYPE_CHECKING

from residence import command_line as cl
from residence.db.server import Server, is_address
from residence.errors import ResidenceError

if TYPE_CHECKING:  # the commands import what they use when they run: a quick --help
    from residence.safety.audit import AuditTrail


def add_commands(commands: cl.Commands) -> None:
    migrate = commands.add(
        "migrate-to", _migrate_to, "copy the house file (--db) to a server, as a new house"
    )
    migrate.add_argument("url", type=_server, metavar="URL")
    server = commands.add("server", _init, "prepare a server's database", house=False)
    actions = server.add_subparsers(dest="action", metavar="ACTION", required=True)
    init = actions.add_parser("init", help="make the schema and safeguards in an empty database")
    init.add_argument("url", type=_server, metavar="URL")
    manager = actions.add_parser(
        "add-manager", parents=[commands.db], help="let a database role work in one house"
    )
    manager.add_argument("role", metavar="ROLE")  # and --house NAME, as every command takes
    operator = actions.add_parser(
        "add-operator", parents=[commands.db], help="let a database role see every house"
    )
    operator.add_argument("role", metavar="ROLE")


def _server(text: str) -> Server:
    if not is_address(text):
        raise ArgumentTypeError(f"{text} is not a server address (postgresql://user@host/db)")
    try:
        return Server.parse(text)
    except ResidenceError as error:
        raise ArgumentTypeError(str(error)) from None


def _init(args: Namespace) -> int:
    if args.action in ("add-manager", "add-operator"):
        return _grant(args)
    from residence.db.server_roles import prepare_groups
    from residence.house.service import HouseService

    database = cl.open_server(args, args.url, create=True)
    try:
        with database.write() as session:
            prepare_groups(session.connection())
        held = [name for _, name in HouseService(database).houses()]
    finally:
        database.close()
    state = f"it holds {', '.join(held)}" if held else "no house yet"
    print(f"{args.url}: schema, safeguards and the house roles' groups in place; {state}.")
    return 0


def _grant(args: Namespace) -> int:
    from residence.db import houses, server_roles

    where = cl.location(args)
    if not isinstance(where, Server):
        raise ResidenceError(
            f"`residence server {args.action}` works on a server: give its address with --db."
        )
    database = cl.open_server(args, where, create=False)
    try:
        with database.write() as session:
            if args.action == "add-operator":
                new, what = server_roles.add_operator(session, args.role), "every house"
            elif not getattr(args, "house", None):
                raise ResidenceError("Say which house the role may work in: --house NAME.")
            else:
                house = houses.find(session, args.house)
                what = dict(houses.names(session))[house]
                new = server_roles.add_manager(session, args.role, house)
    finally:
        database.close()
    made = " (a new role, without a password: the administrator gives it one)" if new else ""
    print(f"{args.role}{made} may now see and work in {what}.")
    return 0


def _migrate_to(args: Namespace) -> int:
    # A window (or a command) that has the house file open would go on saving there, and
    # those saves would never reach the server: while one has it, the copy is refused.
    with cl.house_lock(args):
        return _copy(args)


def _copy(args: Namespace) -> int:
    from residence.areas import embedded_numbers
    from residence.db.copying import copy_records, counts
    from residence.safety.audit import AuditTrail

    source = cl.open_house_database(args, read_only=True, choose_house=False)
    try:
        _trustworthy(AuditTrail(source), str(source.location))
        target = cl.open_server(args, args.url, create=True)
        try:
            copied = copy_records(source, target, embedded_numbers())  # checked before it commits
            if not copied.moved_by:  # and as it stands now, when no one else works there
                _same(counts(source), counts(target), args.url)
        finally:
            target.close()
    finally:
        source.close()
    entries = copied.rows.get("audit_entry", 0)
    records = sum(copied.rows.values()) - entries
    print(
        f"Copied {source.location} to {args.url}: {records:,} records in "
        f"{sum(1 for n in copied.rows.values() if n)} tables and {entries:,} audit entries. "
        "Checked: every table holds as many rows as in the file, the audit trail is intact, "
        f"every record is what the trail says.{_renumbered(copied.moved_by)}"
    )
    return 0


def _renumbered(moved_by: dict[str, int]) -> str:
    """What a copy beside other houses changed: the numbers (a report sent before the move
    shows the resident's number in the file)."""
    if not moved_by:
        return ""
    return (
        f" The server holds other houses, so the records were numbered on from theirs: a "
        f"resident's number there is the file's plus {moved_by.get('person', 0):,} (resident "
        f"#1 is #{moved_by.get('person', 0) + 1:,}), and the house's audit trail was sealed "
        "again in those numbers after the file's own was checked."
    )


def _trustworthy(trail: AuditTrail, where: str) -> None:
    """Refuse to copy a house whose records can't be trusted, and say so of a copy that
    somehow differs."""
    problem = trail.verify() or ", ".join(trail.missing_safeguards())
    if not problem and (differ := trail.differences()):
        problem = f"{len(differ)} records differ from the trail"
    if problem:
        raise ResidenceError(
            f"{where} doesn't pass `residence check` ({problem}); nothing more was done. "
            "Run `residence check` on it for the details."
        )


def _same(before: dict[str, int], after: dict[str, int], server: Server) -> None:
    differ = [name for name, n in before.items() if after.get(name) != n]
    if differ:
        raise ResidenceError(
            f"The copy on {server} doesn't hold as many rows as the file in "
            f"{', '.join(differ)}. Don't use it: ask the administrator to drop that database, "
            "then try again."
        )
