"""Staff screens: first-run admin, PIN keypad, lockout and unlock, settings applied and saved."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk.core.staff_rules import Role
from kiosk.services.config import load_settings
from kiosk.services.secrets import FILE_NAME
from kiosk.services.staff import audit_rows
from kiosk.ui.widgets.spoken_field import DIGIT_ENTERED
from tests.gui import save_screenshot, spoken

LEFT = Qt.MouseButton.LeftButton


def click(qtbot, widget):
    qtbot.mouseClick(widget, LEFT)


def type_pin(qtbot, keypad, pin: str):
    for digit in pin:
        click(qtbot, keypad.digits[digit])


def staff_screen(kiosk):
    kiosk.window.show_screen("staff")
    return kiosk.window.current_screen()


def with_accounts(kiosk):
    staff = kiosk.staff.directory()
    admin = staff.create("setup", "Sara", Role.ADMIN, "135790")
    operator = staff.create(admin, "Ali", Role.OPERATOR, "864200")
    return admin, operator


def sign_in(qtbot, kiosk, account, pin):
    screen = staff_screen(kiosk)
    if screen.page.objectName() != "staff_page_choose":
        screen.show_page("choose")
    click(qtbot, screen.page.account_buttons[account.id])
    page = screen.page
    type_pin(qtbot, page.keypad, pin)
    click(qtbot, page.keypad.ok_button)
    # The PIN is checked in the background: wait for the answer to be shown.
    qtbot.waitUntil(lambda: not page.work.busy, timeout=5000)
    return screen


def test_first_run_asks_to_create_the_admin_with_pin_rules(make_kiosk, qtbot):
    kiosk = make_kiosk("en")
    screen = staff_screen(kiosk)
    page = screen.page
    assert page.objectName() == "staff_page_first_run"
    qtbot.keyClicks(page.name, "Sara")
    for pin, problem in (("12345", "too short"), ("444444", "one digit repeated")):
        page.pin.setFocus()
        type_pin(qtbot, page.keypad, pin)
        page.repeat.setText(pin)
        click(qtbot, page.create_button)
        assert problem in page.message.text() and spoken(kiosk)[-1] == page.message.text()
    page.pin.setText("135790")
    page.repeat.setText("135791")
    click(qtbot, page.create_button)
    assert "not the same" in page.message.text()
    page.pin.setText("135790")
    page.repeat.setText("135790")
    click(qtbot, page.create_button)
    assert screen.page.objectName() == "staff_page_home"
    assert kiosk.staff.account.name == "Sara" and kiosk.staff.role is Role.ADMIN
    assert screen.page.tiles["settings"].isVisible()
    assert [r["action"] for r in audit_rows(kiosk.store)] == ["staff.create"]


def test_keypad_pin_is_masked_and_says_only_digit_entered(make_kiosk, qtbot):
    kiosk = make_kiosk("fa")
    admin, _operator = with_accounts(kiosk)
    screen = staff_screen(kiosk)
    click(qtbot, screen.page.account_buttons[admin.id])
    page = screen.page
    assert page.objectName() == "staff_page_pin"
    before = len(spoken(kiosk))
    type_pin(qtbot, page.keypad, "1357")
    said = spoken(kiosk)[before:]
    assert said == [kiosk.window.ctx.tr(DIGIT_ENTERED)] * 4
    assert page.pin.echoMode() == page.pin.EchoMode.Password and page.pin.text() == "1357"
    for button in page.keypad.findChildren(type(page.keypad.ok_button)):
        assert button.height() >= 64 and button.width() >= 64


def test_five_wrong_pins_lock_and_an_admin_unlocks(make_kiosk, qtbot):
    kiosk = make_kiosk("en")
    admin, operator = with_accounts(kiosk)
    for _ in range(4):
        screen = sign_in(qtbot, kiosk, operator, "111222")
        assert "Wrong PIN" in screen.page.message.text()
    screen = sign_in(qtbot, kiosk, operator, "111222")
    assert "locked for 30 seconds" in screen.page.message.text()
    screen = sign_in(qtbot, kiosk, operator, "864200")
    assert "locked" in screen.page.message.text() and kiosk.staff.account is None
    screen = sign_in(qtbot, kiosk, admin, "135790")
    assert screen.page.objectName() == "staff_page_home"
    click(qtbot, screen.page.tiles["accounts"])
    accounts = screen.page
    assert accounts.objectName() == "staff_page_accounts"
    unlock = accounts.list_box.findChild(type(accounts.submit_button), "unlock_1")
    click(qtbot, unlock)
    assert "Ali is unlocked" in accounts.message.text()
    click(qtbot, screen.back)  # accounts → staff home
    click(qtbot, screen.page.tiles["sign_out"])
    assert kiosk.window.current_screen().key == "home"
    screen = sign_in(qtbot, kiosk, operator, "864200")
    assert screen.page.objectName() == "staff_page_home"
    assert not screen.page.tiles["settings"].isVisible()  # operators have no settings
    actions = [(r["actor"], r["action"]) for r in audit_rows(kiosk.store)]
    assert ("Ali", "staff.locked") in actions and ("Sara", "staff.unlock") in actions


def test_admin_adds_an_account_and_gives_a_new_pin(make_kiosk, qtbot):
    kiosk = make_kiosk("en")
    admin, operator = with_accounts(kiosk)
    screen = sign_in(qtbot, kiosk, admin, "135790")
    screen.show_page("accounts")
    page = screen.page
    qtbot.keyClicks(page.name, "Maryam")
    click(qtbot, page.role_buttons[Role.TRAINER])
    page.pin.setText("246813")
    page.repeat.setText("246813")
    click(qtbot, page.submit_button)
    assert "Maryam can now sign in" in page.message.text()
    page.start_new_pin(kiosk.staff.directory().get(operator.id))
    page.pin.setText("975310")
    page.repeat.setText("975310")
    click(qtbot, page.submit_button)
    assert "Ali has a new PIN" in page.message.text()
    staff = kiosk.staff.directory()
    maryam = next(a for a in staff.accounts() if a.name == "Maryam")
    assert maryam.role is Role.TRAINER
    assert [r["action"] for r in audit_rows(kiosk.store)][-2:] == ["staff.create", "staff.set_pin"]


def test_corrupt_keyring_file_says_how_to_get_back_in(make_kiosk, qtbot, isolated):
    kiosk = make_kiosk("en")
    kiosk.settings.set("staff_keyring", "file")
    admin, _operator = with_accounts(kiosk)
    (isolated / FILE_NAME).write_text("garbage")
    screen = sign_in(qtbot, kiosk, admin, "135790")
    message = screen.page.message.text()
    assert "damaged" in message and "kiosk staff reset-admin" in message
    assert kiosk.staff.account is None


def save(qtbot, page):
    """Touch Save and wait until the settings are written (in the background) or refused."""
    click(qtbot, page.save_button)
    qtbot.waitUntil(lambda: not page.work.busy, timeout=5000)


def open_settings(qtbot, kiosk):
    admin, _operator = with_accounts(kiosk)
    screen = sign_in(qtbot, kiosk, admin, "135790")
    click(qtbot, screen.page.tiles["settings"])
    return screen, screen.page


@pytest.mark.parametrize(
    ("key", "text", "problem"),
    [
        ("idle_seconds", "0", "below the minimum 30"),
        ("idle_seconds", "soon", "not a whole number"),
        ("allowed_hosts", "https://my.gov.ir/path", "host names"),
    ],
)
def test_bad_settings_are_refused_with_a_message_and_nothing_applied(
    make_kiosk, qtbot, isolated, key, text, problem
):
    kiosk = make_kiosk("en")
    _screen, page = open_settings(qtbot, kiosk)
    click(qtbot, page.by_key["volume"].down)  # a good change alongside the bad one
    page.by_key[key].field.setText(text)
    save(qtbot, page)
    assert problem in page.message.text() and "Nothing was changed" in page.message.text()
    assert spoken(kiosk)[-1] == page.message.text()
    assert kiosk.settings["volume"] == 80 and kiosk.settings["idle_seconds"] == 90
    assert not (isolated / "kiosk.ini").exists()
    assert [r["action"] for r in audit_rows(kiosk.store)] == ["staff.create", "staff.create"]


def test_settings_apply_live_persist_and_are_audited(make_kiosk, qtbot, isolated):
    kiosk = make_kiosk("en")
    _screen, page = open_settings(qtbot, kiosk)
    page.by_key["idle_seconds"].field.setText("60")
    page.by_key["allowed_hosts"].field.setText("my.gov.ir, portal.example.ir")
    click(qtbot, page.by_key["volume"].down)
    click(qtbot, page.by_key["speech_rate"].up)
    click(qtbot, page.by_key["text_scale"].buttons[1])  # 150 %
    page.by_key["attract_speech"].box.setChecked(False)
    page.by_key["high_contrast"].box.setChecked(True)
    save(qtbot, page)
    assert "saved" in page.message.text()
    settings = kiosk.settings
    assert settings["idle_seconds"] == 60 and settings["volume"] == 70
    assert kiosk.speaker.volume == 70 and kiosk.speaker.rate == 110
    assert kiosk.theme.scale == 150 and settings["high_contrast"] is True
    again = load_settings(isolated / "kiosk.ini", {})
    for key, value in {
        "idle_seconds": 60,
        "volume": 70,
        "speech_rate": 110,
        "text_scale": 150,
        "attract_speech": False,
        "high_contrast": True,
        "allowed_hosts": ("my.gov.ir", "portal.example.ir"),
    }.items():
        assert again[key] == value, key
    row = audit_rows(kiosk.store)[-1]
    assert row["action"] == "settings.change" and row["actor"] == "Sara"
    assert row["details"]["idle_seconds"] == 60
    kiosk.settings.set("high_contrast", False)
    kiosk.settings.set("text_scale", 100)


def test_a_settings_file_that_cannot_be_written_is_told_and_nothing_applied(
    make_kiosk, qtbot, isolated
):
    kiosk = make_kiosk("en")
    _screen, page = open_settings(qtbot, kiosk)
    (isolated / "kiosk.ini").mkdir(parents=True)  # not a file: the write fails
    click(qtbot, page.by_key["volume"].down)
    save(qtbot, page)  # written in the background; the failure comes back to the page
    assert "could not be saved" in page.message.text()
    assert spoken(kiosk)[-1] == page.message.text()
    assert kiosk.settings["volume"] == 80 and page.save_button.isEnabled()
    assert [r["action"] for r in audit_rows(kiosk.store)] == ["staff.create", "staff.create"]


def test_default_language_must_be_offered(make_kiosk, qtbot):
    kiosk = make_kiosk("en")
    _screen, page = open_settings(qtbot, kiosk)
    page.by_key["languages"].boxes[0].setChecked(False)  # Persian no longer offered
    save(qtbot, page)  # but still the default
    assert "must be one of the languages offered" in page.message.text()
    click(qtbot, page.by_key["language"].buttons[1])  # English by default
    save(qtbot, page)
    assert kiosk.language.offered == ("en",) and kiosk.settings["language"] == "en"


def test_hidden_corner_gesture_opens_staff_sign_in(make_kiosk, qtbot):
    from PySide6.QtCore import QPoint

    kiosk = make_kiosk("en")
    with_accounts(kiosk)
    gesture = kiosk.shell.gesture
    gesture.hold_ms = 30
    from PySide6.QtTest import QTest

    language = kiosk.language.code
    # Through the window, as a finger on the screen arrives: the gesture listens there.
    window = kiosk.window.windowHandle()
    QTest.mousePress(window, LEFT, Qt.KeyboardModifier.NoModifier, QPoint(20, 20))
    with qtbot.waitSignal(gesture.triggered, timeout=3000):
        pass
    QTest.mouseRelease(window, LEFT, Qt.KeyboardModifier.NoModifier, QPoint(20, 20))
    assert kiosk.window.current_screen().key == "staff"
    assert kiosk.window.current_screen().page.objectName() == "staff_page_choose"
    assert kiosk.language.code == language  # the press did not also click what was under it


def test_screenshots_of_sign_in_and_settings(make_kiosk, qtbot, artifacts):
    folder = artifacts / "staff"
    folder.mkdir(exist_ok=True)
    for language in ("fa", "en"):
        kiosk = make_kiosk(language)
        if language == "fa":
            with_accounts(kiosk)
        admin = kiosk.staff.directory().accounts()[0]
        screen = staff_screen(kiosk)
        save_screenshot(kiosk.window, folder, f"staff-choose-{language}")
        click(qtbot, screen.page.account_buttons[admin.id])
        type_pin(qtbot, screen.page.keypad, "135")
        kiosk.window.caption.hide()
        save_screenshot(kiosk.window, folder, f"staff-pin-keypad-{language}")
        type_pin(qtbot, screen.page.keypad, "790")
        click(qtbot, screen.page.keypad.ok_button)
        qtbot.waitUntil(
            lambda screen=screen: screen.page.objectName() == "staff_page_home", timeout=5000
        )
        save_screenshot(kiosk.window, folder, f"staff-home-{language}")
        click(qtbot, screen.page.tiles["settings"])
        screen.page.by_key["idle_seconds"].field.setText("0")
        save(qtbot, screen.page)
        kiosk.window.caption.hide()
        kiosk.window.resize(1280, 2400)  # the whole page in one picture
        save_screenshot(kiosk.window, folder, f"staff-settings-{language}")


def test_staff_home_lists_the_packs_in_use_and_the_broken_ones(
    make_kiosk, qtbot, tmp_path, monkeypatch
):
    from tools.synthetic_pack import write_pack

    root = tmp_path / "packs"
    write_pack(root / "good", lessons=2, pack_id="good")
    bad = write_pack(root / "bad", lessons=1, pack_id="bad")
    (bad / "lessons" / "lesson-0000.json").write_text("{ broken", encoding="utf-8")
    monkeypatch.setenv("KIOSK_LESSONS_DIR", str(root))
    kiosk = make_kiosk("en")
    admin, _operator = with_accounts(kiosk)
    screen = sign_in(qtbot, kiosk, admin, "135790")
    qtbot.waitUntil(lambda: not screen.page.reading.busy, timeout=10000)  # read in the background
    text = screen.page.packs.text()
    assert screen.page.packs.isVisible()
    # The pack's title (the synthetic pack's), its version and lessons, in words staff read.
    assert "Sample pack (version 1.0.0, 2 lessons)" in text
    assert "bad" in text and "bad/lessons/lesson-0000.json" in text and "JSON" in text


def test_trainer_makes_a_class_enrols_a_learner_resets_the_password_and_sees_progress(
    make_kiosk, qtbot, artifacts
):
    from kiosk.services.learners import Learners
    from kiosk.services.progress import Progress
    from kiosk.services.staff import audit_rows

    kiosk = make_kiosk("fa")
    admin, _operator = with_accounts(kiosk)
    trainer = kiosk.staff.directory().create(admin, "Mina", Role.TRAINER, "246813")
    screen = sign_in(qtbot, kiosk, trainer, "246813")
    click(qtbot, screen.page.tiles["learners"])
    page = screen.page
    assert page.objectName() == "staff_page_learners"
    qtbot.waitUntil(lambda: page.course is not None and not page.reading.busy, timeout=10000)
    page.class_name.setText("کلاس سه‌شنبه")
    click(qtbot, page.add_class)
    qtbot.waitUntil(lambda: len(page.classes.rows) == 1 and not page.reading.busy)
    # The new class is the chosen one, shown in the list (after "All learners").
    assert page.class_view.currentIndex().row() == 1 and page.class_id is not None
    click(qtbot, page.enrol_button)
    click(qtbot, page.avatar.tiles["cat"])
    for picture in ("apple", "key", "cup"):
        click(qtbot, page.first.tiles[picture])
    for picture in ("apple", "key", "cup"):
        click(qtbot, page.again.tiles[picture])
    qtbot.waitUntil(lambda: len(page.learners.rows) == 1, timeout=10000)  # hashed, then read
    learners = Learners(kiosk.store)
    [learner] = learners.all()
    assert learner.nickname == "گربه" and learner.class_id == page.class_id
    assert learners.sign_in(learner.id, ("apple", "key", "cup")).ok
    assert page.learner_view.currentIndex().data() == "گربه"
    qtbot.waitUntil(lambda: page.reset_button.isVisible())
    click(qtbot, page.reset_button)
    for picture in ("ball", "lamp", "shoe"):
        click(qtbot, page.first.tiles[picture])
    for picture in ("ball", "lamp", "shoe"):
        click(qtbot, page.again.tiles[picture])
    qtbot.waitUntil(lambda: not page.hashing.busy and not page.reading.busy, timeout=10000)
    assert learners.sign_in(learner.id, ("ball", "lamp", "shoe")).ok
    from kiosk.core.lessons.model import Mastery

    Progress(kiosk.store).complete(learner.id, "basics", "first-screen", Mastery("all"), [True])
    page.refresh()
    qtbot.waitUntil(
        lambda: any(stars == "★★★" and done for _t, stars, done in page.progress_rows()),
        timeout=10000,
    )
    [mastered] = [row for row in page.progress_rows() if row[2]]
    assert mastered[0].endswith("آشنایی با صفحه و دکمه‌ها")
    actions = [row["action"] for row in audit_rows(kiosk.store)]
    assert {"learners.add_class", "learners.enrol", "learners.reset_password"} <= set(actions)
    save_screenshot(kiosk.window, artifacts, "staff-learners-fa")


def test_an_operator_on_duty_is_recorded_for_citizens_until_the_kiosk_goes_idle(make_kiosk, qtbot):
    from kiosk.services.staff import audit_rows

    kiosk = make_kiosk("en")
    _admin, operator = with_accounts(kiosk)
    screen = sign_in(qtbot, kiosk, operator, "864200")
    click(qtbot, screen.page.tiles["help_citizen"])
    assert kiosk.window.current_screen().key == "help"
    assert kiosk.staff.account is None  # the staff area is closed behind them
    assert kiosk.staff.helper.id == operator.id
    assert "assist.on_duty" in [row["action"] for row in audit_rows(kiosk.store)]
    kiosk.window.end_session("done")  # one citizen done: still on duty for the next
    assert kiosk.staff.helper.id == operator.id
    kiosk.window.end_session("idle")
    assert kiosk.staff.helper is None
