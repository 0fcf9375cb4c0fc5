"""Who is signed in as staff, and the door to the staff directory: the model staff screens view."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from kiosk.core.staff_rules import Role
from kiosk.services.database import Database

if TYPE_CHECKING:
    from kiosk.services.config import Settings
    from kiosk.services.staff import SignInResult, StaffAccount, StaffDirectory

log = logging.getLogger(__name__)


class StaffAccess(QObject):
    """The staff session: sign in, sign out, the signed-in account, audited changes."""

    signed_in = Signal(object)  # StaffAccount
    signed_out = Signal()
    # An admin asked to leave kiosk mode (the shell obliges).
    leave_kiosk_requested = Signal()

    def __init__(
        self,
        data_dir: Path,
        settings: Settings,
        database: Database,
    ) -> None:
        super().__init__()
        self.data_dir = Path(data_dir)
        self.settings = settings
        self.database = database
        self.account: StaffAccount | None = None
        self.on_duty: StaffAccount | None = None  # the operator sitting with citizens
        # The account picked on the sign-in page, whose PIN is asked next.
        self.chosen: StaffAccount | None = None
        self._directory: StaffDirectory | None = None

    def directory(self) -> StaffDirectory:
        """The staff directory (NoticeError saying why if the database is not open)."""
        store = self.database.store
        if self._directory is None or self._directory.store is not store:
            from kiosk.services.staff import open_directory

            self._directory = open_directory(
                store, self.data_dir, str(self.settings["staff_keyring"])
            )
        return self._directory

    @property
    def role(self) -> Role | None:
        return self.account.role if self.account else None

    def sign_in(self, account_id: str, pin: str) -> SignInResult:
        """Try `pin`; on success the account is signed in (all on this thread)."""
        check = self.start_sign_in(account_id)
        if not callable(check):
            return check
        return self.finish_sign_in(account_id, check(pin))

    def start_sign_in(self, account_id: str):
        """A result (locked), or `check(pin)` to run in the background (StaffDirectory)."""
        return self.directory().start_sign_in(account_id)

    def finish_sign_in(self, account_id: str, matched: bool | None) -> SignInResult:
        """Record what `check(pin)` found; on success the account is signed in."""
        from kiosk.services.staff import SignIn

        result = self.directory().finish_sign_in(account_id, matched)
        if result.outcome is SignIn.OK:
            self.account = result.account
            log.info("staff: %s signed in", result.account.role.value)
            self.signed_in.emit(result.account)
        return result

    def start_duty(self) -> None:
        """The signed-in operator (or admin) will sit with citizens: assisted sessions are
        recorded under them until the kiosk is left idle or they sign in again."""
        if self.account is not None and self.account.role in (Role.OPERATOR, Role.ADMIN):
            self.on_duty = self.account
            self.audit("assist.on_duty")

    def end_duty(self) -> None:
        self.on_duty = None

    @property
    def helper(self) -> StaffAccount | None:
        """Who is helping a citizen now: the signed-in account, else the one on duty."""
        return self.account or self.on_duty

    def sign_out(self) -> None:
        """Nobody is signed in any more."""
        self.chosen = None
        if self.account is not None:
            self.account = None
            self.signed_out.emit()

    def audit(self, action: str, details: Mapping[str, object] | None = None) -> None:
        """Record a change made by the signed-in account (NoticeError if the database is not
        open: nobody can be signed in then)."""
        from kiosk.services.staff import audit

        if self.account is not None:
            audit(self.database.store, self.account, action, details)
