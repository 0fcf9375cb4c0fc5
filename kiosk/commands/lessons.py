"""`kiosk lessons validate PATH…`: the same fault report the loader gives, for pack authors."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.i18n import _, ngettext


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("lessons", help="work with lesson packs")
    commands = parser.add_subparsers(title="lessons commands", metavar="COMMAND")
    validate = commands.add_parser(
        "validate", help="check lesson packs; print every fault; exit 1 if any"
    )
    validate.add_argument("paths", nargs="+", type=Path, help="pack folders, or a folder of packs")
    validate.set_defaults(handler=run_validate)
    parser.set_defaults(handler=lambda args: parser.print_help() or 2)


def run_validate(args: argparse.Namespace) -> int:
    from kiosk.services.lessons import load_pack, practice_flows

    folders: list[Path] = []
    for path in args.paths:
        if (path / "pack.json").exists() or not path.is_dir():
            folders.append(path)
        else:
            folders.extend(sorted(p.parent for p in path.glob("*/pack.json")))
    if not folders:
        print(_("No lesson pack (a folder with pack.json) was found."))
        return 1
    total = 0
    flow_ids = set(practice_flows())
    for folder in folders:
        report = load_pack(folder, flow_ids)
        total += len(report.faults)
        if report.ok:
            lessons = len(report.pack.lessons())  # type: ignore[union-attr]
            valid = ngettext(
                "{pack}: valid, {count} lesson", "{pack}: valid, {count} lessons", lessons
            )
            print(valid.format(pack=folder.name, count=lessons))
        for fault in report.faults:
            print(fault.text())
    found = ngettext("{count} fault found.", "{count} faults found.", total)
    print(found.format(count=total) if total else _("No faults found."))
    return 1 if total else 0
