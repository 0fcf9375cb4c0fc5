"""The `kiosk` command: the kiosk GUI by default, plus subcommands for operators and developers.

Each subcommand lives in its own module under `kiosk.commands` with a `register(subparsers)`
function; add its module name to `COMMANDS`. Imports stay lazy so `kiosk --help` is instant.

`--language` is a global option: it works before or after the subcommand
(`kiosk --language en doctor` and `kiosk doctor --language en`), at every level of nested
subcommands; the subcommands read the chosen language through `kiosk.i18n`. `--windowed`,
`--exit-when-ready` and `--debug-dir` concern the kiosk window, which no subcommand opens, so
they stay options of the kiosk itself.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

# Modules under kiosk.commands, each defining `register(subparsers)`.
COMMANDS: tuple[str, ...] = (
    "doctor",
    "practice_portal",
    "tts",
    "lessons",
    "flows",
    "staff",
    "content",
    "certificate",
    "sync",
)

LANGUAGE_HELP = "language of the interface and messages (fa, en)"


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
    parser.add_argument("--language", help=LANGUAGE_HELP)
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
    for sub in _subparsers_below(parser):
        _add_global_options(sub)
    return parser


def _subparsers_below(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """Every subcommand's parser under `parser`, nested ones (`flows validate`) included."""
    found: list[argparse.ArgumentParser] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):  # aliases share a parser
                found.append(sub)
                found += _subparsers_below(sub)
    return found


def _add_global_options(parser: argparse.ArgumentParser) -> None:
    """Accept `--language` after a subcommand too. SUPPRESS leaves the value given before the
    subcommand in place when none is given after it (argparse would otherwise reset it)."""
    if "--language" not in parser._option_string_actions:
        parser.add_argument("--language", default=argparse.SUPPRESS, help=LANGUAGE_HELP)


def _console_language(requested: str | None) -> str | None:
    """Set the language of what a command prints: --language, else KIOSK_LANGUAGE, else the
    default. Returns the requested code if it is unknown (the caller says so)."""
    from kiosk import i18n
    from kiosk.core.languages import LANGUAGES

    for code in (requested, os.environ.get("KIOSK_LANGUAGE")):
        if code in LANGUAGES:
            i18n.set_language(code)
            break
    return requested if requested and requested not in LANGUAGES else None


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `kiosk` console script and `python -m kiosk`."""
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    from kiosk.services.paths import keep_private

    keep_private()  # all the kiosk writes (data, logs, caches, temporary files) is its own
    unknown = _console_language(args.language)
    if args.handler is not None:
        if unknown:
            from kiosk.core.languages import LANGUAGES
            from kiosk.i18n import _

            message = _("Unknown language “{code}” on the command line; use one of: {known}.")
            print(message.format(code=unknown, known=", ".join(LANGUAGES)), file=sys.stderr)
            return 2
        return int(args.handler(args) or 0)
    # The kiosk itself shows an unknown language as a notice and starts in its default.
    from kiosk.app import run

    return run(args)
