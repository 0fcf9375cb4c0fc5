"""Content updates (admins): what is installed, what the mirror or a USB stick offers, install
and roll back — each install and rollback audited.

Checking, downloading, verifying and installing run through Background (network, USB stick,
hashing, unpacking); the page only shows the results and writes the audit rows.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout

from kiosk.core.notices import Notice, NoticeError
from kiosk.i18n import N_, Np_, format_number
from kiosk.services.background import Background
from kiosk.services.content import Installed, installed
from kiosk.services.staff_access import StaffAccess
from kiosk.services.updates import NO_SOURCE, Offer, Source, Updater, find_usb
from kiosk.ui.context import UiContext
from kiosk.ui.widgets.page import Page

INSTALLED = N_("“{name}” ({kind}): version {version} in use; previous version {previous}.")
INSTALLED_FIRST = N_("“{name}” ({kind}): version {version} in use.")
NOTHING_INSTALLED = N_("No content updates are installed; the kiosk uses its bundled content.")
AVAILABLE = N_("“{name}” ({kind}): version {version} available ({size} MB).")
UP_TO_DATE = N_("Everything from {source} is installed.")
FOUND = Np_(
    "{count} update found at {source}. Tap “Install updates” to install it.",
    "{count} updates found at {source}. Tap “Install updates” to install them.",
)
INSTALLED_NOW = Np_("{count} update installed and in use.", "{count} updates installed and in use.")
ROLLED_BACK = N_("“{name}” is back at version {version}.")
ROLL_BACK = N_("Roll back “{name}”")
KIND_NAMES = {
    "lessons": N_("lesson pack"),
    "flows": N_("practice flows"),
    "services": N_("services"),
    "voices": N_("voice pack"),
}


class UpdatesPage(Page):
    """Installed bundles, then what was found, then Check, Check USB, Install, Roll back."""

    title_msgid = N_("Content updates")
    forms = True

    def __init__(self, ctx: UiContext, access: StaffAccess) -> None:
        super().__init__(ctx)
        self.access = access
        self.installed_label = self._text("updates_installed")
        self.offers_label = self._text("updates_available")
        self.column.addWidget(self.installed_label)
        self.column.addWidget(self.offers_label)
        self.column.addWidget(self.message)
        self.check_button = self.button(N_("Check the mirror"), "updates_check", self.check_mirror)
        self.usb_button = self.button(N_("Check a USB stick"), "updates_usb", self.check_usb)
        self.install_button = self.button(
            N_("Install updates"), "updates_install", self.install, colour="learn"
        )
        for button in (self.check_button, self.usb_button, self.install_button):
            self.column.addWidget(button)
        self.rollbacks = QVBoxLayout()
        self.column.addLayout(self.rollbacks)
        self.work = Background(self, "content updates", notify=self.tell)
        for button in (self.check_button, self.usb_button, self.install_button):
            self.work.busy_changed.connect(button.setDisabled)
        self.bundles: list[Installed] = []
        self.offers: list[Offer] = []
        self.source: Source | None = None
        self.retranslate()

    def _text(self, name: str) -> QLabel:
        text = QLabel()
        text.setObjectName(name)
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        return text

    @property
    def data_dir(self):
        return self.access.data_dir

    def refresh(self) -> None:
        super().refresh()
        self.bundles = installed(self.data_dir)  # reads a few small files: the links and marks
        self._show()

    def retranslate(self) -> None:
        self.retranslate_buttons()
        self._show()

    def _name(self, title: dict[str, str] | None, bundle_id: str) -> str:
        if title:
            return title.get(self.ctx.language.code) or next(iter(title.values()))
        return bundle_id

    def _show(self) -> None:
        tr = self.ctx.tr
        lines = []
        for bundle in self.bundles:
            params = {
                "name": self._name(bundle.title, bundle.id),
                "kind": tr(KIND_NAMES[bundle.kind]),
                "version": format_number(bundle.version),
            }
            if bundle.previous is None:
                lines.append(tr(INSTALLED_FIRST).format(**params))
            else:
                lines.append(
                    tr(INSTALLED).format(**params, previous=format_number(bundle.previous))
                )
        self.installed_label.setText("\n".join(lines) or tr(NOTHING_INSTALLED))
        self.offers_label.setText(
            "\n".join(
                tr(AVAILABLE).format(
                    name=self._name(offer.title, offer.id),
                    kind=tr(KIND_NAMES[offer.kind]),
                    version=format_number(offer.version),
                    size=format_number(max(0.1, round(offer.length / 2**20, 1))),
                )
                for offer in self.offers
            )
        )
        self.offers_label.setVisible(bool(self.offers))
        self.install_button.setVisible(bool(self.offers))
        self._rollback_buttons()

    def _rollback_buttons(self) -> None:
        while self.rollbacks.count():
            widget = self.rollbacks.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        for bundle in self.bundles:
            if bundle.previous is None:
                continue
            button = QPushButton(
                self.ctx.tr(ROLL_BACK).format(name=self._name(bundle.title, bundle.id))
            )
            button.setObjectName(f"updates_rollback_{bundle.kind}_{bundle.id}")
            button.clicked.connect(lambda _=False, b=bundle: self.roll_back(b))
            self.work.busy_changed.connect(button.setDisabled)
            self.rollbacks.addWidget(button)
            button.show()  # at once: a layout shows a new child of a shown page only later

    # Actions -------------------------------------------------------------------------------

    def check_mirror(self) -> None:
        url = str(self.ctx.settings["update_url"])
        if not url:
            self.tell(Notice(NO_SOURCE))
            return
        self._check(lambda: Source(url))

    def check_usb(self) -> None:
        def locate() -> Source:
            found = find_usb()
            if found is None:
                raise NoticeError(Notice(NO_SOURCE))
            return Source(str(found))

        self._check(locate)

    def _check(self, locate) -> None:
        data_dir = self.data_dir

        def check() -> tuple[Source, list[Offer]]:
            source = locate()
            return source, Updater(data_dir, source).check()

        self.work.run(check, self._checked)

    def _checked(self, found: tuple[Source, list[Offer]]) -> None:
        self.source, self.offers = found
        self._show()
        where = {"source": self.source.location}
        if self.offers:
            count = len(self.offers)
            params = {**where, "count": format_number(count)}
            self.tell(Notice.counted(FOUND, count, params), problem=False)
        else:
            self.tell(Notice(UP_TO_DATE, where), problem=False)

    def install(self) -> None:
        if not self.offers or self.source is None:
            return
        data_dir, source, offers = self.data_dir, self.source, list(self.offers)
        done: list[Installed] = []

        hear = self._narration_reload()

        def install_all() -> list[Installed]:
            updater = Updater(data_dir, source)
            updater.check()  # the metadata may have moved on since: verify again
            try:
                for offer in offers:
                    done.append(updater.install(offer))
            finally:
                hear(done)
            return done

        def failed(error: BaseException) -> None:
            self._audit_installs(done, source)  # those before the failure are in use
            self.offers = offers[len(done) :]
            self.refresh()
            from kiosk.services.background import notice_for

            self.tell(notice_for(error))

        self.work.run(install_all, lambda result: self._installed(result, source), failed)

    def _audit_installs(self, done: list[Installed], source: Source) -> None:
        for bundle in done:
            self.access.audit(
                "content.install",
                {
                    "kind": bundle.kind,
                    "id": bundle.id,
                    "version": bundle.version,
                    "previous": bundle.previous,
                    "source": source.location,
                },
            )

    def _installed(self, done: list[Installed], source: Source) -> None:
        self._audit_installs(done, source)
        self.offers = []
        self.refresh()
        count = {"count": format_number(len(done))}
        self.tell(Notice.counted(INSTALLED_NOW, len(done), count), problem=False)

    def roll_back(self, bundle: Installed) -> None:
        from kiosk.services.content_install import rollback

        data_dir, hear = self.data_dir, self._narration_reload()

        def roll_back() -> Installed:
            back = rollback(data_dir, bundle.kind, bundle.id)
            hear([back])
            return back

        self.work.run(roll_back, self._rolled_back)

    def _narration_reload(self):
        """A function for the worker: after voice packs changed, the speaker's recordings are
        read again, so the new voice is heard at once (no restart)."""
        narration = getattr(self.ctx.speaker, "narration", None)

        def hear(changed: list[Installed]) -> None:
            if narration is not None and any(b.kind == "voices" for b in changed):
                narration.reload()  # builds the new index, then swaps it in

        return hear

    def _rolled_back(self, bundle: Installed) -> None:
        self.access.audit(
            "content.rollback",
            {
                "kind": bundle.kind,
                "id": bundle.id,
                "version": bundle.version,
                "from": bundle.previous,
            },
        )
        self.refresh()
        name = self._name(bundle.title, bundle.id)
        self.tell(
            Notice(ROLLED_BACK, {"name": name, "version": format_number(bundle.version)}),
            problem=False,
        )
