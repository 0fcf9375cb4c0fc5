"""The learner's certificate: they type the name to print on it (never a national ID), see it,
and it is saved to a USB stick the operator chooses, or printed if a printer is here.

The signed PDF is made in a private session folder (`<data dir>/sessions/session-*`, swept at
the next start if the kiosk is killed) and removed as soon as the learner leaves the page: the
kiosk keeps no copy of the name. What it keeps is the certificate's serial, course and date,
recorded once it is handed over (`kiosk.services.certificates.record_issued`).
"""

from __future__ import annotations

import datetime as _dt
import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout

from kiosk.core.certificate import NAME_MAX_CHARS, Certificate, name_problem
from kiosk.core.lessons.model import Pack
from kiosk.core.notices import Notice
from kiosk.i18n import N_
from kiosk.services.background import Background
from kiosk.ui.context import UiContext
from kiosk.ui.learn.session import LearnSession
from kiosk.ui.widgets.label import label
from kiosk.ui.widgets.page import Page
from kiosk.ui.widgets.save_dialogs import SaveDialogs
from kiosk.ui.widgets.spoken_field import SpokenField
from kiosk.ui.widgets.tile import Tile

log = logging.getLogger(__name__)

TITLE = N_("Your certificate")
GUIDE = N_(
    "Type your name as you want it printed on your certificate, then touch “Show my "
    "certificate”. Only your name: never a national ID or a phone number."
)
NAME = N_("Your name for the certificate")
SHOW = N_("Show my certificate")
SAVE = N_("Save on a USB stick")
PRINT = N_("Print")
READY = N_(
    "Here is your certificate. Check that your name is right. Then the operator can save it on "
    "a USB stick or print it. To change the name, type it again."
)
CHOOSE_PLACE = N_("Where should the certificate go? Choose the USB stick.")
SAVED = N_("Your certificate is saved. The kiosk keeps no copy of it.")
NOT_SAVED = N_(
    "The certificate could not be saved there. Check that the USB stick is plugged in and not "
    "full, then touch “Save on a USB stick” again."
)
PRINTED = N_("Your certificate was sent to the printer.")
NO_PRINTER = N_("There is no printer here. Save your certificate on a USB stick instead.")
NOT_PRINTED = N_("The certificate could not be printed. Ask the operator to check the printer.")
PREVIEW_DPI = 60  # the preview: an A4 page ~500 px high, readable on the kiosk screen
PRINT_DPI = 300
FILE_NAME = "certificate.pdf"


@dataclass(frozen=True)
class Made:
    """A certificate made for the learner on this page: signed, drawn, its PDF in `pdf`."""

    certificate: Certificate
    code: str
    course: object  # kiosk.services.certificate_pdf.Course
    pdf: Path


