"""The session page: the sealed browser beside the guide panel, a large privacy notice on
citizen-private steps, what the browser refused, receipt buttons, and Finish."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout

from kiosk.core.flows import events as ev
from kiosk.core.notices import Notice
from kiosk.i18n import N_
from kiosk.services.background import Background
from kiosk.ui.assist.pages import pick
from kiosk.ui.assist.receipt import ReceiptDialogs, save_pdf
from kiosk.ui.assist.session import AssistSession
from kiosk.ui.context import UiContext
from kiosk.ui.icons import pixmap
from kiosk.ui.web.page_dialog import STOPPED as DIALOGS_STOPPED
from kiosk.ui.widgets.label import label
from kiosk.ui.widgets.page import Page
from kiosk.ui.widgets.tile import Tile

TILE_ICON_PX = 40  # as the guide panel's own buttons (kiosk.ui.web.panel)

log = logging.getLogger(__name__)

PRIVATE = N_(
    "Private step. Operator: please look away now. The citizen types alone; nothing typed "
    "is shown, spoken or kept."
)
REFUSED = N_(
    "The page tried to open {address}. Only the service's own site is allowed in an assisted "
    "session, so it was not opened."
)
REFUSED_SAY = N_(
    "The page tried to open another site. It is not allowed here, so it was not opened."
)
FILE_REFUSED = N_(
    "The page asked for a file, but the kiosk cannot show its files now: another message is "
    "open, or the page has opened too many. Answer the open message, then tap the page's "
    "button again; if nothing opens, end the session."
)
PAGE_SAYS = N_("The page says: {message}")
PRINT = N_("Print the receipt")
SAVE_PDF = N_("Save the receipt as PDF")
SAVE_FILE = N_("Save the downloaded file")
NO_PRINTER = N_("There is no printer here. You can save the receipt as a PDF file instead.")
SAVED = N_("The receipt is saved. The kiosk keeps no copy.")
SAVING = N_("Saving the file. Please wait.")
NOT_SAVED = N_("The receipt could not be saved there. Try another place or a USB stick.")
PRINTED = N_("The receipt was sent to the printer.")
CHOOSE_PLACE = N_("Where should the file go?")
FINISH = N_("Finish")
END = N_("End the session")


class SessionPage(Page):
    """A view of an `AssistSession`; `leave()` is asked for with Finish / End (or Back).
    No title: the guide panel names the service, and the page gets the room."""

    leave = Signal()
    fills_screen = True  # the browser and the guide get the screen's room

    def __init__(self, ctx: UiContext, session: AssistSession) -> None:
        super().__init__(ctx)
        from kiosk.ui.web.panel import PAGE_MIN_PX, GuidePanel

        self.session = session
        browser, guide = session.browser, session.guide
        assert browser is not None and guide is not None
        self.view = browser.view
        # The page keeps a least height a page can be used in, not one that grows with the text
        # (px(420) made the whole session scroll at 200 %); it takes whatever more there is.
        self.view.setMinimumHeight(PAGE_MIN_PX)
        self.panel = GuidePanel(ctx, guide)
        self.panel.setMinimumWidth(ctx.theme.px(360))
        self._private_step = False
        self._download: Path | None = None
        side = QVBoxLayout()
        side.setSpacing(12)
        self.privacy = QFrame()
        self.privacy.setObjectName("assist_privacy")
        banner = QHBoxLayout(self.privacy)
        self.privacy_picture = QLabel()
        self.privacy_text = label("assist_privacy_text")
        banner.addWidget(self.privacy_picture, 0, Qt.AlignmentFlag.AlignVCenter)
        banner.addWidget(self.privacy_text, 1)
        self.privacy.hide()
        self.print_tile = self._tile("assist_print", PRINT, "assist_print", self._print)
        self.pdf_tile = self._tile("assist_pdf", SAVE_PDF, "assist_pdf", self._save_pdf)
        self.file_tile = self._tile("assist_pdf", SAVE_FILE, "assist_file", self._save_file)
        self.end_tile = self._tile("close", END, "assist_end", self.leave.emit)
        self.finish_tile = self._tile("guide_ok", FINISH, "assist_finish", self.leave.emit)
        self.finish_tile.hide()
        self.copying = Background(self, "copying a download")
        self.copying.busy_changed.connect(self.file_tile.setDisabled)
        side.addWidget(self.panel, 1)
        for tile in (self.print_tile, self.pdf_tile, self.file_tile):
            tile.hide()
            side.addWidget(tile)
        # End and Finish beside the guide's Repeat: one row of the side column, not two.
        for tile in (self.end_tile, self.finish_tile):
            self.panel.add_control(tile)
        # What the kiosk answers (the receipt saved, a site refused) goes under the web page,
        # not under the guide: appearing there it squeezed the guide panel, and its OK moved up
        # under the finger reaching for it (onto Repeat). The page only shows less at its foot.
        browsing = QVBoxLayout()
        browsing.addWidget(self.view, 1)
        browsing.addWidget(self.message)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(browsing, 3)
        row.addLayout(side, 2)
        self.column.setSpacing(-1)  # the style's spacing, as before: the browser gets the room
        self.column.addWidget(self.privacy)  # across the top, where both people see it
        self.column.addLayout(row, 1)
        session.step_shown.connect(self._on_step)
        session.finished.connect(self._on_finished)
        # The look-away notice opens a private step's instruction: one utterance, said once.
        guide.set_preface(self._preface)
        browser.refused.connect(self._on_refused)
        browser.page_message.connect(self._on_page_message)
        if session.dialogs is not None:
            session.dialogs.stopped.connect(self._on_dialogs_stopped)
        browser.downloaded.connect(self._on_download)
        ctx.theme.changed.connect(self._restyle)
        self._restyle()
        self.retranslate()

    def _tile(self, pictogram: str, msgid: str, name: str, slot) -> Tile:
        tile = Tile(self.ctx, pictogram, msgid, name=name, icon_px=TILE_ICON_PX, horizontal=True)
        tile.activated.connect(slot)
        return tile

    def _restyle(self) -> None:
        p, px = self.ctx.theme.palette, self.ctx.theme.px
        self.privacy.setStyleSheet(
            f"QFrame#assist_privacy {{ background: {p.notice_bg}; border: 6px solid "
            f"{p.notice_text}; border-radius: {px(12)}px; }} QLabel {{ color: {p.notice_text}; "
            f"font-size: {px(30)}px; font-weight: bold; background: transparent; }}"
        )
        # White pictograms need a dark ground on the yellow notice.
        self.privacy_picture.setStyleSheet(
            f"background: {p.notice_text}; border-radius: {px(16)}px;"
        )
        self.privacy_picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        size = self.ctx.theme.icon_px(80)
        self.privacy_picture.setPixmap(pixmap("assist_private", size))
        self.privacy_picture.setFixedSize(size + 24, size + 24)

    # ---- the session --------------------------------------------------------------------

    def _on_step(self, show: ev.ShowStep) -> None:
        self._private_step = show.step.kind == "citizen_private"
        self.privacy.setVisible(self._private_step)
        receipt = show.step.id in self.session.service.receipt
        self.print_tile.setVisible(receipt)
        self.pdf_tile.setVisible(receipt)

    def intro(self) -> str:
        return pick(self.session.service.flow.title, self.ctx.language.code)

    def on_back(self) -> bool:
        self.leave.emit()
        return True

    def _preface(self, show: ev.ShowStep) -> str:
        """What the guide says before a step's instruction: on a private step, look away."""
        return self.ctx.tr(PRIVATE) if show.step.kind == "citizen_private" else ""

    def _on_finished(self, outcome: str) -> None:
        self.privacy.hide()
        self._private_step = False
        self.finish_tile.setVisible(outcome == "completed")
        self.end_tile.setVisible(outcome != "completed")
        self.panel.place_controls()

    def _on_refused(self, kind: str, origin: str) -> None:
        if kind == "frame":
            return  # an embedded frame: blocked quietly, the page itself goes on
        if kind == "file":  # the kiosk's file picker could not open (another box is open)
            self.tell(Notice(FILE_REFUSED))
            return
        self.tell(
            Notice(REFUSED, {"address": "\u2066" + origin + "\u2069"}), say=Notice(REFUSED_SAY)
        )

    def _on_page_message(self, message: str) -> None:
        # Page text: a plain str, so the notice's text is too, and its speech is never cached.
        self.tell(Notice(PAGE_SAYS, {"message": message[:300]}))

    def _on_dialogs_stopped(self) -> None:
        self.tell(Notice(DIALOGS_STOPPED))

    def _on_download(self, path: str) -> None:
        self._download = Path(path)
        self.file_tile.show()

    def _say_and_show(self, msgid: str) -> None:
        self.tell(Notice(msgid))

    # ---- receipts -----------------------------------------------------------------------

    def _print(self) -> None:
        if not ReceiptDialogs.printer_available():
            self._say_and_show(NO_PRINTER)
            self.pdf_tile.show()
            return
        ReceiptDialogs.print_view(
            self.view, lambda ok: self._say_and_show(PRINTED if ok else NOT_SAVED)
        )

    def _save_pdf(self) -> None:
        path = ReceiptDialogs.pdf_path(self, self.ctx.tr(CHOOSE_PLACE), "receipt.pdf")
        if path:
            save_pdf(self.view, path, lambda ok: self._say_and_show(SAVED if ok else NOT_SAVED))

    def _save_file(self) -> None:
        source = self._download
        if source is None or not source.exists() or self.copying.busy:
            return
        path = ReceiptDialogs.pdf_path(self, self.ctx.tr(CHOOSE_PLACE), source.name)
        if path:
            # A USB stick can take seconds: copied in the background, the page keeps going.
            self.copying.run(
                lambda: shutil.copyfile(source, path),
                lambda _: self._say_and_show(SAVED),
                lambda _error: self._say_and_show(NOT_SAVED),
            )
            self._say_and_show(SAVING)

    def retranslate(self) -> None:
        self.privacy_text.setText(self.ctx.tr(PRIVATE))

    def detach(self) -> None:
        """The session is over: the panel goes (the browser deleted the view already)."""
        self.panel.setParent(None)
        self.panel.deleteLater()
