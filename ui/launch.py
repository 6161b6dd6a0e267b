"""The ``residence`` command's entry point: the CLI, with the window plugged in.

The window is imported only when it is opened, so the other commands start fast.
"""

from __future__ import annotations

import sys
from pathlib import Path

from residence import cli


def open_window(database: Path | None) -> int:
    from ui.app import run

    return run(database)


def main() -> int:
    return cli.main(sys.argv[1:], open_window=open_window)


if __name__ == "__main__":
    sys.exit(main())
