"""The ``residence`` command's entry point: the CLI, with the window plugged in.

The window is imported only when it is opened, so the other commands start fast.
"""

from __future__ import annotations

import sys

from residence import cli
from residence.clock import Clock, SystemClock
from residence.workspace import Location


def main() -> int:
    # The one clock of this run: every service, the audit trail and the window read it.
    clock = SystemClock()

    def open_window(database: Location | None, clock: Clock) -> int:
        from ui.app import run

        return run(database, clock)

    return cli.main(sys.argv[1:], open_window=open_window, clock=clock)


if __name__ == "__main__":
    sys.exit(main())
