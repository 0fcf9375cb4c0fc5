"""A portal page's <input type=file> in the real QtWebEngine on the real display: the kiosk's own
picker opens (never Qt's file dialog), lists only the session's downloads and the USB stick's
regular files (never a link out, never a hidden name), the operator's choice reaches the page
(its name and size), Cancel gives it nothing, `accept` filters, `multiple` takes several, a
stick of thousands lists the cap and says so, and the session's end closes an open picker."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt, QTimer, QUrl
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.exceptions import TimeoutError as NotYet

from kiosk.core.limits import MAX_PICKER_FILES
from kiosk.ui.application import apply_direction
from kiosk.ui.web.file_picker import HOW_ONE, MORE, TITLE_ONE, FilePickerBox
from tests.conftest import ARTIFACTS
from tests.fake_engine import cached_texts, heard, history
from tests.gui import save_screenshot
from tests.guide.web import WAIT
from tests.sealed.hostile import Hostile
from tests.sealed.test_escape import Session

SHOTS = ARTIFACTS / "sealed"

# The file input fills the top of the view; its change handler reports each file's name and
# size, its cancel handler that the chooser was dismissed.
UPLOAD = """<!doctype html><html><head><meta charset=utf-8></head><body>
<input id=file type=file __ATTRS__
 style="position:fixed;left:0;top:0;width:600px;height:300px">
<script>
const seen = (what) => fetch("/seen?" + what, {cache: "no-store"});
file.addEventListener("click", () => seen("clicked"));
file.addEventListener("change", () => seen("files=" + [...file.files].map(
  (f) => encodeURIComponent(f.name) + ":" + f.size).join(",")));