class CertificatePage(Page):
    """Name, preview, then save or print. `start(pack, mastered)` before it is opened;
    `wipe()` when the learner leaves it (the Learn screen does)."""

    title_msgid = TITLE
    handed_over = Signal()  # a certificate was saved or printed (and recorded)

    def __init__(self, ctx: UiContext, session: LearnSession, data_dir: Path) -> None:
        super().__init__(ctx)
        self.session = session
        self.data_dir = Path(data_dir)
        self.guide = label("body")
        self.name = SpokenField(ctx, NAME)
        self.name.setObjectName("certificate_name")
        self.name.setMaxLength(NAME_MAX_CHARS * 2)  # a longer one is told, not silently cut
        self.name.setMinimumHeight(ctx.theme.px(72))
        self.name.returnPressed.connect(self.preview)
        self.show_tile = Tile(ctx, "assist_certificate", SHOW, name="tile_learn", icon_px=64)
        self.save_tile = Tile(ctx, "assist_pdf", SAVE, name="tile_help", icon_px=64)
        self.print_tile = Tile(ctx, "assist_print", PRINT, name="tile_help", icon_px=64)
        self.show_tile.activated.connect(self.preview)
        self.save_tile.activated.connect(self.save)
        self.print_tile.activated.connect(self.print_)
        for tile in (self.show_tile, self.save_tile, self.print_tile):
            tile.setMinimumHeight(ctx.theme.px(96))
        self.picture = QLabel()
        self.picture.setObjectName("certificate_preview")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        left = QVBoxLayout()
        left.setSpacing(16)
        left.addWidget(self.guide)
        left.addWidget(self.name)
        left.addWidget(self.show_tile)
        left.addWidget(self.message)
        actions = QHBoxLayout()
        actions.addWidget(self.save_tile)
        actions.addWidget(self.print_tile)
        left.addLayout(actions)
        left.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(24)
        row.addLayout(left, 3)
        row.addWidget(self.picture, 2)
        self.column.addLayout(row, 1)
        # Signing, drawing and copying to a USB stick take time: off the UI thread.
        self.work = Background(self, "making a certificate", notify=self.tell)
        self.work.busy_changed.connect(self._busy)
        self.pack: Pack | None = None
        self.mastered: list[str] = []
        self.made: Made | None = None
        self._folder: Path | None = None
        self.retranslate()
        self._show_made(None)

    # What the Learn screen asks ------------------------------------------------------------
    def start(self, pack: Pack, mastered: list[str]) -> None:
        """A new certificate for the course `pack`, whose lessons `mastered` were mastered."""
        self.wipe()
        self.pack, self.mastered = pack, list(mastered)

    def wipe(self) -> None:
        """Forget the name and remove the certificate's files (the learner left the page)."""
        folder, self._folder = self._folder, None
        self.name.clear()
        self._show_made(None)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)

    def intro(self) -> str:
        return self.ctx.tr(GUIDE)

    def refresh(self) -> None:
        super().refresh()
        self.name.setFocus()

    def retranslate(self) -> None:
        self.guide.setText(self.ctx.tr(GUIDE))

    # Making it -----------------------------------------------------------------------------
    def preview(self) -> None:
        if self.pack is None or self.work.busy:
            return
        problem = name_problem(self.name.text())
        if problem is not None:
            self.tell(problem)
            self.name.setFocus()
            return
        from kiosk.services.session_folders import new_session_folder

        if self._folder is None:
            self._folder = new_session_folder(self.data_dir)
        folder, data_dir = self._folder, self.data_dir
        name, pack, mastered = self.name.text(), self.pack, list(self.mastered)
        today = _dt.date.today()

        def make() -> tuple[Made, QImage]:
            from kiosk.services.certificate_pdf import Course, drawn_apart
            from kiosk.services.certificates import CertificateKey

            made, code = CertificateKey(data_dir).issue(
                name, pack.id, len(mastered), len(pack.course_lessons()), today
            )
            course = Course.of(pack, mastered)
            path = folder / FILE_NAME
            # Drawn by a child process: painting here would hold the GIL and freeze the UI.
            image = drawn_apart(code, course, PREVIEW_DPI, pdf=path)
            return Made(made, code, course, path), image

        self.work.run(make, lambda result: self._made(folder, *result))

    def _made(self, folder: Path, made: Made, image: QImage) -> None:
        if folder is not self._folder:  # the learner left meanwhile: nothing stays
            shutil.rmtree(folder, ignore_errors=True)
            return
        self._show_made(made, image)
        self.tell(Notice(READY), problem=False)

    def _show_made(self, made: Made | None, image: QImage | None = None) -> None:
        self.made = made
        if made is None or image is None:
            self.picture.clear()
            self.picture.hide()
        else:
            # Small enough that the Save and Print tiles stay in view beside it.
            height = self.ctx.theme.px(360)
            self.picture.setPixmap(
                QPixmap.fromImage(image).scaledToHeight(
                    height, Qt.TransformationMode.SmoothTransformation
                )
            )
            self.picture.show()
        self.save_tile.setVisible(made is not None)
        self.print_tile.setVisible(made is not None)

    def _busy(self, busy: bool) -> None:
        for tile in (self.show_tile, self.save_tile, self.print_tile):
            tile.setDisabled(busy)

    # Handing it over -----------------------------------------------------------------------
    def save(self) -> None:
        made = self.made
        if made is None or self.work.busy:
            return
        path = SaveDialogs.pdf_path(self, self.ctx.tr(CHOOSE_PLACE), FILE_NAME)
        if not path:
            return
        # A USB stick can take seconds: copied in the background.
        self.work.run(
            lambda: shutil.copyfile(made.pdf, path),
            lambda _: self._handed_over(made, "saved", SAVED),
            lambda _error: self.tell(Notice(NOT_SAVED)),
        )

    def print_(self) -> None:
        made = self.made
        if made is None or self.work.busy:
            return
        if not SaveDialogs.printer_available():
            self.tell(Notice(NO_PRINTER))
            return
        printer = SaveDialogs.printer(self)
        if printer is None:
            return
        from kiosk.services.certificate_pdf import drawn_apart

        self.work.run(
            lambda: drawn_apart(made.code, made.course, PRINT_DPI),
            lambda image: self._print_image(made, printer, image),
            lambda _error: self.tell(Notice(NOT_PRINTED)),
        )

    def _print_image(self, made: Made, printer, image: QImage) -> None:
        printer.setFullPage(True)
        painter = QPainter()
        if not painter.begin(printer):
            self.tell(Notice(NOT_PRINTED))
            return
        try:
            painter.drawImage(QRectF(0, 0, printer.width(), printer.height()), image)
        finally:
            painter.end()
        self._handed_over(made, "printed", PRINTED)

    def _handed_over(self, made: Made, how: str, msgid: str) -> None:
        from kiosk.services.certificates import record_issued

        learner_id = self.session.learner_id
        if learner_id is not None:
            record_issued(self.session.store.db, made.certificate, learner_id, how)
        log.info("learn: a certificate was %s", how)
        self.tell(Notice(msgid), problem=False)
        self.handed_over.emit()
