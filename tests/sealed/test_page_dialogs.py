"""A portal page's alert(), confirm(), prompt() and beforeunload in the real QtWebEngine on the
real display: asked of the operator in the kiosk's own box over the page, plain text, spoken
and never cached, one at a time, no lock by looping, End always works; window.print() and drags
out of the page save nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt, QTimer, QUrl
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.ui.web.page_dialog import LIMIT, PAGE_TEXT_LIMIT, PageDialogBox
from tests.conftest import ARTIFACTS
from tests.fake_engine import cached_texts, heard, history
from tests.gui import save_screenshot
from tests.guide.web import WAIT
from tests.sealed.hostile import Hostile
from tests.sealed.taps import tap_until
from tests.sealed.test_escape import Session

SHOTS = ARTIFACTS / "sealed"

LEAVE_PAGE = """<!doctype html><html><body>
<button id=b style="position:fixed;left:0;top:0;width:400px;height:300px">press</button>
<script>
b.onclick = () => fetch("/seen?clicked", {cache: "no-store"});  // each press reaches the server
onbeforeunload = (e) => { e.preventDefault(); e.returnValue = "stay!"; };
</script></body></html>"""


class Operator:
    """Answers each box the session shows, from the event loop the box waits in: `replies` in
    order (True: the first button, False: the second, a str: typed, then OK); `seen` keeps
    (kind, site line, page text, text format) of each box."""

    def __init__(self, sealed: Session, replies: list[object] | None = None, shot: str = ""):
        self.sealed, self.replies, self.shot = sealed, list(replies or []), shot
        self.seen: list[tuple[str, str, str, Qt.TextFormat]] = []
        self.hold = False  # leave the box open (a test ends the session under it)
        self.listen = False  # answer only once the box's words have started to play
        dialogs = sealed.session.dialogs
        assert dialogs is not None
        self.dialogs = dialogs
        dialogs.shown.connect(self._shown)

    def _shown(self, box: PageDialogBox) -> None:
        self.seen.append((box.kind, box.site.text(), box.text.text(), box.text.textFormat()))
        if self.hold:
            return
        reply = self.replies.pop(0) if self.replies else True
        QTimer.singleShot(0, lambda: self._act(box, reply))

    def _act(self, box: PageDialogBox, reply: object) -> None:
        words = box.text.text()
        playing = any(words in t for t in heard(self.sealed.ctx.speaker))
        if not shiboken6.isValid(box) or not box.isVisible() or (self.listen and not playing):
            QTimer.singleShot(20, lambda: self._act(box, reply))
            return
        if self.shot:
            save_screenshot(self.sealed.window, SHOTS, self.shot)
            self.shot = ""
        if isinstance(reply, str):
            assert box.field is not None
            box.field.setText(reply)
        tile = box.yes if reply is not False else box.no
        assert tile is not None
        QTest.mouseClick(tile, Qt.MouseButton.LeftButton)


@pytest.fixture
def sealed(qtbot, isolated: Path, hostile: Hostile):
    SHOTS.mkdir(parents=True, exist_ok=True)
    hostile.pages["/leave"] = (LEAVE_PAGE, {})
    session = Session(qtbot, isolated, hostile)
    yield session
    if session.session.outcome is None:
        session.end()


def seen(sealed: Session, what: str) -> bool:
    return f"/seen?{what}" in sealed.hostile.hits


def test_each_dialog_is_asked_of_the_operator_and_answered(
    sealed: Session, qtbot, isolated: Path
) -> None:
    operator = Operator(sealed, [True, True, False, "12345"], shot="page-dialog-confirm")
    operator.listen = True  # each box's words are heard before the operator answers
    sealed.blank()
    sealed.js(
        "alert('Saved'); const c = confirm('Pay 1000?'); const n = confirm('Really?');"
        "const p = prompt('Your code?', 'abc');"
        "fetch('/seen?c=' + c + '&n=' + n + '&p=' + encodeURIComponent(p))"
    )
    qtbot.waitUntil(lambda: seen(sealed, "c=true&n=false&p=12345"), timeout=WAIT)
    assert [kind for kind, *_ in operator.seen] == ["alert", "confirm", "confirm", "prompt"]
    assert all("127.0.0.1" in site for _kind, site, *_ in operator.seen)
    assert [text for _k, _s, text, _f in operator.seen] == [
        "Saved",
        "Pay 1000?",
        "Really?",
        "Your code?",
    ]
    assert all(fmt == Qt.TextFormat.PlainText for *_, fmt in operator.seen)
    # Spoken with the site, as page text: heard, and never kept in the speech cache.
    speaker = sealed.ctx.speaker
    said = [u.text for u in history(speaker)]
    assert any("127.0.0.1" in text and "Pay 1000?" in text for text in said), said
    for words in ("Saved", "Pay 1000?", "Really?", "Your code?"):
        assert any(words in t and "127.0.0.1" in t for t in heard(speaker)), words
    assert not any("Pay 1000?" in t or "Your code?" in t for t in cached_texts(isolated))
    assert sealed.session.dialogs is not None and not sealed.session.dialogs.open


def test_a_megabyte_of_html_and_overrides_is_shown_as_cut_plain_text(
    sealed: Session, qtbot
) -> None:
    operator = Operator(sealed, [True], shot="page-dialog-rich-text")
    sealed.blank()
    sealed.js(
        "const big = \"<a href='http://evil.example/'>Pay</a> \\u202eyap\\u202c now \" +"
        " '\\u202e<b>x</b>\\u0007\\u200f'.repeat(100000);"
        "fetch('/seen?big=' + confirm(big) + '&n=' + big.length)"
    )
    length = len("<a href='http://evil.example/'>Pay</a> \u202eyap\u202c now ") + 11 * 100_000
    qtbot.waitUntil(lambda: seen(sealed, f"big=true&n={length}"), timeout=WAIT)
    [(kind, _site, text, fmt)] = operator.seen
    assert kind == "confirm" and fmt == Qt.TextFormat.PlainText
    assert text.startswith("<a href='http://evil.example/'>Pay</a> yap now <b>x</b>")
    assert len(text) <= PAGE_TEXT_LIMIT + 1 and text.endswith("…")
    assert not any(c in text for c in "\u202e\u202c\u200f\u0007")


def test_a_page_looping_dialogs_gets_a_few_then_none_and_the_operator_is_told(
    sealed: Session, qtbot
) -> None:
    operator = Operator(sealed)  # says yes to every box it is shown
    told: list[bool] = []
    dialogs = operator.dialogs
    dialogs.stopped.connect(lambda: told.append(True))
    sealed.blank()
    sealed.js(
        "let yes = 0; for (let i = 0; i < 40; i++) { if (confirm('again ' + i)) yes++;"
        " alert('and again'); } fetch('/seen?loop=' + yes)"
    )
    qtbot.waitUntil(
        lambda: any(h.startswith("/seen?loop=") for h in sealed.hostile.hits), timeout=WAIT
    )
    assert len(operator.seen) == LIMIT
    assert told == [True] and dialogs.flooded
    assert dialogs.refused == 80 - LIMIT
    # The session goes on: the page loads and End works.
    sealed.blank()
    sealed.end()


def test_end_closes_an_open_dialog_and_ends_the_session(sealed: Session, qtbot) -> None:
    operator = Operator(sealed)
    operator.hold = True  # nobody answers: the operator taps End beside the box
    dialogs = operator.dialogs
    page = sealed.browser.page
    temp = sealed.browser.temp
    ended: list[str] = []
    sealed.session.ended.connect(ended.append)
    open_then: list[bool] = []

    def end_under_the_box(box: PageDialogBox) -> None:
        # From the box's own event loop, as the operator's tap on End would come.
        open_then.append(dialogs.open and box.isVisible())
        QTimer.singleShot(0, lambda: sealed.session.end("abandoned"))

    dialogs.shown.connect(end_under_the_box)
    sealed.blank()
    page.runJavaScript("confirm('Pay now?')")
    qtbot.waitUntil(lambda: bool(ended), timeout=WAIT)
    qtbot.waitUntil(lambda: not shiboken6.isValid(page), timeout=WAIT)
    assert open_then == [True] and len(operator.seen) == 1
    assert not dialogs.open and dialogs.closed and not temp.exists()
    left = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not sealed.window]
    assert left == [] and QApplication.activeModalWidget() is None
    sealed.window.close()


def test_beforeunload_asks_once_and_never_holds_the_kiosk(sealed: Session, qtbot) -> None:
    operator = Operator(sealed, [False])  # the one question: "stay on this page"
    view = sealed.browser.view
    origin = sealed.hostile.origin

    def open_leave_page() -> None:
        loaded: list[bool] = []
        sealed.browser.page.loadFinished.connect(loaded.append)
        view.load(QUrl(f"{origin}/leave"))
        qtbot.waitUntil(lambda: True in loaded, timeout=WAIT)
        sealed.browser.page.loadFinished.disconnect(loaded.append)
        qtbot.waitUntil(lambda: view.focusProxy() is not None, timeout=WAIT)
        clicks = sealed.hostile.hits.count("/seen?clicked")
        # A real press: Chromium asks beforeunload only of a page the user has touched.
        tap_until(
            qtbot,
            lambda: qtbot.mouseClick(
                view.focusProxy(), Qt.MouseButton.LeftButton, pos=QPoint(90, 90)
            ),
            lambda: sealed.hostile.hits.count("/seen?clicked") > clicks,
            "a press on the leave page",
            WAIT,
        )

    # The guide's own navigation: never asked.
    open_leave_page()
    view.load(QUrl(f"{origin}/blank?guide"))
    qtbot.waitUntil(lambda: "/blank?guide" in sealed.hostile.hits, timeout=WAIT)
    assert operator.seen == []
    # The page leaving by itself: asked once; the operator keeps it.
    open_leave_page()
    sealed.browser.page.runJavaScript("location.href = '/blank?first'")
    qtbot.waitUntil(lambda: len(operator.seen) == 1 and not operator.dialogs.open, timeout=WAIT)
    assert operator.seen[0][0] == "leave" and "127.0.0.1" in operator.seen[0][1]
    assert "/blank?first" not in sealed.hostile.hits
    assert sealed.browser.page.url().path() == "/leave"
    # Asked once: the next time it leaves without a question.
    sealed.browser.page.runJavaScript("location.href = '/blank?second'")
    qtbot.waitUntil(lambda: "/blank?second" in sealed.hostile.hits, timeout=WAIT)
    assert len(operator.seen) == 1
    # And the session's end never waits on it.
    open_leave_page()
    sealed.end()
    assert len(operator.seen) == 1


def test_print_and_drag_out_save_nothing(sealed: Session, qtbot) -> None:
    sealed.blank()
    page = sealed.browser.page
    sealed.js("window.print()")
    qtbot.waitUntil(lambda: page.print_refused >= 1, timeout=WAIT)
    assert QApplication.activeModalWidget() is None
    result: list[object] = []
    page.runJavaScript(
        "(() => { const img = document.createElement('img'); document.body.appendChild(img);"
        " const e = new DragEvent('dragstart', {bubbles: true, cancelable: true});"
        " img.dispatchEvent(e); return e.defaultPrevented; })()",
        0,
        result.append,
    )
    qtbot.waitUntil(lambda: bool(result), timeout=WAIT)
    assert result == [True]
    assert list(sealed.browser.temp.iterdir()) == []
    sealed.end()
