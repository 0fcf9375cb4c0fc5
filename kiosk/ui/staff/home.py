"""The staff home page: what the signed-in role may do, as large tiles."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from kiosk.core.staff_rules import ROLE_TITLES, Role
from kiosk.i18n import N_, Np_, format_list, format_number, localize_digits
from kiosk.services.background import Background
from kiosk.services.staff_access import StaffAccess
from kiosk.ui.context import UiContext
from kiosk.ui.icons import faults as picture_faults
from kiosk.ui.widgets.page import Page
from kiosk.ui.widgets.tile import Tile
from kiosk.ui.widgets.tile_grid import TileGrid

PACKS_IN_USE = N_("Lesson packs in use: {packs}.")
NO_PACKS = N_("No lesson pack is in use.")
PACK = Np_(
    "{title} (version {version}, {count} lesson)", "{title} (version {version}, {count} lessons)"
)
BULLET = "    • "
SERVICES_SKIPPED = Np_(
    "Get help skipped {count} fault in its services. To fix: correct the file named; "
    "“kiosk flows validate” checks it.",
    "Get help skipped {count} faults in its services. To fix: correct the files named; "
    "“kiosk flows validate” checks them.",
)

# (key, pictogram, label, roles allowed)
ACTIONS = (
    ("settings", "settings", N_("Settings"), {Role.ADMIN}),
    ("accounts", "people", N_("Staff accounts"), {Role.ADMIN}),
    ("sync", "staff_sync", N_("Learning records"), {Role.ADMIN}),
    ("updates", "staff_updates", N_("Content updates"), {Role.ADMIN}),
    ("learners", "profile_new", N_("Learners and classes"), {Role.ADMIN, Role.TRAINER}),
    (
        "verify_certificate",
        "assist_certificate",
        N_("Verify a certificate"),
        {Role.ADMIN, Role.TRAINER},
    ),
    ("record_voice", "assist_record", N_("Record narration"), {Role.ADMIN, Role.TRAINER}),
    ("assist_report", "assist_report", N_("Assisted sessions"), {Role.ADMIN, Role.OPERATOR}),
    ("record_flow", "assist_record", N_("Record a portal"), {Role.ADMIN, Role.OPERATOR}),
    ("flow_health", "assist_health", N_("Check a flow"), {Role.ADMIN, Role.OPERATOR}),
    ("leave_kiosk", "exit", N_("Leave kiosk mode"), {Role.ADMIN}),
    ("help_citizen", "help", N_("Help a citizen"), {Role.ADMIN, Role.OPERATOR}),
    ("sign_out", "lock", N_("Sign out"), {Role.ADMIN, Role.TRAINER, Role.OPERATOR}),
)


class StaffHomePage(Page):
    """Tiles for the signed-in role; Sign out for everyone."""

    title_msgid = N_("Staff")
    forms = True
    speech_controls = True

    def __init__(self, ctx: UiContext, access: StaffAccess) -> None:
        super().__init__(ctx)
        self.access = access
        self.tiles: dict[str, Tile] = {}
        for key, pictogram, label, _roles in ACTIONS:
            tile = Tile(ctx, pictogram, label, name=f"staff_{key}", icon_px=72)
            tile.activated.connect(lambda key=key: self._act(key))
            self.tiles[key] = tile
        self.column.addWidget(self.message)
        self.packs = QLabel()
        self.packs.setObjectName("body")
        self.packs.setWordWrap(True)
        self.packs.setTextFormat(Qt.TextFormat.PlainText)
        self.column.addWidget(self.packs)
        # The faults of the services and flows Get help skipped (for those who record flows).
        self.services = QLabel()
        self.services.setObjectName("body")
        self.services.setWordWrap(True)
        self.services.setTextFormat(Qt.TextFormat.PlainText)
        self.services.hide()
        self.column.addWidget(self.services)
        self.grid: TileGrid | None = None
        # Loading and validating every pack takes a while: off the UI thread.
        self.reading = Background(self, "reading the lesson packs")
        self._packs: tuple[list, list] | None = None  # (packs, broken) as last read
        self.reading_services = Background(self, "reading the services")
        self._service_faults: list | None = None  # as last read

    def refresh(self) -> None:
        super().refresh()
        role = self.access.role
        shown = [self.tiles[key] for key, *_rest, roles in ACTIONS if role in roles]
        for tile in self.tiles.values():
            tile.setParent(self)  # out of the old grid before it goes
            tile.hide()
        if self.grid is not None:
            self.column.removeWidget(self.grid)
            self.grid.deleteLater()
        self.grid = TileGrid(self.ctx.theme, shown, min_tile_width=220)
        self.column.addWidget(self.grid)
        self.grid.show()
        for tile in shown:
            tile.show()
        self.packs.setVisible(role in (Role.ADMIN, Role.TRAINER))
        if self.packs.isVisible():
            from kiosk.services.lessons import load_packs

            self.packs.setText(self.pack_report() if self._packs is not None else "")
            self.reading.run(load_packs, self._packs_read)
        self.services.setVisible(role in (Role.ADMIN, Role.OPERATOR) and bool(self._service_faults))
        if role in (Role.ADMIN, Role.OPERATOR):
            from kiosk.services.assist_catalog import load_services, service_folders

            folders = service_folders(self.access.data_dir)
            self.reading_services.run(lambda: load_services(folders)[1], self._services_read)

    def _packs_read(self, found: tuple[list, list]) -> None:
        self._packs = found
        self.retranslate()

    def _services_read(self, faults: list) -> None:
        self._service_faults = faults
        self.services.setVisible(
            self.access.role in (Role.ADMIN, Role.OPERATOR) and bool(self._service_faults)
        )
        self.retranslate()

    def retranslate(self) -> None:
        if self._packs is not None:
            self.packs.setText(self.pack_report())
        if self._service_faults is not None:
            self.services.setText(self.service_report())

    def service_report(self, shown: int = 8) -> str:
        """The faults of the services and flows Get help skipped, each naming its file."""
        from kiosk.services.assist_catalog import fault_lines

        lines = fault_lines(self._service_faults or [])
        if not lines:
            return ""
        head = self.ctx.trn(SERVICES_SKIPPED, len(lines), count=format_number(len(lines)))
        return "\n".join([head, *(BULLET + line for line in lines[:shown])])

    def pack_report(self, faults_per_pack: int = 8) -> str:
        """Which lesson packs are installed, and every broken one with its first faults."""
        packs, broken = self._packs or ([], [])
        lang = self.ctx.language.code
        described = [
            self.ctx.trn(
                PACK,
                len(p.lessons()),
                title=p.title.get(lang),
                version=localize_digits(p.version),
                count=format_number(len(p.lessons())),
            )
            for p in packs
        ]
        lines = [
            self.ctx.tr(PACKS_IN_USE, packs=format_list(described))
            if described
            else self.ctx.tr(NO_PACKS)
        ]
        for report in broken:
            lines.append(
                self.ctx.trn(
                    Np_(
                        "Skipped, with {count} fault: {pack}. To fix: correct this file.",
                        "Skipped, with {count} faults: {pack}. To fix: correct these files.",
                    ),
                    len(report.faults),
                    count=len(report.faults),
                    pack=report.path.name,
                )
            )
            lines += [BULLET + fault.text() for fault in report.faults[:faults_per_pack]]
        # Pictures a screen could not show (drawn as a placeholder), each naming its file.
        lines += [notice.text() for notice in list(picture_faults().values())[:faults_per_pack]]
        return "\n".join(lines)

    def intro(self) -> str:
        account = self.access.account
        if account is None:
            return self.ctx.tr(self.title_msgid)
        return self.ctx.tr(
            N_("Signed in as {name}, {role}."),
            name=account.name,
            role=self.ctx.tr(ROLE_TITLES[account.role]),
        )

    def _act(self, key: str) -> None:
        if key == "help_citizen":
            self.access.start_duty()
            self.navigate.emit("help")  # out of the staff area (signed out), still on duty
        elif key == "sign_out":
            self.navigate.emit("home")  # leaving the staff area signs out
        elif key == "leave_kiosk":
            self.access.audit("kiosk.leave_kiosk_mode")
            self.access.leave_kiosk_requested.emit()
        else:
            self.go.emit(key)
