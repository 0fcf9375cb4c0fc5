"""The staff pages "Learning records" and "Content updates", opened by an admin on the real
display in Persian and English: the state shown in words, every action audited, the LRS
password never shown, spoken or audited, and each page laid out at 100 % and 200 % text
(screenshots in tests/artifacts)."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea

from kiosk.i18n import format_number
from kiosk.services import sync
from kiosk.services.content import installed
from kiosk.services.staff import audit_rows
from kiosk.ui.staff import sync_page, updates_page
from tests.gui import save_screenshot, spoken, utterances
from tests.layout.checker import Where, check, settle
from tests.staff.test_staff_ui import sign_in, with_accounts
from tests.sync.helpers import answer_many
from tests.sync.lrs import PASSWORD, USER
from tests.updates.conftest import GREETING, trusting_kiosk, voice_pack

LEFT = Qt.MouseButton.LeftButton
DEAD = "http://127.0.0.1:9/xAPI"  # the discard port: nothing listens, the connection is refused


def click(qtbot, widget):
    qtbot.mouseClick(widget, LEFT)


def open_tile(qtbot, kiosk, key: str):
    admin, _operator = with_accounts(kiosk)
    screen = sign_in(qtbot, kiosk, admin, "135790")
    click(qtbot, screen.page.tiles[key])
    return screen, screen.page


def laid_out(kiosk, page, artifacts, name: str, top=None) -> None:
    """Screenshots at 100 % and 200 % text (scrolled to `top`, the state the page shows), and
    no clipped, overlapping or unreachable control."""
    for scale in (100, 200):
        kiosk.theme.set_scale(scale)
        settle()
        shown = top or page.message
        for area in kiosk.window.findChildren(QScrollArea):
            if area.widget() is not None and area.widget().isAncestorOf(shown):
                area.ensureWidgetVisible(shown, 0, 0)
        settle()
        where = Where("staff", name, f"1280x800 {kiosk.window.ctx.language.code} {scale}%")
        assert check(kiosk.window, where, kiosk.theme.px) == []
        save_screenshot(kiosk.window, artifacts, f"staff-{name}-{scale}")
    kiosk.theme.set_scale(100)


def wait_for(qtbot, condition, timeout=20000):
    qtbot.waitUntil(condition, timeout=timeout)


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_learning_records_page(make_kiosk, qtbot, artifacts, ralph, lang):
    kiosk = make_kiosk(lang)
    tr = kiosk.window.ctx.tr
    ids = answer_many(kiosk.store, 12)
    # The LRS already holds other content under the 4th statement's id: it will be set aside.
    fourth = json.loads(sync.next_batch(kiosk.store.db)[3].statement)
    ralph.post([{**fourth, "result": {"success": not fourth["result"]["success"]}}])
    _screen, page = open_tile(qtbot, kiosk, "sync")
    assert page.objectName() == "staff_page_sync"
    wait_for(qtbot, lambda: page.figures is not None)
    twelve = format_number(12, lang)
    assert tr(sync_page.NEVER) in page.status_label.text() and twelve in page.status_label.text()
    assert page.error_label.text() == tr(sync_page.NO_ERROR) and not page.aside_label.isVisible()
    # Send now with sending off: told what to do first, nothing sent, nothing audited.
    click(qtbot, page.send_button)
    assert page.message.text() == tr(sync_page.SYNC_OFF)
    laid_out(kiosk, page, artifacts, f"sync-{lang}-fresh", page.status_label)

    # The admin turns sending on towards an LRS that is not there, with credentials.
    page.by_key["lrs_url"].field.setText(DEAD)
    click(qtbot, page.by_key["sync_enabled"].box)
    qtbot.keyClicks(page.username, USER)
    qtbot.keyClicks(page.password, PASSWORD)
    assert page.password.echoMode() == page.password.EchoMode.Password
    click(qtbot, page.save_button)
    wait_for(qtbot, lambda: page.message.text() == tr(sync_page.SAVED))
    assert page.username.text() == "" and page.password.text() == ""
    # The worker starts by itself and fails: the page says so in words, not in Python.
    wait_for(qtbot, lambda: tr(sync.UNREACHABLE).split("{")[0][:30] in page.error_label.text())
    assert "ConnectionError" not in page.error_label.text() + page.status_label.text()
    assert "Max retries" not in page.error_label.text()
    laid_out(kiosk, page, artifacts, f"sync-{lang}-error", page.error_label)

    # Pointed at the real LRS, Send now delivers everything; the conflict is set aside.
    page.by_key["lrs_url"].field.setText(ralph.url)
    click(qtbot, page.save_button)
    wait_for(qtbot, lambda: page.message.text() == tr(sync_page.SAVED))
    wait_for(qtbot, lambda: sync.status(kiosk.store.db).backlog == 0)
    wait_for(qtbot, lambda: not kiosk.sync.work.busy)
    click(qtbot, page.send_button)
    wait_for(qtbot, lambda: page.message.text() == tr(sync_page.SENT))
    wait_for(qtbot, lambda: page.aside_label.isVisible())
    assert page.error_label.text() == tr(sync_page.NO_ERROR)
    assert tr(sync.CONFLICT) in page.aside_label.text() and ids[3][:8] in page.aside_label.text()
    assert tr(sync_page.NEVER) not in page.status_label.text()
    stored = ralph.stored()
    assert [stored[i] for i in ids] == [1] * 12
    laid_out(kiosk, page, artifacts, f"sync-{lang}-delivered", page.aside_label)

    rows = audit_rows(kiosk.store)
    actions = [(r["actor"], r["action"]) for r in rows]
    assert actions.count(("Sara", "sync.change")) == 2
    assert ("Sara", "sync.credentials") in actions and ("Sara", "sync.send_now") in actions
    changes = [r["details"] for r in rows if r["action"] == "sync.change"]
    assert changes[0] == {"lrs_url": DEAD, "sync_enabled": True}
    assert changes[1] == {"lrs_url": ralph.url}
    credentials = [r["details"] for r in rows if r["action"] == "sync.credentials"]
    assert credentials == [{"username": USER}]
    # The password: in the keyring only; never audited, said or on the screen.
    assert kiosk.sync.credentials.read() == (USER, PASSWORD)
    assert PASSWORD not in json.dumps([r["details"] for r in rows])
    assert not any(PASSWORD in text for text in spoken(kiosk))
    texts = [w.text() for w in page.findChildren(type(page.status_label))]
    assert not any(PASSWORD in text for text in texts)
    assert (kiosk.data_dir / "kiosk.ini").read_text().count(PASSWORD) == 0


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_content_updates_page(make_kiosk, qtbot, artifacts, publisher, mirror, tmp_path, lang):
    voices = voice_pack(tmp_path / "greetings", 400, b"v")
    publisher.publish([("voices", voices, None)])
    kiosk = make_kiosk(lang)
    trusting_kiosk(kiosk.data_dir, publisher)
    kiosk.settings.apply({"update_url": mirror})
    tr = kiosk.window.ctx.tr
    _screen, page = open_tile(qtbot, kiosk, "updates")
    assert page.objectName() == "staff_page_updates"
    assert page.installed_label.text() == tr(updates_page.NOTHING_INSTALLED)
    assert not page.install_button.isVisible()
    laid_out(kiosk, page, artifacts, f"updates-{lang}-none")

    # The mirror has the voice pack: found, installed, heard at once.
    click(qtbot, page.check_button)
    wait_for(qtbot, lambda: not page.work.busy)
    assert page.install_button.isVisible() and "greetings" in page.offers_label.text()
    assert tr(updates_page.KIND_NAMES["voices"]) in page.offers_label.text()
    laid_out(kiosk, page, artifacts, f"updates-{lang}-found")
    click(qtbot, page.install_button)
    wait_for(qtbot, lambda: not page.work.busy)
    (bundle,) = installed(kiosk.data_dir)
    assert bundle.version == 1 and not page.install_button.isVisible()
    first = str(bundle.path / "greeting.wav")
    assert kiosk.speaker.narration.recording("fa", GREETING) == first
    kiosk.speaker.say(GREETING, "fa")
    assert utterances(kiosk)[-1].audio == first

    # Nothing newer: said so. Then version 2 is published, installed, and rolled back.
    click(qtbot, page.check_button)
    wait_for(qtbot, lambda: not page.work.busy)
    assert page.message.text() == tr(updates_page.UP_TO_DATE).format(source=mirror)
    voice_pack(voices, 400, b"w")
    publisher.publish([("voices", voices, None)])
    click(qtbot, page.check_button)
    wait_for(qtbot, lambda: not page.work.busy)
    click(qtbot, page.install_button)
    wait_for(qtbot, lambda: not page.work.busy)
    (bundle,) = installed(kiosk.data_dir)
    assert (bundle.version, bundle.previous) == (2, 1)
    assert kiosk.speaker.narration.recording("fa", GREETING) == str(bundle.path / "greeting.wav")
    rollback = page.findChild(type(page.check_button), "updates_rollback_voices_greetings")
    assert rollback is not None and rollback.isVisible()
    laid_out(kiosk, page, artifacts, f"updates-{lang}-installed", page.installed_label)
    click(qtbot, rollback)
    wait_for(qtbot, lambda: not page.work.busy)
    (bundle,) = installed(kiosk.data_dir)
    assert bundle.version == 1
    assert kiosk.speaker.narration.recording("fa", GREETING) == first
    one = format_number(1, lang)
    assert page.message.text() == tr(updates_page.ROLLED_BACK).format(name="greetings", version=one)
    laid_out(kiosk, page, artifacts, f"updates-{lang}-rolled-back")
    rows = [(r["actor"], r["action"], r["details"]) for r in audit_rows(kiosk.store)]
    assert [(a, b, d["version"]) for a, b, d in rows if b.startswith("content.")] == [
        ("Sara", "content.install", 1),
        ("Sara", "content.install", 2),
        ("Sara", "content.rollback", 1),
    ]
