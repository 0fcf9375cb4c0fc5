"""A portal page's `<input type=file>`: the kiosk's own picker, a large box over the page (never
Qt's file dialog, which would show the whole disk and remember the folder).

It lists files, not folders: the session's downloads and each USB stick the operator puts in,
one level of subfolders deep (`kiosk.services.upload_files`: regular files only, never a link or
anything outside its place, at most `MAX_PICKER_FILES`, filtered by the page's `accept` types).
The operator taps a file (or several, when the page takes several) and OK; Cancel gives the page
nothing. Nothing is remembered: the next picker lists afresh.

Title and instructions are the kiosk's words (spoken and cacheable); file names are the
citizen's: shown as plain text without control or direction-override characters, spoken only as
private text (never cached), never logged. The box opens through the session's `PageDialogs`
(`may_open`, `hold`): one box of either kind at a time, answered "no" when the session ends.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.authored import compose
from kiosk.i18n import N_, format_list, format_number
from kiosk.services.background import Background
from kiosk.services.upload_files import Candidate, Listing, list_files, places_for, still_allowed
from kiosk.ui.context import UiContext
from kiosk.ui.guard import guarded
from kiosk.ui.icons import pixmap
from kiosk.ui.web.page_dialog import CANCEL, OK, PageDialogs, plain_page_text, site_in_words
from kiosk.ui.widgets.label import label
from kiosk.ui.widgets.tile import Tile

NAME_CHARS = 100  # a longer file name is shown cut in its middle, its ending kept

TITLE_ONE = N_("Choose the citizen's file for the website")
TITLE_MANY = N_("Choose the citizen's files for the website")
ASKS = N_("The website {site} asks for a file.")
HOW_ONE = N_(
    "Tap the file, then OK. Only the files downloaded in this session and those on a USB "
    "stick are shown."
)
HOW_MANY = N_(
    "Tap each file to send, then OK; tap a file again to leave it out. Only the files "
    "downloaded in this session and those on a USB stick are shown."
)
ACCEPTS = N_("The website takes only these kinds of file: {types}")
LOOKING = N_("Looking for files…")
NO_FILES = N_("No files here. Put in the citizen's USB stick, wait a moment, then tap Look again.")
NONE_OF_KIND = N_(
    "No file here is of a kind the website takes. Put in a USB stick with the right file, "
    "then tap Look again."
)
MORE = N_(
    "There are more files than the {count} shown here. If the citizen's file is not in the "
    "list, copy it to the top of a USB stick, then tap Look again."
)
UNREADABLE = N_(
    "The files could not be read. Take the USB stick out, put it back in, then tap Look again."
)
LOOK_AGAIN = N_("Look again")
IN_SESSION = N_("Downloaded in this session, {size}")
ON_STICK = N_("On the USB stick {stick}, {size}")
IN_FOLDER = N_("On the USB stick {stick}, in the folder {folder}, {size}")
BYTES = N_("{size} bytes")
KILOBYTES = N_("{size} KB")
MEGABYTES = N_("{size} MB")


def shown_name(name: str) -> str:
    """A file name as the operator reads it: plain text, cut in its middle past `NAME_CHARS`
    (the ending, with the kind of file, kept), isolated for right-to-left text."""
    clean = plain_page_text(name).replace("\n", " ").replace("\t", " ")
    if len(clean) > NAME_CHARS:
        clean = clean[: NAME_CHARS - 21] + "…" + clean[-20:]
    return "\u2068" + clean + "\u2069"


class FilePickerBox(QFrame):
    """The box: title, the site, how to choose, the list, OK / Look again / Cancel.
    `answered(accepted, candidates)` once."""

    answered = Signal(bool, list)

    def __init__(
        self,
        ctx: UiContext,
        site: str,
        multiple: bool,
        types: Sequence[str],
        session_folder: Path | None,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.multiple, self.types = ctx, multiple, tuple(types)
        self.session_folder = session_folder
        self.setObjectName("file_picker")
        self.setAutoFillBackground(True)
        self._done = False
        self.listing: Listing | None = None
        self.work = Background(self, "listing the files a page may be given")
        px = ctx.theme.px
        column = QVBoxLayout(self)
        column.setContentsMargins(px(32), px(24), px(32), px(24))
        column.setSpacing(px(12))
        top = QHBoxLayout()
        self.picture = QLabel()
        size = ctx.theme.icon_px(64)
        self.picture.setPixmap(pixmap("notice", size))
        self.picture.setFixedSize(size, size)
        self.title = label("file_picker_title", big=True)
        self.title.setText(ctx.tr(TITLE_MANY if multiple else TITLE_ONE))
        top.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.title, 1)
        column.addLayout(top)
        self.site = label("file_picker_site")
        self.site.setText(ctx.tr(ASKS, site=site))
        self.how = label("file_picker_how")
        self.how.setText(ctx.tr(HOW_MANY if multiple else HOW_ONE))
        self.accepts = label("file_picker_accepts")
        shown_types = [plain_page_text(t)[:40] for t in self.types[:12] if t.strip()]
        self.accepts.setText(ctx.tr(ACCEPTS, types=format_list(shown_types, ctx.language.code)))
        self.accepts.setVisible(bool(shown_types))
        self.status = label("file_picker_status", big=True)
        for line in (self.site, self.how, self.accepts, self.status):
            column.addWidget(line)
        self.list = QListWidget()
        self.list.setObjectName("file_picker_list")
        self.list.setWordWrap(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSelectionMode(
            QAbstractItemView.SelectionMode.MultiSelection
            if multiple
            else QAbstractItemView.SelectionMode.SingleSelection
        )
        self.list.setIconSize(QSize(ctx.theme.icon_px(40), ctx.theme.icon_px(40)))
        self.list.itemClicked.connect(self._tapped)
        self.list.itemSelectionChanged.connect(self._selection_changed)
        column.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.setSpacing(px(24))
        self.ok = Tile(ctx, "tick", OK, name="file_picker_ok", icon_px=48, horizontal=True)
        self.ok.activated.connect(lambda: self.answer(True))
        self.again = Tile(
            ctx, "look_again", LOOK_AGAIN, name="file_picker_again", icon_px=48, horizontal=True
        )
        self.again.activated.connect(self.look)
        self.cancel = Tile(ctx, "cross", CANCEL, name="file_picker_no", icon_px=48, horizontal=True)
        self.cancel.activated.connect(lambda: self.answer(False))
        for tile in (self.ok, self.again, self.cancel):
            tile.setMinimumHeight(px(72))
            row.addWidget(tile)
        column.addLayout(row)
        self.ok.setEnabled(False)
        self.work.busy_changed.connect(self.again.setDisabled)
        blank = QPixmap(self.list.iconSize())
        blank.fill(Qt.GlobalColor.transparent)
        self._icons = (QIcon(blank), QIcon(pixmap("tick", self.list.iconSize().width())))
        p = ctx.theme.palette
        self.setStyleSheet(
            f"QFrame#file_picker {{ background: {p.window}; border: {px(6)}px solid "
            f"{p.notice_text}; border-radius: {px(12)}px; }}"
            "QLabel#file_picker_title, QLabel#file_picker_site, QLabel#file_picker_how, "
            f"QLabel#file_picker_accepts, QLabel#file_picker_status {{ color: {p.text}; "
            f"font-size: {px(24)}px; background: transparent; }}"
            f"QLabel#file_picker_title, QLabel#file_picker_status {{ font-size: {px(28)}px; }}"
            f"QListWidget {{ font-size: {px(24)}px; color: {p.text}; background: {p.window}; "
            f"border: {px(2)}px solid {p.muted_text}; }}"
            # Every row has the chosen row's ring width (transparent), so choosing one never
            # changes the room its two lines have.
            f"QListWidget::item {{ min-height: {px(72)}px; padding: {px(4)}px; "
            f"border: {px(6)}px solid transparent; border-bottom-color: {p.muted_text}; }}"
            # Chosen: as a chosen quiz answer (a ring, and the tick: never colour alone).
            f"QListWidget::item:selected {{ background: {p.help}; color: {p.tile_text}; "
            f"border: {px(6)}px solid {p.selected}; }}"
            f"QScrollBar:vertical {{ width: {px(40)}px; }}"
        )
        self.look()

    def spoken(self) -> str:
        """What is said as the box opens: the kiosk's own words (cacheable)."""
        return compose(self.title.text(), self.how.text())

    def look(self) -> None:
        """List the places' files (again: a stick may have been put in), off the UI thread."""
        folder, types = self.session_folder, self.types
        started = self.work.run(
            lambda: list_files(places_for(folder), types), self._listed, self._failed
        )
        if started:
            self.list.clear()
            self.ok.setEnabled(False)
            self.status.setText(self.ctx.tr(LOOKING))
            self.status.show()

    def _listed(self, listing: Listing) -> None:
        self.listing = listing
        self.list.clear()
        for index, candidate in enumerate(listing.files):
            item = QListWidgetItem(self._icons[0], self.row_text(candidate))
            item.setData(Qt.ItemDataRole.UserRole, index)
            self.list.addItem(item)
        if not listing.files:
            message = NONE_OF_KIND if listing.other_kinds else NO_FILES
            self.status.setText(self.ctx.tr(message))
        elif listing.more:
            self.status.setText(self.ctx.tr(MORE, count=len(listing.files)))
        else:
            self.status.setText("")
        self.status.setVisible(bool(self.status.text()))
        if self.status.text():
            self.ctx.say(self.status.text())

    def _failed(self, _error: BaseException) -> None:
        self.status.setText(self.ctx.tr(UNREADABLE))
        self.status.show()
        self.ctx.say(self.status.text())

    def row_text(self, candidate: Candidate) -> str:
        """Two lines: the file's name, then where it is and its size."""
        size = self.size_text(candidate.size)
        place = candidate.place
        if place.kind == "session":
            where = self.ctx.tr(IN_SESSION, size=size)
        elif candidate.folder:
            where = self.ctx.tr(
                IN_FOLDER,
                stick=shown_name(place.name),
                folder=shown_name(candidate.folder),
                size=size,
            )
        else:
            where = self.ctx.tr(ON_STICK, stick=shown_name(place.name), size=size)
        name = shown_name(candidate.path.name)
        return name + "\n" + where  # not a sentence: the file's name above where it is

    def size_text(self, size: int) -> str:
        lang = self.ctx.language.code
        if size < 1024:
            return self.ctx.tr(BYTES, size=format_number(size, lang))
        if size < 1024 * 1024:
            return self.ctx.tr(KILOBYTES, size=format_number(round(size / 1024), lang))
        return self.ctx.tr(MEGABYTES, size=format_number(round(size / 1024 / 1024, 1), lang))

    def chosen(self) -> list[Candidate]:
        if self.listing is None:
            return []
        rows = sorted(self.list.row(item) for item in self.list.selectedItems())
        return [self.listing.files[self.list.item(r).data(Qt.ItemDataRole.UserRole)] for r in rows]

    def _tapped(self, item: QListWidgetItem) -> None:
        # The citizen's file name: a plain str, spoken but never cached.
        self.ctx.say(item.text())

    def _selection_changed(self) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setIcon(self._icons[1] if item.isSelected() else self._icons[0])
        self.ok.setEnabled(bool(self.list.selectedItems()))

    def answer(self, accepted: bool) -> None:
        if self._done:
            return
        self._done = True
        self.answered.emit(accepted, self.chosen() if accepted else [])

    @guarded
    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.answer(False)
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.ok.isEnabled():
            self.answer(True)
        else:
            super().keyPressEvent(event)


class FilePicker(QObject):
    """The operator's side of one session's `<input type=file>` (see the module's text)."""

    shown = Signal(object)  # the FilePickerBox now shown (tests find it here)

    def __init__(
        self, dialogs: PageDialogs, session_folder: Path | None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.dialogs = dialogs
        self.session_folder = session_folder

    def choose(
        self, cover: QWidget | None, origin: str, multiple: bool, types: Sequence[str]
    ) -> list[str] | None:
        """Show the picker over `cover` (the web view) and wait: the chosen files' paths ([]
        for Cancel), or None when no box may open now (another is open, the session is ending,
        the page opened too many)."""
        if not self.dialogs.may_open(cover):
            return None
        assert cover is not None
        box = FilePickerBox(
            self.dialogs.ctx, site_in_words(origin), multiple, types, self.session_folder, cover
        )
        answer = self.dialogs.hold(box, cover, box.list, box.spoken(), self.shown)
        if not answer or not answer[0]:
            return []
        # Checked again: a file may have been swapped for a link since it was listed.
        return [str(c.path) for c in answer[1] if still_allowed(c)][: None if multiple else 1]
