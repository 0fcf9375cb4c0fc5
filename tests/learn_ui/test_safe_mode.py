"""Issue 14: a refused database leaves the kiosk in a visible safe mode, on the real window.

Get help works; the Learn screen says learning records are off (and, for staff, what was found
and how to fix it) and still lets a guest learn, saving nothing; the staff area says so; the
database file is never written to."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt

from kiosk.services.assist_catalog import BUNDLED, load_services
from kiosk.services.paths import DB_NAME
from kiosk.services.store import open_store
from tests.gui import save_screenshot, spoken
from tools.synthetic_pack import write_pack


@pytest.fixture
def pack_dir(tmp_path, monkeypatch):
    root = tmp_path / "packs"
    write_pack(root / "sample", lessons=1, per_module=1)
    monkeypatch.setenv("KIOSK_LESSONS_DIR", str(root))
    return root


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def damage(data, kind):
    data.mkdir(parents=True, exist_ok=True)
    path = data / DB_NAME
    if kind == "foreign":
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE invoices (id INTEGER)")
        conn.commit()
        conn.close()
    elif kind == "truncated":
        open_store(data).close()
        raw = path.read_bytes()
        path.write_bytes(raw[: len(raw) // 2])
    else:  # read-only
        open_store(data).close()
        path.chmod(0o444)
    return path


def files_of(data):
    return {p.name: p.read_bytes() for p in data.iterdir() if p.name.startswith(DB_NAME)}


def answer(qtbot, learn, choice_ids):
    quiz = learn.player.view
    for choice_id in choice_ids:
        click(qtbot, quiz.tiles[choice_id])
    click(qtbot, quiz.confirm)


@pytest.mark.parametrize("kind", ["foreign", "truncated", "read-only"])
def test_a_refused_database_gives_a_visible_safe_mode_where_a_guest_still_learns(
    make_kiosk, qtbot, isolated, pack_dir, kind, artifacts
):
    path = damage(isolated, kind)
    before = files_of(isolated)
    kiosk = make_kiosk("en")
    problem = kiosk.database.problem
    assert problem is not None and str(path) in problem.text()
    assert problem in kiosk.notices  # the notice bar at the top says it too

    click(qtbot, kiosk.window.screens["home"].tiles["learn"])
    learn = kiosk.window.screens["learn"]
    entry = learn.entry
    assert learn.pages.currentWidget() is entry
    assert entry.records_off.isVisible() and "Learning records are off" in entry.records_off.text()
    staff_note = entry.staff_note.text()
    assert entry.staff_note.isVisible() and str(path) in staff_note and "To fix" in staff_note
    assert entry.tiles["guest"].isVisible()
    assert not entry.tiles["sign_in"].isVisible() and not entry.tiles["enrol"].isVisible()
    assert "Learning records are off" in entry.intro()
    save_screenshot(kiosk.window, artifacts, f"learn-safe-mode-{kind}")

    # A guest learns a whole lesson; the player keeps its place in memory only.
    click(qtbot, entry.tiles["guest"])
    assert learn.pages.currentWidget() is learn.map
    click(qtbot, learn.map.tiles[("sample", "lesson-0000")])
    player = learn.player
    for _ in range(3):
        click(qtbot, player.next_button)
    for choices in (["nobody"], ["a", "b"], ["p1"], ["first", "second", "third"]):
        answer(qtbot, learn, choices)
        click(qtbot, player.next_button)
    assert learn.pages.currentWidget() is learn.done
    assert learn.done.stars.text() == "★★★"
    assert not learn.done.tiles["keep"].isVisible()  # nothing can be kept
    assert "remember your progress" not in learn.done.summary.text()
    assert learn.session.store.memory

    # Get help opens with its services.
    kiosk.window.show_screen("help")
    help_screen = kiosk.window.screens["help"]
    qtbot.waitUntil(lambda: help_screen.services.loaded, timeout=10000)
    bundled = [s.flow.id for s in load_services([BUNDLED])[0]]
    assert [s.flow.id for s in help_screen.services.services][: len(bundled)] == bundled
    assert help_screen.services.tiles and help_screen.services.tiles[0].isVisible()

    # The staff area says the kiosk is in safe mode, what was found, and the fix.
    kiosk.window.show_screen("staff")
    staff = kiosk.window.current_screen()
    message = staff.page.message
    assert staff.page.objectName() == "staff_page_choose" and message.isVisible()
    assert "safe mode" in message.text() and str(path) in message.text()
    assert "safe mode" in spoken(kiosk)[-1]

    kiosk.window.show_screen("home")
    assert files_of(isolated) == before  # never written to: no journal, no WAL, no change
