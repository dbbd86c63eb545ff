"""The `mentordesk` entry point.

With a subcommand (or --version/--help) it hands straight to app/cli.py, without importing Qt;
with none it opens the window. So the dependency runs ui -> app only.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def wants_gui(argv: Sequence[str]) -> bool:
    """True when the arguments are only `--data DIR` (or nothing)."""
    rest = list(argv)
    while rest:
        head = rest.pop(0)
        if head == "--data" and rest:
            rest.pop(0)
        elif head.startswith("--data="):
            continue
        else:
            return False
    return True


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not wants_gui(args):
        from app.cli import main as cli_main

        return cli_main(args)
    from app import clock
    from app.paths import resolve_data_dir

    try:
        clock.check()
    except clock.ClockError as exc:
        print(f"mentordesk: {exc}", file=sys.stderr)
        return 1

    data: str | None = None
    for i, arg in enumerate(args):
        if arg == "--data":
            data = args[i + 1]
        elif arg.startswith("--data="):
            data = arg.split("=", 1)[1]
    from ui.application import run_gui

    return run_gui(resolve_data_dir(data))


if __name__ == "__main__":
    sys.exit(main())
