"""Staff accounts: roles, PIN sign-in with lockout and back-off, admin unlock, and the audit log.

Accounts (name, role, lockout state) live in the store; PIN hashes in the keyring
(kiosk.services.secrets). Every change a staff member makes is written to `audit_log` with
`audit()`, in the same transaction as the change itself.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum

from kiosk.core.notices import Notice, NoticeError
from kiosk.core.staff_rules import (
    ATTEMPTS_BEFORE_LOCK,
    Role,
    lock_seconds,
    name_problem,
    pin_problem,
)
from kiosk.i18n import N_
from kiosk.services.secrets import PinVault
from kiosk.services.store import Store

# The actor of changes made from the machine's shell (`kiosk staff reset-admin`).
SHELL_ACTOR = "shell"


@dataclass(frozen=True)
class StaffAccount:
    """One staff member as stored (no PIN here)."""

    id: str
    name: str
    role: Role
    failures: int = 0
    locked_until: float = 0.0

    def locked_for(self, now: float) -> int:
        """Whole seconds until the account unlocks by itself (0: not locked)."""
        return max(0, int(self.locked_until - now + 0.999))


class SignIn(Enum):
    """What a PIN attempt came to."""

    OK = "ok"
    WRONG = "wrong"
    LOCKED = "locked"
    NO_PIN = "no_pin"


@dataclass(frozen=True)
class SignInResult:
    """The outcome of one attempt, with what the screen needs to say."""

    outcome: SignIn
    account: StaffAccount
    attempts_left: int = 0
    wait_seconds: int = 0


def audit(
    store: Store,
    actor: StaffAccount | str,
    action: str,
    details: Mapping[str, object] | None = None,
) -> None:
    """Record that `actor` did `action` (e.g. "settings.change") with `details`.

    `details` name what changed (setting keys and values, account names, pack ids): never
    citizen data, never a PIN. Inside an open `store.transaction()` the row joins it;
    otherwise it is written in its own transaction.
    """
    if isinstance(actor, StaffAccount):
        actor_id, actor_name = actor.id, actor.name
    else:
        actor_id, actor_name = "", actor
    row = {
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "actor_id": actor_id,
        "actor": actor_name,
        "action": action,
        "details": json.dumps(dict(details or {}), ensure_ascii=False, sort_keys=True),
    }
    if store.db.conn.in_transaction:
        store.db["audit_log"].insert(row)
    else:
        with store.transaction() as db:
            db["audit_log"].insert(row)


def audit_rows(store: Store) -> list[dict]:
    """The audit log, oldest first, with `details` decoded (a test seam: the tests read it)."""
    rows = list(store.db["audit_log"].rows_where(order_by="id"))
    for row in rows:
        row["details"] = json.loads(row["details"] or "{}")
    return rows


def _refuse(msgid: str, **params: object) -> NoticeError:
    return NoticeError(Notice(msgid, params))


class StaffDirectory:
    """The staff accounts of this kiosk and every change to them (each one audited)."""

    def __init__(
        self, store: Store, vault: PinVault, clock: Callable[[], float] = time.time
    ) -> None:
        self.store = store
        self.vault = vault
        self.clock = clock

    # Reading ---------------------------------------------------------------------------
    def accounts(self) -> list[StaffAccount]:
        """Every account, admins first, then by name."""
        order = {Role.ADMIN: 0, Role.TRAINER: 1, Role.OPERATOR: 2}
        found = [self._account(row) for row in self.store.db["staff"].rows]
        return sorted(found, key=lambda a: (order[a.role], a.name.casefold()))

    def get(self, account_id: str) -> StaffAccount:
        """The account `account_id` (KeyError if gone)."""
        rows = list(self.store.db["staff"].rows_where("id = ?", [account_id]))
        if not rows:
            raise KeyError(account_id)
        return self._account(rows[0])

    def has_admin(self) -> bool:
        """Whether any admin account exists (if not, the kiosk asks to create one)."""
        return any(a.role is Role.ADMIN for a in self.accounts())

    @staticmethod
    def _account(row: dict) -> StaffAccount:
        return StaffAccount(
            row["id"],
            row["name"],
            Role(row["role"]),
            int(row["failures"] or 0),
            float(row["locked_until"] or 0),
        )

    # Signing in ------------------------------------------------------------------------
    def sign_in(self, account_id: str, pin: str) -> SignInResult:
        """Check `pin` for the account; five wrong in a row lock it, each more for longer."""
        check = self.start_sign_in(account_id)
        if isinstance(check, SignInResult):
            return check
        return self.finish_sign_in(account_id, check(pin))

    def start_sign_in(self, account_id: str) -> SignInResult | Callable[[str], bool | None]:
        """The database part before a PIN check: a result if the account is locked, else the
        check itself, `check(pin)` -> matched (None: no PIN stored). The check reads the
        keyring and runs scrypt, touches no database: it may run off the UI thread
        (kiosk.services.background); its answer goes to `finish_sign_in` on this thread."""
        account = self.get(account_id)
        wait = account.locked_for(self.clock())
        if wait:
            return SignInResult(SignIn.LOCKED, account, wait_seconds=wait)
        vault = self.vault

        def check(pin: str) -> bool | None:
            if not vault.has_pin(account_id):
                return None
            return vault.check(account_id, pin)

        return check

    def finish_sign_in(self, account_id: str, matched: bool | None) -> SignInResult:
        """Record the outcome of `check(pin)` from `start_sign_in`: clear or count failures."""
        account = self.get(account_id)
        now = self.clock()
        wait = account.locked_for(now)
        if wait:  # locked meanwhile (another attempt finished first)
            return SignInResult(SignIn.LOCKED, account, wait_seconds=wait)
        if matched is None:
            return SignInResult(SignIn.NO_PIN, account)
        if matched:
            if account.failures or account.locked_until:
                self._set_lock(account.id, 0, 0.0)
            return SignInResult(SignIn.OK, self.get(account_id))
        failures = account.failures + 1
        locked = lock_seconds(failures)
        with self.store.transaction():
            self._set_lock(account.id, failures, now + locked if locked else 0.0)
            if locked:
                audit(
                    self.store,
                    account,
                    "staff.locked",
                    {"account": account.name, "seconds": locked},
                )
        account = self.get(account_id)
        if locked:
            return SignInResult(SignIn.LOCKED, account, wait_seconds=locked)
        return SignInResult(SignIn.WRONG, account, attempts_left=ATTEMPTS_BEFORE_LOCK - failures)

    def _set_lock(self, account_id: str, failures: int, until: float) -> None:
        self.store.db["staff"].update(account_id, {"failures": failures, "locked_until": until})

    # Changing (each audited) -----------------------------------------------------------
    def create(self, actor: StaffAccount | str, name: str, role: Role, pin: str) -> StaffAccount:
        """A new account with `pin` (NoticeError saying what to fix if name or PIN is wrong)."""
        name = " ".join(name.split())
        problem = name_problem(name, {a.name for a in self.accounts()})
        if problem:
            raise _refuse(problem)
        problem = pin_problem(pin)
        if problem:
            raise _refuse(problem)
        account = StaffAccount(uuid.uuid4().hex, name, Role(role))
        # The PIN first: if the keyring refuses it, no account without a PIN is left behind.
        self.vault.set_pin(account.id, pin)
        try:
            with self.store.transaction() as db:
                db["staff"].insert(
                    {
                        "id": account.id,
                        "name": account.name,
                        "role": account.role.value,
                        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
                        "failures": 0,
                        "locked_until": 0.0,
                    }
                )
                audit(self.store, actor, "staff.create", {"account": name, "role": role.value})
        except BaseException:
            self.vault.forget(account.id)
            raise
        return account

    def set_pin(self, actor: StaffAccount | str, account_id: str, pin: str) -> None:
        """Give the account a new PIN and lift any lock."""
        problem = pin_problem(pin)
        if problem:
            raise _refuse(problem)
        account = self.get(account_id)
        self.vault.set_pin(account.id, pin)
        with self.store.transaction():
            self._set_lock(account.id, 0, 0.0)
            audit(self.store, actor, "staff.set_pin", {"account": account.name})

    def unlock(self, actor: StaffAccount | str, account_id: str) -> None:
        """Lift the lock of `account_id` now (admins)."""
        account = self.get(account_id)
        with self.store.transaction():
            self._set_lock(account.id, 0, 0.0)
            audit(self.store, actor, "staff.unlock", {"account": account.name})

    def set_role(self, actor: StaffAccount | str, account_id: str, role: Role) -> None:
        """Change the role of `account_id`; the last admin stays an admin."""
        account = self.get(account_id)
        if account.role is Role.ADMIN and role is not Role.ADMIN and self._admins() == 1:
            raise _refuse(N_("This is the only administrator: make another one first."))
        with self.store.transaction() as db:
            db["staff"].update(account.id, {"role": Role(role).value})
            audit(
                self.store,
                actor,
                "staff.set_role",
                {"account": account.name, "role": Role(role).value},
            )

    def remove(self, actor: StaffAccount | str, account_id: str) -> None:
        """Delete `account_id` and its PIN; the last admin cannot be removed."""
        account = self.get(account_id)
        if account.role is Role.ADMIN and self._admins() == 1:
            raise _refuse(N_("This is the only administrator: make another one first."))
        with self.store.transaction() as db:
            db["staff"].delete(account.id)
            audit(self.store, actor, "staff.remove", {"account": account.name})
        self.vault.forget(account.id)

    def _admins(self) -> int:
        return sum(1 for a in self.accounts() if a.role is Role.ADMIN)

    def reset_admin(self, name: str, pin: str) -> StaffAccount:
        """From the machine's shell: give admin `name` a new PIN and unlock it, or create it."""
        for account in self.accounts():
            if account.name.casefold() == " ".join(name.split()).casefold():
                if account.role is not Role.ADMIN:
                    self.set_role(SHELL_ACTOR, account.id, Role.ADMIN)
                self.set_pin(SHELL_ACTOR, account.id, pin)
                return self.get(account.id)
        return self.create(SHELL_ACTOR, name, Role.ADMIN, pin)


def open_directory(store: Store, data_dir, preference: str = "auto") -> StaffDirectory:
    """The staff directory over `store`, PINs in the system keyring or the data-dir file."""
    from kiosk.services.secrets import choose_backend

    return StaffDirectory(store, PinVault(choose_backend(data_dir, preference)))
