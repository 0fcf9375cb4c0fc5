"""The `kiosk` command: the kiosk GUI by default, plus subcommands for operators and developers.

Each subcommand lives in its own module under `kiosk.commands` with a `register(subparsers)`
function; add its module name to `COMMANDS`. Imports stay lazy so `kiosk --help` is instant.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# Modules under kiosk.commands, each defining `register(subparsers)`.
COMMANDS: tuple[str, ...] = ("doctor", "practice_portal", "tts", "lessons", "flows", "staff")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for the whole command, subcommands included."""
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Kiosk for government-service centres. With no subcommand, starts the kiosk.",
    )
    parser.add_argument(
        "--windowed", action="store_true", help="run in a window instead of full screen"
    )
    parser.add_argument(
        "--exit-when-ready",
        action="store_true",
        help="exit with status 0 as soon as the home screen has painted (smoke tests, benchmarks)",
    )
    parser.add_argument("--language", help="start in this language (fa, en)")
    parser.add_argument(
        "--debug-dir",
        metavar="DIR",
        help="write the on-screen places of named controls and what is spoken to DIR, for "
        "the journey tests that drive the kiosk from outside (never on a kiosk in service)",
    )
    parser.set_defaults(handler=None)
    subparsers = parser.add_subparsers(title="subcommands", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"kiosk.commands.{name}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `kiosk` console script and `python -m kiosk`."""
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    if args.handler is not None:
        return int(args.handler(args) or 0)
    from kiosk.app import run

    return run(args)