file.addEventListener("cancel", () => seen("cancel"));
</script></body></html>"""

RTL_NAME = "\u202efdp.exe\u202c" + "n" * 235 + ".pdf"  # an override, and as long as ext4 allows


class Operator:
    """Answers each picker the session shows, from the event loop the picker waits in:
    `pick(box)` names the files to tap (None: Cancel). `listed` keeps each picker's files."""

    def __init__(self, sealed: Session, pick: Callable[[FilePickerBox], list[str] | None]):
        self.sealed, self.pick = sealed, pick
        self.boxes: list[FilePickerBox] = []
        self.listed: list[list[Path]] = []
        self.rows: list[list[str]] = []
        self.status: list[str] = []
        self.accepts: list[str] = []  # the page's accept types, as the operator is shown them
        self.row_heights: list[int] = []
        self.modal: list[object] = []
        self.shot = ""
        self.hold = False  # leave the picker open
        self.listen = False  # say OK only once the tapped file's name is heard
        picker = sealed.browser.picker
        assert picker is not None
        picker.shown.connect(self._shown)

    def _shown(self, box: FilePickerBox) -> None:
        self.boxes.append(box)
        if not self.hold:
            QTimer.singleShot(0, lambda: self._act(box))

    def _act(self, box: FilePickerBox) -> None:
        if not shiboken6.isValid(box) or not box.isVisible() or box.listing is None:
            QTimer.singleShot(20, lambda: self._act(box))
            return
        files = box.listing.files
        self.listed.append([c.path for c in files])
        self.rows.append([box.list.item(i).text() for i in range(box.list.count())])
        self.status.append(box.status.text())
        self.accepts.append(box.accepts.text() if box.accepts.isVisible() else "")
        self.modal.append(QApplication.activeModalWidget())
        names = self.pick(box) if box is self.boxes[0] else None  # a repeated tap: Cancel
        if names is None:
            QTest.mouseClick(box.cancel, Qt.MouseButton.LeftButton)
            return
        for name in names:
            [row] = [i for i, c in enumerate(files) if c.path.name == name]
            item = box.list.item(row)
            box.list.scrollToItem(item)
            rect = box.list.visualItemRect(item)
            self.row_heights.append(rect.height())
            QTest.mouseClick(box.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        self._ok(box, names[-1] if names else "")

    def _ok(self, box: FilePickerBox, name: str) -> None:
        """OK, once the last tapped file's name has started to play (with `listen`)."""
        playing = any(name in t for t in heard(self.sealed.ctx.speaker))
        if self.listen and not playing:
            QTimer.singleShot(20, lambda: self._ok(box, name))
            return
        assert box.ok.isEnabled()
        if self.shot:
            save_screenshot(self.sealed.window, SHOTS, self.shot)
        QTest.mouseClick(box.ok, Qt.MouseButton.LeftButton)


@pytest.fixture
def stick(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A USB stick (a folder the picker is pointed at) with what a citizen's stick holds."""
    root = tmp_path / "stick"
    (root / "letters" / "deeper").mkdir(parents=True)
    (root / "scan.pdf").write_bytes(b"%PDF scan of the ID card")
    (root / "notes.txt").write_bytes(b"notes")
    (root / ".hidden.pdf").write_bytes(b"hidden")
    (root / "letters" / "certificate.pdf").write_bytes(b"%PDF the certificate, longer")
    (root / "letters" / "deeper" / "too-deep.pdf").write_bytes(b"two levels down")
    (root / RTL_NAME).write_bytes(b"%PDF odd name")
    (root / "passwd.pdf").symlink_to("/etc/passwd")
    (root / "inside-link.pdf").symlink_to(root / "scan.pdf")
    (root / "etc").symlink_to("/etc")
    monkeypatch.setenv("KIOSK_REMOVABLE_ROOTS", str(root))
    return root


@pytest.fixture
def sealed(qtbot, isolated: Path, hostile: Hostile, stick: Path):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for path, attrs in (
        ("/upload", ""),
        ("/upload-pdf", 'accept=".pdf"'),
        ("/upload-many", "multiple"),
    ):
        hostile.pages[path] = (UPLOAD.replace("__ATTRS__", attrs), {})
    session = Session(qtbot, isolated, hostile)
    yield session
    if session.session.outcome is None:
        session.end()


def download(sealed: Session, qtbot, name: str, body: str) -> Path:
    """A file the portal gives the session (a real download into the session's folder)."""
    with qtbot.waitSignal(sealed.browser.downloaded, timeout=WAIT) as done:
        sealed.browser.view.load(QUrl(f"{sealed.hostile.origin}/download?name={name}&body={body}"))
    return Path(done.args[0])


def choose_on(sealed: Session, qtbot, path: str, opened: Callable[[], bool]) -> None:
    """Load the upload page and tap its file input (again, until the page has seen a tap: the
    first may come before the page is laid out), then wait until `opened()`."""
    loaded: list[bool] = []
    sealed.browser.page.loadFinished.connect(loaded.append)
    sealed.browser.view.load(QUrl(f"{sealed.hostile.origin}{path}"))
    qtbot.waitUntil(lambda: True in loaded, timeout=WAIT)
    sealed.browser.page.loadFinished.disconnect(loaded.append)
    view = sealed.browser.view
    qtbot.waitUntil(lambda: view.focusProxy() is not None, timeout=WAIT)
    clicked = sealed.hostile.hits.count("/seen?clicked")

    def tapped() -> bool:
        return opened() or sealed.hostile.hits.count("/seen?clicked") > clicked

    for _attempt in range(20):  # a tap the page missed is repeated once it had a second
        qtbot.mouseClick(view.focusProxy(), Qt.MouseButton.LeftButton, pos=QPoint(200, 150))
        try:
            qtbot.waitUntil(tapped, timeout=1000)
            break
        except NotYet:
            continue
    try:
        qtbot.waitUntil(opened, timeout=WAIT)
    except NotYet as error:
        raise AssertionError(f"hits {sealed.hostile.hits} refused {sealed.refused}") from error


def seen(sealed: Session, what: str) -> bool:
    return f"/seen?{what}" in sealed.hostile.hits


def no_file_dialog() -> bool:
    return not any(isinstance(w, QFileDialog) for w in QApplication.allWidgets())


def test_the_picker_lists_only_allowed_files_and_the_choice_reaches_the_page(
    sealed: Session, qtbot, isolated: Path, stick: Path
) -> None:
    receipt = download(sealed, qtbot, "receipt.pdf", "the receipt")
    operator = Operator(sealed, lambda _box: ["certificate.pdf"])
    operator.shot, operator.listen = "file-picker", True
    choose_on(sealed, qtbot, "/upload", lambda: bool(operator.boxes))
    size = len(b"%PDF the certificate, longer")
    qtbot.waitUntil(lambda: seen(sealed, f"files=certificate.pdf:{size}"), timeout=WAIT)
    # Exactly the allowed files: the session's download first, then the stick's top level by
    # name, then its one subfolder; no link (even to a file inside), no hidden name, nothing two
    # levels down, nothing in the folder a link leads to.
    assert operator.listed[0] == (
        [
            receipt,
            stick / "notes.txt",
            stick / "scan.pdf",
            stick / RTL_NAME,
            stick / "letters" / "certificate.pdf",
        ]
    )
    rows = operator.rows[0]
    # Plain text rows: the override dropped, the long name cut, where each file is said.
    assert not any("\u202e" in row or "\u202c" in row for row in rows)
    assert all(len(row.split("\n")[0]) <= 110 for row in rows)
    assert "letters" in rows[4] and "certificate.pdf" in rows[4]
    assert all(height >= 64 for height in operator.row_heights)
    assert set(operator.modal) == {None} and no_file_dialog()
    # The kiosk's words spoken (and cacheable); the file's name heard when tapped, never cached.
    speaker = sealed.ctx.speaker
    said = [u.text for u in history(speaker)]
    title = sealed.ctx.tr(TITLE_ONE)
    assert any(title in text and sealed.ctx.tr(HOW_ONE) in text for text in said)
    assert any("certificate.pdf" in text for text in said)
    assert any("certificate.pdf" in t for t in heard(speaker))
    assert not any("certificate.pdf" in t for t in cached_texts(isolated))
    # The picker is gone; the page goes on, and nothing the picker saw is in the data dir.
    assert not any(shiboken6.isValid(b) and b.isVisible() for b in operator.boxes)
    sealed.end()
    for path in isolated.rglob("*"):
        if path.is_file():
            assert b"certificate.pdf" not in path.read_bytes(), path


def test_cancel_gives_the_page_nothing(sealed: Session, qtbot) -> None:
    operator = Operator(sealed, lambda _box: None)
    choose_on(sealed, qtbot, "/upload", lambda: bool(operator.boxes))
    qtbot.waitUntil(lambda: seen(sealed, "cancel"), timeout=WAIT)
    assert not any(hit.startswith("/seen?files") for hit in sealed.hostile.hits)
    assert operator.listed and no_file_dialog()


def test_accept_filters_the_list(sealed: Session, qtbot, stick: Path) -> None:
    operator = Operator(sealed, lambda _box: ["scan.pdf"])
    choose_on(sealed, qtbot, "/upload-pdf", lambda: bool(operator.boxes))
    qtbot.waitUntil(lambda: seen(sealed, "files=scan.pdf:24"), timeout=WAIT)
    assert operator.listed[0] == [
        stick / "scan.pdf",
        stick / RTL_NAME,
        stick / "letters" / "certificate.pdf",
    ]
    assert ".pdf" in operator.accepts[0]


def test_multiple_mode_gives_several_files(sealed: Session, qtbot) -> None:
    sealed.ctx.language.set_language("fa")  # and the picker in Persian, right to left
    apply_direction("fa")
    operator = Operator(sealed, lambda _box: ["scan.pdf", "notes.txt"])
    operator.shot = "file-picker-fa-multiple"
    choose_on(sealed, qtbot, "/upload-many", lambda: bool(operator.boxes))
    qtbot.waitUntil(lambda: seen(sealed, "files=notes.txt:5,scan.pdf:24"), timeout=WAIT)


def test_a_single_file_input_takes_one_file(sealed: Session, qtbot) -> None:
    operator = Operator(sealed, lambda _box: ["scan.pdf", "notes.txt"])  # taps two
    choose_on(sealed, qtbot, "/upload", lambda: bool(operator.boxes))
    qtbot.waitUntil(lambda: seen(sealed, "files=notes.txt:5"), timeout=WAIT)  # the last tap


def test_a_stick_of_thousands_lists_the_cap_and_says_so(
    sealed: Session, qtbot, stick: Path
) -> None:
    many = stick / "photos"
    many.mkdir()
    for n in range(5000):
        (many / f"photo-{n:04}.jpg").write_bytes(b"x")
    operator = Operator(sealed, lambda _box: None)
    choose_on(sealed, qtbot, "/upload", lambda: bool(operator.boxes))
    qtbot.waitUntil(lambda: seen(sealed, "cancel"), timeout=WAIT)
    listed = operator.listed[0]
    assert len(listed) == MAX_PICKER_FILES
    assert listed[:3] == [stick / "notes.txt", stick / "scan.pdf", stick / RTL_NAME]
    told = sealed.ctx.tr(MORE, count=MAX_PICKER_FILES)
    assert operator.status[0] == told
    assert any(told in u.text for u in history(sealed.ctx.speaker))


def test_no_files_says_what_to_do(
    sealed: Session, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "no-stick"
    empty.mkdir()
    monkeypatch.setenv("KIOSK_REMOVABLE_ROOTS", str(empty))
    operator = Operator(sealed, lambda _box: None)
    choose_on(sealed, qtbot, "/upload", lambda: bool(operator.boxes))
    qtbot.waitUntil(lambda: seen(sealed, "cancel"), timeout=WAIT)
    assert operator.listed[0] == []
    assert "USB" in operator.status[0]


def test_with_another_box_open_the_file_chooser_is_refused(sealed: Session, qtbot) -> None:
    """The page has opened too many boxes (or one is open): no picker, the operator is told."""
    operator = Operator(sealed, lambda _box: ["scan.pdf"])
    dialogs = sealed.session.dialogs
    assert dialogs is not None
    dialogs.flooded = True
    refused = ("file", sealed.hostile.origin)
    choose_on(sealed, qtbot, "/upload", lambda: refused in sealed.refused)
    assert operator.boxes == [] and no_file_dialog()


def test_the_sessions_end_closes_an_open_picker(sealed: Session, qtbot) -> None:
    operator = Operator(sealed, lambda _box: None)
    operator.hold = True  # nobody answers: the operator taps End beside the picker
    temp = sealed.browser.temp
    ended: list[str] = []
    sealed.session.ended.connect(ended.append)
    operator.sealed.browser.picker.shown.connect(
        lambda _box: QTimer.singleShot(0, lambda: sealed.session.end("abandoned"))
    )
    page = sealed.browser.page
    choose_on(sealed, qtbot, "/upload", lambda: bool(operator.boxes))
    qtbot.waitUntil(lambda: bool(ended) and not shiboken6.isValid(page), timeout=WAIT)
    assert not temp.exists()
    assert not any(hit.startswith("/seen?files") for hit in sealed.hostile.hits)
    left = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not sealed.window]
    assert left == [] and QApplication.activeModalWidget() is None and no_file_dialog()
    sealed.window.close()


def test_files_are_never_listed_through_links(tmp_path: Path) -> None:
    """The listing itself, without a page: a stick whose root is a link lists nothing."""
    from kiosk.services.upload_files import Place, list_files

    real = tmp_path / "real"
    real.mkdir()
    (real / "a.pdf").write_bytes(b"a")
    link = tmp_path / "link"
    link.symlink_to(real)
    assert list_files([Place("removable", link, "link")]).files == ()
    assert [c.path for c in list_files([Place("removable", real, "real")]).files] == [
        real / "a.pdf"
    ]
