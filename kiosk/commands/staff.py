"""`kiosk staff reset-admin`: the way back in when every admin is locked out or forgot the PIN.

Run it from the machine's shell (physical access is the proof of authority). It sets a
damaged staff PIN file aside, then gives the named admin a new PIN and unlocks it, or creates
that admin. The change is written to the audit log as done by "shell".
"""

from __future__ import annotations

import argparse
import getpass
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `staff` subcommand."""
    parser = subparsers.add_parser("staff", help="staff accounts: reset-admin, list")
    actions = parser.add_subparsers(title="actions", metavar="ACTION", required=True)
    reset = actions.add_parser(
        "reset-admin", help="give an admin a new PIN and unlock it (or create it)"
    )
    reset.add_argument("--name", default="admin", help="the admin's name (default: admin)")
    reset.add_argument(
        "--pin-stdin", action="store_true", help="read the new PIN from standard input"
    )
    reset.set_defaults(handler=reset_admin)
    listing = actions.add_parser("list", help="list staff accounts and their lock state")
    listing.set_defaults(handler=list_accounts)


def _open():
    from kiosk.services import paths
    from kiosk.services.config import load_settings
    from kiosk.services.staff import open_directory
    from kiosk.services.store import open_store

    folder, _notices = paths.prepare_data_dir(paths.data_dir())
    settings = load_settings(folder / paths.INI_NAME)
    store = open_store(folder)
    return store, open_directory(store, folder, str(settings["staff_keyring"]))


def _read_pin(from_stdin: bool) -> str:
    if from_stdin or not sys.stdin.isatty():
        return sys.stdin.readline().strip()
    first = getpass.getpass("New PIN (at least 6 digits): ").strip()
    if getpass.getpass("The same PIN again: ").strip() != first:
        raise SystemExit("The two PINs are not the same; nothing was changed.")
    return first


def reset_admin(args: argparse.Namespace) -> int:
    """Set a new PIN for admin `args.name` (creating it if needed); 0 on success."""
    from kiosk.core.notices import NoticeError
    from kiosk.core.staff_rules import pin_problem
    from kiosk.i18n import set_language
    from kiosk.services.secrets import CorruptKeyringError, FileKeyring

    set_language("en")
    pin = _read_pin(args.pin_stdin)
    problem = pin_problem(pin)
    if problem:
        print(f"{problem} Nothing was changed.")
        return 2
    try:
        store, staff = _open()
    except NoticeError as error:
        print(error)
        return 1
    try:
        backend = staff.vault.backend
        if isinstance(backend, FileKeyring):
            try:
                backend.check()
            except CorruptKeyringError as error:
                aside = backend.set_aside()
                print(f"The staff PIN file was damaged ({error.reason}); it was moved to {aside}.")
                print("Every other staff member needs a new PIN from the admin.")
        account = staff.reset_admin(args.name, pin)
    except NoticeError as error:
        print(error)
        return 1
    finally:
        store.close()
    print(f"Admin “{account.name}” has a new PIN and is unlocked. Sign in from the Staff tile.")
    return 0


def list_accounts(args: argparse.Namespace) -> int:
    """Print each account, its role and whether it is locked."""
    import time

    store, staff = _open()
    try:
        for account in staff.accounts():
            wait = account.locked_for(time.time())
            state = f"locked {wait} s" if wait else f"{account.failures} wrong PINs"
            print(f"{account.name}\t{account.role.value}\t{state}")
    finally:
        store.close()
    return 0
