"""`kiosk flows validate PATH...`: check flow files and print every fault with its JSON pointer."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.i18n import _, ngettext


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("flows", help="work with guide flows (JSON walkthroughs)")
    actions = parser.add_subparsers(title="actions", metavar="ACTION", required=True)
    validate = actions.add_parser("validate", help="check flow files; exit 1 on any fault")
    validate.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help="flow files or folders"
    )
    validate.set_defaults(handler=run_validate)


def _files(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        found += sorted(path.glob("*.json")) if path.is_dir() else [path]
    return found


def run_validate(args: argparse.Namespace) -> int:
    """Validate each file; print `file: pointer: message` per fault, and a summary line."""
    from kiosk.core.flows import FlowError, load_flow

    bad = 0
    files = _files(args.paths)
    for path in files:
        try:
            flow = load_flow(path.read_bytes(), source=str(path))
        except OSError as error:
            bad += 1
            reason = error.strerror or str(error)
            print(_("{file}: cannot be read: {reason}").format(file=path, reason=reason))
        except FlowError as error:
            bad += 1
            for fault in error.faults:
                print(f"{path}: {fault.pointer or '/'}: {fault.text()}")
        else:
            ok = ngettext(
                "{file}: ok ({id}, version {version}, {count} step)",
                "{file}: ok ({id}, version {version}, {count} steps)",
                len(flow.steps),
            )
            print(ok.format(
                file=path, id=flow.id, version=flow.version, count=len(flow.steps)
            ))  # fmt: skip
    if not files:
        print(_("No flow files found."), file=sys.stderr)
        return 2
    if bad:
        faulty = ngettext(
            "{bad} of {total} flow files has faults.",
            "{bad} of {total} flow files have faults.",
            bad,
        )
        print(faulty.format(bad=bad, total=len(files)))
        return 1
    return 0
