"""`kiosk content ...`: publish signed content bundles, and install them on a kiosk.

Publisher: `keys init|rotate` makes and rotates the TUF keys, `publish` signs bundles into a
static folder. Kiosk: `trust ROOT.json` sets the publisher it trusts, `update SOURCE` checks and
installs from a mirror URL or a folder (a USB stick), `rollback KIND ID` goes back a version.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.i18n import _

KIND_HELP = "lessons, flows, services or voices"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("content", help="publish and install signed content updates")
    actions = parser.add_subparsers(title="actions", metavar="ACTION", required=True)

    keys = actions.add_parser("keys", help="make or rotate the publisher's signing keys")
    keys_actions = keys.add_subparsers(title="actions", metavar="ACTION", required=True)
    init = keys_actions.add_parser("init", help="make a new key for every TUF role")
    init.add_argument("--keys", type=Path, required=True, metavar="DIR")
    init.set_defaults(handler=run_keys_init)
    rotate = keys_actions.add_parser("rotate", help="replace one role's key (signs a new root)")
    rotate.add_argument("role", choices=("root", "targets", "snapshot", "timestamp"))
    rotate.add_argument("--keys", type=Path, required=True, metavar="DIR")
    rotate.add_argument("--repo", type=Path, required=True, metavar="DIR")
    rotate.set_defaults(handler=run_keys_rotate)

    publish = actions.add_parser("publish", help="sign content folders into a static folder")
    publish.add_argument("--keys", type=Path, required=True, metavar="DIR")
    publish.add_argument("--repo", type=Path, required=True, metavar="DIR")
    for kind in ("lessons", "flows", "services", "voices"):
        publish.add_argument(
            f"--{kind}",
            action="append",
            default=[],
            type=Path,
            metavar="FOLDER",
            help=f"a {kind} folder to publish (repeat for more); its id is the folder name"
            + (" (the pack id for lessons)" if kind == "lessons" else ""),
        )
    publish.set_defaults(handler=run_publish)

    trust = actions.add_parser("trust", help="on a kiosk: trust the publisher of this root.json")
    trust.add_argument("root", type=Path, metavar="ROOT.json")
    trust.set_defaults(handler=run_trust)
    update = actions.add_parser("update", help="on a kiosk: check and install updates")
    update.add_argument("source", metavar="SOURCE", help="mirror URL, or the folder on a stick")
    update.add_argument("--check", action="store_true", help="only list what would be installed")
    update.set_defaults(handler=run_update)
    rollback = actions.add_parser("rollback", help="on a kiosk: go back to the previous version")
    rollback.add_argument("kind", help=KIND_HELP)
    rollback.add_argument("id")
    rollback.set_defaults(handler=run_rollback)


def _fail(error) -> int:
    print(error.notice.text(), file=sys.stderr)
    return 1


def _data_dir() -> Path:
    from kiosk.services.paths import data_dir

    return data_dir()


def _audit(action: str, details: dict) -> None:
    """Record an install or rollback done from the shell, like `kiosk staff reset-admin`."""
    from kiosk.services.staff import audit
    from kiosk.services.store import open_store

    store = open_store(_data_dir())
    try:
        audit(store, "shell", action, details)
    finally:
        store.close()


def run_keys_init(args: argparse.Namespace) -> int:
    from kiosk.core.notices import NoticeError
    from kiosk.services.content_publish import make_keys

    try:
        made = make_keys(args.keys)
    except NoticeError as error:
        return _fail(error)
    for path in made:
        print(_("Made {file}; keep it secret and backed up.").format(file=path))
    return 0


def run_keys_rotate(args: argparse.Namespace) -> int:
    from kiosk.core.notices import NoticeError
    from kiosk.services.content_publish import Repository

    try:
        version = Repository(args.repo, args.keys).rotate(args.role)
    except NoticeError as error:
        return _fail(error)
    print(_("New {role} key in use; root version {version} published.").format(
        role=args.role, version=version
    ))  # fmt: skip
    return 0


def run_publish(args: argparse.Namespace) -> int:
    from kiosk.core.notices import NoticeError
    from kiosk.services.content_publish import Repository

    items = [
        (kind, folder, None)
        for kind in ("lessons", "flows", "services", "voices")
        for folder in getattr(args, kind)
    ]
    if not items:
        print(
            _("Nothing to publish: name folders with --lessons, --flows, --services or --voices.")
        )
        return 2
    try:
        published = Repository(args.repo, args.keys).publish(items)
    except NoticeError as error:
        return _fail(error)
    for bundle in published:
        print(_("Published {kind} “{id}” version {version}.").format(
            kind=bundle.kind, id=bundle.id, version=bundle.version
        ))  # fmt: skip
    return 0


def run_trust(args: argparse.Namespace) -> int:
    from kiosk.core.notices import NoticeError
    from kiosk.services.updates import trust

    try:
        version = trust(_data_dir(), args.root)
    except NoticeError as error:
        return _fail(error)
    print(_("This kiosk now trusts updates signed under root version {version}.").format(
        version=version
    ))  # fmt: skip
    return 0


def run_update(args: argparse.Namespace) -> int:
    from kiosk.core.notices import NoticeError
    from kiosk.services.updates import Source, Updater

    try:
        updater = Updater(_data_dir(), Source(args.source))
        offers = updater.check()
        if not offers:
            print(_("Everything is up to date."))
            return 0
        for offer in offers:
            if args.check:
                print(_("Available: {kind} “{id}” version {version}.").format(
                    kind=offer.kind, id=offer.id, version=offer.version
                ))  # fmt: skip
                continue
            bundle = updater.install(offer)
            _audit(
                "content.install",
                {"kind": bundle.kind, "id": bundle.id, "version": bundle.version,
                 "previous": bundle.previous, "source": args.source},
            )  # fmt: skip
            print(_("Installed {kind} “{id}” version {version}.").format(
                kind=bundle.kind, id=bundle.id, version=bundle.version
            ))  # fmt: skip
    except NoticeError as error:
        return _fail(error)
    return 0


def run_rollback(args: argparse.Namespace) -> int:
    from kiosk.core.notices import NoticeError
    from kiosk.services.content_install import rollback

    try:
        bundle = rollback(_data_dir(), args.kind, args.id)
    except NoticeError as error:
        return _fail(error)
    _audit(
        "content.rollback",
        {"kind": bundle.kind, "id": bundle.id, "version": bundle.version, "from": bundle.previous},
    )
    print(_("{kind} “{id}” is back at version {version}.").format(
        kind=bundle.kind, id=bundle.id, version=bundle.version
    ))  # fmt: skip
    return 0
