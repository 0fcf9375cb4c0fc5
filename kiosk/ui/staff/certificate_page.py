"""Verify a certificate: staff type (or scan into the field) a certificate's code and learn,
offline, whether this kiosk issued it and what it says; a forged or altered code is refused."""

from __future__ import annotations

from kiosk.core.certificate import CodeRefused, described
from kiosk.core.notices import Notice, NoticeError
from kiosk.i18n import N_
from kiosk.services.background import Background
from kiosk.services.certificates import CertificateKey, course_title
from kiosk.services.staff_access import StaffAccess
from kiosk.ui.context import UiContext
from kiosk.ui.widgets.page import Page
from kiosk.ui.widgets.spoken_field import SpokenField

CODE_LABEL = N_("Certificate code")
VERIFY = N_("Verify")


class CertificatePage(Page):
    """A field for the code, Verify, and the verdict on the message line."""

    title_msgid = N_("Verify a certificate")
    forms = True
    speech_controls = True

    def __init__(self, ctx: UiContext, access: StaffAccess) -> None:
        super().__init__(ctx)
        self.access = access
        self.code = SpokenField(ctx, CODE_LABEL)
        self.code.setObjectName("certificate_code")
        self.code.setMaxLength(2000)
        self.code.returnPressed.connect(self.verify)
        self.verify_button = self.button(VERIFY, "certificate_verify", self.verify)
        self.column.addWidget(self.code)
        self.column.addWidget(self.verify_button)
        self.column.addWidget(self.message)
        self.column.addStretch(1)
        # Reading the key and the pack's title touch the disk: off the UI thread.
        self.work = Background(self, "verifying a certificate", notify=self.tell)
        self.work.busy_changed.connect(self.verify_button.setDisabled)
        self.retranslate()

    def retranslate(self) -> None:
        self.retranslate_buttons()

    def refresh(self) -> None:
        super().refresh()
        self.code.clear()
        self.code.setFocus()

    def verify(self) -> None:
        code, folder = self.code.text(), self.access.data_dir
        lang = self.ctx.language.code

        def check() -> tuple[bool, Notice]:
            try:
                made = CertificateKey(folder).verify(code)
            except CodeRefused as refused:
                return False, refused.notice
            except NoticeError as error:
                return False, error.notice
            return True, described(made, course_title(made.pack_id, lang), lang)

        self.work.run(check, self._checked)

    def _checked(self, result: tuple[bool, Notice]) -> None:
        valid, notice = result
        self.tell(notice, problem=not valid)
