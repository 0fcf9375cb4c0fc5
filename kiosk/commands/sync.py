"""`kiosk sync status` and `kiosk sync send`: learning records, for a technician without the GUI.

`status` prints where records go, whether sync is on, the backlog, the statements set aside
(with the LRS's own reason) and the last error, in words and as the technical reason. `send`
sends every waiting statement now, batch after batch, with the LRS user name and password from
the keyring, and records each batch's outcome as the kiosk's worker does; it is audited as done
by "shell". A kiosk running at the same time may send some of the same statements: each carries
its id, so the LRS stores each once.

Exit codes: 0 done (or nothing to send); 1 the LRS could not take the records now (they stay
waiting); 2 sync is not set up (no address, or off) or the database cannot be opened.
"""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("sync", help="learning records to the LRS: status, send")
    actions = parser.add_subparsers(title="sync commands", metavar="COMMAND")
    status = actions.add_parser(
        "status", help="backlog, statements set aside and the last error (no network)"
    )
    status.set_defaults(handler=run_status)
    send = actions.add_parser(
        "send", help="send every waiting statement now; exit 1 if the LRS cannot take them"
    )
    send.set_defaults(handler=run_send)
    parser.set_defaults(handler=lambda args: parser.print_help() or 2)


def _open():
    """(settings, store) of this kiosk's data dir; NoticeError if the database cannot open."""
    from kiosk.services import paths
    from kiosk.services.config import load_settings
    from kiosk.services.store import open_store

    folder, _notices = paths.prepare_data_dir(paths.data_dir())
    return folder, load_settings(folder / paths.INI_NAME), open_store(folder)


def _when(iso: str | None) -> str:
    """A kept time (UTC, ISO) as this machine's local time, to the second."""
    from kiosk.i18n import _, localize_digits

    if not iso:
        return _("never")
    from datetime import datetime

    try:
        return localize_digits(
            datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M:%S")
        )
    except ValueError:
        return iso


def run_status(args: argparse.Namespace) -> int:
    from kiosk.core.notices import NoticeError
    from kiosk.i18n import _, format_number
    from kiosk.services import sync

    try:
        _folder, settings, store = _open()
    except NoticeError as error:
        print(error.notice.text())
        return 2
    try:
        figures = sync.status(store.db)
        aside = sync.set_aside_rows(store.db, 20)
    finally:
        store.close()
    url = str(settings["lrs_url"])
    print(_("Learning record store: {url}").format(url=url or _("not set")))
    print(_("Sending: {state}").format(state=_("on") if settings["sync_enabled"] else _("off")))
    print(_("Waiting to be sent: {count}").format(count=format_number(figures.backlog)))
    print(_("Set aside: {count}").format(count=format_number(figures.set_aside)))
    print(_("Delivered and still kept: {count}").format(count=format_number(figures.delivered)))
    print(_("Last delivered: {when}").format(when=_when(figures.last_success)))
    if figures.last_error:
        print(
            _("Last error ({when}): {words}").format(
                when=_when(figures.last_error_at), words=sync.explain(figures.last_error).text()
            )
        )
        print(_("    technical: {reason}").format(reason=figures.last_error))
    else:
        print(_("Last error: none"))
    for row in aside:
        print(
            _("Set aside {statement} ({when}): {words}").format(
                statement=row["statement_id"],
                when=_when(row["at"]),
                words=sync.explain_set_aside(row["reason"]).text(),
            )
        )
        print(_("    technical: {reason}").format(reason=row["reason"]))
    return 0


def run_send(args: argparse.Namespace) -> int:
    from kiosk.core.notices import NoticeError
    from kiosk.i18n import _, format_number
    from kiosk.services import sync
    from kiosk.services.staff import audit
    from kiosk.services.sync_worker import LrsCredentials

    try:
        folder, settings, store = _open()
    except NoticeError as error:
        print(error.notice.text())
        return 2
    try:
        url = str(settings["lrs_url"])
        if not url:
            print(
                _(
                    "No learning record store is set: nothing was sent. Set its address under "
                    "Staff → Learning records, or “lrs_url” in kiosk.ini."
                )
            )
            return 2
        if not settings["sync_enabled"]:
            print(
                _(
                    "Sending learning records is off: nothing was sent. Turn it on under Staff → "
                    "Learning records, or “sync_enabled = true” in kiosk.ini."
                )
            )
            return 2
        audit(store, "shell", "sync.send_now", {"via": "command"})
        client = sync.LrsClient(url, *LrsCredentials(folder, settings).read())
        try:
            delivery = sync.send_all(store, client)
        except sync.LrsUnavailable as error:
            print(sync.explain(error.reason).text())
            print(_("    technical: {reason}").format(reason=error.reason))
            left = sync.status(store.db).backlog
            print(_("Still waiting: {count}.").format(count=format_number(left)))
            return 1
        finally:
            client.close()
        print(
            _("Delivered: {sent}. Set aside: {aside}. Still waiting: {left}.").format(
                sent=format_number(len(delivery.delivered)),
                aside=format_number(len(delivery.set_aside)),
                left=format_number(sync.status(store.db).backlog),
            )
        )
        return 0
    finally:
        store.close()
