"""Back from every page of every screen of pages lands where it always did.

Each screen keeps one back-stack (kiosk.ui.widgets.back_stack) of the pages visited; a page may
handle Back itself (Page.on_back). These walks press the screen's real Back tile where it shows,
and where a page hides it for its own buttons (the lesson player, a Get-help session) ask the
screen to go back as the tile would."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.core.staff_rules import Role
from tests.gui import spoken

LEFT = Qt.MouseButton.LeftButton
PASSWORD = ("apple", "key", "cup")


def click(qtbot, widget):
    qtbot.mouseClick(widget, LEFT)


def where(kiosk) -> tuple[str, str]:
    """The screen shown and, on a screen of pages, the page shown (by name)."""
    screen = kiosk.window.current_screen()
    page = getattr(screen, "page", None)
    shown = screen.pages.currentWidget() if page is not None else None
    assert shown is page, "the back-stack and the page shown disagree"
    return screen.key, page.objectName() if page is not None else ""


def back(qtbot, kiosk):
    screen = kiosk.window.current_screen()
    if screen.back.isVisible():
        click(qtbot, screen.back)
    else:
        screen.go_back()
    return where(kiosk)


def open_learn(qtbot, kiosk):
    click(qtbot, kiosk.window.screens["home"].tiles["learn"])
    return kiosk.window.screens["learn"]


def test_learn_back_from_each_page(make_kiosk, qtbot):
    kiosk = make_kiosk("en")
    learn = open_learn(qtbot, kiosk)
    assert where(kiosk) == ("learn", "learn_entry")
    assert back(qtbot, kiosk) == ("home", "")

    learn = open_learn(qtbot, kiosk)
    learner = learn.session.learners.enrol("Sara", "cat", PASSWORD, None)
    click(qtbot, learn.entry.tiles["sign_in"])
    assert where(kiosk) == ("learn", "learn_who")
    click(qtbot, learn.who.tiles[learner])
    assert where(kiosk) == ("learn", "learn_password")
    assert back(qtbot, kiosk) == ("learn", "learn_who")
    assert spoken(kiosk)[-1] == learn.who.intro()  # where Back led is said
    assert back(qtbot, kiosk) == ("learn", "learn_entry")

    click(qtbot, learn.entry.tiles["guest"])
    assert where(kiosk) == ("learn", "learn_map")
    pack_id, lesson_id = next(iter(learn.map.tiles))
    click(qtbot, learn.map.tiles[(pack_id, lesson_id)])
    assert where(kiosk) == ("learn", "learn_player") and not learn.back.isVisible()
    assert back(qtbot, kiosk) == ("learn", "learn_map")  # progress kept, to the map
    assert learn.session.learner_id is not None and learn.back.isVisible()
    click(qtbot, learn.map.tiles[(pack_id, lesson_id)])
    learn.player.finished.emit(1, False)  # as the player does at the lesson's end
    assert where(kiosk) == ("learn", "learn_done")
    assert back(qtbot, kiosk) == ("learn", "learn_map")  # not the finished lesson
    assert back(qtbot, kiosk) == ("learn", "learn_entry")  # the learner's turn is over
    assert learn.session.learner_id is None


def test_learn_back_steps_through_the_enrolment(make_kiosk, qtbot):
    kiosk = make_kiosk("en")
    learn = open_learn(qtbot, kiosk)
    click(qtbot, learn.entry.tiles["enrol"])
    assert where(kiosk) == ("learn", "learn_new_avatar")
    click(qtbot, learn.new_avatar.tiles["cat"])
    assert where(kiosk) == ("learn", "learn_new_password")
    for picture in PASSWORD:
        click(qtbot, learn.new_password.tiles[picture])
    assert where(kiosk) == ("learn", "learn_confirm_password")
    assert back(qtbot, kiosk) == ("learn", "learn_new_password")
    assert back(qtbot, kiosk) == ("learn", "learn_new_avatar")
    assert learn.enrolment is not None
    assert back(qtbot, kiosk) == ("learn", "learn_entry")
    assert learn.enrolment is None

    # A guest keeping their progress after a lesson: Back from the first step is the entry.
    click(qtbot, learn.entry.tiles["guest"])
    learn.open_lesson(*next(iter(learn.map.tiles)))
    learn.player.finished.emit(2, False)
    click(qtbot, learn.done.tiles["keep"])
    assert where(kiosk) == ("learn", "learn_new_avatar")
    assert back(qtbot, kiosk) == ("learn", "learn_entry")


def test_get_help_back_from_each_page(make_kiosk, qtbot, portal):
    from tests.assist.web import Helper

    kiosk = make_kiosk("en")
    helper = Helper(qtbot, kiosk, portal)
    screen = helper.open()
    assert where(kiosk) == ("help", "assist_services")
    assert back(qtbot, kiosk) == ("home", "")

    helper.open()
    helper.click(screen.services.tiles[0])
    assert where(kiosk) == ("help", "assist_info")
    assert back(qtbot, kiosk) == ("help", "assist_services")
    helper.click(screen.services.tiles[0])
    helper.click(screen.info.start_tile)
    assert where(kiosk) == ("help", "assist_consent")
    assert back(qtbot, kiosk) == ("help", "assist_info")
    assert spoken(kiosk)[-1] == screen.info.intro()
    helper.click(screen.info.start_tile)
    helper.click(screen.consent.agree)
    assert where(kiosk) == ("help", "assist_session") and not screen.back.isVisible()
    assert back(qtbot, kiosk) == ("help", "assist_feedback")  # the session ends first
    assert screen.session is not None and screen.session_page is None
    assert back(qtbot, kiosk) == ("home", "")  # Back on the feedback finishes
    assert screen.session is None


def test_staff_back_from_each_page(make_kiosk, qtbot):
    kiosk = make_kiosk("en")
    window = kiosk.window
    window.show_screen("staff")
    assert where(kiosk) == ("staff", "staff_page_first_run")
    assert back(qtbot, kiosk) == ("home", "")

    directory = kiosk.staff.directory()
    admin = directory.create("setup", "Sara", Role.ADMIN, "135790")
    window.show_screen("staff")
    screen = window.current_screen()
    assert where(kiosk) == ("staff", "staff_page_choose")
    assert back(qtbot, kiosk) == ("home", "")
    window.show_screen("staff")
    click(qtbot, screen.page.account_buttons[admin.id])
    assert where(kiosk) == ("staff", "staff_page_pin")
    assert back(qtbot, kiosk) == ("staff", "staff_page_choose")
    click(qtbot, screen.page.account_buttons[admin.id])
    page = screen.page
    for digit in "135790":
        click(qtbot, page.keypad.digits[digit])
    click(qtbot, page.keypad.ok_button)
    qtbot.waitUntil(lambda: where(kiosk) == ("staff", "staff_page_home"), timeout=5000)
    for name in ("settings", "accounts", "learners", "assist_report", "flow_health", "record_flow"):
        click(qtbot, screen.page.tiles[name])
        assert where(kiosk) == ("staff", f"staff_page_{name}")
        assert back(qtbot, kiosk) == ("staff", "staff_page_home")
    assert kiosk.staff.account is not None
    assert back(qtbot, kiosk) == ("home", "")  # out of the staff area, signed out
    assert kiosk.staff.account is None
