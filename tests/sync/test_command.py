"""`kiosk sync status` and `kiosk sync send` against a real Ralph LRS: what a technician without
the GUI sees and can do, the failures in words (and technically), the password never shown."""

from __future__ import annotations

import json

from kiosk.cli import main
from kiosk.services import sync
from kiosk.services.config import load_settings
from kiosk.services.paths import INI_NAME
from kiosk.services.staff import audit_rows
from kiosk.services.store import open_store
from kiosk.services.sync_worker import LrsCredentials
from tests.sync.helpers import answer_many
from tests.sync.lrs import PASSWORD, USER


def kiosk(capsys, *args: str) -> tuple[int, str]:
    code = main(["--language", "en", "sync", *args])
    out = capsys.readouterr()
    assert PASSWORD not in out.out + out.err and "wrong-secret" not in out.out + out.err
    return code, out.out


def outbox(data, count: int) -> list[str]:
    """`count` answers waiting to be sent from the kiosk in `data`."""
    data.mkdir(parents=True, exist_ok=True)
    store = open_store(data)
    try:
        return answer_many(store, count)
    finally:
        store.close()


def set_up(data, url: str, password: str = PASSWORD) -> None:
    settings = load_settings(data / INI_NAME)
    settings.write({"lrs_url": url, "sync_enabled": True, "staff_keyring": "file"})
    settings.apply({"staff_keyring": "file"})
    LrsCredentials(data, settings).write(USER, password)


def outbox_with_a_conflict(data, ralph, count: int = 12) -> list[str]:
    """`count` answers waiting; the LRS already holds other content under the 4th's id."""
    ids = outbox(data, count)
    store = open_store(data)
    try:
        fourth = json.loads(sync.next_batch(store.db)[3].statement)
        ralph.post([{**fourth, "result": {"success": not fourth["result"]["success"]}}])
    finally:
        store.close()
    return ids


def test_status_and_send_before_anything_is_set_up(capsys, isolated):
    outbox(isolated, 3)
    code, out = kiosk(capsys, "status")
    assert code == 0
    assert "Learning record store: not set" in out and "Sending: off" in out
    assert "Waiting to be sent: 3" in out and "Last delivered: never" in out
    assert "Last error: none" in out
    code, out = kiosk(capsys, "send")
    assert code == 2 and "No learning record store is set: nothing was sent" in out
    load_settings(isolated / INI_NAME).write({"lrs_url": "http://127.0.0.1:9/xAPI"})
    code, out = kiosk(capsys, "send")
    assert code == 2 and "Sending learning records is off" in out


def test_send_through_a_network_failure_then_everything_once_and_the_conflict_set_aside(
    capsys, isolated, ralph, proxy
):
    ids = outbox_with_a_conflict(isolated, ralph)
    set_up(isolated, proxy.url)
    proxy.faults.append("down")  # the connection dropped without an answer
    code, out = kiosk(capsys, "send")
    assert code == 1
    assert "could not be reached. Check the network cable or Wi-Fi" in out
    assert "technical: ConnectionError" in out and "Still waiting: 12." in out
    code, out = kiosk(capsys, "status")
    assert "Waiting to be sent: 12" in out and "Last error (" in out
    assert "could not be reached" in out
    code, out = kiosk(capsys, "send")
    assert code == 0 and "Delivered: 11. Set aside: 1. Still waiting: 0." in out
    stored = ralph.stored()
    assert [stored[i] for i in ids] == [1] * 12  # the conflicting one: the LRS's own copy
    code, out = kiosk(capsys, "status")
    assert "Waiting to be sent: 0" in out and "Set aside: 1" in out
    assert "Delivered and still kept: 11" in out and "Last delivered: never" not in out
    assert f"Set aside {ids[3]} (" in out
    assert "already holds a different learning record under the same number" in out
    assert "technical: conflict: HTTP 409" in out
    store = open_store(isolated)
    actions = [(r["actor"], r["action"]) for r in audit_rows(store)]
    store.close()
    assert actions == [("shell", "sync.send_now")] * 2


def test_wrong_credentials_are_said_in_words_and_nothing_is_sent(capsys, isolated, ralph):
    outbox(isolated, 2)
    set_up(isolated, ralph.url, "wrong-secret")
    code, out = kiosk(capsys, "send")
    assert code == 1
    assert "refused the kiosk's user name or password" in out and "HTTP 401" in out
    assert "Still waiting: 2." in out
    code, out = kiosk(capsys, "status")
    assert "refused the kiosk's user name or password" in out


def test_status_in_persian(capsys, isolated):
    code = main(["--language", "fa", "sync", "status"])
    out = capsys.readouterr().out
    assert code == 0 and "در انتظار ارسال" in out and "Waiting" not in out
